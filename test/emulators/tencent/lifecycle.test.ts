// Specification: asynchronous behaviour — gateways PENDING then AVAILABLE, connections PENDING then AVAILABLE,
// deletions DELETING then gone, DescribeVpcTaskResult by RequestId — driven by a hand-moved clock, no sleeps.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { rejectsWith } from "./sdk-client";
import { manualClock, world, type World } from "./world";

const GATEWAY_MS = 120_000;
const CONNECTION_MS = 30_000;
const DELETING_MS = 20_000;

describe("asynchronous states and DescribeVpcTaskResult", () => {
  const clock = manualClock();
  let w: World;
  before(async () => (w = await world({ clock: clock.now, gatewayPendingMs: GATEWAY_MS, connectionPendingMs: CONNECTION_MS, deletingMs: DELETING_MS })));
  after(() => w.stop());

  const gatewayState = async (id: string) => (await w.client.DescribeVpnGateways({ VpnGatewayIds: [id] })).VpnGatewaySet?.[0];
  const connectionState = async (id: string) => (await w.client.DescribeVpnConnections({ VpnConnectionIds: [id] })).VpnConnectionSet?.[0]?.State;
  const task = async (requestId: string) => (await w.client.DescribeVpcTaskResult({ TaskId: requestId })).Status;

  let gatewayId = "";
  let connectionId = "";

  test("a gateway is PENDING without an address until gatewayPendingMs has passed, and its task RUNNING", async () => {
    const r = await w.client.CreateVpnGateway({ VpcId: w.vpcId, VpnGatewayName: "slow", InternetMaxBandwidthOut: 5 });
    gatewayId = r.VpnGateway?.VpnGatewayId ?? "";
    clock.advance(GATEWAY_MS - 1);
    assert.deepEqual([(await gatewayState(gatewayId))?.State, (await gatewayState(gatewayId))?.PublicIpAddress], ["PENDING", ""]);
    assert.equal(await task(r.RequestId ?? ""), "RUNNING");
    clock.advance(1);
    const g = await gatewayState(gatewayId);
    assert.equal(g?.State, "AVAILABLE");
    assert.match(g?.PublicIpAddress ?? "", /^(203\.0\.113|198\.51\.100)\.\d+$/);
    assert.equal(await task(r.RequestId ?? ""), "SUCCESS");
  });

  test("a connection cannot be created on a PENDING gateway", async () => {
    const pending = (await w.client.CreateVpnGateway({ VpcId: w.vpcId, VpnGatewayName: "not-yet", InternetMaxBandwidthOut: 5 })).VpnGateway?.VpnGatewayId ?? "";
    await rejectsWith(w.connection(pending, await w.customerGateway("192.0.2.51")), "UnsupportedOperation.InvalidState");
    await rejectsWith(w.client.DeleteVpnGateway({ VpnGatewayId: pending }), "UnsupportedOperation.InvalidState");
  });

  test("a connection is PENDING for connectionPendingMs, then AVAILABLE; its task follows", async () => {
    const r = await w.client.request("CreateVpnConnection", {
      VpnGatewayId: gatewayId, CustomerGatewayId: await w.customerGateway(), VpcId: w.vpcId, VpnConnectionName: "t", PreShareKey: "k",
    });
    connectionId = r.VpnConnection.VpnConnectionId;
    assert.equal(r.VpnConnection.State, "PENDING");
    assert.equal(await task(r.RequestId), "RUNNING");
    clock.advance(CONNECTION_MS);
    assert.equal(await connectionState(connectionId), "AVAILABLE");
    assert.equal(await task(r.RequestId), "SUCCESS");
  });

  test("a modified connection is PENDING again; meanwhile it can be neither modified nor deleted", async () => {
    const r = await w.client.ModifyVpnConnectionAttribute({ VpnConnectionId: connectionId, PreShareKey: "rotated" });
    assert.equal(await connectionState(connectionId), "PENDING");
    await rejectsWith(w.client.ModifyVpnConnectionAttribute({ VpnConnectionId: connectionId, PreShareKey: "again" }), "UnsupportedOperation.VpnConnInvalidState");
    await rejectsWith(w.client.DeleteVpnConnection({ VpnGatewayId: gatewayId, VpnConnectionId: connectionId }), "UnsupportedOperation.DeleteVpnConnInvalidState");
    clock.advance(CONNECTION_MS);
    assert.equal(await task(r.RequestId ?? ""), "SUCCESS");
    assert.equal(await connectionState(connectionId), "AVAILABLE");
  });

  test("a deleted connection is DELETING for deletingMs, then gone", async () => {
    const r = await w.client.DeleteVpnConnection({ VpnGatewayId: gatewayId, VpnConnectionId: connectionId });
    assert.equal(await connectionState(connectionId), "DELETING");
    await rejectsWith(w.client.DeleteVpnConnection({ VpnGatewayId: gatewayId, VpnConnectionId: connectionId }), "UnsupportedOperation.DeleteVpnConnInvalidState");
    clock.advance(DELETING_MS);
    await rejectsWith(w.client.DescribeVpnConnections({ VpnConnectionIds: [connectionId] }), "ResourceNotFound");
    assert.equal(await task(r.RequestId ?? ""), "SUCCESS");
  });

  test("a deleted gateway is DELETING for deletingMs, then gone", async () => {
    const r = await w.client.DeleteVpnGateway({ VpnGatewayId: gatewayId });
    assert.equal((await gatewayState(gatewayId))?.State, "DELETING");
    assert.equal(await task(r.RequestId ?? ""), "RUNNING");
    clock.advance(DELETING_MS);
    await rejectsWith(w.client.DescribeVpnGateways({ VpnGatewayIds: [gatewayId] }), "ResourceNotFound");
    assert.equal(await task(r.RequestId ?? ""), "SUCCESS");
  });

  test("the RequestId of a synchronous call is no task; a TaskId that is no RequestId is malformed", async () => {
    const r = await w.client.CreateCustomerGateway({ CustomerGatewayName: "sync", IpAddress: "192.0.2.59" });
    await rejectsWith(w.client.DescribeVpcTaskResult({ TaskId: r.RequestId ?? "" }), "ResourceNotFound");
    await rejectsWith(w.client.DescribeVpcTaskResult({ TaskId: "task-1" }), "InvalidParameterValue.Malformed");
  });
});

