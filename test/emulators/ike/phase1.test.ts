// Specification of the negotiation model up to phase 1: the matching tunnel, the order of checks, and each phase-1
// class with the lines each side logs (ipsec-logs.md), in both directions where the reference says they differ.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { negotiate } from "../ike";
import { GATEWAY_IP as G, ROUTER_IP as R, articleCloud, articleRouter, cloud, cloudLines, ike2Cloud, ike2Router, outcome, router, routerLines } from "./fixtures";

const TIME_UP = `ipsec,error phase1 negotiation failed due to time up ${R}[500]<=>${G}[500] <cookie>:0000000000000000`;
const PH2_WAITING = `ipsec,error phase2 negotiation failed due to time up waiting for phase1. ESP ${G}[0]->${R}[0]`;
const INITIATE = `ipsec,info initiate new phase 1 (Identity Protection): ${R}[500]<=>${G}[500]`;
const RESPOND = `ipsec,info respond new phase 1 (Identity Protection): ${R}[500]<=>${G}[500]`;

describe("a matching pair of ends", () => {
  it("establishes the article's tunnel with only info lines on both sides", () => {
    const result = negotiate(articleRouter(), articleCloud());
    assert.deepEqual(outcome(result), { established: true });
    routerLines(result, [
      INITIATE,
      `ipsec,info ISAKMP-SA established ${R}[500]-${G}[500] spi:<cookie>:<cookie>`,
      `ipsec,info initiate new phase 2 negotiation: ${R}[500]<=>${G}[500]`,
      `ipsec,info IPsec-SA established: ${R}[500]->${G}[500] spi=0x<spi>`,
      `ipsec,info IPsec-SA established: ${G}[500]->${R}[500] spi=0x<spi>`,
    ]);
    cloudLines(result, [
      `[IKE] ${R} is initiating a Main Mode IKE_SA`,
      `[IKE] IKE_SA vpnx-3t5y7u9i[1] established between ${G}[${G}]...${R}[${R}]`,
      "[IKE] CHILD_SA vpnx-3t5y7u9i{1} established with SPIs <spi>_i <spi>_o and TS 10.100.1.0/24 === 192.168.1.0/24",
    ]);
    assert.deepEqual(result.latent, []);
    assert.deepEqual(result.sas?.children.map((c) => [c.routerSubnet, c.cloudSubnet, c.encryption, c.integrity, c.lifetimeSeconds]), [
      ["192.168.1.0/24", "10.100.1.0/24", "aes-128-cbc", "md5", 1800],
    ]);
    assert.equal(result.sas?.natTraversal, false);
  });

  it("establishes when the cloud initiates too, the router responding", () => {
    const result = negotiate(articleRouter(), articleCloud(), { initiator: "cloud" });
    assert.deepEqual(outcome(result), { established: true });
    assert.equal(result.routerLog[0]?.message, `respond new phase 1 (Identity Protection): ${R}[500]<=>${G}[500]`);
    assert.equal(result.cloudLog[0]?.replace(/^\d\d/, ""), `[IKE] initiating Main Mode IKE_SA vpnx-3t5y7u9i[1] to ${R}`);
    assert.ok(result.routerLog.every((l) => l.topics === "ipsec,info"));
  });

  it("is a pure function: the same ends give the same lines, cookies and SPIs", () => {
    assert.deepEqual(negotiate(articleRouter(), articleCloud()), negotiate(articleRouter(), articleCloud()));
  });

  it("establishes over IKEv2 when both ends speak it", () => {
    const result = negotiate(ike2Router(), ike2Cloud());
    assert.deepEqual(outcome(result), { established: true });
    assert.equal(result.sas?.ikeVersion, 2);
  });
});

