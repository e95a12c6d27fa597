// Specification of ranking: a realistic RouterOS log and cloud log for each mismatch class put that class first;
// symptoms alone give "peer not answering"; direction and rekey caveats appear where they apply; no log, no finding.
// Addresses are documentation ranges (router 203.0.113.10, cloud 198.51.100.7): data only, never contacted.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { diagnose } from "../../src/diagnose";
import type { Finding, LogSource } from "../../src/diagnose";

const router = (log: string): LogSource => ({ log: log.trim(), dialect: "routeros" });
const alibaba = (log: string): LogSource => ({ log: log.trim(), dialect: "strongswan" });
const tencent = (log: string): LogSource => ({ log: log.trim(), dialect: "tencent" });
const head = (f: readonly Finding[]) => f.map((x) => x.class);
const first = (f: readonly Finding[]) => {
  const x = f[0];
  assert.ok(x, "expected a finding");
  return x;
};
const hasNote = (f: Finding, words: RegExp) => f.notes.some((n) => words.test(n));
const TAIL = ". ike connection: vpnx-3k2m9q1f, my ip: 198.51.100.7, peer ip: 203.0.113.10.";

describe("each class comes first for its own logs", () => {
  it("pre-shared key: the router cannot decrypt, the cloud resends message 5 and gives up", () => {
    const f = diagnose([
      router(`
jan/02 10:12:01 ipsec,info respond new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]
jan/02 10:12:03 ipsec,error 198.51.100.7 parsing packet failed, possible cause: wrong password
jan/02 10:12:13 ipsec,error 198.51.100.7 parsing packet failed, possible cause: wrong password
jan/02 10:12:43 ipsec,error phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601`),
      tencent(`
2024-01-02 10:12:05 IKE_NEGO: retransmit IKEv1 Main Mode Initiator 5th message 1 times, message ID 0
2024-01-02 10:12:15 IKE_NEGO: retransmit IKEv1 Main Mode Initiator 5th message 2 times, message ID 0
2024-01-02 10:12:45 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of peer no response${TAIL}`),
    ]);
    assert.deepEqual([first(f).class, first(f).fields], ["psk", ["preSharedKey"]]);
    assert.ok(!head(f).includes("peer-not-answering"), "a timeout is not a cause when the key is named");
    assert.deepEqual(
      first(f).evidence.filter((e) => e.role === "supporting").map((e) => e.entryId),
      ["ros.peer.phase1-time-up", "tc.peer.retransmit-message-5", "tc.peer.retransmit-message-5", "tc.peer.no-response"],
    );
  });

  it("message-5 retransmits with the keys equal on both ends read as a peer not answering, not as a key mismatch", () => {
    const f = diagnose([
      tencent(`
2024-01-02 10:12:05 IKE_NEGO: retransmit IKEv1 Main Mode Initiator 5th message 1 times, message ID 0
2024-01-02 10:12:45 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of peer no response${TAIL}`),
    ]);
    assert.equal(first(f).class, "peer-not-answering");
    assert.ok(first(f).candidates?.includes("nat-traversal"));
  });

  it("IKE version: an IKEv2 router against an IKEv1 cloud", () => {
    const f = diagnose([
      router(`
jan/02 10:12:01 ipsec,error got fatal error: NO_PROPOSAL_CHOSEN
jan/02 10:12:01 ipsec,info killing ike2 SA: to_cloud 203.0.113.10[500]-198.51.100.7[500] spi:4b1c7d2e9f0a3b5c:0000000000000000`),
      alibaba(`2024-01-02 10:12:01 unknown ikev2 peer 203.0.113.10`),
    ]);
    assert.deepEqual([first(f).class, first(f).fields], ["ike-version", ["ike.version"]]);
  });

  it("exchange mode: the cloud initiates aggressive mode to a main-mode router, and the caveat on direction is given", () => {
    const f = diagnose([
      router(`
jan/02 10:12:01 ipsec,error 198.51.100.7 exchange Aggressive not allowed in any applicable rmconf.
jan/02 10:12:01 ipsec,error 198.51.100.7 phase1 negotiation failed.`),
      alibaba(`
Mar 14 10:02:11 vpngw charon: 11[IKE] received AUTHENTICATION_FAILED error notify
Mar 14 10:02:15 vpngw charon: 14[IKE] sending retransmit 1 of request message ID 0, seq 1`),
    ]);
    const x = first(f);
    assert.deepEqual([x.class, x.fields, x.captured.map((c) => c.summary)], [
      "exchange-mode",
      ["ike.exchangeMode"],
      ["ike.exchangeMode: cloud expects Aggressive"],
    ]);
    assert.ok(hasNote(x, /main-mode side initiates/), "says it works when the main-mode side initiates");
  });

  it("identities: the router presents an FQDN the cloud does not expect (IKEv2)", () => {
    const f = diagnose([
      router(`
jan/02 10:12:01 ipsec,info initiate new phase 1 (IKEv2): 203.0.113.10[500]<=>198.51.100.7[500]
jan/02 10:12:02 ipsec,error got fatal error: AUTHENTICATION_FAILED
jan/02 10:12:02 ipsec,info killing ike2 SA: to_cloud 203.0.113.10[4500]-198.51.100.7[4500] spi:4b1c7d2e9f0a3b5c:9f2e1d0c8b7a6f5e`),
      alibaba(`
Mar 14 10:02:11 vpngw charon: 08[CFG] looking for peer configs matching 198.51.100.7[%any]...203.0.113.10[router.example]
Mar 14 10:02:11 vpngw charon: 08[CFG] no matching peer config found
Mar 14 10:02:11 vpngw charon: 08[ENC] generating IKE_AUTH response 1 [ N(AUTH_FAILED) ]`),
    ]);
    assert.deepEqual([first(f).class, first(f).fields], ["identity", ["identities.router", "identities.cloud"]]);
    assert.deepEqual(first(f).captured.map((c) => c.summary), ["identities.router: router offers router.example"]);
  });

  it("identities: IKEv1 IDir mismatch gives both values", () => {
    const f = diagnose(alibaba(`Mar 14 10:02:11 vpngw charon: 15[IKE] IDir 'router.example' does not match to '203.0.113.10'`));
    assert.deepEqual(first(f).captured.map((c) => c.summary), [
      "identities.router: router offers router.example, cloud expects 203.0.113.10",
    ]);
  });

  it("wrong customer-gateway IP: the router times out, the cloud names the cause", () => {
    const f = diagnose([
      router(`
jan/02 10:12:01 ipsec,info initiate new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]
jan/02 10:12:31 ipsec,error phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000`),
      alibaba(`Mar 14 10:02:11 vpngw charon: 07[IKE] received UNSUPPORTED_CRITICAL_PAYLOAD error notify`),
    ]);
    assert.deepEqual(head(f), ["customer-gateway-ip"]);
    assert.deepEqual(first(f).fields, ["routerPublicIp"]);
  });

  it("traffic selectors, main mode: phase 1 up, the router refuses phase 2, the cloud hears INVALID_ID_INFORMATION", () => {
    const f = diagnose([
      router(`
jan/02 10:12:02 ipsec,info ISAKMP-SA established 203.0.113.10[500]-198.51.100.7[500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601
jan/02 10:12:02 ipsec,info respond new phase 2 negotiation: 203.0.113.10[500]<=>198.51.100.7[500]
jan/02 10:12:02 ipsec,error 198.51.100.7 failed to pre-process ph2 packet (side: 1, status 1).`),
      alibaba(`Mar 14 10:02:12 vpngw charon: 16[IKE] received INVALID_ID_INFORMATION error notify`),
    ]);
    assert.deepEqual([first(f).class, first(f).fields], ["traffic-selectors", ["siteCidrs", "cloudCidrs"]]);
    assert.deepEqual(
      first(f).evidence.map((e) => [e.entryId, e.role]),
      [
        ["sw.ts.invalid-id-information", "cause"],
        ["ros.phase2.pre-process-failed", "supporting"],
      ],
    );
  });

  it("traffic selectors, IKEv2: the cloud names the subnets the router proposed", () => {
    const f = diagnose([
      router(`jan/02 10:12:02 ipsec,error got fatal error: TS_UNACCEPTABLE`),
      alibaba(`
Mar 14 10:02:12 vpngw charon: 16[CFG] <vco-1|3> traffic selectors 192.168.2.0/24 === 10.100.1.0/24 inacceptable
Mar 14 10:02:12 vpngw charon: 16[IKE] <vco-1|3> failed to establish CHILD_SA, keeping IKE_SA`),
    ]);
    assert.equal(first(f).class, "traffic-selectors");
    assert.deepEqual(first(f).captured.map((c) => c.summary), ["siteCidrs: router offers 192.168.2.0/24 === 10.100.1.0/24"]);
  });

  it("phase-1 algorithms: RouterOS debug lines name both values; generic lines only support them", () => {
    const f = diagnose([
      router(`
jan/02 10:12:01 ipsec,info respond new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]
jan/02 10:12:01 ipsec rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = 3DES-CBC:AES-CBC
jan/02 10:12:01 ipsec rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = MD5:SHA
jan/02 10:12:01 ipsec,error no suitable proposal found.
jan/02 10:12:01 ipsec,error 198.51.100.7 failed to get valid proposal.
jan/02 10:12:01 ipsec,error 198.51.100.7 failed to pre-process ph1 packet (side: 1, status 1).
jan/02 10:12:01 ipsec,error 198.51.100.7 phase1 negotiation failed.`),
      tencent(`2024-01-02 10:12:01 IKE_NEGO: received NO_PROPOSAL_CHOSEN error notify`),
    ]);
    const x = first(f);
    assert.deepEqual([x.class, x.fields], ["ike-algorithm", ["ike.encryption", "ike.integrity"]]);
    assert.deepEqual(x.captured.map((c) => c.summary), [
      "ike.encryption: router offers 3DES-CBC, cloud expects AES-CBC",
      "ike.integrity: router offers MD5, cloud expects SHA",
    ]);
    assert.deepEqual(head(f), ["ike-algorithm"], "the generic lines are absorbed, not listed");
  });

  it("phase-1 algorithms from Tencent's one line: configured vs received", () => {
    const f = diagnose(
      tencent(
        `2024-01-02 10:12:01 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of no matching proposal, configured [IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1024], received [IKE:3DES_CBC/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1024]${TAIL}`,
      ),
    );
    assert.deepEqual([first(f).class, first(f).fields], ["ike-algorithm", ["ike.encryption"]]);
    assert.deepEqual(first(f).captured.map((c) => c.summary), ["ike.encryption: router offers 3DES_CBC, cloud expects AES_CBC_128"]);
  });

  it("phase-2 algorithms: Alibaba's trns_id line, the router's phase-2 rejection supports it", () => {
    const f = diagnose([
      router(`
jan/02 10:12:02 ipsec,info ISAKMP-SA established 203.0.113.10[500]-198.51.100.7[500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601
jan/02 10:12:02 ipsec,error 198.51.100.7 failed to pre-process ph2 packet (side: 1, status 1).`),
      alibaba(`2024-01-02 10:12:02 trns_id mismatched: my:AES peer:3DES`),
    ]);
    assert.deepEqual([first(f).class, first(f).fields], ["ipsec-algorithm", ["ipsec.encryption"]]);
    assert.deepEqual(first(f).captured.map((c) => c.summary), ["ipsec.encryption: router offers 3DES, cloud expects AES"]);
  });

  it("DH group: both ends name the groups, normalised to IANA numbers", () => {
    const f = diagnose([
      router(`jan/02 10:12:01 ipsec rejected dh_group: DB(prop#1:trns#1):Peer(prop#1:trns#1) = 1024-bit MODP group:2048-bit MODP group`),
      alibaba(`2024-01-02 10:13:01 received KE type 2,expected 14`),
    ]);
    assert.deepEqual([first(f).class, first(f).fields], ["dh-group", ["ike.dhGroup"]]);
    assert.deepEqual(first(f).captured.map((c) => c.summary), [
      "ike.dhGroup: router offers 1024-bit MODP group (group 2), cloud expects 2048-bit MODP group (group 14)",
      "ike.dhGroup: router offers group 2, cloud expects group 14",
    ]);
  });

  it("PFS group: the article's `ESP:...MODP_1024... no matching proposal found` line is phase 2, not the DH group", () => {
    const f = diagnose(
      alibaba(`
Mar 14 10:02:12 vpngw charon: 10[IKE] ESP:AES_CBC_256/HMAC_SHA1_96/MODP_1024/NO_EXT_SEQ no matching proposal found, sending NO_PROPOSAL_CHOSEN`),
    );
    assert.deepEqual([first(f).class, first(f).fields], ["pfs-group", ["ipsec.pfsGroup"]]);
    assert.ok(hasNote(first(f), /not the phase-1 `ike\.dhGroup`/));
    assert.ok(!head(f).includes("dh-group"));
  });

  it("PFS group under IKEv2 fails only at rekey: a NO_PROPOSAL_CHOSEN after an established SA, with the rekey note", () => {
    const f = diagnose([
      router(`
jan/02 10:00:01 ipsec,info IPsec-SA established: 203.0.113.10[4500]->198.51.100.7[4500] spi=0x8051bff6
jan/02 10:00:01 ipsec,info IPsec-SA established: 198.51.100.7[4500]->203.0.113.10[4500] spi=0x2953159
jan/02 10:24:01 ipsec reply notify: NO_PROPOSAL_CHOSEN
jan/02 10:24:01 ipsec,info killing ike2 SA: to_cloud 203.0.113.10[4500]-198.51.100.7[4500] spi:4b1c7d2e9f0a3b5c:9f2e1d0c8b7a6f5e`),
      alibaba(`Mar 14 11:02:12 vpngw charon: 13[ENC] <vco-1|3> parsed CREATE_CHILD_SA response 142 [ N(NO_PROP) ]`),
    ]);
    const x = first(f);
    assert.deepEqual([x.class, x.fields], ["pfs-group", ["ipsec.pfsGroup"]]);
    assert.deepEqual(
      x.evidence.map((e) => [e.entryId, e.role]),
      [
        ["sw.pfs.create-child-no-prop", "cause"],
        ["ros.proposal.reply-no-proposal-chosen", "inferred"],
      ],
    );
    assert.ok(hasNote(x, /first phase-2 rekey/), "the IKEv2 rekey caveat");
    assert.ok(hasNote(x, /happened at a rekey/), "this log's own rekey context");
  });

  it("PFS group at rekey from the router's log alone is still inferred (IKEv2 leaves only PFS renegotiated)", () => {
    const f = diagnose(
      router(`
jan/02 10:00:01 ipsec,info IPsec-SA established: 203.0.113.10[4500]->198.51.100.7[4500] spi=0x8051bff6
jan/02 10:24:01 ipsec reply notify: NO_PROPOSAL_CHOSEN
jan/02 10:24:01 ipsec,info killing ike2 SA: to_cloud 203.0.113.10[4500]-198.51.100.7[4500] spi:4b1c7d2e9f0a3b5c:9f2e1d0c8b7a6f5e`),
    );
    assert.deepEqual([head(f), first(f).generic], [["pfs-group"], false]);
  });

  it("the same NO_PROPOSAL_CHOSEN before anything was established stays a generic proposal finding", () => {
    const f = diagnose(router(`jan/02 10:24:01 ipsec reply notify: NO_PROPOSAL_CHOSEN`));
    assert.deepEqual(
      [first(f).class, first(f).generic, first(f).candidates],
      ["proposal-rejected", true, ["ike-algorithm", "dh-group", "ipsec-algorithm", "pfs-group"]],
    );
  });

  it("lifetime under proposal-check=strict, with the strict/exact caveat", () => {
    const f = diagnose([
      router(`
jan/02 10:12:02 ipsec,info ISAKMP-SA established 203.0.113.10[500]-198.51.100.7[500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601
jan/02 10:12:02 ipsec,error long lifetime proposed: my:1800 peer:3600
jan/02 10:12:02 ipsec,error 198.51.100.7 failed to pre-process ph2 packet (side: 1, status 1).`),
      alibaba(`Mar 14 10:02:12 vpngw charon: 10[IKE] received NO_PROPOSAL_CHOSEN error notify`),
    ]);
    const x = first(f);
    assert.deepEqual([x.class, x.captured.map((c) => c.summary)], ["lifetime", ["ipsec.lifetime: router offers 1800, cloud expects 3600"]]);
    assert.ok(hasNote(x, /proposal-check=strict/));
  });

  it("router behind CGNAT: a private identity turns an identity mismatch into router-behind-nat", () => {
    const f = diagnose([
      router(`jan/02 10:12:02 ipsec,error got fatal error: AUTHENTICATION_FAILED`),
      alibaba(`
Mar 14 10:02:11 vpngw charon: 06[IKE] remote host is behind NAT
2024-01-02 10:12:02 received ID_I(type ipaddr[192.168.88.2]) does not match peers id`),
    ]);
    const x = first(f);
    assert.deepEqual([x.class, x.fields], ["router-behind-nat", ["identities.router", "routerPublicIp", "router.natTraversal"]]);
    assert.deepEqual(x.captured.map((c) => c.summary), ["identities.router: router offers 192.168.88.2"]);
    assert.deepEqual(
      x.evidence.map((e) => [e.entryId, e.role]),
      [
        ["sw.identity.id-i-does-not-match", "cause"],
        ["ros.auth.fatal-authentication-failed", "supporting"],
        ["sw.nat.remote-behind-nat", "supporting"],
      ],
    );
    assert.equal(head(f)[1], "identity", "still an identity mismatch, second");
  });

  it("router behind 1:1 NAT as responder: identity not found for responder, with the one-direction note", () => {
    const f = diagnose(router(`jan/02 10:12:03 ipsec,error identity not found for responder: ADDR4:203.0.113.10 peer: ADDR4:198.51.100.7`));
    assert.deepEqual(head(f), ["identity", "router-behind-nat"]);
    assert.ok(hasNote(f[1] as Finding, /fails only when it answers/));
  });

  it("NAT traversal off on one end", () => {
    const f = diagnose([
      router(`jan/02 10:12:01 ipsec,error 198.51.100.7 received unexpecting payload type 130.`),
      alibaba(`2024-01-02 10:12:01 ignore the packet, received unexpecting payload type 130.`),
    ]);
    assert.deepEqual([head(f), first(f).fields], [["nat-traversal"], ["router.natTraversal"]]);
  });

  it("dead peer detection", () => {
    const f = diagnose(alibaba(`2024-01-02 12:40:03 DPD: remote (ISAKMP-SA spi=5f2a9c3e1b7d4a60:0c1d2e3f4a5b6c7d) seems to be dead.`));
    assert.deepEqual([head(f), first(f).fields], [["dpd"], ["ike.dpd"]]);
  });
});

