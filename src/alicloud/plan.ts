// AlicloudVpnSide's arguments checked before anything is registered: the spec under Alibaba's rules (parse.ts) and
// the Alibaba-side arguments (gateway sizes, id formats, tags). Pure; no I/O, no resources, never sees a secret key.
import type * as pulumi from "@pulumi/pulumi";
import { errors, SpecError, type Problem } from "../spec/problems";
import {
  CONTROL_CHARACTERS as CONTROL,
  isRecord,
  parseSideSpec,
  sideError as error,
  sideWarning as warning,
  type SideSpec,
} from "../spec/side-spec";
import type { Identity, TunnelSpec } from "../spec/types";

export type { WithSecretKey } from "../spec/side-spec";

/** What a user writes (TunnelSpecInput) or an already normalised TunnelSpec; either is validated again for Alibaba. */
export type AlicloudSideSpec = SideSpec;

export type AlicloudPaymentType = "PayAsYouGo" | "Subscription";

/** The VPN gateway to create when no existing one is given. */
export interface AlicloudGatewayArgs {
  /** Mbps; one of the sizes Alibaba sells (ALICLOUD_GATEWAY_BANDWIDTHS). Changing it replaces the gateway. */
  bandwidth: number;
  /** Left out: Alibaba's default for the account (China site: Subscription only; international site: pay-as-you-go). */
  paymentType?: AlicloudPaymentType;
  /** The gateway's name in the console; defaults to the spec's name. */
  name?: string;
}