describe("the order of checks", () => {
  it("meets the phase-1 proposal before the key: a wrong cipher and a wrong key report the cipher", () => {
    assert.equal(negotiate(articleRouter(), cloud({ ike: { PropoEncryAlgorithm: "3DES-CBC" }, connection: { PreShareKey: "x" } })).mismatch, "ike-algorithm");
  });
  it("meets the key before the identities in IKEv1 main mode, and the identities first in IKEv2", () => {
    const both = { connection: { PreShareKey: "x" }, ike: { RemoteIdentity: "FQDN", RemoteFqdnName: "router.example" } };
    assert.equal(negotiate(articleRouter(), cloud(both)).mismatch, "psk");
    assert.equal(negotiate(ike2Router(), ike2Cloud(both)).mismatch, "identity");
  });
  it("meets the version before the exchange mode, and the network before anything", () => {
    assert.equal(negotiate(router("peer", { "exchange-mode": "ike2" }), cloud({ ike: { ExchangeMode: "AGGRESSIVE" } })).mismatch, "ike-version");
    assert.equal(negotiate(router("peer", { "exchange-mode": "ike2" }), articleCloud(), { blocked: true }).mismatch, "peer-not-answering");
  });
  it("meets phase 2 only after phase 1 is established", () => {
    const result = negotiate(articleRouter(), cloud({ ike: { DhGroupName: "GROUP2" }, ipsec: { EncryptAlgorithm: "3DES-CBC" } }));
    assert.equal(result.mismatch, "dh-group");
  });
});

describe("peer not answering (UDP 500/4500 blocked)", () => {
  it("router initiating: retransmits (debug) and time up with no responder cookie; the cloud sees nothing", () => {
    const result = negotiate(articleRouter(), articleCloud(), { blocked: true, debug: true });
    assert.deepEqual(outcome(result), { established: false, mismatch: "peer-not-answering" });
    const sent = `ipsec sent phase1 packet ${R}[500]<=>${G}[500] <cookie>:0000000000000000`;
    routerLines(result, [INITIATE, sent, sent, sent, sent, sent, sent, TIME_UP, PH2_WAITING]);
    cloudLines(result, []);
  });
  it("cloud initiating: strongSwan retransmits, gives up, and Tencent says the peer does not answer", () => {
    const result = negotiate(articleRouter(), articleCloud(), { blocked: true, initiator: "cloud" });
    routerLines(result, []);
    cloudLines(result, [
      `[IKE] initiating Main Mode IKE_SA vpnx-3t5y7u9i[1] to ${R}`,
      ...[1, 2, 3, 4, 5].map((k) => `[IKE] sending retransmit ${k} of request message ID 0, seq 1`),
      "[IKE] giving up after 5 retransmits",
      "IKE_NEGO: peer no response",
    ]);
  });
});

describe("addresses", () => {
  it("wrong peer address on the router: its packets go elsewhere and time up", () => {
    const result = negotiate(router("peer", { address: "119.91.254.123/32" }), articleCloud());
    assert.deepEqual(outcome(result), { established: false, mismatch: "wrong-peer-address" });
    routerLines(result, [
      `ipsec,info initiate new phase 1 (Identity Protection): ${R}[500]<=>119.91.254.123[500]`,
      `ipsec,error phase1 negotiation failed due to time up ${R}[500]<=>119.91.254.123[500] <cookie>:0000000000000000`,
      "ipsec,error phase2 negotiation failed due to time up waiting for phase1. ESP 119.91.254.123[0]->113.87.48.200[0]",
    ]);
    cloudLines(result, []);
  });
  it("wrong customer-gateway IP in the cloud: the gateway has no config for the router, then time up", () => {
    const result = negotiate(articleRouter(), cloud({ customerGatewayIp: "113.87.48.201" }));
    assert.deepEqual(outcome(result), { established: false, mismatch: "customer-gateway-ip" });
    routerLines(result, [INITIATE, TIME_UP, PH2_WAITING]);
    cloudLines(result, [`[IKE] no IKE config found for ${G}...${R}, sending NO_PROPOSAL_CHOSEN`]);
  });
  it("wrong customer-gateway IP, cloud initiating: UNSUPPORTED_CRITICAL_PAYLOAD from whoever holds that address", () => {
    const result = negotiate(articleRouter(), cloud({ customerGatewayIp: "113.87.48.201" }), { initiator: "cloud" });
    routerLines(result, []);
    cloudLines(result, ["[IKE] initiating Main Mode IKE_SA vpnx-3t5y7u9i[1] to 113.87.48.201", "[IKE] received UNSUPPORTED_CRITICAL_PAYLOAD error notify"]);
  });
});

