// Where doctor and status get the tunnel, the router and the cloud from: a site stack's file (stacks/Pulumi.<site>.yaml)
// or a spec file, then command-line options, then environment variables for what the stack keeps encrypted.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { alicloudSettings, type AlicloudSettings } from "../alicloud/settings";
import { defaultPort, isValidFingerprint, type RouterTls } from "../routeros/tls";
import type { RouterEndpoint } from "../routeros/session";
import { loadSpecFile } from "../spec/load";
import { inputOf, parseTunnelSpec } from "../spec/parse";
import { formatProblems, type Problem } from "../spec/problems";
import type { TunnelSpec } from "../spec/types";
import { NAMESPACE, readSiteSettings } from "../stack/config";
import { tencentSettings, type TencentSettings } from "../tencent/settings";

export interface SourceOptions {
  stack?: string;
  stackFile?: string;
  spec?: string;
  routerHost?: string;
  routerPort?: string;
  routerUser?: string;
  routerPasswordEnv: string;
  tlsFingerprint?: string;
  tlsCa?: string;
  tlsInsecure?: boolean;
  plaintext?: boolean;
  gatewayIp?: string;
  cloud: boolean;
}

export interface Sources {
  spec: TunnelSpec;
  router: RouterEndpoint;
  /** Set when the cloud's API is to be read: Tencent's or Alibaba's. */
  tencent?: TencentSettings;
  alicloud?: AlicloudSettings;
  /** The stack's cloud.existingGatewayId: the only gateway whose connections are read. */
  existingGatewayId?: string;
  cloudProvider: "tencent" | "alicloud";
  gatewayIp?: string;
  /** Set when the key came from the stack or the environment (so the ends can be compared with it). */
  keyKnown: boolean;
  /** What the user should know before the password is sent (an unencrypted or unverified API session). */
  warnings: string[];
}

/** Stands in for a key the stack keeps encrypted: the spec's other fields can still be checked. */
const UNKNOWN_KEY = "key-not-available-0000000000";

export class SourceError extends Error {}