describe("symptoms without a named cause", () => {
  it("timeouts alone mean the peer is not answering", () => {
    const f = diagnose([
      router(`
jan/02 10:12:01 ipsec,info initiate new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]
jan/02 10:12:01 ipsec sent phase1 packet 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000
jan/02 10:12:31 ipsec,error phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000`),
      alibaba(`
Mar 14 10:02:15 vpngw charon: 14[IKE] sending retransmit 1 of request message ID 0, seq 1
Mar 14 10:02:23 vpngw charon: 14[IKE] sending retransmit 2 of request message ID 0, seq 1
2024-01-02 10:13:11 retransmission count exceeded the limit`),
    ]);
    assert.deepEqual(head(f), ["peer-not-answering"]);
    assert.deepEqual(first(f).fields, ["cloudGatewayIp", "routerPublicIp", "router.natBypass"]);
    assert.equal(first(f).generic, true);
  });

  it("a bare NO_PROPOSAL_CHOSEN says more than a timeout: the timeout folds into it", () => {
    const f = diagnose([
      router(`jan/02 10:12:31 ipsec,error phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000`),
      tencent(`2024-01-02 10:12:01 IKE_NEGO: received NO_PROPOSAL_CHOSEN error notify`),
    ]);
    assert.deepEqual(head(f), ["proposal-rejected"]);
    assert.deepEqual(first(f).candidates, ["ike-algorithm", "dh-group", "ike-version", "lifetime"]);
  });

  it("the article's IKE-version lines agree on one cause: NO_PROPOSAL_CHOSEN and AUTHENTICATION_FAILED → IKE version", () => {
    const f = diagnose(
      alibaba(`
Mar 14 10:02:11 vpngw charon: 06[ENC] parsed IKE_SA_INIT response 0 [ N(NO_PROP) ]
Mar 14 10:02:11 vpngw charon: 06[IKE] received NO_PROPOSAL_CHOSEN notify error
Mar 14 10:02:41 vpngw charon: 11[IKE] received AUTHENTICATION_FAILED error notify`),
    );
    assert.deepEqual([head(f), first(f).fields], [["ike-version"], ["ike.version"]]);
    assert.ok(hasNote(first(f), /only one consistent/));
  });

  it("an IKEv1 phase-2 refusal after phase 2 had been up reads as a rekey: PFS group or lifetime", () => {
    const f = diagnose(
      router(`
jan/02 10:00:02 ipsec,info ISAKMP-SA established 203.0.113.10[500]-198.51.100.7[500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601
jan/02 10:00:02 ipsec,info IPsec-SA established: 203.0.113.10[500]->198.51.100.7[500] spi=0x8051bff6
jan/02 10:24:02 ipsec,error 198.51.100.7 failed to pre-process ph2 packet (side: 1, status 1).`),
    );
    assert.deepEqual([first(f).class, first(f).candidates], ["phase2-rejected", ["pfs-group", "lifetime"]]);
    assert.ok(hasNote(first(f), /happened at a rekey/));
  });
});

