// Specification of applyNegotiation against the two real emulators on 127.0.0.1: the router's monitoring rows and
// /log, the cloud's NetStatus and its log file follow the model's decision. Tencent resources made through the SDK.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { applyNegotiation, EMULATOR_DEFAULT_WAN } from "../ike";
import { RouterOsEmulator } from "../routeros";
import { TencentVpcEmulator } from "../tencent";
import { vpcClient, type VpcClient } from "../tencent/sdk-client";

const IKE = { PropoEncryAlgorithm: "AES-CBC-128", PropoAuthenAlgorithm: "MD5", ExchangeMode: "MAIN", DhGroupName: "GROUP1", IKEVersion: "IKEV1" };
const IPSEC = { EncryptAlgorithm: "AES-CBC-128", IntegrityAlgorithm: "MD5", IPSECSaLifetimeSeconds: 1800, PfsDhGroup: "NULL" };

interface Lab {
  router: RouterOsEmulator;
  cloud: TencentVpcEmulator;
  client: VpcClient;
  vpcId: string;
  gatewayId: string;
  gatewayIp: string;
  dir: string;
  logFile: string;
}
let lab: Lab;

/** The article's router rows, its peer pointing at the emulated gateway. */
function seedRouter(router: RouterOsEmulator, gatewayIp: string): void {
  router.seed("/ip/ipsec/profile", { name: "to_tencent", "dh-group": "modp768", "hash-algorithm": "md5", "enc-algorithm": "aes-128" });
  router.seed("/ip/ipsec/peer", { name: "to_tencent", address: gatewayIp, profile: "to_tencent", "exchange-mode": "main" });
  router.seed("/ip/ipsec/identity", { peer: "to_tencent", "auth-method": "pre-shared-key", secret: "123456" });
  router.seed("/ip/ipsec/proposal", { name: "to_tencent", "auth-algorithms": "md5", "enc-algorithms": "aes-128-cbc", "pfs-group": "none" });
  router.seed("/ip/ipsec/policy", { peer: "to_tencent", tunnel: "yes", "src-address": "192.168.1.0/24", "dst-address": "10.100.1.0/24", protocol: "all", proposal: "to_tencent" });
}

