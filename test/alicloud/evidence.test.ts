// Specification of what doctor reads from Alibaba Cloud: DescribeVpnConnections' answer read back through the same
// EndView as the spec's rendering (pure), the site's own connection picked among others, and the evidence read
// through the API from the emulator.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AlicloudVpcApi } from "../../src/alicloud/api";
import { alicloudConnectionSettings } from "../../src/alicloud/dialect";
import { connectionView, pickConnection, readAlicloudEvidence } from "../../src/alicloud/evidence";
import { alicloudEndView } from "../../src/alicloud/readback";
import { alicloudSettings } from "../../src/alicloud/settings";
import type { VpnConnection } from "../../src/alicloud/vpc-models";
import { routerOsEndView } from "../../src/routeros/readback";
import { renderRouterOsRows } from "../../src/routeros/render";
import { compareEnds, sameEndDifferences } from "../../src/spec/ends";
import { AlicloudVpcEmulator } from "../emulators/alicloud";
import { alicloudConfig, apiConnectionOf, seedDualTunnel, seedTunnel } from "../helpers/alicloud";
import { exampleSpec } from "../helpers/specs";

const GATEWAY_IP = "203.0.113.20";
const spec = exampleSpec("secure", { cloud: "alicloud", name: "to_aliyun", cloudGatewayIp: GATEWAY_IP });
const v1 = exampleSpec("secure", { cloud: "alicloud", name: "to_aliyun", cloudGatewayIp: GATEWAY_IP, ike: { version: "ikev1", exchangeMode: "aggressive", dhGroup: 5, lifetime: "8h" }, ipsec: { pfsGroup: "none" }, router: { natTraversal: false }, siteCidrs: ["192.168.1.0/24", "192.168.2.0/24"] });
const ids = { vpnGatewayId: "vpn-1", customerGatewayId: "cgw-1" };
const answer = (s = spec): VpnConnection => ({ VpnConnectionId: "vco-1", ...apiConnectionOf(s, ids, GATEWAY_IP) });

