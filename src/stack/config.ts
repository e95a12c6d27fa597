// A site stack's configuration (the ros-vpc-ipsec: namespace of Pulumi.<site>.yaml) as typed settings, with
// every problem named by its config key: the spec, the router connection and the cloud side's arguments are checked
// by the same rules their resources apply, so a bad value stops the program before anything is registered.
// Pure: the caller passes a reader; no resources and no I/O here.
import { z } from "zod";
import { checkRouterConnection } from "../routeros/inputs";
import { parseTunnelSpec, pathText } from "../spec/parse";
import type { Problem } from "../spec/problems";
import type { TunnelSpecInput } from "../spec/input";
import type { TencentVpnSideArgs } from "../tencent/side-args";
import { checkCloudSide, cloudSideArgs } from "./cloud-side";

export const NAMESPACE = "ros-vpc-ipsec";

const tls = z.union([
  z.enum(["verify", "insecure", "off"]),
  z.strictObject({ mode: z.literal("verify"), ca: z.string().optional(), servername: z.string().optional(), checkHostname: z.boolean().optional() }),
  z.strictObject({ mode: z.literal("fingerprint"), fingerprint: z.string() }),
  z.strictObject({ mode: z.enum(["insecure", "off"]) }),
]);

const routerSchema = z.strictObject({
  host: z.string(),
  port: z.number().int().optional(),
  user: z.string().optional(),
  tls: tls.optional(),
  allowPlaintext: z.boolean().optional(),
  timeoutSeconds: z.number().positive().optional(),
  adopt: z.boolean().optional(),
  waitForEstablishedSeconds: z.number().nonnegative().optional(),
});

const gatewaySchema = z.strictObject({
  bandwidthMbps: z.number().int().positive(),
  name: z.string().optional(),
  // Any value passes the shape check: one cloud's own checks judge it, or it is refused as the other cloud's setting.
  zone: z.custom<string>(() => true).optional(),
  chargeType: z.custom<"POSTPAID_BY_HOUR">(() => true).optional(),
  paymentType: z.custom<"PayAsYouGo" | "Subscription">(() => true).optional(),
});

const cloudSchema = z.strictObject({
  provider: z.enum(["tencent", "alicloud"]),
  vpcId: z.string(),
  routeTableId: z.string().optional(),
  vswitchId: z.string().optional(),
  disasterRecoveryVswitchId: z.string().optional(),
  gateway: gatewaySchema.optional(),
  existingGatewayId: z.string().optional(),
});

export type RouterSettings = z.infer<typeof routerSchema>;
export type CloudSettings = z.infer<typeof cloudSchema>;

export interface SiteSettings {
  tunnel: Omit<TunnelSpecInput, "preSharedKey">;
  cloud: CloudSettings;
  router: RouterSettings;
}

/** A strong stand-in used to check the spec's other fields while the real key is still a secret Output. */
const STAND_IN_KEY = "stand-in-key-0123456789abcdef";

const key = (name: string) => `${NAMESPACE}:${name}`;

/** Reads and checks the site's settings; `get` returns a config key's parsed value (or undefined). */
export interface SecretChecks {
  /** The stack's key as text, to check it before anything is created; null when the stack does not set it. */
  preSharedKey?: string | null;
  /** Whether the stack sets the router password (the provider reads it from there). */
  routerPasswordSet?: boolean;
}

