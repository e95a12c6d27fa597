// TencentVpnSide's arguments checked before anything is registered: the spec under Tencent's rules (parse.ts) and the
// Tencent-side arguments (gateway size, id formats, tags), every problem at once with its field path.
// Pure; no I/O, no resources; a key given as an Output is checked when it resolves (checkDeferredKey).
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
import { GATEWAY_BANDWIDTHS } from "./gateway";
import { checkTags, Failures } from "./provider-base";

export type { WithSecretKey } from "../spec/side-spec";

/** What a user writes (TunnelSpecInput) or a normalised TunnelSpec; either is validated again for Tencent. */
export type TencentSideSpec = SideSpec;

/** The VPN gateway to create when no existing one is given. */
export interface TencentGatewayArgs {
  /** Mbps: 5, 10, 20, 50, 100, 200, 500, 1000 or 3000. Raised in place within 5–100 or 200–1000. */
  bandwidthMbps: number;
  /** Defaults to the spec's name. Renamed in place. */
  name?: string;
  /** E.g. ap-guangzhou-3; left out, Tencent picks one. Changing it replaces the gateway. */
  zone?: string;
  /** Only pay-as-you-go gateways are created here. */
  chargeType?: "POSTPAID_BY_HOUR";
}

export interface TencentVpnSideArgs {
  spec: TencentSideSpec;
  /** The VPC (vpc-…). */
  vpcId: pulumi.Input<string>;
  /** The route table (rtb-…) that gets a route per site CIDR toward the gateway. */
  routeTableId: pulumi.Input<string>;
  /** Create a gateway of this size... */
  gateway?: TencentGatewayArgs;
  /** ...or use this existing gateway (vpngw-…): only read, never modified or deleted. */
  existingGatewayId?: pulumi.Input<string>;
  /** Tags of the gateway created here (set at creation; see docs/tencent.md). */
  tags?: Record<string, string>;
}

export interface TencentSidePlan {
  /** The validated spec. Its preSharedKey is a stand-in when the key is an Output: always use `preSharedKey`. */
  spec: TunnelSpec;
  preSharedKey: pulumi.Input<string>;
  keyIsDeferred: boolean;
  gateway: { create: TencentGatewayArgs } | { existingId: pulumi.Input<string> };
  /** identities.cloud as the user wrote it (not the default derived from cloudGatewayIp). */
  explicitCloudIdentity?: Identity;
  /** Problems that do not stop the side (weak crypto allowed, arguments not used). */
  warnings: Problem[];
}


const ID_FORMATS = {
  vpcId: { prefix: "vpc", what: "a VPC id" },
  routeTableId: { prefix: "rtb", what: "a route table id" },
  existingGatewayId: { prefix: "vpngw", what: "a VPN gateway id" },
} as const;

export function checkTencentSideArgs(args: TencentVpnSideArgs): { plan?: TencentSidePlan; problems: Problem[] } {
  const { parsed, preSharedKey, keyIsDeferred, explicitCloudIdentity, problems } = parseSideSpec(args?.spec, "tencent", "TencentVpnSide");
  problems.push(...checkSideArguments(args, parsed.spec, explicitCloudIdentity));
  if (errors(problems).length > 0 || !parsed.spec) return { problems };
  const plan: TencentSidePlan = {
    spec: parsed.spec,
    preSharedKey: preSharedKey as pulumi.Input<string>,
    keyIsDeferred,
    gateway: args.existingGatewayId !== undefined ? { existingId: args.existingGatewayId } : { create: args.gateway! },
    ...(explicitCloudIdentity ? { explicitCloudIdentity } : {}),
    warnings: problems,
  };
  return { plan, problems };
}

/** The plan, or a SpecError listing every problem (naming the component, for stacks with several sides). */
export function requireTencentSidePlan(name: string, args: TencentVpnSideArgs): TencentSidePlan {
  const { plan, problems } = checkTencentSideArgs(args);
  if (!plan) throw new SpecError(problems, `invalid TencentVpnSide "${name}" arguments`);
  return plan;
}


/** What the gateway's address must agree with once it is known (an existing gateway's, or a new one's). */
export function checkGatewayAddress(plan: Pick<TencentSidePlan, "spec" | "explicitCloudIdentity" | "gateway">, gatewayId: string, address: string): Problem[] {
  if (!("existingId" in plan.gateway)) return [];
  const problems: Problem[] = [];
  const { spec } = plan;
  if (spec.cloudGatewayIp !== undefined && spec.cloudGatewayIp !== address) {
    problems.push(error("spec.cloudGatewayIp", spec.cloudGatewayIp, `is not the address of gateway ${gatewayId} (${address})`, `use ${address}, or leave cloudGatewayIp out`));
  }
  const identity = plan.explicitCloudIdentity;
  if (identity?.type === "address" && identity.value !== address) {
    problems.push(error("spec.identities.cloud", `address:${identity.value}`, `is not the address of gateway ${gatewayId} (${address})`, `use address:${address}, or an FQDN identity`));
  }
  return problems;
}

