// Specification: faults on demand (throttling, internal errors, HTTP 502/503, slow responses, dropped connections,
// lost responses, empty connection ids) and the per-action call counters. Outcomes are checked through state and counters, not timing.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { failure, rejectsWith, vpcClient } from "./sdk-client";
import { world, type World } from "./world";

describe("faults", () => {
  let w: World;
  let ipSuffix = 0;
  const nextIp = () => `198.18.5.${++ipSuffix}`;
  const customerGatewayCount = () => w.emu.state().customerGateways.length;
  before(async () => (w = await world()));
  after(() => w.stop());
  beforeEach(() => w.emu.clearFaults());

  test("RequestLimitExceeded refuses the call once, without performing it", async () => {
    w.emu.injectFault({ action: "CreateCustomerGateway", kind: "RequestLimitExceeded" });
    const before = customerGatewayCount();
    await rejectsWith(w.client.CreateCustomerGateway({ CustomerGatewayName: "r", IpAddress: nextIp() }), "RequestLimitExceeded");
    assert.equal(customerGatewayCount(), before);
    await w.client.CreateCustomerGateway({ CustomerGatewayName: "r", IpAddress: nextIp() });
    assert.equal(customerGatewayCount(), before + 1);
  });

  test("InternalError armed for * hits whichever action comes next", async () => {
    w.emu.injectFault({ action: "*", kind: "InternalError" });
    await rejectsWith(w.client.DescribeVpnConnections({}), "InternalError");
    assert.equal((await w.client.DescribeVpnConnections({})).TotalCount, 0);
  });

  for (const [kind, status] of [["http502", 502], ["http503", 503]] as const) {
    test(`${kind} answers HTTP ${status} without a Tencent body, and performs nothing`, async () => {
      w.emu.injectFault({ action: "CreateCustomerGateway", kind });
      const before = customerGatewayCount();
      const f = await failure(w.client.CreateCustomerGateway({ CustomerGatewayName: "r", IpAddress: nextIp() }));
      assert.deepEqual([f.httpCode, f.code], [status, undefined]);
      assert.equal(customerGatewayCount(), before);
    });
  }

  test("times: a fault armed for 2 calls fails exactly 2", async () => {
    w.emu.injectFault({ action: "DescribeVpnGateways", kind: "RequestLimitExceeded", times: 2 });
    await rejectsWith(w.client.DescribeVpnGateways({}), "RequestLimitExceeded");
    await rejectsWith(w.client.DescribeVpnGateways({}), "RequestLimitExceeded");
    assert.equal((await w.client.DescribeVpnGateways({})).TotalCount, 0);
  });

  test("slow: the action is performed and the reply still arrives", async () => {
    w.emu.injectFault({ action: "CreateCustomerGateway", kind: "slow", delayMs: 50 });
    const r = await w.client.CreateCustomerGateway({ CustomerGatewayName: "slow", IpAddress: nextIp() });
    assert.match(r.CustomerGateway?.CustomerGatewayId ?? "", /^cgw-/);
    assert.deepEqual(w.emu.firedFaults.at(-1), { action: "CreateCustomerGateway", kind: "slow" });
  });

  test("slow beyond the client's timeout: the client fails on the network, the resource exists anyway", async () => {
    w.emu.injectFault({ action: "CreateCustomerGateway", kind: "slow", delayMs: 60_000 });
    const ip = nextIp();
    const f = await failure(vpcClient(w.emu, { reqTimeout: 0.2 }).CreateCustomerGateway({ CustomerGatewayName: "late", IpAddress: ip }));
    assert.equal(f.code, undefined, f.message);
    assert.ok(w.emu.state().customerGateways.some((c) => c.IpAddress === ip));
  });

  test("drop: the socket is destroyed before the action runs; the call is counted, nothing is made, a retry makes one", async () => {
    w.emu.injectFault({ action: "CreateCustomerGateway", kind: "drop" });
    const ip = nextIp();
    const before = customerGatewayCount();
    w.emu.resetCalls();
    const f = await failure(w.client.CreateCustomerGateway({ CustomerGatewayName: "dropped", IpAddress: ip }));
    assert.deepEqual([f.code, f.httpCode], [undefined, undefined], f.message);
    assert.equal(customerGatewayCount(), before);
    assert.deepEqual({ ...w.emu.calls }, { CreateCustomerGateway: 1 });
    assert.deepEqual(w.emu.firedFaults.at(-1), { action: "CreateCustomerGateway", kind: "drop" });
    // Unlike lostResponse, the retry is not refused as a duplicate: the first attempt never took effect.
    await w.client.CreateCustomerGateway({ CustomerGatewayName: "dropped", IpAddress: ip });
    assert.equal(w.emu.state().customerGateways.filter((c) => c.IpAddress === ip).length, 1);
    assert.deepEqual({ ...w.emu.calls }, { CreateCustomerGateway: 2 });
  });

  test("drop comes before authentication, like a 5xx: a badly signed request is dropped, not refused", async () => {
    w.emu.injectFault({ action: "DescribeVpnGateways", kind: "drop" });
    const f = await failure(vpcClient(w.emu, { secretKey: "wrong" }).DescribeVpnGateways({}));
    assert.deepEqual([f.code, f.httpCode], [undefined, undefined], f.message);
    assert.deepEqual(w.emu.firedFaults.at(-1), { action: "DescribeVpnGateways", kind: "drop" });
    assert.equal((await w.client.DescribeVpnGateways({})).RequestId?.length, 36);
  });

  test("lostResponse: the action takes effect, the socket is destroyed, a naive retry meets its own resource", async () => {
    w.emu.injectFault({ action: "CreateCustomerGateway", kind: "lostResponse" });
    const ip = nextIp();
    w.emu.resetCalls();
    const f = await failure(w.client.CreateCustomerGateway({ CustomerGatewayName: "lost", IpAddress: ip }));
    assert.equal(f.code, undefined, f.message);
    assert.ok(w.emu.state().customerGateways.some((c) => c.IpAddress === ip));
    assert.equal(w.emu.calls["CreateCustomerGateway"], 1);
    await rejectsWith(w.client.CreateCustomerGateway({ CustomerGatewayName: "lost", IpAddress: ip }), "InvalidParameterValue.Duplicate");
  });

  test("emptyVpnConnectionId: the answer lacks the id; the tunnel is found by gateway, customer gateway and name", async () => {
    const gateway = await w.gateway();
    const cgw = await w.customerGateway(nextIp());
    w.emu.injectFault({ action: "CreateVpnConnection", kind: "emptyVpnConnectionId" });
    const id = await w.connection(gateway, cgw, { VpnConnectionName: "anonymous" });
    assert.equal(id, "");
    const found = await w.client.DescribeVpnConnections({
      Filters: [{ Name: "vpn-gateway-id", Values: [gateway] }, { Name: "customer-gateway-id", Values: [cgw] }, { Name: "vpn-connection-name", Values: ["anonymous"] }],
    });
    assert.equal(found.TotalCount, 1);
    assert.match(found.VpnConnectionSet?.[0]?.VpnConnectionId ?? "", /^vpnx-[a-z0-9]{8}$/);
  });

  test("clearFaults disarms everything", async () => {
    w.emu.injectFault({ action: "*", kind: "InternalError", times: 5 });
    w.emu.clearFaults();
    assert.equal((await w.client.DescribeVpnGateways({})).RequestId?.length, 36);
  });

  test("faults that cannot apply are refused when armed", () => {
    assert.throws(() => w.emu.injectFault({ action: "*", kind: "explode" as never }), /unknown fault kind/);
    assert.throws(() => w.emu.injectFault({ action: "*", kind: "InternalError", times: 0 }), /positive integer/);
    assert.throws(() => w.emu.injectFault({ action: "*", kind: "slow" }), /delayMs/);
    assert.throws(() => w.emu.injectFault({ action: "CreateRoutes", kind: "emptyVpnConnectionId" }), /only to CreateVpnConnection/);
  });
});

describe("call counters", () => {
  let w: World;
  before(async () => (w = await world()));
  after(() => w.stop());

  test("count requests per action as they arrive, refused ones included; resetCalls starts over", async () => {
    w.emu.resetCalls();
    await w.client.DescribeVpnGateways({});
    await w.client.DescribeVpnGateways({});
    await rejectsWith(vpcClient(w.emu, { secretKey: "wrong" }).DescribeCustomerGateways({}), "AuthFailure.SignatureFailure");
    await rejectsWith(w.client.DeleteVpnGateway({ VpnGatewayId: "vpngw-00000000" }), "ResourceNotFound");
    assert.deepEqual({ ...w.emu.calls }, { DescribeVpnGateways: 2, DescribeCustomerGateways: 1, DeleteVpnGateway: 1 });
    w.emu.resetCalls();
    assert.deepEqual({ ...w.emu.calls }, {});
  });
});
