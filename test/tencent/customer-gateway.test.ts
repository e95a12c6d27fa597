// Specification: the customer gateway provider against the Tencent emulator: one per router address, replaced when
// the address changes, renamed in place, never taking over one made elsewhere, deleted idempotently.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { cloud, rejection, type Cloud } from "./helpers/cloud";

describe("customer gateway provider", () => {
  let c: Cloud;
  before(async () => (c = await cloud({ deletingMs: 80 })));
  after(() => c.stop());
  beforeEach(() => {
    c.emu.clearFaults();
    c.mark();
  });
  const withAddress = (ip: string) => c.emu.state().customerGateways.filter((g) => g.IpAddress === ip);

  test("create checks the address is free, then creates the customer gateway", async () => {
    const { id, outs } = await c.providers.customerGateway.create({ name: "to_tencent", ipAddress: "113.87.48.1" });
    assert.deepEqual(c.callsSinceMark(), { DescribeCustomerGateways: 1, CreateCustomerGateway: 1 });
    assert.match(id, /^cgw-/);
    assert.deepEqual({ ...outs, createdTime: undefined }, { name: "to_tencent", ipAddress: "113.87.48.1", customerGatewayId: id, createdTime: undefined });
  });

  test("an address that already has a customer gateway is reported with its id, and nothing is created or adopted", async () => {
    const made = await c.client.CreateCustomerGateway({ CustomerGatewayName: "by-hand", IpAddress: "113.87.48.2" });
    const error = await rejection(c.providers.customerGateway.create({ name: "to_tencent", ipAddress: "113.87.48.2" }));
    assert.match(error.message, new RegExp(`${made.CustomerGateway?.CustomerGatewayId} \\("by-hand"\\) already has this address`));
    assert.match(error.message, /Nothing was created/);
    assert.equal(withAddress("113.87.48.2").length, 1);
  });

  test("a new address replaces the customer gateway (deleted first: Tencent keeps one per address); a new name does not", async () => {
    const { id, outs } = await c.providers.customerGateway.create({ name: "cgw", ipAddress: "113.87.48.3" });
    assert.deepEqual(await c.providers.customerGateway.diff(id, outs!, { name: "cgw", ipAddress: "113.87.48.4" }), {
      changes: true,
      replaces: ["ipAddress"],
      deleteBeforeReplace: true,
    });
    assert.deepEqual(await c.providers.customerGateway.diff(id, outs!, { name: "renamed", ipAddress: "113.87.48.3" }), {
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(await c.providers.customerGateway.diff(id, outs!, { name: "cgw", ipAddress: "113.87.48.3" }), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test("a rename is one ModifyCustomerGatewayAttribute on the same customer gateway", async () => {
    const { id, outs } = await c.providers.customerGateway.create({ name: "before", ipAddress: "113.87.48.5" });
    c.mark();
    const { outs: renamed } = await c.providers.customerGateway.update(id, outs!, { name: "after", ipAddress: "113.87.48.5" });
    assert.equal(c.callsSinceMark()["ModifyCustomerGatewayAttribute"], 1);
    assert.equal(renamed?.name, "after");
    assert.deepEqual(withAddress("113.87.48.5").map((g) => [g.CustomerGatewayId, g.CustomerGatewayName]), [[id, "after"]]);
  });

  test("delete waits out ResourceInUse while the tunnel that used it is still being deleted", async () => {
    const gateway = await c.providers.gateway.create({ vpcId: c.vpcId, name: "gw", bandwidthMbps: 5 });
    const { id, outs } = await c.providers.customerGateway.create({ name: "busy", ipAddress: "113.87.48.6" });
    const tunnel = await c.client.CreateVpnConnection({
      VpcId: c.vpcId,
      VpnGatewayId: gateway.id,
      CustomerGatewayId: id,
      VpnConnectionName: "t",
      PreShareKey: "k",
      SecurityPolicyDatabases: [{ LocalCidrBlock: "10.100.1.0/24", RemoteCidrBlock: ["192.168.6.0/24"] }],
    });
    await c.client.DeleteVpnConnection({ VpnGatewayId: gateway.id, VpnConnectionId: tunnel.VpnConnection?.VpnConnectionId ?? "" });
    c.mark();
    await c.providers.customerGateway.delete(id, outs!);
    assert.ok((c.callsSinceMark()["DeleteCustomerGateway"] ?? 0) >= 2, "the first attempt met ResourceInUse");
    assert.deepEqual(withAddress("113.87.48.6"), []);
    await c.providers.customerGateway.delete(id, outs!);
  });

  test("read reports a customer gateway deleted behind Pulumi's back as gone", async () => {
    const { id, outs } = await c.providers.customerGateway.create({ name: "vanish", ipAddress: "113.87.48.7" });
    await c.client.DeleteCustomerGateway({ CustomerGatewayId: id });
    assert.deepEqual(await c.providers.customerGateway.read(id, outs), {});
  });
});