describe("Alibaba's connection read back (pure)", () => {
  for (const [name, s] of [["the secure defaults (IKEv2)", spec], ["IKEv1 aggressive, DH 5, no PFS, two site networks, NAT-T off", v1]] as const) {
    it(`reads ${name} back as the spec renders Alibaba's end, key and identities included`, () => {
      const view = connectionView(answer(s), s.routerPublicIp)!;
      const rendered = alicloudEndView({ ...alicloudConnectionSettings(s), ikeConfig: { ...alicloudConnectionSettings(s).ikeConfig, ikeLocalId: GATEWAY_IP } }, s.routerPublicIp);
      assert.deepEqual(view, rendered);
      assert.deepEqual(sameEndDifferences(alicloudEndView(alicloudConnectionSettings(s), s.routerPublicIp), view), []);
      assert.equal(view.preSharedKey, s.preSharedKey);
      assert.deepEqual([view.localId, view.remoteId], [`address:${GATEWAY_IP}`, `address:${s.routerPublicIp}`]);
    });
  }

  it("takes the API's spellings: numbers as strings, booleans as words, CIDRs with spaces", () => {
    const c = answer(v1);
    const loose: VpnConnection = { ...c, EnableDpd: "true", EnableNatTraversal: "false", RemoteSubnet: " 192.168.1.0/24 , 192.168.2.0/24 ", IkeConfig: { ...c.IkeConfig, IkeLifetime: "28800" }, IpsecConfig: { ...c.IpsecConfig, IpsecLifetime: "3600" } };
    assert.deepEqual(connectionView(loose, v1.routerPublicIp), connectionView(c, v1.routerPublicIp));
  });

  it("leaves out of the view what the answer leaves out (so it is not compared), and reads a changed setting as changed", () => {
    const c = answer();
    const bare: VpnConnection = { ...c, EnableDpd: undefined, EnableNatTraversal: undefined, IkeConfig: { ...c.IkeConfig, Psk: undefined, IkeLifetime: undefined }, IpsecConfig: { ...c.IpsecConfig, IpsecLifetime: undefined } };
    const view = connectionView(bare, spec.routerPublicIp)!;
    assert.deepEqual([view.preSharedKey, view.ike.lifetime, view.ipsec.lifetime, view.dpd, view.natTraversal], [undefined, undefined, undefined, undefined, undefined]);
    const changed = connectionView({ ...c, IkeConfig: { ...c.IkeConfig, IkeEncAlg: "aes" } }, spec.routerPublicIp)!;
    assert.deepEqual(sameEndDifferences(alicloudEndView(alicloudConnectionSettings(spec), spec.routerPublicIp), changed), [{ path: "ike.encryption", expected: ["aes-256-cbc"], actual: ["aes-128-cbc"] }]);
  });

  it("defaults the remote id to the customer gateway's address, as Alibaba does", () => {
    const c = answer();
    assert.equal(connectionView({ ...c, IkeConfig: { ...c.IkeConfig, RemoteId: "" } }, "198.51.100.77")?.remoteId, "address:198.51.100.77");
    assert.equal(connectionView({ ...c, IkeConfig: { ...c.IkeConfig, RemoteId: "" } })?.remoteId, undefined);
  });

  it("reads a dual-tunnel connection's end from its active tunnel, whichever order Alibaba lists them in", () => {
    const { IkeConfig, IpsecConfig, EnableDpd, EnableNatTraversal, CustomerGatewayId: _c, ...c } = answer();
    const tunnel = (Role: string, localId: string, encryption: string) => ({ Role, CustomerGatewayId: "cgw-1", EnableDpd, EnableNatTraversal, TunnelIkeConfig: { ...IkeConfig, LocalId: localId, IkeEncAlg: encryption }, TunnelIpsecConfig: IpsecConfig });
    const dual: VpnConnection = { ...c, TunnelOptionsSpecification: { TunnelOptions: [tunnel("slave", "203.0.113.99", "aes"), tunnel("master", GATEWAY_IP, "aes256")] } };
    // The standby differs (another address, another algorithm): only the active tunnel's settings are the end.
    assert.deepEqual(connectionView(dual, spec.routerPublicIp), connectionView(answer(), spec.routerPublicIp));
    assert.equal(connectionView({ ...c, TunnelOptionsSpecification: { TunnelOptions: [{ Role: "master" }] } }), undefined, "a tunnel without settings has no view");
  });

  it("compares with the router field by field: an algorithm changed in the console is named", () => {
    const c = answer();
    const cloud = connectionView({ ...c, IpsecConfig: { ...c.IpsecConfig, IpsecAuthAlg: "sha1" } }, spec.routerPublicIp)!;
    const rows = renderRouterOsRows(spec, { gatewayIp: GATEWAY_IP });
    const router = routerOsEndView({ profile: rows.profile[0], proposal: rows.proposal[0], peer: rows.peer[0], identity: rows.identity[0], policies: rows.policy });
    const compare = (c: typeof cloud) => compareEnds(router, c, { routerPublicIp: spec.routerPublicIp, gatewayIp: GATEWAY_IP }).map((m) => m.path);
    assert.deepEqual(compare(connectionView(c, spec.routerPublicIp)!), [], "the router as the spec renders it agrees with Alibaba's end as seeded");
    assert.deepEqual(compare(cloud), ["ipsec.integrity"]);
  });
});

describe("picking the site's connection (pure)", () => {
  const conn = (id: string, name: string, cgw: string): VpnConnection => ({ VpnConnectionId: id, Name: name, CustomerGatewayId: cgw });
  const addresses: Record<string, string> = { "cgw-me": spec.routerPublicIp, "cgw-other": "198.51.100.9" };
  const addressOf = (id: string | undefined) => (id ? addresses[id] : undefined);
  const pick = (list: VpnConnection[]) => pickConnection(list, addressOf, spec)?.VpnConnectionId;

  it("takes the one named as the spec whose customer gateway is this router, of several so named", () => {
    assert.equal(pick([conn("vco-a", "to_aliyun", "cgw-other"), conn("vco-b", "to_aliyun", "cgw-me")]), "vco-b");
  });
  it("takes the one so named when no customer gateway is this router (a wrong customer gateway)", () => {
    assert.equal(pick([conn("vco-x", "other", "cgw-other"), conn("vco-a", "to_aliyun", "cgw-other")]), "vco-a");
  });
  it("takes the only connection of this router when none has the name (renamed by hand)", () => {
    assert.equal(pick([conn("vco-x", "other", "cgw-other"), conn("vco-r", "renamed", "cgw-me")]), "vco-r");
  });
  it("takes none when nothing has the name and this router has several connections, or none", () => {
    assert.equal(pick([conn("vco-r", "renamed", "cgw-me"), conn("vco-s", "second", "cgw-me")]), undefined);
    assert.equal(pick([conn("vco-x", "other", "cgw-other")]), undefined);
  });
});

