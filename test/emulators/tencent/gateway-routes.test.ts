// Specification: VPN gateway destination routes — CreateVpnGatewayRoutes, DescribeVpnGatewayRoutes,
// DeleteVpnGatewayRoutes — whose next hops are the gateway's own tunnels.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { rejectsWith } from "./sdk-client";
import { world, type World } from "./world";

describe("VPN gateway routes", () => {
  let w: World;
  let gateway: string;
  let tunnel: string;
  before(async () => {
    w = await world();
    gateway = await w.gateway();
    tunnel = await w.connection(gateway, await w.customerGateway(), { RouteType: "StaticRoute" });
  });
  after(() => w.stop());

  const route = (destination: string, instanceId = tunnel, priority = 0) => ({ DestinationCidrBlock: destination, InstanceType: "VPNCONN", InstanceId: instanceId, Priority: priority, Status: "ENABLE" });

  test("created routes get vpnr- ids and are described with their next hop", async () => {
    const r = await w.client.CreateVpnGatewayRoutes({ VpnGatewayId: gateway, Routes: [route("192.168.88.0/24"), route("192.168.89.0/24", tunnel, 100)] });
    assert.equal(r.Routes?.length, 2);
    assert.match(r.Routes?.[0]?.RouteId ?? "", /^vpnr-[a-z0-9]{8}$/);
    const d = await w.client.DescribeVpnGatewayRoutes({ VpnGatewayId: gateway });
    assert.equal(d.TotalCount, 2);
    assert.deepEqual(d.Routes?.map((x) => [x.DestinationCidrBlock, x.InstanceId, x.Priority, x.Status, x.Type]), [
      ["192.168.88.0/24", tunnel, 0, "ENABLE", "Static"],
      ["192.168.89.0/24", tunnel, 100, "ENABLE", "Static"],
    ]);
  });

  test("filters DestinationCidr, InstanceId and InstanceType select routes", async () => {
    const d = await w.client.DescribeVpnGatewayRoutes({ VpnGatewayId: gateway, Filters: [{ Name: "DestinationCidr", Values: ["192.168.89.0/24"] }, { Name: "InstanceType", Values: ["VPNCONN"] }] });
    assert.deepEqual(d.Routes?.map((x) => x.DestinationCidrBlock), ["192.168.89.0/24"]);
  });

  // Routes are built lazily: the tunnel exists only once before() has run.
  const refusals: Array<[string, () => Record<string, unknown>, string]> = [
    ["the same route again", () => route("192.168.88.0/24"), "InvalidParameterValue.Duplicate"],
    ["priority 50", () => route("192.168.90.0/24", undefined, 50), "InvalidParameterValue"],
    ["status ON", () => ({ ...route("192.168.90.0/24"), Status: "ON" }), "InvalidParameterValue"],
    ["a CCN next hop (not modelled)", () => ({ ...route("192.168.90.0/24"), InstanceType: "CCN", InstanceId: "ccn-12345678" }), "UnsupportedOperation"],
    ["a next hop that is no tunnel id", () => route("192.168.90.0/24", "cgw-12345678"), "InvalidParameterValue.Malformed"],
    ["an unknown tunnel", () => route("192.168.90.0/24", "vpnx-00000000"), "ResourceNotFound"],
    ["no Status", () => ({ ...route("192.168.90.0/24"), Status: undefined }), "MissingParameter"],
  ];
  for (const [what, item, code] of refusals) {
    test(`${what} → ${code}`, async () => {
      await rejectsWith(w.client.request("CreateVpnGatewayRoutes", { VpnGatewayId: gateway, Routes: [item()] }), code);
    });
  }

  test("a tunnel of another gateway is refused as next hop", async () => {
    const other = await w.gateway("other");
    const foreign = await w.connection(other, await w.customerGateway("192.0.2.70"));
    await rejectsWith(w.client.CreateVpnGatewayRoutes({ VpnGatewayId: gateway, Routes: [route("192.168.91.0/24", foreign)] }), "InvalidParameterValue");
  });

  test("a tunnel that routes still point to cannot be deleted; after DeleteVpnGatewayRoutes it can", async () => {
    await rejectsWith(w.client.DeleteVpnConnection({ VpnGatewayId: gateway, VpnConnectionId: tunnel }), "ResourceInUse");
    const ids = (await w.client.DescribeVpnGatewayRoutes({ VpnGatewayId: gateway })).Routes?.map((x) => x.RouteId ?? "") ?? [];
    await w.client.DeleteVpnGatewayRoutes({ VpnGatewayId: gateway, RouteIds: ids });
    assert.equal((await w.client.DescribeVpnGatewayRoutes({ VpnGatewayId: gateway })).TotalCount, 0);
    await w.client.DeleteVpnConnection({ VpnGatewayId: gateway, VpnConnectionId: tunnel });
  });

  test("deleting an unknown route id is ResourceNotFound", async () => {
    await rejectsWith(w.client.DeleteVpnGatewayRoutes({ VpnGatewayId: gateway, RouteIds: ["vpnr-00000000"] }), "ResourceNotFound");
  });
});