function checkSideArguments(args: TencentVpnSideArgs, spec: TunnelSpec | undefined, explicitCloudIdentity: Identity | undefined): Problem[] {
  const problems: Problem[] = [];
  const existing = args?.existingGatewayId !== undefined;
  if (existing && args.gateway !== undefined) {
    problems.push(error("existingGatewayId", plain(args.existingGatewayId), "is given together with gateway", "give gateway to create a VPN gateway, or existingGatewayId to use one, not both"));
  }
  if (!existing && args?.gateway === undefined) {
    problems.push(error("gateway", undefined, "is required when existingGatewayId is not given", "e.g. gateway: { bandwidthMbps: 5 }, or existingGatewayId: vpngw-…"));
  }
  if (args?.gateway !== undefined) problems.push(...checkGatewayArgs(args.gateway));
  if (existing && args.tags !== undefined) problems.push(error("tags", args.tags, "apply only to a gateway created here", "leave tags out with existingGatewayId"));
  for (const key of ["vpcId", "routeTableId", "existingGatewayId"] as const) {
    const value = args?.[key];
    const { prefix, what } = ID_FORMATS[key];
    if (value === undefined && key !== "existingGatewayId") problems.push(error(key, undefined, "is required", `${what} (${prefix}-…)`));
    if (typeof value === "string" && !new RegExp(`^${prefix}-[a-z0-9]+$`).test(value)) {
      problems.push(error(key, value, `is not ${what}`, `${prefix}- followed by lowercase letters and digits, as the console shows it`));
    }
  }
  const tagFailures = new Failures();
  checkTags(args?.tags, tagFailures);
  problems.push(...tagFailures.problems.map((f) => error(f.path, undefined, f.message, f.hint)));
  if (!existing && spec) {
    if (spec.cloudGatewayIp !== undefined) {
      problems.push(warning("spec.cloudGatewayIp", spec.cloudGatewayIp, "is not used: the gateway created here gets its own address", "the address is the gatewayPublicIp output; leave cloudGatewayIp out, or use existingGatewayId"));
    }
    if (explicitCloudIdentity?.type === "address") {
      problems.push(warning("spec.identities.cloud", `address:${explicitCloudIdentity.value}`, "is replaced by the address of the gateway created here", "leave it out (the gateway presents its own address) or use an FQDN identity"));
    }
  }
  return problems;
}

function checkGatewayArgs(gateway: TencentGatewayArgs): Problem[] {
  if (!isRecord(gateway)) return [error("gateway", gateway, "is not an object", "e.g. gateway: { bandwidthMbps: 5 }")];
  const problems: Problem[] = [];
  const sizes: readonly number[] = GATEWAY_BANDWIDTHS;
  if (!sizes.includes(gateway.bandwidthMbps)) {
    problems.push(error("gateway.bandwidthMbps", gateway.bandwidthMbps, "is not a size Tencent sells for a VPN gateway", `Mbps, one of ${sizes.join(", ")}`));
  }
  if (gateway.name !== undefined && !(typeof gateway.name === "string" && gateway.name.length > 0 && Buffer.byteLength(gateway.name) <= 60 && !CONTROL.test(gateway.name))) {
    problems.push(error("gateway.name", gateway.name, "is not a VPN gateway name Tencent accepts", "1–60 bytes, without line breaks or other control characters"));
  }
  if (gateway.zone !== undefined && !/^[a-z]+-[a-z]+-\d+$/.test(String(gateway.zone))) {
    problems.push(error("gateway.zone", gateway.zone, "is not a zone name", "e.g. ap-guangzhou-3, or leave it out"));
  }
  if (gateway.chargeType !== undefined && gateway.chargeType !== "POSTPAID_BY_HOUR") {
    problems.push(error("gateway.chargeType", gateway.chargeType, "is not offered here", "POSTPAID_BY_HOUR (pay as you go); for a prepaid gateway buy it in the console and pass existingGatewayId"));
  }
  return problems;
}


const plain = (value: unknown): unknown => (typeof value === "string" ? value : undefined);