describe("IKE version", () => {
  it("IKEv2 router, IKEv1 cloud: NO_PROPOSAL_CHOSEN from a gateway with no IKEv2 config", () => {
    const result = negotiate(router("peer", { "exchange-mode": "ike2" }), articleCloud());
    assert.deepEqual(outcome(result), { established: false, mismatch: "ike-version" });
    routerLines(result, ["ipsec,error got fatal error: NO_PROPOSAL_CHOSEN"]);
    cloudLines(result, [`[IKE] no IKE config found for ${G}...${R}, sending NO_PROPOSAL_CHOSEN`]);
  });
  it("IKEv2 cloud initiating to an IKEv1 router: the article's IKE_SA_INIT N(NO_PROP) lines", () => {
    const result = negotiate(articleRouter(), cloud({ ike: { IKEVersion: "IKEV2" } }), { initiator: "cloud", debug: true });
    assert.deepEqual(outcome(result), { established: false, mismatch: "ike-version" });
    routerLines(result, ["ipsec reply notify: NO_PROPOSAL_CHOSEN"]);
    cloudLines(result, [`[IKE] initiating IKE_SA vpnx-3t5y7u9i[1] to ${R}`, "[ENC] parsed IKE_SA_INIT response 0 [ N(NO_PROP) ]", "[IKE] received NO_PROPOSAL_CHOSEN notify error"]);
  });
});

describe("exchange mode (main vs aggressive): works when the main-mode side initiates", () => {
  const aggressiveCloud = () => cloud({ ike: { ExchangeMode: "AGGRESSIVE" } });
  it("router (main) initiating: established, the mismatch latent until the cloud initiates", () => {
    const result = negotiate(articleRouter(), aggressiveCloud());
    assert.deepEqual(outcome(result), { established: true, mismatch: "exchange-mode" });
    assert.match(result.failsOnlyWhen ?? "", /^the cloud initiates/);
    assert.ok(!result.routerLog.some((l) => l.topics.includes("error")));
  });
  it("cloud (aggressive) initiating: the router refuses aggressive mode, the cloud gets AUTHENTICATION_FAILED", () => {
    const result = negotiate(articleRouter(), aggressiveCloud(), { initiator: "cloud" });
    assert.deepEqual(outcome(result), { established: false, mismatch: "exchange-mode" });
    routerLines(result, ["ipsec,error exchange Aggressive not allowed in any applicable rmconf."]);
    cloudLines(result, [
      `[IKE] initiating Aggressive Mode IKE_SA vpnx-3t5y7u9i[1] to ${R}`,
      "[ENC] parsed INFORMATIONAL_V1 request <msgid> [ N(AUTH_FAILED) ]",
      "[IKE] received AUTHENTICATION_FAILED error notify",
    ]);
  });
  it("router (aggressive) initiating to a main-mode cloud: Tencent finds no peer config by ID payload", () => {
    const result = negotiate(router("peer", { "exchange-mode": "aggressive" }), articleCloud());
    assert.deepEqual(outcome(result), { established: false, mismatch: "exchange-mode" });
    routerLines(result, [`ipsec,info initiate new phase 1 (Aggressive): ${R}[500]<=>${G}[500]`, TIME_UP, PH2_WAITING]);
    cloudLines(result, [
      `[IKE] ${R} is initiating a Aggressive Mode IKE_SA`,
      "[CFG] no peer config found",
      "[ENC] generating INFORMATIONAL_V1 request <msgid> [ N(AUTH_FAILED) ]",
      "IKE_NEGO: responder no peer config found by ID payload",
    ]);
  });
  it("cloud (main) initiating to an aggressive-mode router: established", () => {
    assert.deepEqual(outcome(negotiate(router("peer", { "exchange-mode": "aggressive" }), articleCloud(), { initiator: "cloud" })), { established: true, mismatch: "exchange-mode" });
  });
});

