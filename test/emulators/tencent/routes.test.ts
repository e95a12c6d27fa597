// Specification: VPC route actions — CreateRoutes, DescribeRouteTables (Offset/Limit as strings), DeleteRoutes —
// with VPN next hops checked against the emulated gateways and Tencent's CIDR rules.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { rejectsWith } from "./sdk-client";
import { world, type World } from "./world";

describe("VPC routes through a VPN gateway", () => {
  let w: World;
  let gateway: string;
  before(async () => {
    w = await world();
    gateway = await w.gateway();
  });
  after(() => w.stop());

  const route = (destination: string, gatewayId = gateway) => ({ DestinationCidrBlock: destination, GatewayType: "VPN", GatewayId: gatewayId, RouteDescription: "to the branch" });
  const routesOf = async () => (await w.client.DescribeRouteTables({ RouteTableIds: [w.routeTableId] })).RouteTableSet?.[0]?.RouteSet ?? [];

  test("CreateRoutes answers the new routes with a numeric RouteId and an rti- RouteItemId", async () => {
    const r = await w.client.CreateRoutes({ RouteTableId: w.routeTableId, Routes: [route("192.168.88.0/24")] });
    assert.equal(r.TotalCount, 1);
    const [created] = r.RouteTableSet?.[0]?.RouteSet ?? [];
    assert.equal(typeof created?.RouteId, "number");
    assert.match(created?.RouteItemId ?? "", /^rti-[a-z0-9]{8}$/);
    assert.deepEqual([created?.DestinationCidrBlock, created?.GatewayType, created?.GatewayId, created?.RouteType, created?.Enabled], ["192.168.88.0/24", "VPN", gateway, "USER", true]);
    assert.deepEqual((await routesOf()).map((x) => x.RouteId), [created?.RouteId]);
  });

  test("a default route (a supernet of the VPC) is allowed", async () => {
    await w.client.CreateRoutes({ RouteTableId: w.routeTableId, Routes: [route("0.0.0.0/0")] });
  });

  // Routes are built lazily: the gateway exists only once before() has run.
  const refusals: Array<[string, () => Record<string, unknown>[], string]> = [
    ["a destination inside the VPC", () => [route("10.0.1.0/24")], "InvalidParameterValue.VpcCidrConflict"],
    ["the VPC's own block", () => [route("10.0.0.0/16")], "InvalidParameterValue.VpcCidrConflict"],
    ["the same destination twice in one call", () => [route("172.30.0.0/24"), route("172.30.0.0/24")], "InvalidParameterValue.Duplicate"],
    ["an existing route again", () => [route("192.168.88.0/24")], "InvalidParameterValue.Duplicate"],
    ["a malformed destination", () => [route("192.168.88.0/24x")], "InvalidParameterValue.Malformed"],
    ["a next-hop type that is not offered", () => [{ ...route("172.30.1.0/24"), GatewayType: "VPNGW" }], "InvalidParameterValue"],
    ["a NAT next hop (not modelled)", () => [{ ...route("172.30.2.0/24"), GatewayType: "NAT", GatewayId: "nat-12345678" }], "UnsupportedOperation"],
    ["a VPN next hop that is no VPN gateway id", () => [route("172.30.3.0/24", "cgw-12345678")], "InvalidParameter.NextHopMismatch"],
    ["an unknown VPN gateway", () => [route("172.30.4.0/24", "vpngw-00000000")], "ResourceNotFound"],
    ["no GatewayId", () => [{ DestinationCidrBlock: "172.30.5.0/24", GatewayType: "VPN" }], "MissingParameter"],
  ];
  for (const [what, routes, code] of refusals) {
    test(`${what} → ${code}`, async () => {
      await rejectsWith(w.client.request("CreateRoutes", { RouteTableId: w.routeTableId, Routes: routes() }), code);
    });
  }

  test("the same destination through another gateway would be ECMP: UnsupportedOperation.EcmpWithUserRoute", async () => {
    const second = await w.gateway("second");
    await rejectsWith(w.client.CreateRoutes({ RouteTableId: w.routeTableId, Routes: [route("192.168.88.0/24", second)] }), "UnsupportedOperation.EcmpWithUserRoute");
  });

  test("a gateway of another VPC is UnsupportedOperation.VpcMismatch", async () => {
    const other = w.emu.addVpc({ cidrBlock: "10.8.0.0/16" });
    const foreign = (await w.client.CreateVpnGateway({ VpcId: other.vpcId, VpnGatewayName: "foreign", InternetMaxBandwidthOut: 5 })).VpnGateway?.VpnGatewayId ?? "";
    await w.client.DescribeVpnGateways({});
    await rejectsWith(w.client.CreateRoutes({ RouteTableId: w.routeTableId, Routes: [route("172.30.6.0/24", foreign)] }), "UnsupportedOperation.VpcMismatch");
  });

  test("route tables: malformed id → InvalidParameterValue.Malformed, unknown → ResourceNotFound", async () => {
    await rejectsWith(w.client.CreateRoutes({ RouteTableId: "rtb-1", Routes: [route("172.30.7.0/24")] }), "InvalidParameterValue.Malformed");
    await rejectsWith(w.client.CreateRoutes({ RouteTableId: "rtb-00000000", Routes: [route("172.30.7.0/24")] }), "ResourceNotFound");
  });

  test("DescribeRouteTables takes Offset and Limit as strings; numbers are InvalidParameter", async () => {
    const r = await w.client.DescribeRouteTables({ Offset: "0", Limit: "1" });
    assert.equal(r.RouteTableSet?.length, 1);
    await rejectsWith(w.client.request("DescribeRouteTables", { Limit: 1 }), "InvalidParameter");
    await rejectsWith(w.client.DescribeRouteTables({ Limit: "101" }), "InvalidParameterValue.Range");
    await rejectsWith(w.client.DescribeRouteTables({ Limit: "ten" }), "InvalidParameterValue");
  });

  test("the default route table is the VPC's main table; NeedRouterInfo false leaves the routes out", async () => {
    const r = await w.client.DescribeRouteTables({ Filters: [{ Name: "vpc-id", Values: [w.vpcId] }, { Name: "association.main", Values: ["true"] }], NeedRouterInfo: false });
    assert.deepEqual(r.RouteTableSet?.map((t) => [t.RouteTableId, t.Main, t.RouteSet?.length]), [[w.routeTableId, true, 0]]);
  });

  test("DeleteRoutes removes by RouteId or RouteItemId and answers what it removed", async () => {
    const created = (await w.client.CreateRoutes({ RouteTableId: w.routeTableId, Routes: [route("172.31.1.0/24"), route("172.31.2.0/24")] })).RouteTableSet?.[0]?.RouteSet ?? [];
    const [first, second] = created;
    const byId = await w.client.DeleteRoutes({ RouteTableId: w.routeTableId, Routes: [{ RouteId: first?.RouteId, DestinationCidrBlock: "", GatewayType: "", GatewayId: "" }] });
    assert.deepEqual(byId.RouteSet?.map((x) => x.DestinationCidrBlock), ["172.31.1.0/24"]);
    await w.client.request("DeleteRoutes", { RouteTableId: w.routeTableId, Routes: [{ RouteItemId: second?.RouteItemId }] });
    const left = (await routesOf()).map((x) => x.DestinationCidrBlock);
    assert.equal(left.includes("172.31.1.0/24") || left.includes("172.31.2.0/24"), false);
  });

  test("an unknown RouteId is InvalidRouteId.NotFound; a route given by neither id is MissingParameter", async () => {
    await rejectsWith(w.client.request("DeleteRoutes", { RouteTableId: w.routeTableId, Routes: [{ RouteId: 1 }] }), "InvalidRouteId.NotFound");
    await rejectsWith(w.client.request("DeleteRoutes", { RouteTableId: w.routeTableId, Routes: [{ DestinationCidrBlock: "192.168.88.0/24" }] }), "MissingParameter");
  });
});
