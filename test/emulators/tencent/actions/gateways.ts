// VPN gateway actions: CreateVpnGateway, DescribeVpnGateways, ResetVpnGatewayInternetMaxBandwidth,
// ModifyVpnGatewayAttribute, DeleteVpnGateway. Checks state rules; no HTTP.
import type { Tag } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { ApiError, fail, say } from "../errors";
import { selectPage, type ListSpec } from "../query";
import type { GatewayRecord } from "../store";
import { common, type Schema } from "../validate";
import { gatewayView } from "../views";
import { find, num, str, type ActionContext, type ActionDef } from "./context";

export const CREATE_BANDWIDTHS = [5, 10, 20, 50, 100, 200, 500, 1000, 3000] as const;
export const RESET_BANDWIDTHS = [5, 10, 20, 50, 100, 200, 500, 1000] as const;
/** Bandwidth may only grow, and only inside one of these bands (Tencent's ResetVpnGatewayInternetMaxBandwidth). */
const BANDWIDTH_BANDS: ReadonlyArray<readonly [number, number]> = [[5, 100], [200, 1000]];
const RESERVED_ASNS = [139341, 45090, 58835] as const;
const DEFAULT_BGP_ASN = 64551;

const createSchema: Schema = {
  VpcId: { type: "string", required: true, id: "vpc", malformedCode: "InvalidVpcId.Malformed" },
  VpnGatewayName: { type: "string", required: true, maxBytes: 60 },
  InternetMaxBandwidthOut: { type: "integer", required: true, oneOf: CREATE_BANDWIDTHS },
  InstanceChargeType: { type: "string", oneOf: ["POSTPAID_BY_HOUR", "PREPAID"] },
  InstanceChargePrepaid: {
    type: "object",
    fields: {
      Period: { type: "integer", required: true, oneOf: [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36] },
      RenewFlag: { type: "string", oneOf: ["NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW"] },
    },
  },
  Zone: { type: "string" },
  Type: { type: "string", oneOf: ["IPSEC", "SSL", "CCN", "SSL_CCN"] },
  Tags: common.tags,
  CdcId: { type: "string" },
  MaxConnection: { type: "integer", oneOf: [5, 10, 20, 50, 100, 200, 500, 1000] },
  BgpAsn: { type: "integer", min: 1, max: 4294967295, reserved: RESERVED_ASNS },
};

export function checkTags(tags: Tag[] | undefined, field = "Tags"): Tag[] {
  const seen = new Set<string>();
  for (const tag of tags ?? []) {
    if (seen.has(tag.Key)) fail("InvalidParameterValue.TagDuplicateKey", `The tag key \`${tag.Key}\` appears twice in \`${field}\`.`);
    seen.add(tag.Key);
  }
  return (tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value ?? "" }));
}

function createVpnGateway(ctx: ActionContext, p: Record<string, unknown>) {
  const vpcId = str(p, "VpcId") ?? "";
  if (!ctx.store.vpcs.has(vpcId)) fail("InvalidVpcId.NotFound", say.notFound("VPC", vpcId));
  const type = str(p, "Type") ?? "IPSEC";
  if (type !== "IPSEC") fail("UnsupportedOperation", `emulator: only Type IPSEC gateways are modelled, not ${type}.`);
  const chargeType = str(p, "InstanceChargeType") ?? "POSTPAID_BY_HOUR";
  if (chargeType === "PREPAID" && p["InstanceChargePrepaid"] === undefined) fail("MissingParameter", say.missing("InstanceChargePrepaid"));
  const zone = str(p, "Zone") ?? `${ctx.settings.region}-3`;
  if (!new RegExp(`^${ctx.settings.region}-[0-9]+$`).test(zone)) {
    fail("InvalidParameterValue.UnavailableZone", `The zone \`${zone}\` is not a zone of region ${ctx.settings.region}.`);
  }
  const tags = checkTags(p["Tags"] as Tag[] | undefined);
  const gateway: GatewayRecord = {
    vpnGatewayId: ctx.store.newId("vpnGateway"),
    vpcId,
    name: str(p, "VpnGatewayName") ?? "",
    type,
    chargeType,
    bandwidth: num(p, "InternetMaxBandwidthOut") ?? 5,
    zone,
    tags,
    publicIp: ctx.store.allocatePublicIp(),
    version: ctx.settings.gatewayVersion,
    bgpAsn: num(p, "BgpAsn") ?? DEFAULT_BGP_ASN,
    createdAt: ctx.now,
    state: "PENDING",
    transition: { at: ctx.now + ctx.settings.gatewayPendingMs, then: ctx.taskFails ? "PENDING_ERROR" : "AVAILABLE" },
  };
  ctx.store.gateways.set(gateway.vpnGatewayId, gateway);
  ctx.store.recordTask({ taskId: ctx.requestId, action: "CreateVpnGateway", doneAt: gateway.transition?.at ?? ctx.now, outcome: ctx.taskFails ? "FAILED" : "SUCCESS" });
  return { VpnGateway: gatewayView(gateway) };
}

export const gatewayListSpec: ListSpec<GatewayRecord> = {
  idsParam: "VpnGatewayIds",
  idOf: (g) => g.vpnGatewayId,
  kindName: "VPN gateway",
  filters: {
    "vpc-id": (g) => [g.vpcId],
    "vpn-gateway-id": (g) => [g.vpnGatewayId],
    "vpn-gateway-name": (g) => [g.name],
    type: (g) => [g.type],
    "public-ip-address": (g) => [gatewayView(g).PublicIpAddress ?? ""],
    "renew-flag": (g) => [gatewayView(g).RenewFlag ?? ""],
    zone: (g) => [g.zone],
  },
  tags: (g) => g.tags,
};