export interface AlicloudVpnSideArgs {
  spec: AlicloudSideSpec;
  /** The VPC the gateway belongs to (vpc-…). */
  vpcId: pulumi.Input<string>;
  /** Policy mode: the VPC route table that gets one route per site CIDR towards the gateway (vtb-…). */
  routeTableId?: pulumi.Input<string>;
  /** The vSwitch the created gateway is attached to (vsw-…); only when the gateway is created here. */
  vswitchId?: pulumi.Input<string>;
  /**
   * A second vSwitch (vsw-…), in another zone where the region has one: the gateway is created dual-tunnel (an active
   * and a standby tunnel), as Alibaba requires in the regions whose new gateways are dual-tunnel. Needs vswitchId.
   */
  disasterRecoveryVswitchId?: pulumi.Input<string>;
  /** Create a gateway of this size... */
  gateway?: AlicloudGatewayArgs;
  /** ...or use this existing gateway (vpn-…): nothing is created or changed for it. */
  existingGatewayId?: pulumi.Input<string>;
  /** Tags for the gateway, the customer gateway and the connection. */
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** Public VPN gateway sizes Alibaba sells, Mbps (the provider's documentation of `bandwidth`). */
export const ALICLOUD_GATEWAY_BANDWIDTHS = [5, 10, 20, 50, 100, 200, 500, 1000] as const;
export const ALICLOUD_PAYMENT_TYPES: readonly AlicloudPaymentType[] = ["PayAsYouGo", "Subscription"];

/** Id formats of the arguments that name Alibaba objects: prefix, then lowercase letters and digits. */
export const ALICLOUD_ID_FORMATS = {
  vpcId: { prefix: "vpc-", what: "a VPC id" },
  vswitchId: { prefix: "vsw-", what: "a vSwitch id" },
  disasterRecoveryVswitchId: { prefix: "vsw-", what: "a vSwitch id" },
  existingGatewayId: { prefix: "vpn-", what: "a VPN gateway id" },
  routeTableId: { prefix: "vtb-", what: "a route table id" },
} as const;
type IdArgument = keyof typeof ALICLOUD_ID_FORMATS;

/** Alibaba's tag rules (shared by its VPC resources). */
export const ALICLOUD_TAG_RULES = { maxTags: 20, maxKeyLength: 128, maxValueLength: 128, reservedPrefixes: ["aliyun", "acs:"] } as const;

/** A VPN gateway name: 2–100 characters, not starting with http:// or https:// (CreateVpnGateway). */
const GATEWAY_NAME_LENGTH = [2, 100] as const;

export interface AlicloudSidePlan {
  /** The validated spec. Its preSharedKey is a stand-in when the key is an Output: always use `preSharedKey`. */
  spec: TunnelSpec;
  preSharedKey: pulumi.Input<string>;
  /** True when the key is an Output or Promise: its rules are checked when it resolves. */
  keyIsDeferred: boolean;
  gateway: { create: AlicloudGatewayArgs } | { existingId: pulumi.Input<string> };
  /** Policy mode: VPC route entries in this table; route mode: gateway routes published to the VPC. */
  routing: { mode: "policy"; routeTableId: pulumi.Input<string> } | { mode: "route" };
  /** identities.cloud as the user wrote it (not the default derived from cloudGatewayIp). */
  explicitCloudIdentity?: Identity;
  /** Problems that do not stop the side (e.g. weak crypto allowed, arguments that are not used). */
  warnings: Problem[];
}

/** Every problem of the args at once, and the plan when there is no error. */
export function checkAlicloudSideArgs(args: AlicloudVpnSideArgs): { plan?: AlicloudSidePlan; problems: Problem[] } {
  const { parsed, preSharedKey, keyIsDeferred, explicitCloudIdentity, problems } = parseSideSpec(args?.spec, "alicloud", "AlicloudVpnSide");
  problems.push(...checkSideArguments(args, parsed.spec, explicitCloudIdentity));
  if (errors(problems).length > 0 || !parsed.spec) return { problems };
  // Without errors, exactly one of gateway/existingGatewayId is given, and policy mode has its route table.
  const gateway = args.existingGatewayId !== undefined ? { existingId: args.existingGatewayId } : { create: args.gateway! };
  const routing = parsed.spec.mode === "policy" ? { mode: "policy" as const, routeTableId: args.routeTableId! } : { mode: "route" as const };
  const plan: AlicloudSidePlan = {
    spec: parsed.spec,
    preSharedKey: preSharedKey as pulumi.Input<string>,
    keyIsDeferred,
    gateway,
    routing,
    ...(explicitCloudIdentity ? { explicitCloudIdentity } : {}),
    warnings: problems.filter((p) => p.severity === "warning"),
  };
  return { plan, problems };
}

/** The plan, or a SpecError listing every problem (names the component so a stack with several sides is clear). */
export function requireAlicloudSidePlan(name: string, args: AlicloudVpnSideArgs): AlicloudSidePlan {
  const { plan, problems } = checkAlicloudSideArgs(args);
  if (!plan) throw new SpecError(problems, `invalid AlicloudVpnSide "${name}" arguments`);
  return plan;
}


/** What an existing gateway must agree with; checked once the lookup answers. */
export interface ExistingGatewayFacts {
  id: string;
  vpcId: string;
  internetIp: string;
  /** "enable" or "disable" (DescribeVpnGateways IpsecVpn). */
  enableIpsec: string;
  /** The standby tunnel's address on a dual-tunnel gateway; "" on a single-tunnel one. */
  disasterRecoveryInternetIp: string;
}

export function checkExistingGateway(
  plan: Pick<AlicloudSidePlan, "spec" | "explicitCloudIdentity">,
  wanted: { id: string; vpcId: string },
  found: ExistingGatewayFacts | undefined,
): Problem[] {
  if (!found) {
    return [error("existingGatewayId", wanted.id, "is not a VPN gateway in this region", "check the id and the provider's region (alicloud:region)")];
  }
  const problems: Problem[] = [];
  if (found.vpcId !== wanted.vpcId) {
    problems.push(error("vpcId", wanted.vpcId, `is not the VPC of gateway ${found.id} (${found.vpcId})`, "give the gateway's own VPC, or another gateway"));
  }
  if (found.enableIpsec === "disable") {
    problems.push(error("existingGatewayId", wanted.id, "has IPsec-VPN disabled", "enable IPsec-VPN on the gateway, or use another gateway"));
  }
  const { spec } = plan;
  if (spec.cloudGatewayIp !== undefined && spec.cloudGatewayIp !== found.internetIp) {
    problems.push(error("spec.cloudGatewayIp", spec.cloudGatewayIp, `is not the address of gateway ${found.id} (${found.internetIp})`, `use ${found.internetIp}, or leave cloudGatewayIp out`));
  }
  const identity = plan.explicitCloudIdentity;
  if (identity?.type === "address" && identity.value !== found.internetIp) {
    problems.push(error("spec.identities.cloud", `address:${identity.value}`, `is not the address of gateway ${found.id} (${found.internetIp})`, `use address:${found.internetIp}, or an FQDN identity`));
  }
  return problems;
}

/** The Pulumi resource-name suffix of a route for a CIDR ("192.168.1.0/24" → "192.168.1.0-24"): stable under reordering. */
export const routeSuffix = (cidr: string): string => cidr.replace("/", "-");

function checkSideArguments(args: AlicloudVpnSideArgs, spec: TunnelSpec | undefined, explicitCloudIdentity: Identity | undefined): Problem[] {
  const problems: Problem[] = [];
  const existing = args?.existingGatewayId !== undefined;
  if (existing && args.gateway !== undefined) {
    problems.push(error("existingGatewayId", plainOrUndefined(args.existingGatewayId), "is given together with gateway", "give gateway to create a VPN gateway, or existingGatewayId to use one, not both"));
  }
  if (!existing && args?.gateway === undefined) {
    problems.push(error("gateway", undefined, "is required when existingGatewayId is not given", "e.g. gateway: { bandwidth: 10 }, or existingGatewayId: vpn-…"));
  }
  if (args?.gateway !== undefined) {
    problems.push(...(isRecord(args.gateway) ? checkGatewayArgs(args.gateway) : [error("gateway", args.gateway, "is not an object", "e.g. gateway: { bandwidth: 10 }")]));
  }
  for (const key of ["vswitchId", "disasterRecoveryVswitchId"] as const) {
    if (existing && args[key] !== undefined) {
      problems.push(error(key, plainOrUndefined(args[key]), "applies only when the gateway is created here", `leave ${key} out with existingGatewayId`));
    }
  }
  if (!existing && args?.disasterRecoveryVswitchId !== undefined) {
    if (args.vswitchId === undefined) {
      problems.push(error("vswitchId", undefined, "is required with disasterRecoveryVswitchId", "the active tunnel's vSwitch; disasterRecoveryVswitchId is the standby's"));
    } else if (args.vswitchId === args.disasterRecoveryVswitchId) {
      problems.push(error("disasterRecoveryVswitchId", plainOrUndefined(args.disasterRecoveryVswitchId), "is the same vSwitch as vswitchId", "a second vSwitch, in another zone where the region has one (so one zone's failure leaves a tunnel)"));
    }
  }
  if (args?.vpcId === undefined) problems.push(error("vpcId", undefined, "is required", "the VPC the gateway belongs to, e.g. vpc-bp1ub1yt9cvakoeljkzc"));
  for (const key of Object.keys(ALICLOUD_ID_FORMATS) as IdArgument[]) {
    const value = args?.[key];
    const { prefix, what } = ALICLOUD_ID_FORMATS[key];
    if (typeof value === "string" && !new RegExp(`^${prefix}[a-z0-9]+$`).test(value)) {
      problems.push(error(key, value, `is not ${what}`, `${prefix} followed by lowercase letters and digits, as the console shows it`));
    }
  }
  if (spec?.mode === "policy" && args?.routeTableId === undefined) {
    problems.push(error("routeTableId", undefined, "is required in policy mode", "the VPC route table (vtb-…) that gets a route per site CIDR towards the VPN gateway"));
  }
  if (spec?.mode === "route" && args?.routeTableId !== undefined) {
    problems.push(warning("routeTableId", plainOrUndefined(args.routeTableId), "is not used in route mode", "the gateway publishes its routes to the VPC's system route table"));
  }
  problems.push(...checkTags(args?.tags));
  if (!existing) {
    if (spec?.cloudGatewayIp !== undefined) {
      problems.push(warning("spec.cloudGatewayIp", spec.cloudGatewayIp, "is not used: the gateway created here gets its own address", "the address is the gatewayPublicIp output; leave cloudGatewayIp out, or use existingGatewayId"));
    }
    if (explicitCloudIdentity?.type === "address") {
      problems.push(warning("spec.identities.cloud", `address:${explicitCloudIdentity.value}`, "is replaced by the address of the gateway created here", "leave it out (the gateway presents its own address) or use an FQDN identity"));
    }
  }
  return problems;
}

function checkGatewayArgs(gateway: AlicloudGatewayArgs): Problem[] {
  const problems: Problem[] = [];
  const sizes: readonly number[] = ALICLOUD_GATEWAY_BANDWIDTHS;
  if (!sizes.includes(gateway.bandwidth)) {
    problems.push(error("gateway.bandwidth", gateway.bandwidth, "is not a size Alibaba sells for a public VPN gateway", `Mbps, one of ${sizes.join(", ")}`));
  }
  if (gateway.paymentType !== undefined && !ALICLOUD_PAYMENT_TYPES.includes(gateway.paymentType)) {
    problems.push(error("gateway.paymentType", gateway.paymentType, "is not a payment type", `use ${ALICLOUD_PAYMENT_TYPES.join(" or ")}, or leave it out`));
  }
  if (gateway.name !== undefined) {
    const [min, max] = GATEWAY_NAME_LENGTH;
    if (typeof gateway.name !== "string" || gateway.name.length < min || gateway.name.length > max || /^https?:\/\//i.test(gateway.name) || CONTROL.test(gateway.name)) {
      problems.push(error("gateway.name", gateway.name, "is not a VPN gateway name Alibaba accepts", `${min}–${max} characters, not starting with http:// or https://, without line breaks or other control characters`));
    }
  }
  return problems;
}

function checkTags(tags: AlicloudVpnSideArgs["tags"]): Problem[] {
  if (!isRecord(tags)) return []; // an Output or a Promise: Alibaba checks it
  const problems: Problem[] = [];
  const { maxTags, maxKeyLength, maxValueLength, reservedPrefixes } = ALICLOUD_TAG_RULES;
  const entries = Object.entries(tags);
  if (entries.length > maxTags) problems.push(error("tags", entries.length, "has more tags than Alibaba accepts", `at most ${maxTags}`));
  const reserved = (text: string) => reservedPrefixes.some((p) => text.toLowerCase().startsWith(p)) || /https?:\/\//i.test(text);
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > maxKeyLength || reserved(key)) {
      problems.push(error(`tags.${key}`, key, "is not a tag key Alibaba accepts", `1–${maxKeyLength} characters, not starting with ${reservedPrefixes.join(" or ")}, no http:// or https://`));
    }
    if (typeof value === "string" && (value.length > maxValueLength || reserved(value))) {
      problems.push(error(`tags.${key}`, value, "is not a tag value Alibaba accepts", `at most ${maxValueLength} characters, not starting with ${reservedPrefixes.join(" or ")}, no http:// or https://`));
    }
  }
  return problems;
}




/** Plain values are shown in problems; an Output's value is not known here. */
const plainOrUndefined = (value: unknown): unknown => (typeof value === "string" ? value : undefined);

