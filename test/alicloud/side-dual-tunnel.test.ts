// AlicloudVpnSide on a dual-tunnel gateway (an active and a standby tunnel in two zones, as Alibaba's newer gateways
// are): the connection carries its settings per tunnel, the key stays secret, the router peers the active address.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exampleInput } from "../helpers/specs";
import { MOCK_GATEWAY_IP, MOCK_STANDBY_IP, isSecretEnvelope, resolve, revealSecret, startMockCloud, type RecordedResource } from "./helpers/mock-cloud";

const EXISTING = { id: "vpn-dual01", vpcId: "vpc-office01", internetIp: "47.98.20.2", enableIpsec: "enable" as const, disasterRecoveryInternetIp: "47.98.20.3" };
const cloud = startMockCloud([EXISTING, { id: "vpn-single01", vpcId: "vpc-office01", internetIp: "47.98.20.4", enableIpsec: "enable", disasterRecoveryInternetIp: "" }]);
const { AlicloudVpnSide, checkAlicloudSideArgs } = require("../../src/alicloud") as typeof import("../../src/alicloud");
type Args = ConstructorParameters<typeof AlicloudVpnSide>[1];

const secure = { ...exampleInput("secure"), cloud: "alicloud" } as Args["spec"];
const KEY = "example-only-9Lq2vT7xWm4RkP8s";
const CRYPTO = {
  ike: { ikeVersion: "ikev2", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14", ikeLifetime: 86400, remoteId: "113.87.48.200", psk: KEY },
  ipsec: { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 },
};

async function connectionOf(name: string, side: InstanceType<typeof AlicloudVpnSide>): Promise<RecordedResource> {
  await resolve(side.routeEntryIds);
  await resolve(side.connectionStatus);
  return cloud.named(`${name}-`).find((r) => r.type === "alicloud:vpn/connection:Connection")!;
}

/** Both tunnels as Alibaba takes them, written out by hand: same settings, each with its own address as local id. */
const tunnels = (customerGatewayId: string, master: string, slave: string) =>
  (["master", "slave"] as const).map((role) => ({
    role,
    customerGatewayId,
    enableDpd: true,
    enableNatTraversal: true,
    tunnelIkeConfig: { ...CRYPTO.ike, localId: role === "master" ? master : slave },
    tunnelIpsecConfig: CRYPTO.ipsec,
  }));

describe("AlicloudVpnSide with a dual-tunnel gateway created here", () => {
  const name = "dual";
  const side = new AlicloudVpnSide(name, { spec: secure, vpcId: "vpc-office01", routeTableId: "vtb-office01", vswitchId: "vsw-zonea01", disasterRecoveryVswitchId: "vsw-zoneb01", gateway: { bandwidth: 10 } });

  it("creates the gateway with both vSwitches", async () => {
    await resolve(side.routeEntryIds);
    const gateway = cloud.one(`${name}-gateway`);
    assert.deepEqual([gateway.inputs.vswitchId, gateway.inputs.disasterRecoveryVswitchId], ["vsw-zonea01", "vsw-zoneb01"]);
    assert.deepEqual(gateway.replaceOnChanges, ["disasterRecoveryVswitchId"], "adding or dropping the standby vSwitch rebuilds the gateway");
  });

  it("gives the connection its settings per tunnel, as a secret, and none at the connection's level", async () => {
    const connection = await connectionOf(name, side);
    for (const key of ["customerGatewayId", "ikeConfig", "ipsecConfig", "enableDpd", "enableNatTraversal"]) assert.equal(connection.inputs[key], undefined, key);
    assert.ok(isSecretEnvelope(connection.inputs.tunnelOptionsSpecifications), "the tunnels carry the key: they must be secret");
    assert.deepEqual(revealSecret(connection.inputs.tunnelOptionsSpecifications), tunnels("cgw-dualcustomergateway", MOCK_GATEWAY_IP, MOCK_STANDBY_IP));
    assert.deepEqual([connection.inputs.localSubnets, connection.inputs.remoteSubnets], [["10.100.1.0/24"], ["192.168.1.0/24"]]);
  });

  it("puts the active tunnel's address where the router peers, and the standby's in its own output", async () => {
    assert.deepEqual([await resolve(side.gatewayPublicIp), await resolve(side.standbyGatewayPublicIp)], [MOCK_GATEWAY_IP, MOCK_STANDBY_IP]);
  });
});

describe("AlicloudVpnSide with an existing gateway", () => {
  const { cloudGatewayIp: _any, ...withoutGatewayIp } = secure as Record<string, unknown>;
  const spec = withoutGatewayIp as Args["spec"];
  it("a dual-tunnel one (it has a standby address) gets per-tunnel settings with its two addresses", async () => {
    const side = new AlicloudVpnSide("olddual", { spec, vpcId: "vpc-office01", routeTableId: "vtb-office01", existingGatewayId: EXISTING.id });
    const connection = await connectionOf("olddual", side);
    assert.equal(connection.inputs.ikeConfig, undefined);
    assert.deepEqual(revealSecret(connection.inputs.tunnelOptionsSpecifications), tunnels("cgw-olddualcustomergateway", EXISTING.internetIp, EXISTING.disasterRecoveryInternetIp));
    assert.equal(await resolve(side.standbyGatewayPublicIp), EXISTING.disasterRecoveryInternetIp);
  });

  it("a single-tunnel one keeps the connection-level settings and no tunnel options", async () => {
    const side = new AlicloudVpnSide("oldsingle", { spec, vpcId: "vpc-office01", routeTableId: "vtb-office01", existingGatewayId: "vpn-single01" });
    const connection = await connectionOf("oldsingle", side);
    assert.equal(connection.inputs.tunnelOptionsSpecifications, undefined);
    assert.equal(connection.inputs.customerGatewayId, "cgw-oldsinglecustomergateway");
    assert.deepEqual((revealSecret(connection.inputs.ikeConfig) as { ikeLocalId: string }).ikeLocalId, "47.98.20.4");
    assert.equal(await resolve(side.standbyGatewayPublicIp), "");
  });
});

describe("the disaster-recovery vSwitch argument", () => {
  const base: Args = { spec: secure, vpcId: "vpc-office01", routeTableId: "vtb-office01", gateway: { bandwidth: 10 } };
  const errorsOf = (args: Args) => checkAlicloudSideArgs(args).problems.filter((p) => p.severity === "error").map((p) => `${p.path}: ${p.message}`);
  it("needs the active tunnel's vSwitch, another one, and a gateway created here", () => {
    assert.deepEqual(errorsOf({ ...base, disasterRecoveryVswitchId: "vsw-zoneb01" }), ["vswitchId: is required with disasterRecoveryVswitchId"]);
    assert.deepEqual(errorsOf({ ...base, vswitchId: "vsw-zonea01", disasterRecoveryVswitchId: "vsw-zonea01" }), ["disasterRecoveryVswitchId: is the same vSwitch as vswitchId"]);
    assert.deepEqual(errorsOf({ ...base, gateway: undefined, existingGatewayId: "vpn-dual01", disasterRecoveryVswitchId: "vsw-zoneb01" }), [
      "disasterRecoveryVswitchId: applies only when the gateway is created here",
    ]);
    assert.deepEqual(errorsOf({ ...base, vswitchId: "vsw-zonea01", disasterRecoveryVswitchId: "zoneb" }), ["disasterRecoveryVswitchId: is not a vSwitch id"]);
    assert.deepEqual(errorsOf({ ...base, vswitchId: "vsw-zonea01", disasterRecoveryVswitchId: "vsw-zoneb01" }), []);
  });
});