describe("nothing to say", () => {
  it("an empty log gives no finding", () => {
    assert.deepEqual(diagnose(""), []);
    assert.deepEqual(diagnose([router(""), alibaba("")]), []);
    assert.deepEqual(diagnose([]), []);
  });

  it("a healthy log gives no finding", () => {
    const f = diagnose([
      router(`
jan/02 10:12:01 ipsec,info initiate new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]
jan/02 10:12:02 ipsec,info ISAKMP-SA established 203.0.113.10[4500]-198.51.100.7[4500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601
jan/02 10:12:02 ipsec,info IPsec-SA established: 203.0.113.10[4500]->198.51.100.7[4500] spi=0x8051bff6`),
      alibaba(`
Mar 14 10:02:11 vpngw charon: 13[CFG] received proposals: IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048
Mar 14 10:02:11 vpngw charon: 13[CFG] configured proposals: IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048
Mar 14 10:02:12 vpngw charon: 09[IKE] <vco-1|3> CHILD_SA vco-1{7} established with SPIs c1a2b3c4_i c5d6e7f8_o and TS 10.100.1.0/24 === 192.168.1.0/24`),
    ]);
    assert.deepEqual(f, []);
  });

  it("RouterOS rows of other topics are not read", () => {
    assert.deepEqual(
      diagnose({
        log: [
          { time: "10:12:01", topics: "system,error,critical", message: "login failure for user admin from 192.168.1.12 via ssh" },
          { time: "10:12:02", topics: "firewall,info", message: "input: in:ether1 out:(unknown 0), proto UDP, 198.51.100.7:500->203.0.113.10:500, len 232" },
        ],
      }),
      [],
    );
  });
});
