// The RouterOsIpsecTunnel resource's resolved inputs and outputs, and their checks (check() reports these).
// Pure; no I/O. The pre-shared key and router password are separate inputs so they stay secret on their own.
import type { TunnelSpecInput } from "../spec/input";
import { isIpv4, isIpv6 } from "../spec/net";
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
  tls?: RouterTls | "verify" | "insecure" | "off";
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
  if (tls === "verify" || tls === "insecure" || tls === "off") return { mode: tls };
  return tls;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/** Whether `host` is the loopback address (the only one the plain API may reach without router.allowPlaintext). */
export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

/** An IPv4 or IPv6 address, or a DNS name: letters, digits, '-' and '_' in dot-separated labels (no spaces, no port). */
export function isHostName(text: string): boolean {
  if (isIpv4(text) || (text.includes(":") && isIpv6(text))) return true;
  if (text.length === 0 || text.length > 253) return false;
  return text
    .replace(/\.$/, "")
    .split(".")
    .every((label) => /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(label));
}

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/**
 * Problems of how the router is reached (host, port, user, TLS, plain text, timeout), with paths under "router".
 * Everything here is checked before a connection is opened: a bad value never reaches the network.
 */
export function checkRouterConnection(router: RouterConnectionInputs): Problem[] {
  const problems: Problem[] = [];
  const error = (path: string, value: unknown, message: string, hint?: string) => problems.push({ path, value, message, hint, severity: "error" });
  if (router.host === undefined || router.host === "") error("router.host", router.host, "is required", "the router's management address or name");
  else if (typeof router.host !== "string" || !isHostName(router.host)) {
    error("router.host", router.host, "is not a host name or address", "an IPv4 or IPv6 address or a DNS name, without scheme, port, spaces or other characters (the port is router.port)");
  }
  if (router.port !== undefined && !(Number.isInteger(router.port) && router.port > 0 && router.port < 65536)) {
    error("router.port", router.port, "is not a TCP port", "1-65535; api-ssl listens on 8729, api on 8728");
  }
  if (router.user !== undefined && !(typeof router.user === "string" && router.user.length > 0 && !CONTROL.test(router.user))) {
    error("router.user", router.user, "is not a RouterOS user name", "the API user's name, without control characters (or leave it out: ros-vpc-ipsec:routerUser, else admin)");
  }
  if (router.allowPlaintext !== undefined && typeof router.allowPlaintext !== "boolean") {
    error("router.allowPlaintext", router.allowPlaintext, "is not true or false");
  }
  if (router.timeoutSeconds !== undefined && !(typeof router.timeoutSeconds === "number" && router.timeoutSeconds > 0)) {
    error("router.timeoutSeconds", router.timeoutSeconds, "must be positive");
  }
  const tls = normaliseTls(router.tls);
  if (typeof tls !== "object" || tls === null || !["verify", "fingerprint", "insecure", "off"].includes(tls.mode)) {
    error(typeof tls === "object" && tls !== null ? "router.tls.mode" : "router.tls", typeof tls === "object" && tls !== null ? tls.mode : tls, "is not a TLS mode", "verify (default), fingerprint, insecure or off");
    return problems;
  }
  if (tls.mode === "fingerprint" && !(typeof tls.fingerprint === "string" && isValidFingerprint(tls.fingerprint))) {
    error("router.tls.fingerprint", tls.fingerprint, "is not a SHA-256 fingerprint", "64 hex digits, with or without colons (RouterOS: /certificate print detail)");
  }
  if (tls.mode === "verify") {
    if (tls.ca !== undefined && !(typeof tls.ca === "string" && PEM_CERTIFICATE.test(tls.ca))) {
      error("router.tls.ca", typeof tls.ca === "string" ? `<${tls.ca.length} characters>` : tls.ca, "is not a PEM certificate", "the CA certificate that signed the router's api-ssl certificate, -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----");
    }
    if (tls.servername !== undefined && !(typeof tls.servername === "string" && isHostName(tls.servername))) {
      error("router.tls.servername", tls.servername, "is not a host name", "the DNS name the router's certificate carries");
    }
    if (tls.checkHostname !== undefined && typeof tls.checkHostname !== "boolean") {
      error("router.tls.checkHostname", tls.checkHostname, "is not true or false");
    } else if (tls.checkHostname === false && tls.ca === undefined) {
      error(
        "router.tls.checkHostname",
        false,
        "would accept any certificate a public CA issued, for any name",
        "give router.tls.ca (the CA that signed the router's certificate) with it, or pin the certificate with router.tls.fingerprint",
      );
    }
  }
  if (tls.mode === "off" && typeof router.host === "string" && router.host && !isLoopback(router.host) && router.allowPlaintext !== true) {
    error("router.tls", "off", `would send the router password to ${router.host} in clear text`, "use api-ssl (the default), or set router.allowPlaintext: true to accept the risk");
  }
  return problems;
}

/** Problems of the router connection inputs, with field paths under "router" / "password". */
export function checkConnection(inputs: TunnelInputs, defaults: StackDefaults): Problem[] {
  const problems: Problem[] = [];
  const router = inputs.router ?? ({} as RouterConnectionInputs);
  const error = (path: string, value: unknown, message: string, hint?: string) => problems.push({ path, value, message, hint, severity: "error" });
  if (hasUnknowns(router)) return problems;
  problems.push(...checkRouterConnection(router));
  if (inputs.password === undefined && defaults.routerPassword === undefined) {
    error("password", undefined, "is not set", "pulumi config set --secret ros-vpc-ipsec:routerPassword <password>, or pass the password input");
  }
  if (inputs.adopt !== undefined && !hasUnknowns(inputs.adopt) && typeof inputs.adopt !== "boolean") {
    error("adopt", inputs.adopt, "is not true or false", "adopt: true takes over rows made by hand; anything else is refused so that a typo never does");
  }
  const wait = inputs.waitForEstablishedSeconds;
  if (wait !== undefined && !hasUnknowns(wait) && !(typeof wait === "number" && wait >= 0)) {
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
