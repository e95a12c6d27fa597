// Specification: the VPC routes and VPN gateway routes providers against the Tencent emulator: one route per
// destination, destinations added and removed in place, only their own routes ever deleted, drift reported.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { articleConnection, cloud, gatewayAndCustomerGateway, type Cloud } from "./helpers/cloud";

describe("VPC routes provider", () => {
  let c: Cloud;
  let vpnGatewayId: string;
  before(async () => {
    c = await cloud();
    ({ vpnGatewayId } = await gatewayAndCustomerGateway(c));
  });
  after(() => c.stop());
  beforeEach(() => c.mark());
  const tableRoutes = () => c.emu.state().routeTables.find((t) => t.RouteTableId === c.routeTableId)?.RouteSet ?? [];
  const routesTo = (destination: string) => tableRoutes().filter((r) => r.DestinationCidrBlock === destination);

  test("create adds every destination toward the gateway in one CreateRoutes call", async () => {
    const inputs = { routeTableId: c.routeTableId, vpnGatewayId, destinations: ["192.168.1.0/24", "192.168.2.0/24"], description: "ros-vpc-ipsec:to_tencent" };
    const { id, outs } = await c.providers.vpcRoutes.create(inputs);
    assert.deepEqual(c.callsSinceMark(), { CreateRoutes: 1 });
    assert.equal(id, `${c.routeTableId}:${vpnGatewayId}`);
    assert.deepEqual(
      outs?.routes.map((r) => r.destination),
      ["192.168.1.0/24", "192.168.2.0/24"],
    );
    for (const destination of inputs.destinations) {
      assert.deepEqual(
        routesTo(destination).map((r) => [r.GatewayType, r.GatewayId, r.RouteDescription]),
        [["VPN", vpnGatewayId, "ros-vpc-ipsec:to_tencent"]],
      );
    }
    await c.providers.vpcRoutes.delete(id, outs!);
  });

  test("destinations change in place: removed ones deleted, new ones added, the others untouched", async () => {
    const inputs = { routeTableId: c.routeTableId, vpnGatewayId, destinations: ["192.168.3.0/24", "192.168.4.0/24"] };
    const { id, outs } = await c.providers.vpcRoutes.create(inputs);
    const next = { ...inputs, destinations: ["192.168.4.0/24", "192.168.5.0/24"] };
    assert.deepEqual(await c.providers.vpcRoutes.diff(id, outs!, next), { changes: true, replaces: [], deleteBeforeReplace: false });
    const kept = routesTo("192.168.4.0/24")[0]?.RouteId;
    c.mark();
    const { outs: updated } = await c.providers.vpcRoutes.update(id, outs!, next);
    assert.deepEqual(c.callsSinceMark(), { DeleteRoutes: 1, CreateRoutes: 1 });
    assert.deepEqual([routesTo("192.168.3.0/24").length, routesTo("192.168.4.0/24")[0]?.RouteId, routesTo("192.168.5.0/24").length], [0, kept, 1]);
    assert.deepEqual(updated?.routes.map((r) => r.destination).sort(), ["192.168.4.0/24", "192.168.5.0/24"]);
    await c.providers.vpcRoutes.delete(id, updated!);
  });

  test("the same destinations in another order are no change; another table or gateway replaces the routes", async () => {
    const inputs = { routeTableId: c.routeTableId, vpnGatewayId, destinations: ["192.168.6.0/24", "192.168.7.0/24"] };
    const { id, outs } = await c.providers.vpcRoutes.create(inputs);
    const diff = (change: object) => c.providers.vpcRoutes.diff(id, outs!, { ...inputs, ...change });
    assert.deepEqual(await diff({ destinations: ["192.168.7.0/24", "192.168.6.0/24"] }), { changes: false, replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(await diff({ routeTableId: "rtb-another1" }), { changes: true, replaces: ["routeTableId"], deleteBeforeReplace: true });
    assert.deepEqual(await diff({ vpnGatewayId: "vpngw-another1" }), { changes: true, replaces: ["vpnGatewayId"], deleteBeforeReplace: true });
    await c.providers.vpcRoutes.delete(id, outs!);
  });

  test("read reports a route deleted in the console; update puts it back", async () => {
    const inputs = { routeTableId: c.routeTableId, vpnGatewayId, destinations: ["192.168.8.0/24", "192.168.9.0/24"] };
    const { id, outs } = await c.providers.vpcRoutes.create(inputs);
    await c.client.DeleteRoutes({ RouteTableId: c.routeTableId, Routes: [{ RouteId: routesTo("192.168.9.0/24")[0]?.RouteId, DestinationCidrBlock: "", GatewayType: "", GatewayId: "" }] });
    const read = await c.providers.vpcRoutes.read(id, outs);
    assert.deepEqual(read.props?.destinations, ["192.168.8.0/24"]);
    assert.deepEqual(await c.providers.vpcRoutes.diff(id, read.props!, inputs), { changes: true, replaces: [], deleteBeforeReplace: false });
    await c.providers.vpcRoutes.update(id, read.props!, inputs);
    assert.equal(routesTo("192.168.9.0/24").length, 1);
  });

  test("delete removes only its own routes (by RouteId), even one to the same gateway made by hand; deleting again succeeds", async () => {
    const inputs = { routeTableId: c.routeTableId, vpnGatewayId, destinations: ["192.168.10.0/24"] };
    const { id, outs } = await c.providers.vpcRoutes.create(inputs);
    await c.client.CreateRoutes({ RouteTableId: c.routeTableId, Routes: [{ DestinationCidrBlock: "192.168.99.0/24", GatewayType: "VPN", GatewayId: vpnGatewayId }] });
    await c.providers.vpcRoutes.delete(id, outs!);
    await c.providers.vpcRoutes.delete(id, outs!);
    assert.deepEqual([routesTo("192.168.10.0/24").length, routesTo("192.168.99.0/24").length], [0, 1]);
  });
});

describe("VPN gateway routes provider (route-based tunnels)", () => {
  let c: Cloud;
  let vpnGatewayId: string;
  let vpnConnectionId: string;
  before(async () => {
    c = await cloud();
    const made = await gatewayAndCustomerGateway(c);
    vpnGatewayId = made.vpnGatewayId;
    const inputs = articleConnection({ vpcId: c.vpcId, ...made }, made.gatewayIp, { mode: "route" });
    vpnConnectionId = (await c.providers.connection.create(inputs)).id;
  });
  after(() => c.stop());
  beforeEach(() => c.mark());
  const gatewayRoutes = () => c.emu.state().vpnGatewayRoutes;

  test("create adds one ENABLEd route per destination into the connection, in one call; delete removes them", async () => {
    const inputs = { vpnGatewayId, vpnConnectionId, destinations: ["192.168.1.0/24", "192.168.20.0/24"] };
    const { id, outs } = await c.providers.gatewayRoutes.create(inputs);
    assert.deepEqual(c.callsSinceMark(), { CreateVpnGatewayRoutes: 1 });
    assert.equal(id, `${vpnGatewayId}:${vpnConnectionId}`);
    assert.deepEqual(
      gatewayRoutes().map((r) => [r.DestinationCidrBlock, r.InstanceType, r.InstanceId, r.Priority, r.Status]),
      inputs.destinations.map((d) => [d, "VPNCONN", vpnConnectionId, 0, "ENABLE"]),
    );
    await c.providers.gatewayRoutes.delete(id, outs!);
    await c.providers.gatewayRoutes.delete(id, outs!);
    assert.deepEqual(gatewayRoutes(), []);
  });

  test("destinations change in place; a priority change re-adds the routes; another connection replaces them", async () => {
    const inputs = { vpnGatewayId, vpnConnectionId, destinations: ["192.168.1.0/24"] };
    const { id, outs } = await c.providers.gatewayRoutes.create(inputs);
    assert.deepEqual(await c.providers.gatewayRoutes.diff(id, outs!, { ...inputs, vpnConnectionId: "vpnx-another1" }), {
      changes: true,
      replaces: ["vpnConnectionId"],
      deleteBeforeReplace: true,
    });
    const { outs: grown } = await c.providers.gatewayRoutes.update(id, outs!, { ...inputs, destinations: ["192.168.1.0/24", "192.168.30.0/24"] });
    const { outs: reprioritised } = await c.providers.gatewayRoutes.update(id, grown!, { ...inputs, destinations: ["192.168.1.0/24", "192.168.30.0/24"], priority: 100 });
    assert.deepEqual(gatewayRoutes().map((r) => [r.DestinationCidrBlock, r.Priority]).sort(), [["192.168.1.0/24", 100], ["192.168.30.0/24", 100]]);
    const read = await c.providers.gatewayRoutes.read(id, reprioritised);
    assert.deepEqual(await c.providers.gatewayRoutes.diff(id, read.props!, { ...inputs, destinations: ["192.168.30.0/24", "192.168.1.0/24"], priority: 100 }), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    await c.providers.gatewayRoutes.delete(id, reprioritised!);
  });
});
