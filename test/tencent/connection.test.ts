// Specification: the VPN connection provider against the Tencent emulator with the article's tunnel
// (examples/article.yaml rendered by the foundation's dialect): create, offline diff, in-place changes by
// ModifyVpnConnectionAttribute, replacements, drift, delete, and the pre-shared key kept out of every message.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import type { VpnConnectionOutputs } from "../../src/tencent/connection";
import { articleConnection, cloud, gatewayAndCustomerGateway, rejection, SECRET_PSK, type Cloud } from "./helpers/cloud";

describe("VPN connection provider", () => {
  let c: Cloud;
  let ids: { vpcId: string; vpnGatewayId: string; customerGatewayId: string };
  let gatewayIp: string;
  let routerIp = 10;
  before(async () => {
    c = await cloud({ connectionPendingMs: 60 });
    const made = await gatewayAndCustomerGateway(c);
    ids = { vpcId: c.vpcId, vpnGatewayId: made.vpnGatewayId, customerGatewayId: made.customerGatewayId };
    gatewayIp = made.gatewayIp;
  });
  after(() => c.stop());
  beforeEach(() => c.mark());
  const live = (id: string) => c.emu.state().vpnConnections.find((x) => x.VpnConnectionId === id);

  /** A tunnel on its own customer gateway: tunnels of one gateway may not share networks, so each gets its own LAN. */
  async function tunnel(name: string): Promise<{ id: string; outs: VpnConnectionOutputs; inputs: ReturnType<typeof articleConnection> }> {
    routerIp += 1;
    const customerGateway = await c.providers.customerGateway.create({ name, ipAddress: `113.87.48.${routerIp}` });
    const inputs = articleConnection({ ...ids, customerGatewayId: customerGateway.id }, gatewayIp, { name, siteCidrs: [`192.168.${routerIp}.0/24`] });
    const { id, outs } = await c.providers.connection.create(inputs);
    return { id, outs: outs!, inputs };
  }

  test("create sends the article's tunnel once, waits for AVAILABLE and reads back exactly what was asked", async () => {
    const inputs = articleConnection(ids, gatewayIp);
    const { id, outs } = await c.providers.connection.create(inputs);
    assert.equal(c.callsSinceMark()["CreateVpnConnection"], 1);
    assert.match(id, /^vpnx-/);
    const tunnelNow = live(id);
    assert.equal(tunnelNow?.State, "AVAILABLE");
    assert.deepEqual(tunnelNow?.IKEOptionsSpecification, {
      PropoEncryAlgorithm: "AES-CBC-128",
      PropoAuthenAlgorithm: "MD5",
      ExchangeMode: "MAIN",
      LocalIdentity: "ADDRESS",
      RemoteIdentity: "ADDRESS",
      LocalAddress: gatewayIp,
      RemoteAddress: "113.87.48.200",
      LocalFqdnName: "",
      RemoteFqdnName: "",
      DhGroupName: "GROUP1",
      IKESaLifetimeSeconds: 86400,
      IKEVersion: "IKEV1",
    });
    assert.deepEqual(tunnelNow?.SecurityPolicyDatabaseSet, [{ LocalCidrBlock: "10.100.1.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }]);
    assert.deepEqual([tunnelNow?.PreShareKey, tunnelNow?.RouteType, tunnelNow?.DpdEnable, tunnelNow?.DpdTimeout], [SECRET_PSK, "STATIC", 1, "30"]);
    assert.deepEqual([outs?.state, outs?.netStatus, outs?.preSharedKey], ["AVAILABLE", "UNAVAILABLE", SECRET_PSK]);
    // What Tencent reports (defaults filled in) is the same tunnel as what was asked: no diff, no call.
    c.mark();
    assert.deepEqual(await c.providers.connection.diff(id, outs!, inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(c.callsSinceMark(), {});
  });

  test("gateway, customer gateway and route type replace the tunnel; everything else changes in place", async () => {
    const { outs, inputs } = await tunnel("diffs");
    const diff = (change: object) => c.providers.connection.diff("x", outs, { ...inputs, ...change });
    const replace = (field: string) => ({ changes: true, replaces: [field], deleteBeforeReplace: true });
    const inPlace = { changes: true, replaces: [], deleteBeforeReplace: false };
    assert.deepEqual(await diff({ vpnGatewayId: "vpngw-another1" }), replace("vpnGatewayId"));
    assert.deepEqual(await diff({ customerGatewayId: "cgw-another1" }), replace("customerGatewayId"));
    assert.deepEqual(await diff({ routeType: "StaticRoute" }), replace("routeType"));
    assert.deepEqual(await diff({ preSharedKey: "another-key-0123456789" }), inPlace);
    assert.deepEqual(await diff({ name: "renamed" }), inPlace);
    assert.deepEqual(await diff({ ikeOptions: { ...inputs.ikeOptions, DhGroupName: "GROUP14" } }), inPlace);
    assert.deepEqual(await diff({ ipsecOptions: { ...inputs.ipsecOptions, PfsDhGroup: "DH-GROUP14" } }), inPlace);
    assert.deepEqual(await diff({ securityPolicyDatabases: [{ LocalCidrBlock: "10.100.2.0/24", RemoteCidrBlock: ["192.168.11.0/24"] }] }), inPlace);
    assert.deepEqual(await diff({ dpdTimeout: "45" }), inPlace);
    // Equal spellings are no change: SPD order, the IKE defaults written out, an address identity left to Tencent.
    const { LocalAddress: _address, ...ikeWithoutAddress } = inputs.ikeOptions ?? {};
    assert.deepEqual(await diff({ ikeOptions: ikeWithoutAddress }), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test("a preview with the gateway id not yet known plans a replacement, not an update", async () => {
    const { outs, inputs } = await tunnel("preview");
    const diff = await c.providers.connection.diff("x", outs, { ...inputs, vpnGatewayId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
    assert.deepEqual(diff, { changes: true, replaces: ["vpnGatewayId"], deleteBeforeReplace: true });
  });

  test("a key change is one ModifyVpnConnectionAttribute on the same tunnel, and the tunnel ends AVAILABLE with the new key", async () => {
    const { id, outs, inputs } = await tunnel("psk");
    c.mark();
    const { outs: updated } = await c.providers.connection.update(id, outs, { ...inputs, preSharedKey: "rotated-key-4aXk29QpLs" });
    const calls = c.callsSinceMark();
    assert.deepEqual([calls["ModifyVpnConnectionAttribute"], calls["CreateVpnConnection"], calls["DeleteVpnConnection"]], [1, undefined, undefined]);
    assert.deepEqual([live(id)?.PreShareKey, live(id)?.State, updated?.preSharedKey], ["rotated-key-4aXk29QpLs", "AVAILABLE", "rotated-key-4aXk29QpLs"]);
  });

  test("an IKE change sends the whole IKE block (Tencent resets fields left out of a block)", async () => {
    const { id, outs, inputs } = await tunnel("ike");
    const ikeOptions = { ...inputs.ikeOptions, PropoEncryAlgorithm: "AES-CBC-256", DhGroupName: "GROUP14" };
    await c.providers.connection.update(id, outs, { ...inputs, ikeOptions });
    const ike = live(id)?.IKEOptionsSpecification;
    assert.deepEqual([ike?.PropoEncryAlgorithm, ike?.DhGroupName, ike?.PropoAuthenAlgorithm, ike?.LocalAddress], ["AES-CBC-256", "GROUP14", "MD5", gatewayIp]);
  });

  test("options taken out of the program go back to Tencent's defaults in place, and the next diff is clean", async () => {
    const { id, outs, inputs } = await tunnel("defaults");
    const { ikeOptions: _ike, ipsecOptions: _ipsec, dpdEnable: _dpd, dpdTimeout: _timeout, dpdAction: _action, ...bare } = inputs;
    const { outs: updated } = await c.providers.connection.update(id, outs, bare);
    const now = live(id);
    assert.deepEqual([now?.IKEOptionsSpecification?.PropoAuthenAlgorithm, now?.IPSECOptionsSpecification?.IPSECSaLifetimeSeconds, now?.DpdEnable], ["SHA", 14400, 0]);
    assert.deepEqual(await c.providers.connection.diff(id, updated!, bare), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test("read reports IKE settings changed in the console, and the next diff brings them back in place", async () => {
    const { id, outs, inputs } = await tunnel("drift");
    await c.client.ModifyVpnConnectionAttribute({ VpnConnectionId: id, IKEOptionsSpecification: { ...inputs.ikeOptions, DhGroupName: "GROUP2" } });
    const read = await c.providers.connection.read(id, outs);
    assert.equal(read.props?.ikeOptions?.DhGroupName, "GROUP2");
    assert.deepEqual(await c.providers.connection.diff(id, read.props!, inputs), { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  test("read reports a key changed in the console (kept as a secret output), so the diff sees it", async () => {
    const { id, outs, inputs } = await tunnel("psk-drift");
    await c.client.ModifyVpnConnectionAttribute({ VpnConnectionId: id, PreShareKey: "console-typed-key-0000" });
    const read = await c.providers.connection.read(id, outs);
    assert.equal(read.props?.preSharedKey, "console-typed-key-0000");
    assert.deepEqual(await c.providers.connection.diff(id, read.props!, inputs), { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  test("read reports the tunnel up once Tencent does (NetStatus)", async () => {
    const { id, outs } = await tunnel("status");
    c.emu.setNetStatus(id, "AVAILABLE");
    assert.equal((await c.providers.connection.read(id, outs)).props?.netStatus, "AVAILABLE");
  });

  test("delete removes the tunnel; deleting it again succeeds", async () => {
    const { id, outs } = await tunnel("delete");
    await c.providers.connection.delete(id, outs);
    assert.equal(live(id), undefined);
    await c.providers.connection.delete(id, outs);
    assert.deepEqual(await c.providers.connection.read(id, outs), {});
  });

  test("an error Tencent answers carries its code and RequestId, says a rerun is safe, and never the key", async () => {
    const inputs = articleConnection(ids, gatewayIp, { name: "refused" });
    // The same networks as the first tunnel of this gateway: Tencent refuses the clash.
    const error = await rejection(c.providers.connection.create({ ...inputs, customerGatewayId: ids.customerGatewayId }));
    assert.match(error.message, /InvalidParameterValue\.VpnConnCidrConflict/);
    assert.match(error.message, /RequestId [0-9a-f-]{36}/);
    assert.match(error.message, /Nothing was created; rerunning is safe\./);
    assert.equal(error.message.includes(SECRET_PSK), false);
  });
});