/** A customer gateway at `ip` and a connection to it, created through the Tencent SDK; returns the connection id. */
async function connection(ip: string, psk: string, name = "to_ros"): Promise<string> {
  const cgw = await lab.client.CreateCustomerGateway({ CustomerGatewayName: name, IpAddress: ip });
  const r = await lab.client.request("CreateVpnConnection", {
    VpnGatewayId: lab.gatewayId, CustomerGatewayId: cgw.CustomerGateway?.CustomerGatewayId, VpcId: lab.vpcId, VpnConnectionName: name, PreShareKey: psk,
    SecurityPolicyDatabases: [{ LocalCidrBlock: name === "to_ros" ? "10.100.1.0/24" : "10.100.9.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }],
    IKEOptionsSpecification: IKE, IPSECOptionsSpecification: IPSEC,
  });
  return r.VpnConnection.VpnConnectionId as string;
}

const netStatus = (id: string): string | undefined => lab.cloud.state().vpnConnections.find((c) => c.VpnConnectionId === id)?.NetStatus;
const ipsecLog = (): string[] => lab.router.rows("/log").filter((r) => r.topics?.startsWith("ipsec")).map((r) => `${r.topics} ${r.message}`);

beforeEach(async () => {
  const router = await RouterOsEmulator.start();
  const cloud = await TencentVpcEmulator.start();
  const { vpcId } = cloud.addVpc({ cidrBlock: "10.100.0.0/16" });
  const client = vpcClient(cloud);
  const gw = await client.request("CreateVpnGateway", { VpcId: vpcId, VpnGatewayName: "gw", InternetMaxBandwidthOut: 5 });
  const gatewayId = gw.VpnGateway.VpnGatewayId as string;
  const gatewayIp = (await client.DescribeVpnGateways({ VpnGatewayIds: [gatewayId] })).VpnGatewaySet?.[0]?.PublicIpAddress ?? "";
  const dir = mkdtempSync(join(tmpdir(), "ike-apply-"));
  lab = { router, cloud, client, vpcId, gatewayId, gatewayIp, dir, logFile: join(dir, "nested", "gateway", "ike.log") };
  seedRouter(router, gatewayIp);
});
afterEach(async () => {
  await lab.router.stop();
  await lab.cloud.stop();
  rmSync(lab.dir, { recursive: true, force: true });
});

describe("applyNegotiation", () => {
  it("established: active peer, two installed SAs, policy established, NetStatus AVAILABLE, cloud log written", async () => {
    const id = await connection(EMULATOR_DEFAULT_WAN, "123456");
    assert.equal(netStatus(id), "UNAVAILABLE");
    const result = applyNegotiation(lab.router, lab.cloud, { peerName: "to_tencent", cloudLogFile: lab.logFile });
    assert.equal(result.established, true);
    const [peer] = lab.router.rows("/ip/ipsec/active-peers");
    assert.deepEqual([peer?.state, peer?.["remote-address"], peer?.["local-address"], peer?.side], ["established", lab.gatewayIp, EMULATOR_DEFAULT_WAN, "initiator"]);
    assert.deepEqual(lab.router.rows("/ip/ipsec/installed-sa").map((sa) => [sa["src-address"], sa["dst-address"], sa["enc-algorithm"], sa["enc-key-size"]]), [
      [EMULATOR_DEFAULT_WAN, lab.gatewayIp, "aes-cbc", "128"],
      [lab.gatewayIp, EMULATOR_DEFAULT_WAN, "aes-cbc", "128"],
    ]);
    assert.equal(lab.router.rows("/ip/ipsec/policy").find((p) => p.peer === "to_tencent")?.["ph2-state"], "established");
    assert.equal(netStatus(id), "AVAILABLE");
    assert.ok(ipsecLog().includes(`ipsec,info ISAKMP-SA established ${EMULATOR_DEFAULT_WAN}[500]-${lab.gatewayIp}[500] spi:${result.sas?.ike.initiatorSpi}:${result.sas?.ike.responderSpi}`));
    assert.ok(!ipsecLog().some((l) => l.startsWith("ipsec,error")));
    const file = readFileSync(lab.logFile, "utf8").trimEnd().split("\n");
    assert.equal(file.length, result.cloudLog.length);
    assert.match(file.at(-1) ?? "", new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\d\\d\\[IKE\\] CHILD_SA ${id}\\{1\\} established with SPIs`));
  });

  it("failed (PSK): the router's /log holds its lines, the cloud log file its lines, NetStatus UNAVAILABLE", async () => {
    const id = await connection(EMULATOR_DEFAULT_WAN, "654321");
    lab.cloud.setNetStatus(id, "AVAILABLE");
    const result = applyNegotiation(lab.router, lab.cloud, { peerName: "to_tencent", cloudLogFile: lab.logFile });
    assert.deepEqual([result.established, result.mismatch], [false, "psk"]);
    assert.deepEqual(ipsecLog().slice(-result.routerLog.length), result.routerLog.map((l) => `${l.topics} ${l.message}`));
    assert.ok(ipsecLog().some((l) => l.startsWith(`ipsec,error phase1 negotiation failed due to time up ${EMULATOR_DEFAULT_WAN}[500]<=>${lab.gatewayIp}[500]`)));
    const file = readFileSync(lab.logFile, "utf8");
    assert.match(file, /\d\d:\d\d:\d\d \d\d\[ENC\] invalid HASH_V1 payload length, decryption failed\?\n/);
    assert.match(file, /TANS_IKE_NEGO: invalid HASH_V1 payload length, decryption failed\n/);
    assert.equal(netStatus(id), "UNAVAILABLE");
    assert.deepEqual(lab.router.rows("/ip/ipsec/active-peers"), []);
    assert.equal(lab.router.rows("/ip/ipsec/policy").find((p) => p.peer === "to_tencent")?.["ph2-state"], "no-phase2");
  });

  it("a fixed key brings the tunnel up on the next apply; the cloud log keeps both attempts", async () => {
    const id = await connection(EMULATOR_DEFAULT_WAN, "654321");
    applyNegotiation(lab.router, lab.cloud, { peerName: "to_tencent", cloudLogFile: lab.logFile });
    const before = readFileSync(lab.logFile, "utf8").split("\n").length;
    await lab.client.ModifyVpnConnectionAttribute({ VpnConnectionId: id, PreShareKey: "123456" });
    lab.cloud.state(); // the modification settles (PENDING for 0 ms)
    const result = applyNegotiation(lab.router, lab.cloud, { peerName: "to_tencent", vpnConnectionId: id, cloudLogFile: lab.logFile });
    assert.equal(result.established, true);
    assert.equal(netStatus(id), "AVAILABLE");
    assert.ok(readFileSync(lab.logFile, "utf8").split("\n").length > before);
  });

  it("finds the tunnel's connection among several by the customer gateway's address", async () => {
    await connection("198.51.100.99", "123456", "other");
    const id = await connection(EMULATOR_DEFAULT_WAN, "123456");
    applyNegotiation(lab.router, lab.cloud, { peerName: "to_tencent" });
    assert.equal(netStatus(id), "AVAILABLE");
  });

  it("a cloud-initiated tunnel shows the router as responder", async () => {
    await connection(EMULATOR_DEFAULT_WAN, "123456");
    applyNegotiation(lab.router, lab.cloud, { peerName: "to_tencent", scenario: { initiator: "cloud" } });
    assert.deepEqual([lab.router.rows("/ip/ipsec/active-peers")[0]?.side], ["responder"]);
  });

  it("refuses an unknown peer, and a router behind NAT without its public address", async () => {
    await connection(EMULATOR_DEFAULT_WAN, "123456");
    assert.throws(() => applyNegotiation(lab.router, lab.cloud, { peerName: "nope" }), /no \/ip\/ipsec\/peer named "nope"/);
    assert.throws(() => applyNegotiation(lab.router, lab.cloud, { peerName: "to_tencent", scenario: { routerBehindNat: "masquerade" } }), /routerPublicAddress/);
  });
});
