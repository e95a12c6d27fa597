// Test support and `npm run lab`: both emulators on 127.0.0.1 plus the negotiation model, and the lab stack's
// config (stacks/Pulumi.lab.yaml) with its "lab:" placeholders filled in from the running emulators.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { applyNegotiation } from "../emulators/ike";
import type { NegotiationResult } from "../emulators/ike";
import type { ApplyOptions } from "../emulators/ike/apply";
import { RouterOsEmulator, type RouterOsEmulatorOptions } from "../emulators/routeros";
import { TencentVpcEmulator } from "../emulators/tencent";

export const LAB_STACK_FILE = join(__dirname, "..", "..", "stacks", "Pulumi.lab.yaml");
export const LAB_VPC_CIDR = "10.100.0.0/16";

/** The lab stack's config as Pulumi.lab.yaml writes it (objects stay objects). */
export function labTemplate(): Record<string, unknown> {
  return (parse(readFileSync(LAB_STACK_FILE, "utf8")) as { config: Record<string, unknown> }).config;
}

export interface Lab {
  router: RouterOsEmulator;
  cloud: TencentVpcEmulator;
  vpcId: string;
  routeTableId: string;
  /** The stack's config with the running emulators filled in. */
  config: Record<string, unknown>;
  /** The cloud gateway's log, as the negotiation model writes it. */
  cloudLogFile: string;
  /** Runs the negotiation model now (undefined until both ends exist). */
  negotiate(options?: NegotiateOptions): NegotiationResult | undefined;
  /** Re-runs the model whenever either end's settings change (as the real ends would renegotiate). */
  watch(options?: NegotiateOptions): void;
  unwatch(): void;
  stop(): Promise<void>;
}

export type NegotiateOptions = Omit<ApplyOptions, "peerName" | "cloudLogFile" | "vpnConnectionId">;

export async function startLab(options: { dir: string; router?: RouterOsEmulatorOptions; gatewayPendingMs?: number; port?: { router?: number; cloud?: number } }): Promise<Lab> {
  const template = labTemplate();
  const password = String(template["ros-vpc-ipsec:routerPassword"]);
  const router = await RouterOsEmulator.start({ version: "7.16", user: "admin", password, tls: true, port: options.port?.router ?? 0, ...options.router });
  const cloud = await TencentVpcEmulator.start({
    secretId: String(template["tencentcloud:secretId"]),
    secretKey: String(template["tencentcloud:secretKey"]),
    region: String(template["tencentcloud:region"]),
    gatewayPendingMs: options.gatewayPendingMs ?? 300,
    port: options.port?.cloud ?? 0,
  });
  const { vpcId, routeTableId } = cloud.addVpc({ cidrBlock: LAB_VPC_CIDR, name: "lab" });
  const config = fillLabConfig(template, { routerPort: router.port, fingerprint: router.tls!.fingerprint256, tencentEndpoint: cloud.endpoint, vpcId, routeTableId });
  const tunnel = config["ros-vpc-ipsec:tunnel"] as { name: string };
  const cloudLogFile = join(options.dir, "cloud-gateway.log");
  let timer: NodeJS.Timeout | undefined;
  let seen = "";
  const negotiate = (options: NegotiateOptions = {}): NegotiationResult | undefined => {
    if (!router.rows("/ip/ipsec/peer").some((p) => p.name === tunnel.name) || cloud.state().vpnConnections.length === 0) return undefined;
    return applyNegotiation(router, cloud, { ...options, peerName: tunnel.name, cloudLogFile });
  };
  return {
    router,
    cloud,
    vpcId,
    routeTableId,
    config,
    cloudLogFile,
    negotiate,
    watch: (options) => {
      clearInterval(timer);
      seen = "";
      timer = setInterval(() => {
        const now = settingsFingerprint(router, cloud);
        if (now === seen) return;
        seen = now;
        negotiate(options);
      }, 50);
      timer.unref();
    },
    unwatch: () => clearInterval(timer),
    stop: async () => {
      clearInterval(timer);
      await Promise.all([router.stop(), cloud.stop()]);
    },
  };
}

/** What both ends would negotiate with: when it changes, the ends renegotiate. */
function settingsFingerprint(router: RouterOsEmulator, cloud: TencentVpcEmulator): string {
  const rows = ["/ip/ipsec/profile", "/ip/ipsec/peer", "/ip/ipsec/identity", "/ip/ipsec/proposal", "/ip/ipsec/policy"].map((m) =>
    router.rows(m).map(({ ".id": _id, ...r }) => ({ ...r, "ph2-state": undefined, active: undefined, "ph2-count": undefined })),
  );
  const { vpnConnections, customerGateways, vpnGateways } = cloud.state();
  const connections = vpnConnections.map((c) => ({ ...c, NetStatus: undefined, State: undefined }));
  return JSON.stringify([rows, connections, customerGateways, vpnGateways.map((g) => [g.VpnGatewayId, g.PublicIpAddress])]);
}

export interface LabValues {
  routerPort: number;
  fingerprint: string;
  tencentEndpoint: string;
  vpcId: string;
  routeTableId: string;
}

/** The lab stack's config with every "lab:" placeholder replaced. */
export function fillLabConfig(template: Record<string, unknown>, values: LabValues): Record<string, unknown> {
  const config = structuredClone(template);
  const cloud = config["ros-vpc-ipsec:cloud"] as Record<string, unknown>;
  const router = config["ros-vpc-ipsec:router"] as Record<string, unknown> & { tls: Record<string, unknown> };
  config["ros-vpc-ipsec:tencentEndpoint"] = values.tencentEndpoint;
  cloud.vpcId = values.vpcId;
  cloud.routeTableId = values.routeTableId;
  router.port = values.routerPort;
  router.tls.fingerprint = values.fingerprint;
  const left = JSON.stringify(config).match(/"lab: [^"]*"/g);
  if (left) throw new Error(`stacks/Pulumi.lab.yaml has placeholders the lab does not fill: ${left.join(", ")}`);
  return config;
}

/** Config as Pulumi hands it to a program or provider: objects JSON-encoded, everything else a string. */
export function asPulumiConfig(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
