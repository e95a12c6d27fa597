// Specification: Describe* selection — Offset/Limit paging, every documented filter, tag:<key> filters, id lists,
// and Tencent's refusals (ids with filters, unknown filter names, too many filters or values).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { rejectsWith } from "./sdk-client";
import { world, type World } from "./world";

describe("paging and filtering", () => {
  let w: World;
  const gateways: string[] = [];
  const customerGateways: string[] = [];
  const tunnels: string[] = [];
  before(async () => {
    w = await world();
    for (let i = 0; i < 5; i++) gateways.push(await w.gateway(`gw-${i}`, { Tags: [{ Key: "site", Value: i % 2 === 0 ? "even" : "odd" }] }));
    for (let i = 0; i < 3; i++) customerGateways.push(await w.customerGateway(`192.0.2.${100 + i}`, `router-${i}`));
    tunnels.push(await w.connection(gateways[0] ?? "", customerGateways[0] ?? "", { VpnConnectionName: "alpha", Tags: [{ Key: "site", Value: "hq" }] }));
    tunnels.push(await w.connection(gateways[1] ?? "", customerGateways[1] ?? "", { VpnConnectionName: "beta" }));
  });
  after(() => w.stop());

  test("Offset and Limit page through the gateways; TotalCount counts them all", async () => {
    const pages = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const r = await w.client.DescribeVpnGateways({ Offset: offset, Limit: 2 });
      assert.equal(r.TotalCount, 5);
      pages.push(...(r.VpnGatewaySet ?? []).map((g) => g.VpnGatewayId));
    }
    assert.deepEqual(pages, gateways);
  });

  test("the default page is 20 items; Limit above 100 is InvalidParameterValue.Range", async () => {
    assert.equal((await w.client.DescribeVpnGateways({})).VpnGatewaySet?.length, 5);
    await rejectsWith(w.client.DescribeVpnGateways({ Limit: 101 }), "InvalidParameterValue.Range");
    await rejectsWith(w.client.DescribeVpnGateways({ Offset: -1 }), "InvalidParameterValue.Range");
  });

  test("values of one filter are OR-ed, filters are AND-ed", async () => {
    const or = await w.client.DescribeVpnGateways({ Filters: [{ Name: "vpn-gateway-name", Values: ["gw-1", "gw-3"] }] });
    assert.deepEqual(or.VpnGatewaySet?.map((g) => g.VpnGatewayName), ["gw-1", "gw-3"]);
    const and = await w.client.DescribeVpnGateways({ Filters: [{ Name: "vpn-gateway-name", Values: ["gw-1", "gw-2"] }, { Name: "tag:site", Values: ["even"] }] });
    assert.deepEqual(and.VpnGatewaySet?.map((g) => g.VpnGatewayName), ["gw-2"]);
  });

  test("every documented filter selects what it names", async () => {
    const ids = async (action: string, name: string, value: string, idField: string, setField: string) =>
      ((await w.client.request(action, { Filters: [{ Name: name, Values: [value] }] }))[setField] as Array<Record<string, string>>).map((x) => x[idField]);
    const [g0, g1] = gateways;
    const [c0] = customerGateways;
    const [t0, t1] = tunnels;
    const cases: Array<[string, string, string, string, string, unknown[]]> = [
      ["DescribeVpnGateways", "vpc-id", w.vpcId, "VpnGatewayId", "VpnGatewaySet", gateways],
      ["DescribeVpnGateways", "vpn-gateway-id", g1 ?? "", "VpnGatewayId", "VpnGatewaySet", [g1]],
      ["DescribeVpnGateways", "vpn-gateway-name", "gw-0", "VpnGatewayId", "VpnGatewaySet", [g0]],
      ["DescribeCustomerGateways", "customer-gateway-id", c0 ?? "", "CustomerGatewayId", "CustomerGatewaySet", [c0]],
      ["DescribeCustomerGateways", "customer-gateway-name", "router-0", "CustomerGatewayId", "CustomerGatewaySet", [c0]],
      ["DescribeCustomerGateways", "ip-address", "192.0.2.100", "CustomerGatewayId", "CustomerGatewaySet", [c0]],
      ["DescribeVpnConnections", "vpc-id", w.vpcId, "VpnConnectionId", "VpnConnectionSet", tunnels],
      ["DescribeVpnConnections", "vpn-gateway-id", g1 ?? "", "VpnConnectionId", "VpnConnectionSet", [t1]],
      ["DescribeVpnConnections", "customer-gateway-id", c0 ?? "", "VpnConnectionId", "VpnConnectionSet", [t0]],
      ["DescribeVpnConnections", "vpn-connection-id", t1 ?? "", "VpnConnectionId", "VpnConnectionSet", [t1]],
      ["DescribeVpnConnections", "vpn-connection-name", "alpha", "VpnConnectionId", "VpnConnectionSet", [t0]],
      ["DescribeVpnConnections", "tag:site", "hq", "VpnConnectionId", "VpnConnectionSet", [t0]],
      ["DescribeRouteTables", "route-table-id", w.routeTableId, "RouteTableId", "RouteTableSet", [w.routeTableId]],
      ["DescribeRouteTables", "vpc-id", w.vpcId, "RouteTableId", "RouteTableSet", [w.routeTableId]],
    ];
    for (const [action, name, value, idField, setField, expected] of cases) {
      assert.deepEqual(await ids(action, name, value, idField, setField), expected, `${action} ${name}=${value}`);
    }
  });

  test("a filter that matches nothing answers an empty set, not an error", async () => {
    const r = await w.client.DescribeVpnConnections({ Filters: [{ Name: "vpn-connection-name", Values: ["nope"] }] });
    assert.deepEqual([r.TotalCount, r.VpnConnectionSet], [0, []]);
  });

  test("an id list selects exactly those resources; an unknown id is ResourceNotFound", async () => {
    const r = await w.client.DescribeCustomerGateways({ CustomerGatewayIds: [customerGateways[2] ?? "", customerGateways[0] ?? ""] });
    assert.deepEqual(r.CustomerGatewaySet?.map((c) => c.CustomerGatewayId).sort(), [customerGateways[0], customerGateways[2]].sort());
    await rejectsWith(w.client.DescribeCustomerGateways({ CustomerGatewayIds: ["cgw-00000000"] }), "ResourceNotFound");
  });

  test("ids together with Filters are InvalidParameter.Coexist", async () => {
    await rejectsWith(w.client.DescribeVpnGateways({ VpnGatewayIds: [gateways[0] ?? ""], Filters: [{ Name: "vpc-id", Values: [w.vpcId] }] }), "InvalidParameter.Coexist");
  });

  test("an unknown filter name is InvalidParameter.FilterInvalidKey", async () => {
    await rejectsWith(w.client.DescribeVpnConnections({ Filters: [{ Name: "state", Values: ["AVAILABLE"] }] }), "InvalidParameter.FilterInvalidKey");
    await rejectsWith(w.client.DescribeVpnGatewayRoutes({ VpnGatewayId: gateways[0] ?? "", Filters: [{ Name: "vpn-gateway-id", Values: ["x"] }] }), "InvalidParameter.FilterInvalidKey");
  });

  test("more than 10 filters, or more than 5 values in one, are refused", async () => {
    const filter = { Name: "vpc-id", Values: [w.vpcId] };
    await rejectsWith(w.client.DescribeVpnGateways({ Filters: Array.from({ length: 11 }, () => filter) }), "LimitExceeded.NumberOfFilters");
    await rejectsWith(w.client.DescribeVpnGateways({ Filters: [{ Name: "vpc-id", Values: ["a", "b", "c", "d", "e", "f"] }] }), "InvalidParameterValue.LimitExceeded");
  });
});
