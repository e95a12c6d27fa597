// The RouterOsIpsecTunnel resource's resolved inputs and outputs, and their checks (check() reports these).
// Pure; no I/O. The pre-shared key and router password are separate inputs so they stay secret on their own.
import type { TunnelSpecInput } from "../spec/input";
import { parseTunnelSpec } from "../spec/parse";
import type { Problem } from "../spec/problems";
import type { TunnelSpec } from "../spec/types";
import type { TunnelStatus } from "./device";
import type { ActualRow } from "./reconcile";
import type { MenuName } from "./schema";
import type { RouterEndpoint } from "./session";
import { defaultPort, isValidFingerprint, type RouterTls } from "./tls";

export interface RouterConnectionInputs {
  host: string;
  /** Default: 8729 (api-ssl), or 8728 when tls is "off". */
  port?: number;
  /** Default: the stack's ros-vpc-ipsec:routerUser, else "admin". */
  user?: string;
  /** Default: { mode: "verify" } against the system's CAs. "insecure" and "off" are shorthands. */
  tls?: RouterTls | "insecure" | "off";
  /** Required for tls "off" to anything but the loopback address: the password crosses the network in clear. */
  allowPlaintext?: boolean;
  timeoutSeconds?: number;
}

export interface TunnelInputs {
  spec: Omit<TunnelSpecInput, "preSharedKey">;
  preSharedKey: string;
  /** The cloud gateway's public address (overrides spec.cloudGatewayIp). */
  gatewayIp?: string;
  router: RouterConnectionInputs;
  /** Default: the stack's ros-vpc-ipsec:routerPassword. */
  password?: string;
  /** Take over a tunnel made by hand: rows matching the spec but lacking the marker are adopted. */
  adopt?: boolean;
  /** Wait after create/update until the peer is established, up to this many seconds (0: do not wait). */
  waitForEstablishedSeconds?: number;
}

export interface TunnelOutputs extends TunnelInputs {
  routerVersion: string;
  /** The tunnel's rows on the router as last written or read (the identity's secret is never kept). */
  rows: Record<MenuName, ActualRow[]>;
  /** Firewall rows found below the rule they must precede (masquerade, fasttrack). */
  outOfOrder: string[];
  /** What the last read found different from the spec, in words; empty when the router matches. */
  drift: string[];
  status: TunnelStatus;
  /** The RouterOS script of the tunnel, without the key. */
  script: string;
}

/** Provider-wide defaults from the stack's config (ros-vpc-ipsec:routerUser / routerPassword). */
export interface StackDefaults {
  routerUser?: string;
  routerPassword?: string;
}

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether a value still contains outputs the engine does not know yet (preview). */
export const hasUnknowns = (value: unknown): boolean => JSON.stringify(value ?? null).includes(UNKNOWN);

export function specOf(inputs: Pick<TunnelInputs, "spec" | "preSharedKey" | "gatewayIp">): ReturnType<typeof parseTunnelSpec> {
  const gateway = inputs.gatewayIp && !hasUnknowns(inputs.gatewayIp) ? { cloudGatewayIp: inputs.gatewayIp } : {};
  return parseTunnelSpec({ ...inputs.spec, preSharedKey: inputs.preSharedKey, ...gateway });
}

export function requireSpec(inputs: TunnelInputs): TunnelSpec {
  const { spec, problems } = specOf(inputs);
  if (!spec) throw new Error(`invalid tunnel spec: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  return spec;
}

export function normaliseTls(tls: RouterConnectionInputs["tls"]): RouterTls {
  if (tls === undefined) return { mode: "verify" };
  if (tls === "insecure" || tls === "off") return { mode: tls };
  return tls;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/** Problems of the router connection inputs, with field paths under "router" / "password". */
export function checkConnection(inputs: TunnelInputs, defaults: StackDefaults): Problem[] {
  const problems: Problem[] = [];
  const router = inputs.router ?? ({} as RouterConnectionInputs);
  const error = (path: string, value: unknown, message: string, hint?: string) => problems.push({ path, value, message, hint, severity: "error" });
  if (hasUnknowns(router)) return problems;
  if (!router.host) error("router.host", router.host, "is required", "the router's management address or name");
  if (router.port !== undefined && !(Number.isInteger(router.port) && router.port > 0 && router.port < 65536)) {
    error("router.port", router.port, "is not a TCP port", "1-65535; api-ssl listens on 8729, api on 8728");
  }
  const tls = normaliseTls(router.tls);
  if (!["verify", "fingerprint", "insecure", "off"].includes(tls.mode)) {
    error("router.tls.mode", tls.mode, "is not a TLS mode", "verify (default), fingerprint, insecure or off");
  }
  if (tls.mode === "fingerprint" && !isValidFingerprint(tls.fingerprint ?? "")) {
    error("router.tls.fingerprint", tls.fingerprint, "is not a SHA-256 fingerprint", "64 hex digits, with or without colons (RouterOS: /certificate print detail)");
  }
  if (tls.mode === "off" && router.host && !LOOPBACK.test(router.host) && !router.allowPlaintext) {
    error("router.tls", "off", `would send the router password to ${router.host} in clear text`, "use api-ssl (the default), or set router.allowPlaintext: true to accept the risk");
  }
  if (router.timeoutSeconds !== undefined && !(router.timeoutSeconds > 0)) error("router.timeoutSeconds", router.timeoutSeconds, "must be positive");
  if (inputs.password === undefined && defaults.routerPassword === undefined) {
    error("password", undefined, "is not set", "pulumi config set --secret ros-vpc-ipsec:routerPassword <password>, or pass the password input");
  }
  if (inputs.waitForEstablishedSeconds !== undefined && !(inputs.waitForEstablishedSeconds >= 0)) {
    error("waitForEstablishedSeconds", inputs.waitForEstablishedSeconds, "must be zero or more seconds");
  }
  return problems;
}

export function endpointOf(inputs: TunnelInputs, defaults: StackDefaults): RouterEndpoint {
  const tls = normaliseTls(inputs.router.tls);
  return {
    host: inputs.router.host,
    port: inputs.router.port ?? defaultPort(tls),
    user: inputs.router.user ?? defaults.routerUser ?? "admin",
    password: inputs.password ?? defaults.routerPassword ?? "",
    tls,
    timeoutMs: (inputs.router.timeoutSeconds ?? 15) * 1000,
  };
}

/** The resource's id: the router and the tunnel's name (stable across updates). */
export const tunnelId = (inputs: TunnelInputs): string =>
  `${inputs.router.host}:${inputs.router.port ?? defaultPort(normaliseTls(inputs.router.tls))}/${inputs.spec.name}`;