describe("phase-1 encryption/integrity and DH group", () => {
  const PROPOSAL_REJECTED = [`ipsec,error ${G} failed to get valid proposal.`, `ipsec,error ${G} failed to pre-process ph1 packet (side: 1, status 1).`, `ipsec,error ${G} phase1 negotiation failed.`];
  it("encryption, router initiating: strongSwan and Tencent list both proposals; the router times up", () => {
    const result = negotiate(articleRouter(), cloud({ ike: { PropoEncryAlgorithm: "3DES-CBC" } }));
    assert.deepEqual(outcome(result), { established: false, mismatch: "ike-algorithm" });
    routerLines(result, [INITIATE, TIME_UP, PH2_WAITING]);
    cloudLines(result, [
      `[IKE] ${R} is initiating a Main Mode IKE_SA`,
      "[CFG] received proposals: IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_768",
      "[CFG] configured proposals: IKE:3DES_CBC/HMAC_MD5_96/PRF_HMAC_MD5/MODP_768",
      "[IKE] no proposal found",
      "[ENC] generating INFORMATIONAL_V1 request <msgid> [ N(NO_PROP) ]",
      "IKE_NEGO: no matching proposal, configured [IKE:3DES_CBC/HMAC_MD5_96/PRF_HMAC_MD5/MODP_768], received [IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_768]",
    ]);
  });
  it("encryption, router responding with the debug topic: rejected enctype (local:remote), then the error lines", () => {
    const result = negotiate(articleRouter(), cloud({ ike: { PropoEncryAlgorithm: "3DES-CBC" } }), { initiator: "cloud", debug: true });
    routerLines(result, [RESPOND, "ipsec rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = AES-CBC:3DES-CBC", "ipsec no suitable proposal found.", ...PROPOSAL_REJECTED]);
    cloudLines(result, [`[IKE] initiating Main Mode IKE_SA vpnx-3t5y7u9i[1] to ${R}`, "[ENC] parsed INFORMATIONAL_V1 request <msgid> [ N(NO_PROP) ]", "[IKE] received NO_PROPOSAL_CHOSEN error notify"]);
  });
  it("integrity, router responding without the debug topic: only the error lines", () => {
    const result = negotiate(articleRouter(), cloud({ ike: { PropoAuthenAlgorithm: "SHA" } }), { initiator: "cloud" });
    assert.deepEqual(outcome(result), { established: false, mismatch: "ike-algorithm" });
    routerLines(result, [RESPOND, ...PROPOSAL_REJECTED]);
    const debug = negotiate(articleRouter(), cloud({ ike: { PropoAuthenAlgorithm: "SHA" } }), { initiator: "cloud", debug: true });
    assert.equal(debug.routerLog[1]?.message, "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = MD5:SHA");
  });
  it("DH group, router responding: rejected dh_group names racoon's groups", () => {
    const result = negotiate(articleRouter(), cloud({ ike: { DhGroupName: "GROUP2" } }), { initiator: "cloud", debug: true });
    assert.deepEqual(outcome(result), { established: false, mismatch: "dh-group" });
    assert.equal(result.routerLog[1]?.message, "rejected dh_group: DB(prop#1:trns#1):Peer(prop#1:trns#1) = 768-bit MODP group:1024-bit MODP group");
  });
  it("DH group, IKEv2 router initiating: the KE type the cloud did not expect, and no acceptable DH group", () => {
    const result = negotiate(ike2Router(), ike2Cloud({ ike: { DhGroupName: "GROUP2" } }));
    assert.deepEqual(outcome(result), { established: false, mismatch: "dh-group" });
    routerLines(result, ["ipsec,error got fatal error: NO_PROPOSAL_CHOSEN"]);
    cloudLines(result, [
      `[IKE] ${R} is initiating an IKE_SA`,
      "[CFG] received proposals: IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_768",
      "[CFG] configured proposals: IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1024",
      "[IKE] received KE type 1,expected 2",
      "[CFG] no acceptable DIFFIE_HELLMAN_GROUP found",
      "[ENC] generating IKE_SA_INIT response 0 [ N(NO_PROP) ]",
      "IKE_NEGO: no matching proposal, configured [IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1024], received [IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_768]",
    ]);
  });
  it("a router offering several groups matches the cloud's one", () => {
    assert.deepEqual(outcome(negotiate(router("profile", { "dh-group": "modp1024,modp768" }), articleCloud())), { established: true });
  });
});