export function readSiteSettings(get: (key: string) => unknown, secrets: SecretChecks = {}): { settings?: SiteSettings; problems: Problem[] } {
  const problems: Problem[] = [];
  const sections = { tunnel: undefined as unknown, cloud: undefined as unknown, router: undefined as unknown };
  for (const [name, hint] of [
    ["tunnel", "the tunnel spec: name, cloudCidrs, siteCidrs, routerPublicIp... (docs/configuration.md)"],
    ["cloud", "provider (tencent or alicloud), vpcId, routeTableId, and gateway.bandwidthMbps or existingGatewayId"],
    ["router", "host, and tls (verify with ca, or fingerprint)"],
  ] as const) {
    let value: unknown;
    try {
      value = get(key(name));
    } catch {
      // The reader could not parse the value (Pulumi's getObject on text that is not JSON); its message is not
      // repeated: it quotes the value.
      problems.push({ path: key(name), severity: "error", message: "is not a mapping", hint: `write it as a YAML mapping under config: in Pulumi.<site>.yaml: ${hint}` });
      continue;
    }
    if (value === undefined) problems.push({ path: key(name), severity: "error", message: "is not set", hint });
    else if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push({ path: key(name), value: Array.isArray(value) ? "<a list>" : typeof value, severity: "error", message: "is not a mapping", hint });
    } else sections[name] = value;
  }
  if (problems.length > 0) return { problems: [...problems, ...secretProblems(secrets, (sections.cloud as { provider?: unknown } | undefined)?.provider, sections.tunnel)] };
  const { tunnel, cloud, router } = sections;

  if (typeof tunnel === "object" && tunnel !== null && "preSharedKey" in tunnel) {
    problems.push({
      path: key("tunnel.preSharedKey"),
      value: "<redacted>",
      severity: "error",
      message: "must not be in the tunnel's plain config",
      hint: `remove it and run: pulumi config set --secret ${key("preSharedKey")} <key>`,
    });
  }
  const provider = (cloud as { provider?: unknown })?.provider;
  const spec = parseTunnelSpec({ cloud: provider === "alicloud" ? "alicloud" : "tencent", ...withoutKey(tunnel), preSharedKey: STAND_IN_KEY });
  problems.push(...spec.problems.map((p) => ({ ...p, path: key(`tunnel${p.path.startsWith("[") ? "" : "."}${p.path}`) })));
  if (typeof tunnel === "object" && tunnel !== null && "cloud" in tunnel && (tunnel as { cloud?: unknown }).cloud !== provider) {
    problems.push({ path: key("tunnel.cloud"), value: (tunnel as { cloud?: unknown }).cloud, severity: "error", message: `differs from ${key("cloud.provider")} (${String(provider)})`, hint: "leave tunnel.cloud out: cloud.provider decides" });
  }
  problems.push(...secretProblems(secrets, provider, tunnel));
  const cloudCheck = cloudSchema.safeParse(cloud, { reportInput: true });
  if (!cloudCheck.success) problems.push(...cloudCheck.error.issues.flatMap((i) => shapeProblem("cloud", i)));
  else {
    const rules = cloudRules(cloudCheck.data, spec.spec?.mode ?? (tunnel as { mode?: unknown }).mode);
    problems.push(...rules, ...cloudSideProblems(cloudCheck.data, withoutKey(tunnel)).filter((p) => !rules.some((r) => r.path === p.path)));
  }
  const routerCheck = routerSchema.safeParse(router, { reportInput: true });
  if (!routerCheck.success) problems.push(...routerCheck.error.issues.flatMap((i) => shapeProblem("router", i)));
  else problems.push(...checkRouterConnection(routerCheck.data).map((p) => ({ ...p, path: key(p.path) })));

  if (problems.some((p) => p.severity === "error") || !cloudCheck.success || !routerCheck.success) return { problems };
  const tunnelInput = { ...withoutKey(tunnel), cloud: cloudCheck.data.provider } as Omit<TunnelSpecInput, "preSharedKey">;
  return { settings: { tunnel: tunnelInput, cloud: cloudCheck.data, router: routerCheck.data }, problems };
}