describe("doctor's evidence from Alibaba Cloud (through the API, from the emulator)", () => {
  let emu: AlicloudVpcEmulator;
  let api: AlicloudVpcApi;
  before(async () => {
    emu = await AlicloudVpcEmulator.start();
    api = new AlicloudVpcApi(alicloudSettings((key) => alicloudConfig(emu)[key], {}).settings!);
  });
  after(() => emu.stop());

  it("reads nothing but says it read, when the region holds no connection", async () => {
    assert.deepEqual(await readAlicloudEvidence(api, spec, ["a line"]), { platform: "alicloud", read: true, log: ["a line"] });
  });

  it("reads the site's connection: Status, State, settings, both gateways' addresses; of two same-named, this router's", async () => {
    seedTunnel(emu, exampleSpec("secure", { cloud: "alicloud", name: "to_aliyun", routerPublicIp: "198.51.100.9" }), "203.0.113.21");
    const mine = seedTunnel(emu, spec, GATEWAY_IP, { Status: "ike_sa_established" });
    emu.resetCalls();
    const evidence = await readAlicloudEvidence(api, spec);
    const { view, ...rest } = evidence;
    assert.deepEqual(rest, { platform: "alicloud", read: true, connectionId: mine.vpnConnectionId, state: "active", netStatus: "ike_sa_established", gatewayIp: GATEWAY_IP, customerGatewayIp: spec.routerPublicIp, log: [] });
    assert.deepEqual(view, connectionView(answer(), spec.routerPublicIp));
    assert.deepEqual(emu.calls, { DescribeVpnConnections: 1, DescribeCustomerGateways: 1, DescribeVpnGateway: 1 });
  });

  it("reads a dual-tunnel connection: its active tunnel's status, address and settings; the standby's are not the router's", async () => {
    const dualSpec = { ...spec, name: "to_aliyun_dual", routerPublicIp: "198.51.100.44" };
    const seeded = seedDualTunnel(emu, dualSpec, GATEWAY_IP, "203.0.113.30", { master: "ipsec_sa_established", slave: "ike_sa_not_established" });
    const evidence = await readAlicloudEvidence(api, dualSpec);
    assert.deepEqual([evidence.connectionId, evidence.netStatus, evidence.gatewayIp, evidence.customerGatewayIp], [seeded.vpnConnectionId, "ipsec_sa_established", GATEWAY_IP, dualSpec.routerPublicIp]);
    const expected = alicloudEndView({ ...alicloudConnectionSettings(dualSpec), ikeConfig: { ...alicloudConnectionSettings(dualSpec).ikeConfig, ikeLocalId: GATEWAY_IP } }, dualSpec.routerPublicIp);
    assert.deepEqual(evidence.view, expected);
  });

  it("reads only the stack's existing gateway's connections when it names one", async () => {
    const other = seedTunnel(emu, { ...spec, name: "elsewhere" }, "203.0.113.22");
    emu.resetCalls();
    const evidence = await readAlicloudEvidence(api, { ...spec, name: "elsewhere" }, [], { vpnGatewayId: other.vpnGatewayId });
    assert.equal(evidence.connectionId, other.vpnConnectionId);
    assert.equal(evidence.gatewayIdRead, other.vpnGatewayId);
    assert.match(emu.received.find((r) => r.includes("Action=DescribeVpnConnections")) ?? "", new RegExp(`VpnGatewayId=${other.vpnGatewayId}`));
    const missing = await readAlicloudEvidence(api, { ...spec, name: "nowhere", routerPublicIp: "198.51.100.99" }, [], { vpnGatewayId: other.vpnGatewayId });
    assert.deepEqual([missing.connectionId, missing.gatewayIdRead], [undefined, other.vpnGatewayId], "the scope is said when nothing is found too");
  });
});
