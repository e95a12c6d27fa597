// Specification: a create whose last attempt may have taken effect is looked for once more before the run gives up,
// so it is adopted rather than made twice by the rerun; and a create Tencent accepted without naming its object is
// waited for, never sent again. (Review findings: the lookup used to run only before a retry.)
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { articleConnection, cloud, configuredProviders, gatewayAndCustomerGateway, type Cloud } from "./helpers/cloud";

describe("creates whose last attempt went unanswered", () => {
  let c: Cloud;
  before(async () => {
    c = await cloud();
  });
  after(() => c.stop());
  const gatewaysNamed = (name: string) => c.emu.state().vpnGateways.filter((g) => g.VpnGatewayName === name);

  test("a gateway: two 503s then a lost answer on the last attempt is adopted, one gateway", async () => {
    const providers = await configuredProviders(c.emu, { "ros-vpc-ipsec:tencentRetryAttempts": "3" });
    c.emu.injectFault({ action: "CreateVpnGateway", kind: "http503", times: 2 });
    c.emu.injectFault({ action: "CreateVpnGateway", kind: "lostResponse" });
    const created = await providers.gateway.create({ vpcId: c.vpcId, name: "lost-last", bandwidthMbps: 5 });
    assert.deepEqual(gatewaysNamed("lost-last").map((g) => g.VpnGatewayId), [created.id]);
  });

  test("a gateway with a single attempt allowed: the lost answer is adopted too", async () => {
    const providers = await configuredProviders(c.emu, { "ros-vpc-ipsec:tencentRetryAttempts": "1" });
    c.emu.injectFault({ action: "CreateVpnGateway", kind: "lostResponse" });
    const created = await providers.gateway.create({ vpcId: c.vpcId, name: "lost-only", bandwidthMbps: 5 });
    assert.deepEqual(gatewaysNamed("lost-only").map((g) => g.VpnGatewayId), [created.id]);
  });

  test("another stack's gateway in the same VPC is never taken for the lost one", async () => {
    const other = await c.providers.gateway.create({ vpcId: c.vpcId, name: "another-stack", bandwidthMbps: 5 });
    const providers = await configuredProviders(c.emu, { "ros-vpc-ipsec:tencentRetryAttempts": "1" });
    c.emu.injectFault({ action: "CreateVpnGateway", kind: "lostResponse" });
    const created = await providers.gateway.create({ vpcId: c.vpcId, name: "mine", bandwidthMbps: 5 });
    assert.notEqual(created.id, other.id);
    assert.equal(gatewaysNamed("mine").length, 1);
  });

  test("a lost answer whose lookup also fails stops with a clear error and never sends the create again", async () => {
    const providers = await configuredProviders(c.emu, { "ros-vpc-ipsec:tencentRetryAttempts": "3" });
    const sentBefore = c.emu.calls.CreateVpnGateway ?? 0;
    c.emu.injectFault({ action: "CreateVpnGateway", kind: "lostResponse" });
    c.emu.injectFault({ action: "DescribeVpnGateways", kind: "RequestLimitExceeded", times: 9 });
    await assert.rejects(providers.gateway.create({ vpcId: c.vpcId, name: "lookup-down", bandwidthMbps: 5 }), (error: Error) => {
      assert.match(error.message, /may have taken effect, and looking for it failed too/);
      return true;
    });
    c.emu.clearFaults();
    assert.equal((c.emu.calls.CreateVpnGateway ?? 0) - sentBefore, 1, "the create was sent again without knowing");
    assert.equal(gatewaysNamed("lookup-down").length, 1);
  });

  test("a connection Tencent accepted without an id, while its listing is throttled, is waited for: one tunnel", async () => {
    const made = await gatewayAndCustomerGateway(c);
    const inputs = articleConnection({ vpcId: c.vpcId, vpnGatewayId: made.vpnGatewayId, customerGatewayId: made.customerGatewayId }, made.gatewayIp, {
      name: "no-id",
      siteCidrs: ["192.168.77.0/24"],
    });
    c.emu.injectFault({ action: "CreateVpnConnection", kind: "emptyVpnConnectionId" });
    c.emu.injectFault({ action: "DescribeVpnConnections", kind: "RequestLimitExceeded", times: 3 });
    const created = await c.providers.connection.create(inputs);
    const tunnels = c.emu.state().vpnConnections.filter((t) => t.VpnConnectionName === "no-id");
    assert.deepEqual(tunnels.map((t) => t.VpnConnectionId), [created.id]);
  });
});