/** The key and the router password, when the caller can see them: every rule of the key, named by its own config key. */
function secretProblems(secrets: SecretChecks, provider: unknown, tunnel: unknown): Problem[] {
  const problems: Problem[] = [];
  if (secrets.preSharedKey === null) {
    problems.push({ path: key("preSharedKey"), severity: "error", message: "is not set", hint: `pulumi config set --secret ${key("preSharedKey")} <key>` });
  } else if (secrets.preSharedKey !== undefined) {
    const cloud = provider === "alicloud" ? "alicloud" : "tencent";
    const { problems: keyProblems } = parseTunnelSpec({ cloud, ...withoutKey(tunnel), preSharedKey: secrets.preSharedKey });
    problems.push(...keyProblems.filter((p) => p.path === "preSharedKey").map((p) => ({ ...p, path: key("preSharedKey") })));
  }
  if (secrets.routerPasswordSet === false) {
    problems.push({ path: key("routerPassword"), severity: "error", message: "is not set", hint: `pulumi config set --secret ${key("routerPassword")} <the router API user's password>` });
  }
  return problems;
}

function cloudRules(cloud: CloudSettings, mode: unknown): Problem[] {
  const problems: Problem[] = [];
  // Tencent's routes toward the site are always VPC routes; Alibaba's only in policy mode (route mode publishes them).
  if (cloud.routeTableId === undefined && (cloud.provider === "tencent" || mode !== "route")) {
    const example = cloud.provider === "tencent" ? "rtb-…" : "vtb-…";
    problems.push({ path: key("cloud.routeTableId"), severity: "error", message: "is not set", hint: `the VPC route table that gets a route per site network toward the gateway (${example})` });
  }
  if (!cloud.gateway && !cloud.existingGatewayId) {
    problems.push({ path: key("cloud.gateway"), severity: "error", message: "is not set", hint: "give gateway.bandwidthMbps to create a VPN gateway, or existingGatewayId to use one" });
  }
  if (cloud.gateway && cloud.existingGatewayId) {
    problems.push({ path: key("cloud.existingGatewayId"), value: cloud.existingGatewayId, severity: "error", message: "and cloud.gateway are both set", hint: "keep one: create a gateway or use an existing one" });
  }
  return problems;
}

/**
 * What the cloud side's own argument checks (TencentVpnSide, AlicloudVpnSide) say about the values this stack gives:
 * id formats, gateway size and name, the other cloud's settings. Spec problems are reported above.
 */
function cloudSideProblems(cloud: CloudSettings, tunnel: Record<string, unknown>): Problem[] {
  const spec = { ...tunnel, cloud: cloud.provider, preSharedKey: STAND_IN_KEY } as TencentVpnSideArgs["spec"];
  return checkCloudSide(cloud, cloudSideArgs(cloud, spec))
    .filter((p) => !p.path.startsWith("spec"))
    .map((p) => ({ ...p, path: key(p.path) }));
}

function withoutKey(tunnel: unknown): Record<string, unknown> {
  if (typeof tunnel !== "object" || tunnel === null) return {};
  const { preSharedKey: _key, ...rest } = tunnel as Record<string, unknown>;
  return rest;
}

function shapeProblem(section: string, issue: z.core.$ZodIssue): Problem[] {
  const path = pathText([section, ...issue.path]);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((name) => ({ path: key(pathText([section, ...issue.path, name])), severity: "error", message: "is not a setting", hint: settingHint(section, name) }));
  }
  if (issue.input === undefined) return [{ path: key(path), severity: "error", message: "is required" }];
  return [{ path: key(path), value: issue.input, severity: "error", message: `is not valid (${issue.message})`, hint: SHAPE_HINTS[path] }];
}

/** How to write the settings whose shape is not obvious from the message. */
const SHAPE_HINTS: Record<string, string> = {
  "router.tls": "verify, insecure, off, { mode: verify, ca: <PEM> } or { mode: fingerprint, fingerprint: <sha256> }",
  "router.port": "a TCP port number, e.g. 8729",
  "cloud.gateway": "{ bandwidthMbps: 5 }",
};

/** A secret put among the plain settings is pointed at its own secret key (its value is never repeated). */
function settingHint(section: string, name: string): string | undefined {
  if (section === "router" && /pass/i.test(name)) return `the password is a secret of its own: pulumi config set --secret ${key("routerPassword")} <password>`;
  if (/key|secret|psk/i.test(name)) return `secrets are set with pulumi config set --secret (${key("preSharedKey")}, ${key("routerPassword")})`;
  return undefined;
}
