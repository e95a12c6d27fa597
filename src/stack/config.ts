// A site stack's configuration (the ros-vpc-ipsec: namespace of Pulumi.<site>.yaml) as typed settings, with
// every problem named by its config key. Pure: the caller passes a reader; no Pulumi and no I/O here.
import { z } from "zod";
import { parseTunnelSpec } from "../spec/parse";
import type { Problem } from "../spec/problems";
import type { TunnelSpecInput } from "../spec/input";

export const NAMESPACE = "ros-vpc-ipsec";

const tls = z.union([
  z.enum(["insecure", "off"]),
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
  zone: z.string().optional(),
  chargeType: z.string().optional(),
  paymentType: z.enum(["PayAsYouGo", "Subscription"]).optional(),
});

const cloudSchema = z.strictObject({
  provider: z.enum(["tencent", "alicloud"]),
  vpcId: z.string(),
  routeTableId: z.string().optional(),
  vswitchId: z.string().optional(),
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
export function readSiteSettings(get: (key: string) => unknown): { settings?: SiteSettings; problems: Problem[] } {
  const problems: Problem[] = [];
  const tunnel = get(key("tunnel"));
  const cloud = get(key("cloud"));
  const router = get(key("router"));
  for (const [name, value, hint] of [
    ["tunnel", tunnel, "the tunnel spec: name, cloudCidrs, siteCidrs, routerPublicIp... (docs/configuration.md)"],
    ["cloud", cloud, "provider (tencent or alicloud), vpcId, routeTableId, and gateway.bandwidthMbps or existingGatewayId"],
    ["router", router, "host, and tls (verify with ca, or fingerprint)"],
  ] as const) {
    if (value === undefined) problems.push({ path: key(name), severity: "error", message: "is not set", hint });
  }
  if (problems.length > 0) return { problems };

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
  problems.push(...spec.problems.map((p) => ({ ...p, path: key(`tunnel.${p.path}`) })));
  if (typeof tunnel === "object" && tunnel !== null && "cloud" in tunnel && (tunnel as { cloud?: unknown }).cloud !== provider) {
    problems.push({ path: key("tunnel.cloud"), value: (tunnel as { cloud?: unknown }).cloud, severity: "error", message: `differs from ${key("cloud.provider")} (${String(provider)})`, hint: "leave tunnel.cloud out: cloud.provider decides" });
  }
  const cloudCheck = cloudSchema.safeParse(cloud, { reportInput: true });
  if (!cloudCheck.success) problems.push(...cloudCheck.error.issues.map((i) => shapeProblem("cloud", i)));
  else problems.push(...cloudRules(cloudCheck.data));
  const routerCheck = routerSchema.safeParse(router, { reportInput: true });
  if (!routerCheck.success) problems.push(...routerCheck.error.issues.map((i) => shapeProblem("router", i)));

  if (problems.some((p) => p.severity === "error") || !cloudCheck.success || !routerCheck.success) return { problems };
  const tunnelInput = { ...withoutKey(tunnel), cloud: cloudCheck.data.provider } as Omit<TunnelSpecInput, "preSharedKey">;
  return { settings: { tunnel: tunnelInput, cloud: cloudCheck.data, router: routerCheck.data }, problems };
}

function cloudRules(cloud: CloudSettings): Problem[] {
  const problems: Problem[] = [];
  if (!cloud.gateway && !cloud.existingGatewayId) {
    problems.push({ path: key("cloud.gateway"), severity: "error", message: "is not set", hint: "give gateway.bandwidthMbps to create a VPN gateway, or existingGatewayId to use one" });
  }
  if (cloud.gateway && cloud.existingGatewayId) {
    problems.push({ path: key("cloud.existingGatewayId"), value: cloud.existingGatewayId, severity: "error", message: "and cloud.gateway are both set", hint: "keep one: create a gateway or use an existing one" });
  }
  return problems;
}

function withoutKey(tunnel: unknown): Record<string, unknown> {
  if (typeof tunnel !== "object" || tunnel === null) return {};
  const { preSharedKey: _key, ...rest } = tunnel as Record<string, unknown>;
  return rest;
}

function shapeProblem(section: string, issue: z.core.$ZodIssue): Problem {
  const path = [section, ...issue.path.map(String)].join(".");
  if (issue.code === "unrecognized_keys") return { path: key(`${path}.${issue.keys[0]}`), severity: "error", message: "is not a setting" };
  if (issue.input === undefined) return { path: key(path), severity: "error", message: "is required" };
  return { path: key(path), value: issue.input, severity: "error", message: `is not valid (${issue.message})` };
}
