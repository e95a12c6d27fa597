// Specification of the model's phase 2: traffic selectors, ESP algorithms, PFS group (IKEv1 at once, IKEv2 only at
// the first rekey), lifetimes under proposal-check, with the lines each side logs (ipsec-logs.md).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { negotiate } from "../ike";
import { GATEWAY_IP as G, ROUTER_IP as R, articleRouter, cloud, cloudLines, ike2Cloud, ike2Router, outcome, router, routerLines } from "./fixtures";

const PHASE1_UP = [
  `ipsec,info initiate new phase 1 (Identity Protection): ${R}[500]<=>${G}[500]`,
  `ipsec,info ISAKMP-SA established ${R}[500]-${G}[500] spi:<cookie>:<cookie>`,
  `ipsec,info initiate new phase 2 negotiation: ${R}[500]<=>${G}[500]`,
];
const RESPONDER_UP = [
  `ipsec,info respond new phase 1 (Identity Protection): ${R}[500]<=>${G}[500]`,
  `ipsec,info ISAKMP-SA established ${R}[500]-${G}[500] spi:<cookie>:<cookie>`,
  `ipsec,info respond new phase 2 negotiation: ${R}[500]<=>${G}[500]`,
];
const CLOUD_PHASE1_UP = [`[IKE] ${R} is initiating a Main Mode IKE_SA`, `[IKE] IKE_SA vpnx-3t5y7u9i[1] established between ${G}[${G}]...${R}[${R}]`];
const CLOUD_INITIATED_UP = [`[IKE] initiating Main Mode IKE_SA vpnx-3t5y7u9i[1] to ${R}`, `[IKE] IKE_SA vpnx-3t5y7u9i[1] established between ${G}[${G}]...${R}[${R}]`];
const PH2_REJECTED = `ipsec,error ${G} failed to pre-process ph2 packet (side: 1, status 1).`;
const otherSubnet = () => cloud({ connection: { SecurityPolicyDatabaseSet: [{ LocalCidrBlock: "10.100.2.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }] } });

describe("traffic selectors", () => {
  it("router initiating: no matching CHILD_SA config on the gateway, INVALID-ID-INFORMATION on the router", () => {
    const result = negotiate(articleRouter(), otherSubnet());
    assert.deepEqual(outcome(result), { established: false, mismatch: "traffic-selectors" });
    routerLines(result, [...PHASE1_UP, "ipsec,error notification INVALID-ID-INFORMATION received"]);
    cloudLines(result, [...CLOUD_PHASE1_UP, "[IKE] no matching CHILD_SA config found", "[ENC] generating INFORMATIONAL_V1 request <msgid> [ HASH N(INVAL_ID) ]"]);
  });
  it("cloud initiating in main mode: the article's INVALID_ID_INFORMATION line", () => {
    const result = negotiate(articleRouter(), otherSubnet(), { initiator: "cloud" });
    routerLines(result, [...RESPONDER_UP, PH2_REJECTED]);
    cloudLines(result, [...CLOUD_INITIATED_UP, "[ENC] parsed INFORMATIONAL_V1 request <msgid> [ HASH N(INVAL_ID) ]", "[IKE] received INVALID_ID_INFORMATION error notify"]);
  });
  it("cloud initiating in aggressive mode: the article's HASH payload line", () => {
    const aggressive = cloud({ ike: { ExchangeMode: "AGGRESSIVE" }, connection: { SecurityPolicyDatabaseSet: [{ LocalCidrBlock: "10.100.2.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }] } });
    const result = negotiate(router("peer", { "exchange-mode": "aggressive" }), aggressive, { initiator: "cloud" });
    assert.deepEqual(outcome(result), { established: false, mismatch: "traffic-selectors" });
    assert.equal(result.cloudLog.at(-1)?.replace(/^\d\d/, ""), "[IKE] received HASH payload does not match integrity check failed");
  });
  it("IKEv2, router responding: policy not found, TS_UNACCEPTABLE", () => {
    const result = negotiate(ike2Router(), ike2Cloud({ connection: { SecurityPolicyDatabaseSet: [{ LocalCidrBlock: "10.100.2.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }] } }), { initiator: "cloud", debug: true });
    routerLines(result, ["ipsec,error policy not found", "ipsec,error no policy found/generated", "ipsec adding notify: TS_UNACCEPTABLE"]);
    cloudLines(result, [
      `[IKE] initiating IKE_SA vpnx-3t5y7u9i[1] to ${R}`,
      `[IKE] IKE_SA vpnx-3t5y7u9i[1] established between ${G}[${G}]...${R}[${R}]`,
      "[ENC] parsed IKE_AUTH response 1 [ IDr AUTH N(TS_UNACCEPT) ]",
      "[IKE] received TS_UNACCEPTABLE notify, no CHILD_SA built",
    ]);
  });
  it("IKEv2, router initiating: the gateway finds the selectors inacceptable", () => {
    const result = negotiate(ike2Router(), ike2Cloud({ connection: { SecurityPolicyDatabaseSet: [{ LocalCidrBlock: "10.100.2.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }] } }));
    assert.ok(result.cloudLog.some((l) => l.endsWith("[IKE] traffic selectors 10.100.1.0/24 === 192.168.1.0/24 inacceptable")));
  });
  it("a cloud SPD with an extra pair: established from the router, failing only when the cloud initiates", () => {
    const extra = cloud({ connection: { SecurityPolicyDatabaseSet: [{ LocalCidrBlock: "10.100.1.0/24", RemoteCidrBlock: ["192.168.1.0/24", "192.168.2.0/24"] }] } });
    const result = negotiate(articleRouter(), extra);
    assert.deepEqual(outcome(result), { established: true, mismatch: "traffic-selectors" });
    assert.equal(result.failsOnlyWhen, "the cloud initiates: it proposes 10.100.1.0/24 === 192.168.2.0/24, for which the router has no policy");
    assert.deepEqual(outcome(negotiate(articleRouter(), extra, { initiator: "cloud" })), { established: false, mismatch: "traffic-selectors" });
  });
});

describe("phase-2 (ESP) algorithms", () => {
  const tripleDes = () => cloud({ ipsec: { EncryptAlgorithm: "3DES-CBC" } });
  it("router initiating: both proposals listed, no matching proposal, NO-PROPOSAL-CHOSEN on the router", () => {
    const result = negotiate(articleRouter(), tripleDes());
    assert.deepEqual(outcome(result), { established: false, mismatch: "ipsec-algorithm" });
    routerLines(result, [...PHASE1_UP, "ipsec,error notification NO-PROPOSAL-CHOSEN received"]);
    cloudLines(result, [
      ...CLOUD_PHASE1_UP,
      "[CFG] received proposals: ESP:AES_CBC_128/HMAC_MD5_96/NO_EXT_SEQ",
      "[CFG] configured proposals: ESP:3DES_CBC/HMAC_MD5_96/NO_EXT_SEQ",
      "[IKE] ESP:AES_CBC_128/HMAC_MD5_96/NO_EXT_SEQ no matching proposal found, sending NO_PROPOSAL_CHOSEN",
      "IKE_NEGO: no matching proposal, configured [ESP:3DES_CBC/HMAC_MD5_96/NO_EXT_SEQ], received [ESP:AES_CBC_128/HMAC_MD5_96/NO_EXT_SEQ]",
    ]);
  });
  it("cloud initiating: the article's INFORMATIONAL_V1 N(NO_PROP) lines; the router's trns_id detail under debug", () => {
    const result = negotiate(articleRouter(), tripleDes(), { initiator: "cloud", debug: true });
    routerLines(result, [...RESPONDER_UP, "ipsec trns_id mismatched: my:AES peer:3DES", "ipsec,error no suitable proposal found", PH2_REJECTED]);
    cloudLines(result, [...CLOUD_INITIATED_UP, "[ENC] parsed INFORMATIONAL_V1 request <msgid> [ HASH N(NO_PROP) ]", "[IKE] received NO_PROPOSAL_CHOSEN error notify"]);
  });
  it("integrity, router responding: authtype mismatched", () => {
    const result = negotiate(articleRouter(), cloud({ ipsec: { IntegrityAlgorith: "SHA1", IntegrityAlgorithm: "SHA1" } }), { initiator: "cloud", debug: true });
    assert.deepEqual(outcome(result), { established: false, mismatch: "ipsec-algorithm" });
    assert.equal(result.routerLog[3]?.message, "authtype mismatched: my:hmac-md5 peer:hmac-sha");
  });
  it("IKEv2, router initiating: no acceptable ENCRYPTION_ALGORITHM, the IKE SA kept", () => {
    const result = negotiate(ike2Router(), ike2Cloud({ ipsec: { EncryptAlgorithm: "3DES-CBC" } }));
    routerLines(result, ["ipsec,error got fatal error: NO_PROPOSAL_CHOSEN"]);
    assert.deepEqual(result.cloudLog.slice(2, 7).map((l) => l.replace(/^\d\d/, "")), [
      "[CFG] received proposals: ESP:AES_CBC_128/HMAC_MD5_96/NO_EXT_SEQ",
      "[CFG] configured proposals: ESP:3DES_CBC/HMAC_MD5_96/NO_EXT_SEQ",
      "[CFG] no acceptable ENCRYPTION_ALGORITHM found",
      "[IKE] failed to establish CHILD_SA, keeping IKE_SA",
      "[ENC] generating IKE_AUTH response 1 [ IDr AUTH N(NO_PROP) ]",
    ]);
  });
});

describe("PFS group", () => {
  it("IKEv1, router initiating: the article's 'DH group' line is the phase-2 proposal with MODP_1024", () => {
    const result = negotiate(router("proposal", { "pfs-group": "modp1024" }), cloud());
    assert.deepEqual(outcome(result), { established: false, mismatch: "pfs-group" });
    assert.ok(result.cloudLog.some((l) => l.endsWith("[IKE] ESP:AES_CBC_128/HMAC_MD5_96/MODP_1024/NO_EXT_SEQ no matching proposal found, sending NO_PROPOSAL_CHOSEN")));
    routerLines(result, [...PHASE1_UP, "ipsec,error notification NO-PROPOSAL-CHOSEN received"]);
  });
  it("IKEv1, router responding: pfs group mismatched (my:peer)", () => {
    const result = negotiate(router("proposal", { "pfs-group": "modp1024" }), cloud(), { initiator: "cloud" });
    routerLines(result, [...RESPONDER_UP, "ipsec,error pfs group mismatched: my:2 peer:0", PH2_REJECTED]);
  });
  it("IKEv2: established, because the first CHILD_SA has no key exchange; the mismatch waits for the rekey", () => {
    const result = negotiate(ike2Router("proposal", { "pfs-group": "modp1024" }), ike2Cloud());
    assert.deepEqual(outcome(result), { established: true, mismatch: "pfs-group" });
    assert.equal(result.failsOnlyWhen, "the first phase-2 rekey (after 1800s, started by the router): the first IKEv2 CHILD_SA has no key exchange");
  });
  it("IKEv2 at the rekey, router's lifetime first: no acceptable DH group on the gateway, the router kills the SA", () => {
    const result = negotiate(ike2Router("proposal", { "pfs-group": "modp1024" }), ike2Cloud({ ipsec: { IPSECSaLifetimeSeconds: 3600 } }), { rekey: true });
    assert.deepEqual(outcome(result), { established: false, mismatch: "pfs-group" });
    routerLines({ ...result, routerLog: result.routerLog.slice(-2) }, [
      "ipsec,error got fatal error: NO_PROPOSAL_CHOSEN",
      `ipsec,info killing ike2 SA: to_tencent ${R}[500]-${G}[500] spi:<cookie>:<cookie>`,
    ]);
    assert.ok(result.routerLog.some((l) => l.message.startsWith("IPsec-SA established")), "the first CHILD_SA came up before the rekey");
    assert.deepEqual(result.cloudLog.slice(-4).map((l) => l.replace(/^\d\d/, "")), [
      "[CFG] received proposals: ESP:AES_CBC_128/HMAC_MD5_96/MODP_1024/NO_EXT_SEQ",
      "[CFG] configured proposals: ESP:AES_CBC_128/HMAC_MD5_96/NO_EXT_SEQ",
      "[CFG] no acceptable DIFFIE_HELLMAN_GROUP found",
      "[ENC] generating CREATE_CHILD_SA response 2 [ N(NO_PROP) ]",
    ]);
  });
  it("IKEv2 at the rekey, the cloud's lifetime first: reply notify and killing on the router (seen)", () => {
    const result = negotiate(ike2Router("proposal", { "pfs-group": "modp1024" }), ike2Cloud({ ipsec: { IPSECSaLifetimeSeconds: 900 } }), { rekey: true, debug: true });
    routerLines({ ...result, routerLog: result.routerLog.slice(-2) }, [
      "ipsec reply notify: NO_PROPOSAL_CHOSEN",
      `ipsec,info killing ike2 SA: to_tencent ${R}[500]-${G}[500] spi:<cookie>:<cookie>`,
    ]);
    assert.deepEqual(result.cloudLog.slice(-2).map((l) => l.replace(/^\d\d/, "")), ["[ENC] parsed CREATE_CHILD_SA response 2 [ N(NO_PROP) ]", "[IKE] received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built"]);
  });
});

describe("phase-2 lifetime under the router profile's proposal-check", () => {
  const longer = () => cloud({ ipsec: { IPSECSaLifetimeSeconds: 3600 } });
  it("obey: established with the initiator's lifetime; the difference noted as latent", () => {
    const result = negotiate(articleRouter(), longer());
    assert.deepEqual(outcome(result), { established: true, mismatch: "lifetime" });
    assert.equal(result.failsOnlyWhen, "the router profile's proposal-check is strict or exact (phase-2 lifetimes: router 1800s, cloud 3600s)");
    assert.equal(result.sas?.children[0]?.lifetimeSeconds, 1800);
  });
  it("claim: established with the shorter lifetime", () => {
    const result = negotiate(router("profile", { "proposal-check": "claim" }), longer(), { initiator: "cloud" });
    assert.deepEqual([result.established, result.sas?.children[0]?.lifetimeSeconds], [true, 1800]);
  });
  it("strict, the cloud's longer: long lifetime proposed, in either direction", () => {
    const strict = router("profile", { "proposal-check": "strict" });
    const responding = negotiate(strict, longer(), { initiator: "cloud" });
    assert.deepEqual(outcome(responding), { established: false, mismatch: "lifetime" });
    routerLines(responding, [...RESPONDER_UP, "ipsec,error long lifetime proposed: my:1800 peer:3600", PH2_REJECTED]);
    cloudLines(responding, [...CLOUD_INITIATED_UP, "[ENC] parsed INFORMATIONAL_V1 request <msgid> [ HASH N(NO_PROP) ]", "[IKE] received NO_PROPOSAL_CHOSEN error notify"]);
    const initiating = negotiate(strict, longer());
    routerLines(initiating, [...PHASE1_UP, "ipsec,error long lifetime proposed: my:1800 peer:3600", `ipsec,error ${G} failed to pre-process ph2 packet (side: 0, status 5).`]);
  });
  it("strict, the cloud's shorter: established; exact: lifetime mismatched", () => {
    const shorter = cloud({ ipsec: { IPSECSaLifetimeSeconds: 900 } });
    assert.equal(negotiate(router("profile", { "proposal-check": "strict" }), shorter).established, true);
    const exact = negotiate(router("profile", { "proposal-check": "exact" }), shorter, { initiator: "cloud" });
    assert.deepEqual(outcome(exact), { established: false, mismatch: "lifetime" });
    assert.equal(exact.routerLog[3]?.message, "lifetime mismatched: my:1800 peer:900");
  });
  it("IKEv2 ignores proposal-check: lifetimes never fail", () => {
    const result = negotiate(ike2Router("profile", { "proposal-check": "exact" }), ike2Cloud({ ipsec: { IPSECSaLifetimeSeconds: 3600 } }));
    assert.deepEqual(outcome(result), { established: true });
  });
});