describe("tasks that fail (fault kind taskFailed)", () => {
  const clock = manualClock();
  let w: World;
  before(async () => (w = await world({ clock: clock.now, gatewayPendingMs: 1000, connectionPendingMs: 1000, deletingMs: 1000 })));
  after(() => w.stop());

  test("a gateway whose creation fails ends PENDING_ERROR and its task FAILED", async () => {
    w.emu.injectFault({ action: "CreateVpnGateway", kind: "taskFailed" });
    const r = await w.client.CreateVpnGateway({ VpcId: w.vpcId, VpnGatewayName: "broken", InternetMaxBandwidthOut: 5 });
    clock.advance(1000);
    assert.equal((await w.client.DescribeVpcTaskResult({ TaskId: r.RequestId ?? "" })).Status, "FAILED");
    const [g] = (await w.client.DescribeVpnGateways({ VpnGatewayIds: [r.VpnGateway?.VpnGatewayId ?? ""] })).VpnGatewaySet ?? [];
    assert.equal(g?.State, "PENDING_ERROR");
  });

  test("a connection whose creation fails disappears; a failed modification is rolled back", async () => {
    const gateway = (await w.client.CreateVpnGateway({ VpcId: w.vpcId, VpnGatewayName: "ok", InternetMaxBandwidthOut: 5 })).VpnGateway?.VpnGatewayId ?? "";
    clock.advance(1000);
    w.emu.injectFault({ action: "CreateVpnConnection", kind: "taskFailed" });
    const doomed = await w.connection(gateway, await w.customerGateway("192.0.2.61"));
    clock.advance(1000);
    await rejectsWith(w.client.DescribeVpnConnections({ VpnConnectionIds: [doomed] }), "ResourceNotFound");

    const kept = await w.connection(gateway, await w.customerGateway("192.0.2.62"), { PreShareKey: "original" });
    clock.advance(1000);
    w.emu.injectFault({ action: "ModifyVpnConnectionAttribute", kind: "taskFailed" });
    const r = await w.client.ModifyVpnConnectionAttribute({ VpnConnectionId: kept, PreShareKey: "rejected" });
    clock.advance(1000);
    assert.equal((await w.client.DescribeVpcTaskResult({ TaskId: r.RequestId ?? "" })).Status, "FAILED");
    const c = (await w.client.DescribeVpnConnections({ VpnConnectionIds: [kept] })).VpnConnectionSet?.[0];
    assert.deepEqual([c?.State, c?.PreShareKey], ["AVAILABLE", "original"]);
  });

  test("taskFailed cannot be armed for a synchronous action", () => {
    assert.throws(() => w.emu.injectFault({ action: "CreateCustomerGateway", kind: "taskFailed" }), /does not apply/);
  });
});
