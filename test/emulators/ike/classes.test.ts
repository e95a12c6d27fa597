// Specification of the model's class catalogue: every mismatch class is produced by one change at one end of the
// article's tunnel (or one network knob), and a failure always leaves a line on at least one side.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MISMATCH_CLASSES, negotiate, type CloudSide, type MismatchClass, type RouterSide, type Scenario } from "../ike";
import { articleCloud, articleRouter, cloud, ike2Cloud, ike2Router, router } from "./fixtures";

interface Case {
  change: string;
  router: RouterSide;
  cloud: CloudSide;
  scenario?: Scenario;
}

const NAT = { localAddress: "192.168.88.2" };
const CASES: Readonly<Record<MismatchClass, Case>> = {
  psk: { change: "cloud PreShareKey", router: articleRouter(), cloud: cloud({ connection: { PreShareKey: "654321" } }) },
  "ike-version": { change: "router peer exchange-mode=ike2", router: router("peer", { "exchange-mode": "ike2" }), cloud: articleCloud() },
  "exchange-mode": { change: "cloud ExchangeMode AGGRESSIVE, cloud initiating", router: articleRouter(), cloud: cloud({ ike: { ExchangeMode: "AGGRESSIVE" } }), scenario: { initiator: "cloud" } },
  identity: { change: "cloud RemoteIdentity FQDN", router: articleRouter(), cloud: cloud({ ike: { RemoteIdentity: "FQDN", RemoteFqdnName: "router.example" } }) },
  "ike-algorithm": { change: "cloud PropoEncryAlgorithm 3DES-CBC", router: articleRouter(), cloud: cloud({ ike: { PropoEncryAlgorithm: "3DES-CBC" } }) },
  "ipsec-algorithm": { change: "cloud EncryptAlgorithm AES-CBC-256", router: articleRouter(), cloud: cloud({ ipsec: { EncryptAlgorithm: "AES-CBC-256" } }) },
  "dh-group": { change: "router profile dh-group=modp2048", router: router("profile", { "dh-group": "modp2048" }), cloud: articleCloud() },
  "pfs-group": { change: "cloud PfsDhGroup DH-GROUP14", router: articleRouter(), cloud: cloud({ ipsec: { PfsDhGroup: "DH-GROUP14" } }) },
  lifetime: {
    change: "router proposal lifetime=1h (profile proposal-check=exact)",
    router: { ...router("proposal", { lifetime: "1h" }), profile: { ...articleRouter().profile, "proposal-check": "exact" } },
    cloud: articleCloud(),
  },
  "traffic-selectors": { change: "router policy dst-address=10.100.0.0/16", router: router(undefined, {}, { policies: [{ ...articleRouter().policies[0], "dst-address": "10.100.0.0/16" }] }), cloud: articleCloud() },
  "wrong-peer-address": { change: "router peer address", router: router("peer", { address: "119.91.254.1/32" }), cloud: articleCloud() },
  "customer-gateway-ip": { change: "cloud customer gateway IP", router: articleRouter(), cloud: cloud({ customerGatewayIp: "113.87.48.1" }) },
  "peer-not-answering": { change: "UDP 500/4500 blocked", router: articleRouter(), cloud: articleCloud(), scenario: { blocked: true } },
  "router-behind-nat": { change: "router behind masquerade NAT, my-id auto", router: router(undefined, {}, NAT), cloud: articleCloud(), scenario: { routerBehindNat: "masquerade" } },
  "nat-traversal": { change: "router behind NAT with nat-traversal=no", router: router("profile", { "nat-traversal": "false" }, NAT), cloud: articleCloud(), scenario: { routerBehindNat: "masquerade" } },
};

describe("every mismatch class", () => {
  it("has a case here (a new class needs one)", () => {
    assert.deepEqual(Object.keys(CASES).sort(), [...MISMATCH_CLASSES].sort());
  });
  for (const cls of MISMATCH_CLASSES) {
    const c = CASES[cls];
    it(`${cls}: ${c.change} fails with that class and leaves lines to read`, () => {
      const result = negotiate(c.router, c.cloud, c.scenario);
      assert.deepEqual([result.established, result.mismatch], [false, cls]);
      assert.ok(result.routerLog.length + result.cloudLog.length > 0, "some side logged something");
      assert.equal(result.sas, undefined);
    });
  }
});

describe("NAT in front of the router", () => {
  it("is implied (masquerade) when the router's own address differs from the one the cloud sees", () => {
    const result = negotiate(router(undefined, {}, NAT), articleCloud());
    assert.equal(result.mismatch, "router-behind-nat");
    assert.ok(result.cloudLog.some((l) => l.endsWith("[IKE] remote host is behind NAT")));
  });
  it("cannot be modelled without the router's own address", () => {
    assert.throws(() => negotiate(articleRouter(), articleCloud(), { routerBehindNat: "one-to-one" }), /needs RouterSide.localAddress/);
  });
  it("stops a cloud-only initiation dead when the router's peer is passive", () => {
    const result = negotiate(router("peer", { passive: "true" }, NAT), articleCloud(), { routerBehindNat: "masquerade" });
    assert.deepEqual([result.established, result.mismatch, result.routerLog], [false, "router-behind-nat", []]);
    assert.ok(result.cloudLog.includes("IKE_NEGO: peer no response"));
  });
});

describe("who initiates", () => {
  it("a passive router peer leaves it to the cloud, and says so", () => {
    const result = negotiate(router("peer", { passive: "true" }), articleCloud());
    assert.deepEqual([result.established, result.initiator], [true, "cloud"]);
    assert.match(result.assumptions[0] ?? "", /router's peer is passive/);
  });
  it("both ends passive: nothing happens, no lines, no class", () => {
    const result = negotiate(router("peer", { passive: "true" }), cloud({ connection: { NegotiationType: "passive" } }));
    assert.deepEqual([result.established, result.mismatch, result.initiator, result.routerLog, result.cloudLog], [false, undefined, undefined, [], []]);
  });
  it("IKEv2 tunnels take the same scenario knobs", () => {
    assert.equal(negotiate(ike2Router(), ike2Cloud(), { blocked: true }).mismatch, "peer-not-answering");
  });
});
