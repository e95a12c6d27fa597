// Specification: the providers under the emulator's faults — throttling and 5xx retried, slow replies waited for,
// unanswered creates adopted (never a second object), Tencent's empty-id quirk handled, failed tasks reported
// clearly. Outcomes are checked by counting objects in state() and calls, never by timing.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { articleConnection, cloud, configuredProviders, gatewayAndCustomerGateway, rejection, SECRET_PSK, type Cloud, type Providers } from "./helpers/cloud";

describe("faults", () => {
  let c: Cloud;
  let ids: { vpcId: string; vpnGatewayId: string; customerGatewayId: string };
  let gatewayIp: string;
  let lan = 100;
  before(async () => {
    c = await cloud();
    const made = await gatewayAndCustomerGateway(c);
    ids = { vpcId: c.vpcId, vpnGatewayId: made.vpnGatewayId, customerGatewayId: made.customerGatewayId };
    gatewayIp = made.gatewayIp;
  });
  after(() => c.stop());
  beforeEach(() => {
    c.emu.clearFaults();
    c.mark();
  });
  const state = () => c.emu.state();
  const named = (name: string) => state().vpnGateways.filter((g) => g.VpnGatewayName === name);
  /** A fresh customer gateway and LAN, so that tunnels on the shared gateway never clash. */
  async function tunnelInputs(name: string) {
    lan += 1;
    const customerGateway = await c.providers.customerGateway.create({ name, ipAddress: `113.87.49.${lan}` });
    return articleConnection({ ...ids, customerGatewayId: customerGateway.id }, gatewayIp, { name, siteCidrs: [`192.168.${lan}.0/24`] });
  }
  const tunnelsNamed = (name: string) => state().vpnConnections.filter((t) => t.VpnConnectionName === name);

  describe("retried", () => {
    test("RequestLimitExceeded on CreateVpnGateway: sent again, one gateway", async () => {
      c.emu.injectFault({ action: "CreateVpnGateway", kind: "RequestLimitExceeded", times: 2 });
      await c.providers.gateway.create({ vpcId: c.vpcId, name: "throttled", bandwidthMbps: 5 });
      assert.equal(c.callsSinceMark()["CreateVpnGateway"], 3);
      assert.equal(named("throttled").length, 1);
    });

    for (const [i, kind] of (["http502", "http503", "InternalError"] as const).entries()) {
      test(`${kind} on CreateCustomerGateway: looked up (nothing there), sent again, one customer gateway`, async () => {
        c.emu.injectFault({ action: "CreateCustomerGateway", kind });
        const ip = `113.87.50.${i + 1}`;
        await c.providers.customerGateway.create({ name: kind, ipAddress: ip });
        assert.deepEqual(c.callsSinceMark(), { DescribeCustomerGateways: 2, CreateCustomerGateway: 2 });
        assert.equal(state().customerGateways.filter((g) => g.IpAddress === ip).length, 1);
      });
    }

    test("5xx and throttling on the polls and on a modification are retried", async () => {
      const inputs = await tunnelInputs("modify-retried");
      const { id, outs } = await c.providers.connection.create(inputs);
      c.emu.injectFault({ action: "DescribeVpnConnections", kind: "http503", times: 2 });
      c.emu.injectFault({ action: "ModifyVpnConnectionAttribute", kind: "InternalError" });
      c.emu.injectFault({ action: "DescribeVpcTaskResult", kind: "RequestLimitExceeded" });
      await c.providers.connection.update(id, outs!, { ...inputs, preSharedKey: "rotated-0123456789abc" });
      assert.equal(c.callsSinceMark()["ModifyVpnConnectionAttribute"], 2);
      assert.equal(tunnelsNamed("modify-retried")[0]?.PreShareKey, "rotated-0123456789abc");
    });

    test("retries are bounded: persistent throttling fails with Tencent's code after the configured attempts", async () => {
      const strict = await configuredProviders(c.emu, { "ros-vpc-ipsec:tencentRetryAttempts": "3" });
      c.emu.injectFault({ action: "DescribeVpnGateways", kind: "RequestLimitExceeded", times: 10 });
      const error = await rejection(strict.gateway.read(ids.vpnGatewayId, undefined));
      assert.equal(c.callsSinceMark()["DescribeVpnGateways"], 3);
      assert.match(error.message, /DescribeVpnGateways: RequestLimitExceeded: .*RequestId/);
      assert.match(error.message, /rerunning is safe/);
    });
  });

  describe("slow and unanswered", () => {
    test("a slow reply within the request timeout is simply waited for: one call, one gateway", async () => {
      c.emu.injectFault({ action: "CreateVpnGateway", kind: "slow", delayMs: 300 });
      await c.providers.gateway.create({ vpcId: c.vpcId, name: "slow", bandwidthMbps: 5 });
      assert.equal(c.callsSinceMark()["CreateVpnGateway"], 1);
      assert.equal(named("slow").length, 1);
    });

    test("a reply slower than the request timeout: the gateway made meanwhile is found by its create token and adopted", async () => {
      const impatient: Providers = await configuredProviders(c.emu, { "ros-vpc-ipsec:tencentRequestTimeoutSeconds": "0.2" });
      c.emu.injectFault({ action: "CreateVpnGateway", kind: "slow", delayMs: 1500 });
      const { id } = await impatient.gateway.create({ vpcId: c.vpcId, name: "late", bandwidthMbps: 5 });
      assert.equal(c.callsSinceMark()["CreateVpnGateway"], 1);
      assert.deepEqual(named("late").map((g) => g.VpnGatewayId), [id]);
    });

    test("lost response on CreateVpnGateway: exactly one gateway, the one returned", async () => {
      c.emu.injectFault({ action: "CreateVpnGateway", kind: "lostResponse" });
      const { id, outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "lost-gw", bandwidthMbps: 5 });
      assert.equal(c.callsSinceMark()["CreateVpnGateway"], 1);
      assert.deepEqual(named("lost-gw").map((g) => g.VpnGatewayId), [id]);
      assert.equal(outs?.state, "AVAILABLE");
    });

    test("lost response on CreateCustomerGateway: exactly one customer gateway for the address", async () => {
      c.emu.injectFault({ action: "CreateCustomerGateway", kind: "lostResponse" });
      const { id } = await c.providers.customerGateway.create({ name: "lost-cgw", ipAddress: "113.87.51.1" });
      assert.deepEqual(state().customerGateways.filter((g) => g.IpAddress === "113.87.51.1").map((g) => g.CustomerGatewayId), [id]);
    });

    test("lost response on CreateVpnConnection: exactly one tunnel, found by gateway, customer gateway and name", async () => {
      const inputs = await tunnelInputs("lost-tunnel");
      c.mark();
      c.emu.injectFault({ action: "CreateVpnConnection", kind: "lostResponse" });
      const { id, outs } = await c.providers.connection.create(inputs);
      assert.equal(c.callsSinceMark()["CreateVpnConnection"], 1);
      assert.deepEqual(tunnelsNamed("lost-tunnel").map((t) => t.VpnConnectionId), [id]);
      assert.equal(outs?.state, "AVAILABLE");
    });

    test("lost response on CreateRoutes and CreateVpnGatewayRoutes: each route exactly once", async () => {
      c.emu.injectFault({ action: "CreateRoutes", kind: "lostResponse" });
      const routes = await c.providers.vpcRoutes.create({ routeTableId: c.routeTableId, vpnGatewayId: ids.vpnGatewayId, destinations: ["192.168.200.0/24"] });
      const table = state().routeTables.find((t) => t.RouteTableId === c.routeTableId);
      assert.deepEqual(table?.RouteSet?.filter((r) => r.DestinationCidrBlock === "192.168.200.0/24").map((r) => r.RouteId), routes.outs?.routes.map((r) => r.routeId));
      const inputs = { ...(await tunnelInputs("lost-routes")), routeType: "StaticRoute", securityPolicyDatabases: [] };
      const tunnel = await c.providers.connection.create(inputs);
      c.emu.injectFault({ action: "CreateVpnGatewayRoutes", kind: "lostResponse" });
      const gatewayRoutes = await c.providers.gatewayRoutes.create({ vpnGatewayId: ids.vpnGatewayId, vpnConnectionId: tunnel.id, destinations: ["192.168.201.0/24"] });
      assert.deepEqual(
        state().vpnGatewayRoutes.filter((r) => r.InstanceId === tunnel.id).map((r) => r.RouteId),
        gatewayRoutes.outs?.routes.map((r) => r.routeId),
      );
    });

    test("lost response on DeleteVpnGateway: the deletion is seen through, not sent twice", async () => {
      const { id, outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "lost-delete", bandwidthMbps: 5 });
      c.mark();
      c.emu.injectFault({ action: "DeleteVpnGateway", kind: "lostResponse" });
      await c.providers.gateway.delete(id, outs!);
      assert.equal(c.callsSinceMark()["DeleteVpnGateway"], 1);
      assert.deepEqual(named("lost-delete"), []);
    });

    test("an empty VpnConnectionId in CreateVpnConnection's answer: the tunnel is found and returned, not created again", async () => {
      const inputs = await tunnelInputs("anonymous");
      c.mark();
      c.emu.injectFault({ action: "CreateVpnConnection", kind: "emptyVpnConnectionId" });
      const { id } = await c.providers.connection.create(inputs);
      assert.equal(c.callsSinceMark()["CreateVpnConnection"], 1);
      assert.match(id, /^vpnx-/);
      assert.deepEqual(tunnelsNamed("anonymous").map((t) => t.VpnConnectionId), [id]);
    });
  });

  describe("failed tasks", () => {
    test("a gateway whose creation task fails is deleted, and the error says so and that a rerun is safe", async () => {
      c.emu.injectFault({ action: "CreateVpnGateway", kind: "taskFailed" });
      const error = await rejection(c.providers.gateway.create({ vpcId: c.vpcId, name: "doomed", bandwidthMbps: 5 }));
      assert.match(error.message, /PENDING_ERROR/);
      assert.match(error.message, /was deleted; rerunning is safe/);
      assert.deepEqual(named("doomed"), []);
    });

    test("a gateway whose deletion task fails (DELETING_ERROR) is reported; the rerun deletes it", async () => {
      const { id, outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "undeletable", bandwidthMbps: 5 });
      c.emu.injectFault({ action: "DeleteVpnGateway", kind: "taskFailed" });
      const error = await rejection(c.providers.gateway.delete(id, outs!));
      assert.match(error.message, /DELETING_ERROR.*Rerunning is safe/);
      assert.equal(named("undeletable")[0]?.State, "DELETING_ERROR");
      await c.providers.gateway.delete(id, outs!);
      assert.deepEqual(named("undeletable"), []);
    });

    test("a tunnel whose creation task fails: the error names the task and its outcome; no tunnel is left", async () => {
      const inputs = await tunnelInputs("doomed-tunnel");
      c.emu.injectFault({ action: "CreateVpnConnection", kind: "taskFailed" });
      const error = await rejection(c.providers.connection.create(inputs));
      assert.match(error.message, /task [0-9a-f-]{36} ended FAILED/);
      assert.match(error.message, /nothing was created; rerunning is safe/);
      assert.deepEqual(tunnelsNamed("doomed-tunnel"), []);
      assert.equal(error.message.includes(SECRET_PSK), false);
    });

    test("a modification whose task fails: Tencent rolled it back, the error says the old settings stay", async () => {
      const inputs = await tunnelInputs("rollback");
      const { id, outs } = await c.providers.connection.create(inputs);
      c.emu.injectFault({ action: "ModifyVpnConnectionAttribute", kind: "taskFailed" });
      const error = await rejection(c.providers.connection.update(id, outs!, { ...inputs, preSharedKey: "never-applied-key-0000" }));
      assert.match(error.message, /rolled the change back/);
      assert.equal(error.message.includes("never-applied-key-0000"), false);
      assert.equal(tunnelsNamed("rollback")[0]?.PreShareKey, SECRET_PSK);
    });

    test("a deletion whose task fails leaves the tunnel and says so; the rerun deletes it", async () => {
      const inputs = await tunnelInputs("stubborn");
      const { id, outs } = await c.providers.connection.create(inputs);
      c.emu.injectFault({ action: "DeleteVpnConnection", kind: "taskFailed" });
      const error = await rejection(c.providers.connection.delete(id, outs!));
      assert.match(error.message, /deletion task failed.*still there/);
      assert.equal(tunnelsNamed("stubborn").length, 1);
      await c.providers.connection.delete(id, outs!);
      assert.deepEqual(tunnelsNamed("stubborn"), []);
    });
  });
});