function describeVpnGateways(ctx: ActionContext, p: Record<string, unknown>) {
  const { total, page } = selectPage([...ctx.store.gateways.values()], p, gatewayListSpec);
  return { TotalCount: total, VpnGatewaySet: page.map(gatewayView) };
}

function requireAvailable(gateway: GatewayRecord, what: string): void {
  if (gateway.state !== "AVAILABLE") {
    fail("UnsupportedOperation.InvalidState", `The VPN gateway \`${gateway.vpnGatewayId}\` is ${gateway.state}; ${what} needs it AVAILABLE.`);
  }
}

function resetBandwidth(ctx: ActionContext, p: Record<string, unknown>) {
  const gateway = find.gateway(ctx, str(p, "VpnGatewayId") ?? "");
  requireAvailable(gateway, "changing its bandwidth");
  const wanted = num(p, "InternetMaxBandwidthOut") ?? gateway.bandwidth;
  const band = (value: number) => BANDWIDTH_BANDS.findIndex(([low, high]) => low <= value && value <= high);
  if (wanted < gateway.bandwidth || band(wanted) !== band(gateway.bandwidth)) {
    fail(
      "UnsupportedOperation.VpnUnsupportedModifyBandwidth",
      `Bandwidth ${gateway.bandwidth} → ${wanted} Mbps is not supported: it may only grow within [5, 100] or within [200, 1000] Mbps.`,
    );
  }
  gateway.bandwidth = wanted;
  return {};
}

function modifyAttribute(ctx: ActionContext, p: Record<string, unknown>) {
  const gateway = find.gateway(ctx, str(p, "VpnGatewayId") ?? "");
  if (gateway.state === "DELETING") requireAvailable(gateway, "modifying it"); // other states may be renamed
  const chargeType = str(p, "InstanceChargeType");
  if (chargeType !== undefined && gateway.chargeType !== "PREPAID") {
    fail("UnsupportedOperation", `Only a PREPAID gateway can be switched to POSTPAID_BY_HOUR; \`${gateway.vpnGatewayId}\` is ${gateway.chargeType}.`);
  }
  if (p["MaxConnection"] !== undefined) fail("UnsupportedOperation", "MaxConnection applies to SSL gateways only.");
  gateway.name = str(p, "VpnGatewayName") ?? gateway.name;
  gateway.chargeType = chargeType ?? gateway.chargeType;
  gateway.bgpAsn = num(p, "BgpAsn") ?? gateway.bgpAsn;
  return {};
}

function deleteVpnGateway(ctx: ActionContext, p: Record<string, unknown>) {
  const gateway = find.gateway(ctx, str(p, "VpnGatewayId") ?? "");
  if (!["AVAILABLE", "PENDING_ERROR", "DELETING_ERROR"].includes(gateway.state)) requireAvailable(gateway, "deleting it");
  if (gateway.chargeType === "PREPAID") fail("UnsupportedOperation", "Only pay-as-you-go (POSTPAID_BY_HOUR) gateways can be deleted.");
  const tunnel = [...ctx.store.connections.values()].find((c) => c.vpnGatewayId === gateway.vpnGatewayId);
  if (tunnel) fail("ResourceInUse", `The VPN gateway \`${gateway.vpnGatewayId}\` still has the VPN connection \`${tunnel.vpnConnectionId}\`; delete it first.`);
  for (const table of ctx.store.routeTables.values()) {
    const route = table.routes.find((r) => r.gatewayId === gateway.vpnGatewayId);
    if (route) {
      throw new ApiError("ResourceInUse", `The route ${route.routeId} (${route.destination}) in \`${table.routeTableId}\` still points to \`${gateway.vpnGatewayId}\`; delete it first.`);
    }
  }
  gateway.state = "DELETING";
  gateway.transition = { at: ctx.now + ctx.settings.deletingMs, then: ctx.taskFails ? "DELETING_ERROR" : "GONE" };
  ctx.store.recordTask({ taskId: ctx.requestId, action: "DeleteVpnGateway", doneAt: gateway.transition.at, outcome: ctx.taskFails ? "FAILED" : "SUCCESS" });
  return {};
}

const gatewayId = { type: "string", required: true, id: "vpnGateway", malformedCode: "InvalidVpnGatewayId.Malformed" } as const;

export const gatewayActions: Record<string, ActionDef> = {
  CreateVpnGateway: { schema: createSchema, async: true, run: createVpnGateway },
  DescribeVpnGateways: {
    schema: {
      VpnGatewayIds: { type: "array", maxItems: 100, items: { type: "string", id: "vpnGateway" } },
      Filters: common.filters(),
      Offset: common.offset,
      Limit: common.limit,
    },
    run: describeVpnGateways,
  },
  ResetVpnGatewayInternetMaxBandwidth: {
    schema: { VpnGatewayId: gatewayId, InternetMaxBandwidthOut: { type: "integer", required: true, oneOf: RESET_BANDWIDTHS } },
    run: resetBandwidth,
  },
  ModifyVpnGatewayAttribute: {
    schema: {
      VpnGatewayId: gatewayId,
      VpnGatewayName: { type: "string", maxBytes: 60 },
      InstanceChargeType: { type: "string", oneOf: ["POSTPAID_BY_HOUR"] },
      BgpAsn: { type: "integer", min: 1, max: 4294967295, reserved: RESERVED_ASNS },
      MaxConnection: { type: "integer" },
    },
    run: modifyAttribute,
  },
  DeleteVpnGateway: { schema: { VpnGatewayId: gatewayId }, async: true, run: deleteVpnGateway },
};
