// `ros-vpc-ipsec doctor` and `ros-vpc-ipsec status`: gather both ends (router API, cloud API, cloud log text),
// judge with the pure verdict, print it. Exit codes: 0 healthy, 1 not healthy, 2 could not look.
import { readFileSync } from "node:fs";
import { AlicloudVpcApi } from "../alicloud/api";
import { alicloudConnectionSettings } from "../alicloud/dialect";
import { readAlicloudEvidence } from "../alicloud/evidence";
import { alicloudEndView } from "../alicloud/readback";
import { cloudReportsUp, verdict, type CloudEvidence, type Expected, type RouterEvidence } from "../diagnose/verdict";
import { readRouterEvidence, readRouterStatus } from "../routeros/evidence";
import { routerOsEndView } from "../routeros/readback";
import { renderRouterOsRows } from "../routeros/render";
import { RouterOsSession } from "../routeros/session";
import type { EndView } from "../spec/ends";
import type { TunnelSpec } from "../spec/types";
import { TencentVpcApi } from "../tencent/api";
import { createVpnConnectionRequest } from "../tencent/dialect";
import { readTencentEvidence } from "../tencent/evidence";
import { tencentEndView } from "../tencent/readback";
import type { CliIo } from "./io";
import { statusTable, verdictText, type CloudStatus } from "./report";
import { resolveSources, SourceError, type SourceOptions, type Sources } from "./sources";

export interface DoctorOptions extends SourceOptions {
  cloudLog?: string;
  json?: boolean;
}

export async function doctorCommand(options: DoctorOptions, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const progress = progressLine(io);
  try {
    const sources = resolveSources(options, env);
    for (const warning of sources.warnings) io.stderr(`ros-vpc-ipsec doctor: warning: ${warning}\n`);
    const cloudLog = options.cloudLog ? (options.cloudLog === "-" ? await io.readStdin() : readFileSync(options.cloudLog, "utf8")) : "";
    const cloud = await readCloud(sources, cloudLog.split("\n").filter((l) => l.trim() !== ""), progress);
    const gatewayIp = cloud?.gatewayIp ?? sources.gatewayIp;
    if (!gatewayIp) throw new SourceError("the cloud gateway's address is not known: read the cloud (drop --no-cloud) or give --gateway-ip");
    progress(`reading the router at ${sources.router.host}:${sources.router.port}`);
    const session = await RouterOsSession.open(sources.router);
    let router: RouterEvidence;
    try {
      router = await readRouterEvidence(session, sources.spec, gatewayIp);
    } finally {
      void session.close(); // the verdict does not wait for the router to acknowledge the end of the session
    }
    progress("");
    const result = verdict(sources.spec, router, cloud, expected(sources, gatewayIp));
    io.stdout(options.json ? `${JSON.stringify({ ...result, router: withoutKey(router), cloud: withoutKey(cloud) }, null, 2)}\n` : verdictText(result, router, cloud));
    return result.healthy ? 0 : 1;
  } catch (error) {
    progress("");
    io.stderr(`ros-vpc-ipsec doctor: ${(error as Error).message}\n`);
    return 2;
  }
}

export async function statusCommand(options: SourceOptions & { json?: boolean }, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const progress = progressLine(io);
  try {
    const sources = resolveSources(options, env);
    for (const warning of sources.warnings) io.stderr(`ros-vpc-ipsec status: warning: ${warning}\n`);
    const cloud = await readCloud(sources, [], progress);
    const gatewayIp = cloud?.gatewayIp ?? sources.gatewayIp;
    if (!gatewayIp) throw new SourceError("the cloud gateway's address is not known: read the cloud (drop --no-cloud) or give --gateway-ip");
    progress(`reading the router at ${sources.router.host}:${sources.router.port}`);
    const session = await RouterOsSession.open(sources.router);
    const router = await readRouterStatus(session, sources.spec, gatewayIp).finally(() => void session.close());
    progress("");
    const cloudStatus: CloudStatus | undefined = cloud?.read
      ? { found: cloud.connectionId !== undefined, ...(cloud.state ? { state: cloud.state } : {}), ...(cloud.netStatus ? { netStatus: cloud.netStatus } : {}) }
      : undefined;
    io.stdout(options.json ? `${JSON.stringify({ tunnel: sources.spec.name, router, cloud: cloudStatus }, null, 2)}\n` : statusTable(sources.spec.name, router, cloudStatus));
    const up = router.peerState === "established" && cloudReportsUp(cloud) !== false;
    return up ? 0 : 1;
  } catch (error) {
    progress("");
    io.stderr(`ros-vpc-ipsec status: ${(error as Error).message}\n`);
    return 2;
  }
}

async function readCloud(sources: Sources, log: string[], progress: (text: string) => void): Promise<CloudEvidence> {
  const keys = sources.keyKnown ? [sources.spec.preSharedKey] : [];
  if (sources.tencent) {
    progress("reading Tencent Cloud");
    return readTencentEvidence(new TencentVpcApi(sources.tencent, keys), sources.spec, log);
  }
  if (sources.alicloud) {
    progress("reading Alibaba Cloud");
    const lookup = sources.existingGatewayId ? { vpnGatewayId: sources.existingGatewayId } : {};
    return readAlicloudEvidence(new AlicloudVpcApi(sources.alicloud, keys), sources.spec, log, lookup);
  }
  return { platform: sources.cloudProvider, read: false, log };
}

/** What the spec renders for each end, for the "differences from the spec" section. */
function expected(sources: Sources, gatewayIp: string): Expected {
  const spec: TunnelSpec = sources.spec;
  const rows = renderRouterOsRows(spec, { gatewayIp });
  const router = routerOsEndView({ profile: rows.profile[0], proposal: rows.proposal[0], peer: rows.peer[0], identity: rows.identity[0], policies: rows.policy });
  const cloud =
    spec.cloud === "tencent"
      ? tencentEndView(
          (({ SecurityPolicyDatabases, ...request }) => ({ ...request, SecurityPolicyDatabaseSet: SecurityPolicyDatabases }))(
            createVpnConnectionRequest(spec, { vpcId: "", vpnGatewayId: "", customerGatewayId: "" }, gatewayIp),
          ),
          spec.routerPublicIp,
        )
      : alicloudEndView(alicloudConnectionSettings(spec), spec.routerPublicIp);
  // A key the stack keeps encrypted is not known here: leave it out of the comparison.
  if (!sources.keyKnown) {
    delete router.preSharedKey;
    delete cloud.preSharedKey;
  }
  return { router, cloud };
}

/**
 * Evidence as printed: an end's pre-shared key (the router shows it to a user with the sensitive policy, Tencent's
 * and Alibaba's DescribeVpnConnections always) is never, only whether the end showed one. Whether the keys match is
 * in the verdict.
 */
function withoutKey<T extends { view?: EndView } | undefined>(evidence: T): T {
  if (evidence?.view?.preSharedKey === undefined) return evidence;
  return { ...evidence, view: { ...evidence.view, preSharedKey: "<hidden>" } };
}

/** One rewritten line on a terminal while something slow runs; nothing when output is not a terminal. */
function progressLine(io: CliIo): (text: string) => void {
  let shown = false;
  return (text) => {
    if (!io.isTty) return;
    if (shown) io.stderr("\r\x1b[K");
    shown = text !== "";
    if (shown) io.stderr(`${text}…`);
  };
}
