// Customer gateway actions: CreateCustomerGateway, DescribeCustomerGateways, ModifyCustomerGatewayAttribute,
// DeleteCustomerGateway.
// One customer gateway per public IP; in-use gateways cannot be deleted. No HTTP.
import type { Tag } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { parseIpv4 } from "../cidr";
import { fail } from "../errors";
import { selectPage, type ListSpec } from "../query";
import type { CustomerGatewayRecord } from "../store";
import { common } from "../validate";
import { customerGatewayView } from "../views";
import { find, num, str, type ActionContext, type ActionDef } from "./context";
import { checkTags } from "./gateways";

/** Addresses that can never be a peer's public address: this-network, loopback, multicast and above. */
function isUsableUnicast(ip: string): boolean {
  const first = Math.floor((parseIpv4(ip) ?? 0) / 2 ** 24);
  return first !== 0 && first !== 127 && first < 224;
}

function createCustomerGateway(ctx: ActionContext, p: Record<string, unknown>) {
  const ipAddress = str(p, "IpAddress") ?? "";
  if (!isUsableUnicast(ipAddress)) fail("InvalidParameterValue", `The value \`${ipAddress}\` of parameter \`IpAddress\` is not a usable unicast address.`);
  const clash = [...ctx.store.customerGateways.values()].find((c) => c.ipAddress === ipAddress);
  if (clash) fail("InvalidParameterValue.Duplicate", `A customer gateway with IpAddress ${ipAddress} already exists: \`${clash.customerGatewayId}\`.`);
  const record: CustomerGatewayRecord = {
    customerGatewayId: ctx.store.newId("customerGateway"),
    name: str(p, "CustomerGatewayName") ?? "",
    ipAddress,
    bgpAsn: num(p, "BgpAsn") ?? 0,
    tags: checkTags(p["Tags"] as Tag[] | undefined),
    createdAt: ctx.now,
  };
  ctx.store.customerGateways.set(record.customerGatewayId, record);
  return { CustomerGateway: customerGatewayView(record) };
}

export const customerGatewayListSpec: ListSpec<CustomerGatewayRecord> = {
  idsParam: "CustomerGatewayIds",
  idOf: (c) => c.customerGatewayId,
  kindName: "customer gateway",
  filters: {
    "customer-gateway-id": (c) => [c.customerGatewayId],
    "customer-gateway-name": (c) => [c.name],
    "ip-address": (c) => [c.ipAddress],
  },
  tags: (c) => c.tags,
};

function deleteCustomerGateway(ctx: ActionContext, p: Record<string, unknown>) {
  const gateway = find.customerGateway(ctx, str(p, "CustomerGatewayId") ?? "");
  const tunnel = [...ctx.store.connections.values()].find((c) => c.config.customerGatewayId === gateway.customerGatewayId);
  if (tunnel) {
    fail("ResourceInUse", `The customer gateway \`${gateway.customerGatewayId}\` is used by the VPN connection \`${tunnel.vpnConnectionId}\`; delete it first.`);
  }
  ctx.store.customerGateways.delete(gateway.customerGatewayId);
  return {};
}

export const customerGatewayActions: Record<string, ActionDef> = {
  CreateCustomerGateway: {
    schema: {
      CustomerGatewayName: { type: "string", required: true, maxChars: 60 },
      IpAddress: { type: "string", required: true, format: "ipv4" },
      Tags: common.tags,
      BgpAsn: { type: "integer", min: 1, max: 4294967295, reserved: [139341, 45090, 58835] },
    },
    run: createCustomerGateway,
  },
  DescribeCustomerGateways: {
    schema: {
      CustomerGatewayIds: { type: "array", maxItems: 100, items: { type: "string", id: "customerGateway" } },
      Filters: common.filters(),
      Offset: common.offset,
      Limit: common.limit,
    },
    run: (ctx, p) => {
      const { total, page } = selectPage([...ctx.store.customerGateways.values()], p, customerGatewayListSpec);
      return { CustomerGatewaySet: page.map(customerGatewayView), TotalCount: total };
    },
  },
  // Renames in place (and sets the BGP ASN); the address of a customer gateway cannot be changed.
  ModifyCustomerGatewayAttribute: {
    schema: {
      CustomerGatewayId: { type: "string", required: true, id: "customerGateway" },
      CustomerGatewayName: { type: "string", required: true, maxChars: 60 },
      BgpAsn: { type: "integer", min: 1, max: 4294967295, reserved: [139341, 45090, 58835] },
    },
    run: (ctx, p) => {
      const gateway = find.customerGateway(ctx, str(p, "CustomerGatewayId") ?? "");
      gateway.name = str(p, "CustomerGatewayName") ?? gateway.name;
      gateway.bgpAsn = num(p, "BgpAsn") ?? gateway.bgpAsn;
      return {};
    },
  },
  DeleteCustomerGateway: {
    schema: { CustomerGatewayId: { type: "string", required: true, id: "customerGateway" } },
    run: deleteCustomerGateway,
  },
};