export function resolveSources(options: SourceOptions, env: NodeJS.ProcessEnv): Sources {
  const stackFile = options.stackFile ?? (options.stack ? join("stacks", `Pulumi.${options.stack}.yaml`) : undefined);
  if (!stackFile && !options.spec) throw new SourceError("say which tunnel: --stack <site> (reads stacks/Pulumi.<site>.yaml), --stack-file <file>, or --spec <file>");
  const stack = stackFile ? readStack(stackFile) : {};
  const plain = (key: string): string | undefined => {
    const value = stack[key];
    return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
  };
  const keyFromStack = plain(`${NAMESPACE}:preSharedKey`) ?? env.ROS_VPC_IPSEC_PSK;
  let spec: TunnelSpec;
  let provider: "tencent" | "alicloud" = "tencent";
  let router: Partial<RouterEndpoint> & { tls?: RouterTls } = {};
  let existingGatewayId: string | undefined;
  if (stackFile) {
    const { settings, problems } = readSiteSettings((key) => stack[key]);
    if (!settings) throw new SourceError(`${stackFile} is not a valid site stack:\n${formatProblems(problems.filter((p) => p.severity === "error"))}`);
    spec = requireSpec({ ...settings.tunnel, preSharedKey: keyFromStack ?? UNKNOWN_KEY }, stackFile);
    provider = settings.cloud.provider;
    existingGatewayId = settings.cloud.existingGatewayId;
    const r = settings.router;
    const tls: RouterTls = r.tls === undefined ? { mode: "verify" } : typeof r.tls === "string" ? { mode: r.tls } : (r.tls as RouterTls);
    // The port stays unset unless the stack gives one: the default follows the TLS mode, which options may change.
    router = { host: r.host, ...(r.port === undefined ? {} : { port: r.port }), user: r.user ?? plain(`${NAMESPACE}:routerUser`) ?? "admin", tls, ...(r.timeoutSeconds ? { timeoutMs: r.timeoutSeconds * 1000 } : {}) };
  } else {
    const { spec: parsed, problems } = loadSpecFile(options.spec!);
    if (!parsed) throw new SourceError(`${options.spec} is not a valid tunnel spec:\n${formatProblems(problems.filter((p) => p.severity === "error"))}`);
    spec = parsed;
    provider = parsed.cloud;
  }
  const tls = tlsOption(options) ?? router.tls;
  const host = options.routerHost ?? router.host;
  if (!host) throw new SourceError("the router's address is not known: give --router-host (or use --stack)");
  if (!tls) throw new SourceError("say how to trust the router's api-ssl certificate: --tls-fingerprint <sha256>, --tls-ca <file>, --tls-insecure, or --plaintext");
  const password = env[options.routerPasswordEnv] ?? plain(`${NAMESPACE}:routerPassword`);
  if (password === undefined) {
    const hint = options.stack ? `$(pulumi config get ${NAMESPACE}:routerPassword --stack ${options.stack})` : "<password>";
    throw new SourceError(`the router password is not available: export ${options.routerPasswordEnv}=${hint}`);
  }
  const port = options.routerPort === undefined ? (router.port ?? defaultPort(tls)) : Number(options.routerPort);
  if (!(Number.isInteger(port) && port > 0 && port < 65536)) throw new SourceError(`--router-port ${options.routerPort}: not a TCP port (1-65535)`);
  if (tls.mode === "fingerprint" && !isValidFingerprint(tls.fingerprint)) {
    throw new SourceError(`${tls.fingerprint} is not a SHA-256 fingerprint: 64 hex digits, with or without colons (RouterOS: /certificate print detail)`);
  }
  const gatewayIp = options.gatewayIp ?? spec.cloudGatewayIp;
  if (options.gatewayIp !== undefined) {
    const checked = parseTunnelSpec({ ...inputOf(spec), cloudGatewayIp: options.gatewayIp });
    const problems = checked.problems.filter((p) => p.path === "cloudGatewayIp" && p.severity === "error");
    if (problems.length > 0) throw new SourceError(`--gateway-ip:\n${formatProblems(problems)}`);
  }
  const endpoint: RouterEndpoint = {
    host,
    port,
    user: options.routerUser ?? router.user ?? "admin",
    password,
    tls,
    timeoutMs: router.timeoutMs ?? 15000,
  };
  let tencent: TencentSettings | undefined;
  if (options.cloud && provider === "tencent") {
    const found = tencentSettings((key) => plain(key), env);
    if (!found.settings) throw new SourceError(`cannot read Tencent Cloud: ${found.problems.join("; ")} (or pass --no-cloud)`);
    tencent = found.settings;
  }
  let alicloud: AlicloudSettings | undefined;
  if (options.cloud && provider === "alicloud") {
    // A value the stack keeps encrypted reads as an object here: only the environment can supply it.
    const encrypted = (key: string) => typeof stack[key] === "object" && stack[key] !== null;
    const found = alicloudSettings((key) => plain(key), env, { encrypted, ...(options.stack ? { stack: options.stack } : {}) });
    if (!found.settings) throw new SourceError(`cannot read Alibaba Cloud: ${found.problems.join("; ")} (or pass --no-cloud)`);
    alicloud = found.settings;
  }
  return {
    spec,
    router: endpoint,
    warnings: [...transportWarnings(endpoint), ...(password === "" ? [emptyPasswordWarning(options.routerPasswordEnv, options.stack)] : [])],
    ...(tencent ? { tencent } : {}),
    ...(alicloud ? { alicloud } : {}),
    ...(alicloud && existingGatewayId ? { existingGatewayId } : {}),
    cloudProvider: provider,
    ...(gatewayIp ? { gatewayIp } : {}),
    keyKnown: keyFromStack !== undefined || !stackFile,
  };
}

/** The same warnings the RouterOsIpsecTunnel resource logs: the password leaves in clear, or to whoever answers. */
function transportWarnings(endpoint: RouterEndpoint): string[] {
  const where = `${endpoint.host}:${endpoint.port}`;
  if (endpoint.tls.mode === "off") return [`the RouterOS API to ${where} is not encrypted: the router password crosses the network in clear text`];
  if (endpoint.tls.mode === "insecure") return [`the RouterOS API to ${where} does not verify the router's certificate: whoever answers at that address receives the router password`];
  return [];
}

/** An empty password is RouterOS's factory admin, or a `$(pulumi config get …)` that printed nothing: say which is used. */
function emptyPasswordWarning(variable: string, stack: string | undefined): string {
  const get = `pulumi config get ${NAMESPACE}:routerPassword${stack ? ` --stack ${stack}` : ""}`;
  return `${variable} is empty: logging in with an empty password (RouterOS's factory admin); if the password is the stack's, check that \`${get}\` prints it`;
}

function readStack(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new SourceError(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const document = parse(text) as { config?: Record<string, unknown> } | null;
  return document?.config ?? {};
}

function requireSpec(input: Record<string, unknown>, source: string): TunnelSpec {
  const { spec, problems } = parseTunnelSpec(input);
  if (!spec) throw new SourceError(`${source}: the tunnel is not valid:\n${formatProblems(problems.filter((p: Problem) => p.severity === "error"))}`);
  return spec;
}

function tlsOption(options: SourceOptions): RouterTls | undefined {
  if (options.plaintext) return { mode: "off" };
  if (options.tlsInsecure) return { mode: "insecure" };
  if (options.tlsFingerprint) return { mode: "fingerprint", fingerprint: options.tlsFingerprint };
  if (options.tlsCa) return { mode: "verify", ca: readFileSync(options.tlsCa, "utf8") };
  return undefined;
}
