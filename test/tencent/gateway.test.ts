// Specification: the VPN gateway provider against the Tencent emulator through the real SDK (signatures checked):
// create and wait, read, in-place updates, replacements, delete, existing gateways, and every fault on the way.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { manualClock } from "../emulators/tencent/world";
import { cloud, configuredProviders, rejection, type Cloud } from "./helpers/cloud";

describe("VPN gateway provider", () => {
  let c: Cloud;
  // A gateway stays PENDING for a while, as on Tencent (minutes there); the provider polls with backoff meanwhile.
  before(async () => (c = await cloud({ gatewayPendingMs: 150 })));
  after(() => c.stop());
  beforeEach(() => {
    c.emu.clearFaults();
    c.mark();
  });
  const gateways = () => c.emu.state().vpnGateways;

  test("create sends CreateVpnGateway once and returns only when the gateway is AVAILABLE, with its public address", async () => {
    const { id, outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "gw-create", bandwidthMbps: 5, tags: { team: "net" } });
    const calls = c.callsSinceMark();
    assert.equal(calls["CreateVpnGateway"], 1);
    assert.ok((calls["DescribeVpnGateways"] ?? 0) >= 2, "polled through PENDING");
    assert.match(id, /^vpngw-/);
    const live = gateways().find((g) => g.VpnGatewayId === id);
    assert.equal(live?.State, "AVAILABLE");
    assert.deepEqual(
      outs,
      {
        vpcId: c.vpcId,
        name: "gw-create",
        bandwidthMbps: 5,
        zone: "ap-guangzhou-3",
        type: "IPSEC",
        chargeType: "POSTPAID_BY_HOUR",
        tags: { team: "net" },
        vpnGatewayId: id,
        managed: true,
        publicIpAddress: live?.PublicIpAddress,
        state: "AVAILABLE",
        version: "2.0",
      },
    );
    assert.deepEqual(live?.TagSet?.map((t) => t.Key).sort(), ["ros-vpc-ipsec:create-token", "team"]);
  });

  test("diff of unchanged inputs is no change, decided without a single API call (a new provider version alone is no diff)", async () => {
    const { outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "gw-nodiff", bandwidthMbps: 5 });
    c.mark();
    const olds = { ...outs!, __provider: "old provider code" } as typeof outs & { __provider: string };
    const diff = await c.providers.gateway.diff("x", olds, { vpcId: c.vpcId, name: "gw-nodiff", bandwidthMbps: 5, __provider: "new provider code" } as never);
    assert.deepEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(c.callsSinceMark(), {});
  });

  test("name and bandwidth change in place; VPC, zone and type replace the gateway (deleted first)", async () => {
    const { outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "gw-diff", bandwidthMbps: 5, zone: "ap-guangzhou-3" });
    const base = { vpcId: c.vpcId, name: "gw-diff", bandwidthMbps: 5, zone: "ap-guangzhou-3" };
    const diff = (change: object) => c.providers.gateway.diff("x", outs!, { ...base, ...change });
    assert.deepEqual(await diff({ name: "renamed", bandwidthMbps: 10 }), { changes: true, replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(await diff({ vpcId: "vpc-other001" }), { changes: true, replaces: ["vpcId"], deleteBeforeReplace: true });
    assert.deepEqual(await diff({ zone: "ap-guangzhou-4" }), { changes: true, replaces: ["zone"], deleteBeforeReplace: true });
    assert.deepEqual(await diff({ type: "CCN" }), { changes: true, replaces: ["type"], deleteBeforeReplace: true });
    // Left out, the zone Tencent picked stands.
    assert.deepEqual(await diff({ zone: undefined }), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test("update renames (ModifyVpnGatewayAttribute) and raises bandwidth (ResetVpnGatewayInternetMaxBandwidth) on the same gateway", async () => {
    const { id, outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "gw-update", bandwidthMbps: 5 });
    c.mark();
    const { outs: updated } = await c.providers.gateway.update(id, outs!, { vpcId: c.vpcId, name: "gw-updated", bandwidthMbps: 20 });
    const calls = c.callsSinceMark();
    assert.deepEqual([calls["ModifyVpnGatewayAttribute"], calls["ResetVpnGatewayInternetMaxBandwidth"], calls["CreateVpnGateway"]], [1, 1, undefined]);
    assert.deepEqual([updated?.name, updated?.bandwidthMbps, updated?.publicIpAddress], ["gw-updated", 20, outs?.publicIpAddress]);
    const live = gateways().find((g) => g.VpnGatewayId === id);
    assert.deepEqual([live?.VpnGatewayName, live?.InternetMaxBandwidthOut], ["gw-updated", 20]);
  });

  test("a bandwidth change Tencent refuses fails with its code, the RequestId and what to do instead", async () => {
    const { id, outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "gw-down", bandwidthMbps: 50 });
    const error = await rejection(c.providers.gateway.update(id, outs!, { vpcId: c.vpcId, name: "gw-down", bandwidthMbps: 10 }));
    assert.match(error.message, /UnsupportedOperation\.VpnUnsupportedModifyBandwidth/);
    assert.match(error.message, /RequestId [0-9a-f-]{36}/);
    assert.match(error.message, /pulumi up --replace/);
  });

  test("read reports drift made in the console (a rename), so the next diff shows it", async () => {
    const { id, outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "gw-drift", bandwidthMbps: 5 });
    await c.client.ModifyVpnGatewayAttribute({ VpnGatewayId: id, VpnGatewayName: "renamed-in-console" });
    const read = await c.providers.gateway.read(id, outs);
    assert.equal(read.props?.name, "renamed-in-console");
    const diff = await c.providers.gateway.diff(id, read.props!, { vpcId: c.vpcId, name: "gw-drift", bandwidthMbps: 5 });
    assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  test("read of a gateway deleted behind Pulumi's back reports it gone (no id)", async () => {
    const { id, outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "gw-vanish", bandwidthMbps: 5 });
    await c.client.DeleteVpnGateway({ VpnGatewayId: id });
    assert.deepEqual(await c.providers.gateway.read(id, outs), {});
  });

  test("delete waits until the gateway is gone; deleting it again succeeds", async () => {
    const { id, outs } = await c.providers.gateway.create({ vpcId: c.vpcId, name: "gw-delete", bandwidthMbps: 5 });
    await c.providers.gateway.delete(id, outs!);
    assert.equal(gateways().some((g) => g.VpnGatewayId === id), false);
    await c.providers.gateway.delete(id, outs!);
  });

  test("an existing gateway is only read (waiting while it is PENDING): update and delete change nothing on it", async () => {
    const made = await c.client.CreateVpnGateway({ VpcId: c.vpcId, VpnGatewayName: "made-by-hand", InternetMaxBandwidthOut: 10 });
    const existing = made.VpnGateway?.VpnGatewayId ?? "";
    const { id, outs } = await c.providers.gateway.create({ existingGatewayId: existing, vpcId: c.vpcId });
    assert.deepEqual([id, outs?.managed, outs?.state], [existing, false, "AVAILABLE"]);
    c.mark();
    await c.providers.gateway.update(id, outs!, { existingGatewayId: existing, vpcId: c.vpcId });
    await c.providers.gateway.delete(id, outs!);
    assert.deepEqual(Object.keys(c.callsSinceMark()), ["DescribeVpnGateways"]);
    assert.equal(gateways().find((g) => g.VpnGatewayId === existing)?.State, "AVAILABLE");
  });

  test("an existing gateway in another VPC is refused, naming both VPCs", async () => {
    const other = c.emu.addVpc({ cidrBlock: "172.16.0.0/16" });
    const made = await c.client.CreateVpnGateway({ VpcId: other.vpcId, VpnGatewayName: "elsewhere", InternetMaxBandwidthOut: 5 });
    const existing = made.VpnGateway?.VpnGatewayId ?? "";
    const error = await rejection(c.providers.gateway.create({ existingGatewayId: existing, vpcId: c.vpcId }));
    assert.match(error.message, new RegExp(`${existing} belongs to ${other.vpcId}, not to ${c.vpcId}`));
  });

  test("check refuses a tags change on an existing gateway (tags are set at creation), but not with a replacement", async () => {
    const olds = { vpcId: c.vpcId, name: "gw", bandwidthMbps: 5, tags: { team: "net" } };
    const refused = await c.providers.gateway.check(olds, { ...olds, tags: { team: "ops" } });
    assert.deepEqual(refused.failures?.map((f) => f.property), ["tags"]);
    assert.match(refused.failures?.[0]?.reason ?? "", /cannot change on an existing gateway.*Tag API/);
    assert.deepEqual((await c.providers.gateway.check(olds, { ...olds, zone: "ap-guangzhou-4", tags: { team: "ops" } })).failures, []);
    assert.deepEqual((await c.providers.gateway.check({}, { ...olds, tags: { team: "ops" } })).failures, []);
  });

  test("check refuses a bandwidth change Tencent cannot make in place (down, or across 100/200), and allows a raise within a band", async () => {
    const olds = { vpcId: c.vpcId, name: "gw", bandwidthMbps: 10 };
    for (const to of [5, 200]) {
      const { failures } = await c.providers.gateway.check(olds, { ...olds, bandwidthMbps: to });
      assert.deepEqual(failures?.map((f) => f.property), ["bandwidthMbps"], String(to));
      assert.match(failures?.[0]?.reason ?? "", /cannot be changed in place.*--replace/);
    }
    assert.deepEqual((await c.providers.gateway.check(olds, { ...olds, bandwidthMbps: 100 })).failures, []);
    assert.deepEqual((await c.providers.gateway.check(olds, { ...olds, bandwidthMbps: 5, zone: "ap-guangzhou-4" })).failures, [], "a replacement may take any size");
  });

  test("check refuses a gateway name with a line break or another control character", async () => {
    const inputs = { vpcId: c.vpcId, bandwidthMbps: 5 };
    for (const name of ["gw\nforged line", "gw\u202Eevil", "gw\u0000"]) {
      const { failures } = await c.providers.gateway.check({}, { ...inputs, name });
      assert.deepEqual(failures?.map((f) => f.property), ["name"], JSON.stringify(name));
    }
    assert.deepEqual((await c.providers.gateway.check({}, { ...inputs, name: "到腾讯云-gw" })).failures, []);
  });
});

describe("VPN gateway provider when the wait runs out", () => {
  test("the gateway still PENDING is recorded with the error (its id goes to the engine), and the rerun resumes it", async () => {
    const clock = manualClock();
    const c = await cloud({ gatewayPendingMs: 60_000, clock: clock.now }, { "ros-vpc-ipsec:tencentWaitTimeoutSeconds": "0" });
    try {
      const inputs = { vpcId: c.vpcId, name: "slow-to-build", bandwidthMbps: 5 };
      const error = (await rejection(c.providers.gateway.create(inputs))) as Error & { id?: string; properties?: Record<string, unknown> };
      const [pending] = c.emu.state().vpnGateways;
      assert.equal(pending?.State, "PENDING");
      assert.equal(error.id, pending?.VpnGatewayId);
      assert.match(error.message, /after 0 s, still PENDING.*exists and is recorded; rerunning waits for it again/);
      clock.advance(60_000);
      const patient = await configuredProviders(c.emu);
      const { outs } = await patient.gateway.update(error.id ?? "", error.properties as never, inputs);
      assert.equal(outs?.state, "AVAILABLE");
      assert.equal(c.emu.state().vpnGateways.length, 1);
    } finally {
      await c.stop();
    }
  });
});
