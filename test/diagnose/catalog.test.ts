// Specification of the diagnosis catalog: every log line quoted in shared/reference/ipsec-logs.md and in the article's
// troubleshooting table (section 五), in the dialect it is logged in, maps to its class, spec fields and captured values.
// Addresses are documentation ranges (router 203.0.113.10, cloud 198.51.100.7): data only, never contacted.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CATALOG, CLASSES, FACTS, matchLine } from "../../src/diagnose";
import type { Dialect, MismatchClass, SpecField } from "../../src/diagnose";

interface Expect {
  entry: string;
  class: MismatchClass;
  fields: SpecField[];
  /** The `router`/`cloud` values read from the line, as the cause reading carries them. */
  values?: { field?: SpecField; router?: string; cloud?: string }[];
  /** Generic lines: the causes they may stand for, likeliest first. */
  standsFor?: string[];
}

function read(dialect: Dialect, line: string): Expect {
  const m = matchLine({ source: 0, lineNo: 1, raw: line, dialect });
  assert.ok(m, `no catalog entry matches ${dialect} line: ${line}`);
  const cause = m.hits.find((h) => h.role === "cause");
  assert.ok(cause, `no cause reading for ${line}`);
  const values = cause.captured.map(({ field, router, cloud }) => ({
    ...(field ? { field } : {}),
    ...(router !== undefined ? { router } : {}),
    ...(cloud !== undefined ? { cloud } : {}),
  }));
  return {
    entry: m.entry.id,
    class: cause.class,
    fields: [...cause.fields],
    ...(values.length > 0 ? { values } : {}),
    ...(m.entry.standsFor ? { standsFor: [...m.entry.standsFor] } : {}),
  };
}

/** The words that matter, for the test's name: the line without its timestamp, topics or thread prefix. */
const words = (line: string) => line.replace(/^.*?(?:ipsec(?:,\w+)* |\] |IKE_NEGO: |\d\d:\d\d:\d\d )/, "").slice(0, 90);

function check(dialect: Dialect, cases: readonly [line: string, expected: Expect][]) {
  for (const [line, expected] of cases) {
    it(`${expected.entry}: ${words(line)}`, () => assert.deepEqual(read(dialect, line), expected));
  }
}

const PEER = ["cloudGatewayIp", "routerPublicIp", "router.natBypass"] as SpecField[];
const IDS = ["identities.router", "identities.cloud"] as SpecField[];
const TS = ["siteCidrs", "cloudCidrs"] as SpecField[];

describe("RouterOS /log lines (IKEv1 racoon wording, IKEv2 MikroTik wording)", () => {
  check("routeros", [
    // reference, order of lines: IKEv1 initiator, peer silent
    [
      "jan/02 10:12:31 ipsec,error phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000",
      { entry: "ros.peer.phase1-time-up", class: "peer-not-answering", fields: PEER },
    ],
    // IKEv1 responder, proposal rejected
    [
      "jan/02 10:12:01 ipsec,error 198.51.100.7 failed to get valid proposal.",
      {
        entry: "ros.proposal.failed-to-get-valid",
        class: "proposal-rejected",
        fields: ["ike.encryption", "ike.integrity", "ike.dhGroup", "ike.lifetime", "ipsec.lifetime"],
        standsFor: ["ike-algorithm", "dh-group", "lifetime"],
      },
    ],
    [
      "jan/02 10:12:01 ipsec,error 198.51.100.7 failed to pre-process ph1 packet (side: 1, status 1).",
      {
        entry: "ros.phase1.pre-process-failed",
        class: "phase1-rejected",
        fields: ["ike.encryption", "ike.integrity", "ike.dhGroup", "ike.exchangeMode", "ike.version", "ike.lifetime", "ipsec.lifetime", ...IDS, "preSharedKey"],
      },
    ],
    [
      "jan/02 10:12:01 ipsec,error 198.51.100.7 phase1 negotiation failed.",
      {
        entry: "ros.phase1.negotiation-failed",
        class: "phase1-rejected",
        fields: ["ike.encryption", "ike.integrity", "ike.dhGroup", "ike.exchangeMode", "ike.version", "ike.lifetime", "ipsec.lifetime", ...IDS, "preSharedKey"],
      },
    ],
    // 1 pre-shared key
    [
      "jan/02 10:12:03 ipsec,error 198.51.100.7 parsing packet failed, possible cause: wrong password",
      { entry: "ros.psk.wrong-password", class: "psk", fields: ["preSharedKey"] },
    ],
    [
      "jan/02 10:12:03 ipsec,error got fatal error: AUTHENTICATION_FAILED",
      {
        entry: "ros.auth.fatal-authentication-failed",
        class: "authentication-failed",
        fields: ["preSharedKey", ...IDS, "routerPublicIp", "router.natTraversal"],
        standsFor: ["psk", "identity", "router-behind-nat"],
      },
    ],
    // 2 IKE version (IKEv2 router against an IKEv1 cloud)
    [
      "jan/02 10:12:03 ipsec,error got fatal error: NO_PROPOSAL_CHOSEN",
      {
        entry: "ros.proposal.fatal-no-proposal-chosen",
        class: "proposal-rejected",
        fields: ["ike.version", "ike.encryption", "ike.integrity", "ike.dhGroup", "ipsec.encryption", "ipsec.integrity", "ipsec.pfsGroup"],
        standsFor: ["ike-version", "ike-algorithm", "dh-group", "ipsec-algorithm", "pfs-group"],
      },
    ],
    // 3 exchange mode
    [
      "jan/02 10:12:01 ipsec,error 198.51.100.7 exchange Aggressive not allowed in any applicable rmconf.",
      { entry: "ros.exchange-mode.not-allowed-in-rmconf", class: "exchange-mode", fields: ["ike.exchangeMode"], values: [{ field: "ike.exchangeMode", cloud: "Aggressive" }] },
    ],
    [
      "jan/02 10:12:01 ipsec,error 198.51.100.7 not acceptable Identity Protection mode",
      { entry: "ros.exchange-mode.not-acceptable", class: "exchange-mode", fields: ["ike.exchangeMode"], values: [{ field: "ike.exchangeMode", cloud: "Identity Protection" }] },
    ],
    // 4 identities
    [
      "jan/02 10:12:03 ipsec,error identity not found for server:203.0.113.10 peer: FQDN: vpn.cloud.example",
      { entry: "ros.identity.not-found-for-server", class: "identity", fields: IDS, values: [{ field: "identities.cloud", cloud: "FQDN: vpn.cloud.example" }] },
    ],
    [
      "jan/02 10:12:03 ipsec,error identity not found for responder: ADDR4:203.0.113.10 peer: ADDR4:198.51.100.7",
      { entry: "ros.identity.not-found-for-responder", class: "identity", fields: IDS, values: [{ field: "identities.router", cloud: "ADDR4:203.0.113.10" }] },
    ],
    [
      "jan/02 10:12:03 ipsec reply notify: AUTHENTICATION_FAILED",
      {
        entry: "ros.auth.reply-authentication-failed",
        class: "authentication-failed",
        fields: [...IDS, "preSharedKey", "routerPublicIp", "router.natTraversal"],
        standsFor: ["identity", "psk", "router-behind-nat"],
      },
    ],
    [
      "jan/02 10:12:03 ipsec,error initiator can't find identity for peer: to_cloud",
      { entry: "ros.identity.initiator-no-identity", class: "identity", fields: ["identities.router", "preSharedKey"] },
    ],
    // 5 peer silent, phase 2
    [
      "jan/02 10:13:01 ipsec,error phase2 negotiation failed due to time up waiting for phase1. ESP 198.51.100.7[0]->203.0.113.10[0]",
      { entry: "ros.peer.phase2-time-up-waiting", class: "peer-not-answering", fields: PEER },
    ],
    // 7 traffic selectors
    ["jan/02 10:12:05 ipsec policy not found", { entry: "ros.ts.policy-not-found", class: "traffic-selectors", fields: TS }],
    ["jan/02 10:12:05 ipsec no policy found/generated", { entry: "ros.ts.no-policy-found-generated", class: "traffic-selectors", fields: TS }],
    ["jan/02 10:12:05 ipsec adding notify: TS_UNACCEPTABLE", { entry: "ros.ts.ts-unacceptable", class: "traffic-selectors", fields: TS }],
    [
      " 0  T  src-address=192.168.1.0/24 dst-address=10.100.1.0/24 protocol=all action=encrypt level=require tunnel=yes sa-dst-address=198.51.100.7 ph2-state=no-phase2",
      {
        entry: "ros.phase2.policy-no-phase2",
        class: "phase2-rejected",
        fields: [...TS, "ipsec.encryption", "ipsec.integrity", "ipsec.pfsGroup"],
        standsFor: ["traffic-selectors", "ipsec-algorithm", "pfs-group"],
      },
    ],
    [
      "jan/02 10:12:05 ipsec,error 198.51.100.7 failed to pre-process ph2 packet (side: 1, status 1).",
      {
        entry: "ros.phase2.pre-process-failed",
        class: "phase2-rejected",
        fields: [...TS, "ipsec.encryption", "ipsec.integrity", "ipsec.pfsGroup", "ike.lifetime", "ipsec.lifetime"],
      },
    ],
    [
      "jan/02 10:12:05 ipsec,error notification INVALID-ID-INFORMATION received in informational exchange.",
      { entry: "ros.ts.invalid-id-information", class: "traffic-selectors", fields: TS },
    ],
    // 8 encryption or integrity algorithm (debug topic)
    [
      "jan/02 10:12:01 ipsec rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = MD5:SHA",
      { entry: "ros.ike-algorithm.rejected-hashtype", class: "ike-algorithm", fields: ["ike.integrity"], values: [{ field: "ike.integrity", router: "MD5", cloud: "SHA" }] },
    ],
    [
      "jan/02 10:12:01 ipsec rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = 3DES-CBC:AES-CBC",
      { entry: "ros.ike-algorithm.rejected-enctype", class: "ike-algorithm", fields: ["ike.encryption"], values: [{ field: "ike.encryption", router: "3DES-CBC", cloud: "AES-CBC" }] },
    ],
    [
      "jan/02 10:12:01 ipsec no suitable proposal found.",
      {
        entry: "ros.proposal.no-suitable",
        class: "proposal-rejected",
        fields: ["ike.encryption", "ike.integrity", "ike.dhGroup", "ipsec.encryption", "ipsec.integrity", "ipsec.pfsGroup", "ike.lifetime", "ipsec.lifetime"],
        standsFor: ["ike-algorithm", "dh-group", "ipsec-algorithm", "pfs-group", "lifetime"],
      },
    ],
    [
      "jan/02 10:12:01 ipsec reply notify: NO_PROPOSAL_CHOSEN",
      {
        entry: "ros.proposal.reply-no-proposal-chosen",
        class: "proposal-rejected",
        fields: ["ike.encryption", "ike.integrity", "ike.dhGroup", "ipsec.encryption", "ipsec.integrity", "ipsec.pfsGroup"],
        standsFor: ["ike-algorithm", "dh-group", "ipsec-algorithm", "pfs-group"],
      },
    ],
    // 9 DH group
    [
      "jan/02 10:12:01 ipsec rejected dh_group: DB(prop#1:trns#1):Peer(prop#1:trns#1) = 1024-bit MODP group:2048-bit MODP group",
      {
        entry: "ros.dh-group.rejected-dh-group",
        class: "dh-group",
        fields: ["ike.dhGroup"],
        values: [{ field: "ike.dhGroup", router: "1024-bit MODP group", cloud: "2048-bit MODP group" }],
      },
    ],
    // 10 PFS group, lifetimes
    [
      "jan/02 10:12:05 ipsec,error pfs group mismatched: my:2 peer:14",
      { entry: "ros.pfs.group-mismatched", class: "pfs-group", fields: ["ipsec.pfsGroup"], values: [{ field: "ipsec.pfsGroup", router: "2", cloud: "14" }] },
    ],
    [
      "jan/02 10:12:05 ipsec,error long lifetime proposed: my:1800 peer:3600",
      { entry: "ros.lifetime.long-lifetime-proposed", class: "lifetime", fields: ["ike.lifetime", "ipsec.lifetime"], values: [{ field: "ipsec.lifetime", router: "1800", cloud: "3600" }] },
    ],
    [
      "jan/02 10:12:05 ipsec,error lifetime mismatched: my:1800 peer:3600",
      { entry: "ros.lifetime.lifetime-mismatched", class: "lifetime", fields: ["ike.lifetime", "ipsec.lifetime"], values: [{ field: "ipsec.lifetime", router: "1800", cloud: "3600" }] },
    ],
    // 11 NAT-T off
    [
      "jan/02 10:12:01 ipsec,error 198.51.100.7 received unexpecting payload type 130.",
      { entry: "ros.nat-t.unexpecting-payload-130", class: "nat-traversal", fields: ["router.natTraversal"] },
    ],
  ]);

  it("success and progress lines are not failures (they are read as facts)", () => {
    const lines = [
      "jan/02 10:12:01 ipsec,info initiate new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]",
      "jan/02 10:12:01 ipsec sent phase1 packet 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000",
      "jan/02 10:12:01 ipsec,info respond new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]",
      "jan/02 10:12:02 ipsec,info ISAKMP-SA established 203.0.113.10[4500]-198.51.100.7[4500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601",
      "jan/02 10:12:02 ipsec,info IPsec-SA established: 203.0.113.10[500]->198.51.100.7[500] spi=0x8051bff6",
      "jan/02 10:42:02 ipsec,info killing ike2 SA: to_cloud 203.0.113.10[4500]-198.51.100.7[4500] spi:4b1c7d2e9f0a3b5c:9f2e1d0c8b7a6f5e",
    ];
    assert.deepEqual(
      lines.map((raw) => matchLine({ source: 0, lineNo: 1, raw, dialect: "routeros" })?.entry.id),
      lines.map(() => undefined),
    );
  });
});

describe("cloud gateway strongSwan lines (the article's table, Alibaba's FAQ)", () => {
  check("strongswan", [
    // article row: PSK
    ["Mar 14 10:02:11 vpngw charon: 12[IKE] invalid HASH_V1 payload length, decryption failed?", { entry: "sw.psk.invalid-hash-v1", class: "psk", fields: ["preSharedKey"] }],
    ["Mar 14 10:02:11 vpngw charon: 12[ENC] could not decrypt payloads", { entry: "sw.psk.could-not-decrypt", class: "psk", fields: ["preSharedKey"] }],
    ["Mar 14 10:02:11 vpngw charon: 12[ENC] message parsing failed", { entry: "sw.psk.message-parsing-failed", class: "psk", fields: ["preSharedKey"] }],
    // article row: IKE version
    [
      "Mar 14 10:02:11 vpngw charon: 06[ENC] parsed IKE_SA_INIT response 0 [ N(NO_PROP) ]",
      {
        entry: "sw.proposal.ike-sa-init-no-prop",
        class: "proposal-rejected",
        fields: ["ike.version", "ike.encryption", "ike.integrity", "ike.dhGroup"],
        standsFor: ["ike-version", "ike-algorithm", "dh-group"],
      },
    ],
    [
      "Mar 14 10:02:11 vpngw charon: 06[IKE] received NO_PROPOSAL_CHOSEN notify error",
      {
        entry: "sw.proposal.no-proposal-notify-error",
        class: "proposal-rejected",
        fields: ["ike.version", "ike.encryption", "ike.integrity", "ike.dhGroup"],
        standsFor: ["ike-version", "ike-algorithm", "dh-group"],
      },
    ],
    // article rows: IKE version and exchange mode (the article's own spelling, "notifyed", too)
    ...["received AUTHENTICATION_FAILED error notify", "received AUTHENTICATION_FAILED error notifyed"].map(
      (msg) =>
        [
          `Mar 14 10:02:11 vpngw charon: 11[IKE] ${msg}`,
          {
            entry: "sw.auth.error-notify-v1",
            class: "authentication-failed",
            fields: ["ike.version", "ike.exchangeMode", "preSharedKey", ...IDS],
            standsFor: ["ike-version", "exchange-mode", "psk", "identity"],
          },
        ] as [string, Expect],
    ),
    // article row: identities
    [
      "Mar 14 10:02:11 vpngw charon: 15[IKE] IDir 'router.example' does not match to '203.0.113.10'",
      {
        entry: "sw.identity.idir-does-not-match",
        class: "identity",
        fields: IDS,
        values: [{ field: "identities.router", router: "router.example", cloud: "203.0.113.10" }],
      },
    ],
    // article row: peer not answering
    ["Mar 14 10:02:15 vpngw charon: 14[IKE] sending retransmit 1 of request message ID 0, seq 1", { entry: "sw.peer.sending-retransmit", class: "peer-not-answering", fields: PEER }],
    // article row: wrong customer-gateway IP
    [
      "Mar 14 10:02:11 vpngw charon: 07[IKE] received UNSUPPORTED_CRITICAL_PAYLOAD error notify",
      { entry: "sw.cgw.unsupported-critical-payload", class: "customer-gateway-ip", fields: ["routerPublicIp"] },
    ],
    // article rows: traffic selectors in main and in aggressive mode
    ["Mar 14 10:02:12 vpngw charon: 16[IKE] received INVALID_ID_INFORMATION error notify", { entry: "sw.ts.invalid-id-information", class: "traffic-selectors", fields: TS }],
    [
      "Mar 14 10:02:12 vpngw charon: 16[IKE] received HASH payload does not match integrity check failed",
      { entry: "sw.ts.hash-payload-does-not-match", class: "traffic-selectors", fields: TS },
    ],
    // article row: encryption or authentication algorithm
    [
      "Mar 14 10:02:12 vpngw charon: 10[ENC] parsed INFORMATIONAL_V1 request 3172863961 [ HASH N(NO_PROP) ]",
      {
        entry: "sw.proposal.informational-no-prop",
        class: "phase2-rejected",
        fields: ["ipsec.encryption", "ipsec.integrity", "ipsec.pfsGroup", "ike.lifetime", "ipsec.lifetime"],
        standsFor: ["ipsec-algorithm", "pfs-group", "lifetime"],
      },
    ],
    [
      "Mar 14 10:02:12 vpngw charon: 10[IKE] received NO_PROPOSAL_CHOSEN error notify",
      {
        entry: "sw.proposal.no-proposal-error-notify",
        class: "proposal-rejected",
        fields: ["ipsec.encryption", "ipsec.integrity", "ike.encryption", "ike.integrity", "ike.dhGroup", "ipsec.pfsGroup", "ike.lifetime", "ipsec.lifetime"],
        standsFor: ["ipsec-algorithm", "ike-algorithm", "dh-group", "pfs-group", "lifetime"],
      },
    ],
    // article row "DH group": really the phase-2 PFS group (reference)
    [
      "Mar 14 10:02:12 vpngw charon: 10[IKE] ESP:AES_CBC_256/HMAC_SHA1_96/MODP_1024/NO_EXT_SEQ no matching proposal found, sending NO_PROPOSAL_CHOSEN",
      { entry: "sw.pfs.esp-proposal-no-match", class: "pfs-group", fields: ["ipsec.pfsGroup"], values: [{ field: "ipsec.pfsGroup", router: "MODP_1024" }] },
    ],
  ]);
});

describe("cloud gateway strongSwan lines beyond the article (reference, Alibaba's keyword table)", () => {
  check("strongswan", [
    ["2024-03-14 10:02:11 Decryption failed! mismatch of preshared secrets", { entry: "sw.psk.mismatch-of-preshared-secrets", class: "psk", fields: ["preSharedKey"] }],
    [
      "Mar 14 10:02:11 vpngw charon: 09[IKE] <vco-1|3> tried 1 shared key for '198.51.100.7' - '203.0.113.10', but MAC mismatched",
      { entry: "sw.psk.mac-mismatched", class: "psk", fields: ["preSharedKey"] },
    ],
    ["2024-03-14 10:02:11 unknown ikev2 peer 203.0.113.10", { entry: "sw.ike-version.unknown-ikev2-peer", class: "ike-version", fields: ["ike.version"] }],
    [
      "Mar 14 10:02:11 vpngw charon: 05[IKE] no IKE config found for 198.51.100.7...203.0.113.10, sending NO_PROPOSAL_CHOSEN",
      { entry: "sw.ike-version.no-ike-config", class: "ike-version", fields: ["ike.version"] },
    ],
    [
      "2024-03-14 10:02:11 not acceptable Identity Protection mode",
      { entry: "sw.exchange-mode.not-acceptable", class: "exchange-mode", fields: ["ike.exchangeMode"], values: [{ field: "ike.exchangeMode", router: "Identity Protection" }] },
    ],
    [
      "Mar 14 10:02:11 vpngw charon: 13[IKE] Aggressive Mode PSK disabled for security reasons",
      { entry: "sw.exchange-mode.aggressive-psk-disabled", class: "exchange-mode", fields: ["ike.exchangeMode"] },
    ],
    [
      "2024-03-14 10:02:11 received ID_I(router.example) does not match peers id",
      { entry: "sw.identity.id-i-does-not-match", class: "identity", fields: IDS, values: [{ field: "identities.router", router: "router.example" }] },
    ],
    // 11 behind CGNAT: the router's identity is its private address
    [
      "2024-03-14 10:02:11 received ID_I(type ipaddr[192.168.88.2]) does not match peers id",
      {
        entry: "sw.identity.id-i-does-not-match",
        class: "router-behind-nat",
        fields: ["identities.router", "routerPublicIp", "router.natTraversal"],
        values: [{ field: "identities.router", router: "192.168.88.2" }],
      },
    ],
    ["2024-03-14 10:03:11 retransmission count exceeded the limit", { entry: "sw.peer.retransmission-count-exceeded", class: "peer-not-answering", fields: PEER }],
    ["Mar 14 10:02:12 vpngw charon: 16[IKE] <vco-1|3> no matching CHILD_SA config found", { entry: "sw.ts.no-matching-child-config", class: "traffic-selectors", fields: TS }],
    [
      "Mar 14 10:02:12 vpngw charon: 16[CFG] <vco-1|3> traffic selectors 192.168.2.0/24 === 10.100.1.0/24 inacceptable",
      { entry: "sw.ts.selectors-inacceptable", class: "traffic-selectors", fields: TS, values: [{ field: "siteCidrs", router: "192.168.2.0/24 === 10.100.1.0/24" }] },
    ],
    [
      "Mar 14 10:02:12 vpngw charon: 16[ENC] <vco-1|3> parsed CREATE_CHILD_SA response 2 [ N(TS_UNACCEPT) ]",
      { entry: "sw.ts.ts-unacceptable", class: "traffic-selectors", fields: TS },
    ],
    [
      "2024-03-14 10:02:12 trns_id mismatched: my:AES peer:3DES",
      { entry: "sw.ipsec-algorithm.trns-id-mismatched", class: "ipsec-algorithm", fields: ["ipsec.encryption"], values: [{ field: "ipsec.encryption", router: "3DES", cloud: "AES" }] },
    ],
    ["2024-03-14 10:02:12 authtype mismatched", { entry: "sw.ipsec-algorithm.authtype-mismatched", class: "ipsec-algorithm", fields: ["ipsec.integrity"] }],
    [
      "2024-03-14 10:02:11 rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = AES-CBC:3DES-CBC",
      { entry: "sw.ike-algorithm.rejected-enctype", class: "ike-algorithm", fields: ["ike.encryption"], values: [{ field: "ike.encryption", router: "3DES-CBC", cloud: "AES-CBC" }] },
    ],
    [
      "2024-03-14 10:02:11 rejected hashtype: DB(prop#1:trns#1):Peer (prop#1:trns#1) = SHA:MD5",
      { entry: "sw.ike-algorithm.rejected-hashtype", class: "ike-algorithm", fields: ["ike.integrity"], values: [{ field: "ike.integrity", router: "MD5", cloud: "SHA" }] },
    ],
    [
      "Mar 14 10:02:11 vpngw charon: 13[CFG] no acceptable ENCRYPTION_ALGORITHM found",
      { entry: "sw.ike-algorithm.no-acceptable-encryption", class: "ike-algorithm", fields: ["ike.encryption"] },
    ],
    // 9 DH group
    [
      "2024-03-14 10:02:11 received KE type 14,expected 2",
      { entry: "sw.dh-group.ke-type", class: "dh-group", fields: ["ike.dhGroup"], values: [{ field: "ike.dhGroup", router: "14", cloud: "2" }] },
    ],
    ["2024-03-14 10:02:11 failed to compute dh value", { entry: "sw.dh-group.failed-to-compute", class: "dh-group", fields: ["ike.dhGroup"] }],
    ["2024-03-14 10:02:11 proposal mismatch, transform type:4", { entry: "sw.dh-group.transform-type-4", class: "dh-group", fields: ["ike.dhGroup"] }],
    ["Mar 14 10:02:11 vpngw charon: 06[ENC] parsed IKE_SA_INIT response 0 [ N(INVAL_KE) ]", { entry: "sw.dh-group.invalid-ke", class: "dh-group", fields: ["ike.dhGroup"] }],
    [
      "Mar 14 10:02:11 vpngw charon: 06[IKE] peer didn't accept DH group MODP_1536, it requested MODP_2048",
      { entry: "sw.dh-group.peer-did-not-accept", class: "dh-group", fields: ["ike.dhGroup"], values: [{ field: "ike.dhGroup", router: "MODP_2048", cloud: "MODP_1536" }] },
    ],
    // 10 PFS group and lifetimes
    ["Mar 14 10:02:12 vpngw charon: 16[CFG] no acceptable DIFFIE_HELLMAN_GROUP found", { entry: "sw.pfs.no-acceptable-dh-group", class: "pfs-group", fields: ["ipsec.pfsGroup"] }],
    ["2024-03-14 10:02:12 pfs group mismatched", { entry: "sw.pfs.group-mismatched", class: "pfs-group", fields: ["ipsec.pfsGroup"] }],
    ["2024-03-14 10:02:12 message lacks KE payload", { entry: "sw.pfs.lacks-ke-payload", class: "pfs-group", fields: ["ipsec.pfsGroup"] }],
    [
      "Mar 14 11:02:12 vpngw charon: 13[ENC] <vco-1|3> generating CREATE_CHILD_SA response 142 [ N(NO_PROP) ]",
      { entry: "sw.pfs.create-child-no-prop", class: "pfs-group", fields: ["ipsec.pfsGroup"] },
    ],
    ["2024-03-14 10:02:12 long lifetime proposed", { entry: "sw.lifetime.long-lifetime-proposed", class: "lifetime", fields: ["ike.lifetime", "ipsec.lifetime"] }],
    // 11 NAT-T
    ["2024-03-14 10:02:11 ignore the packet, received unexpecting payload type 130.", { entry: "sw.nat-t.unexpecting-payload-130", class: "nat-traversal", fields: ["router.natTraversal"] }],
  ]);

  it("`remote host is behind NAT` is context only: it names router-behind-nat but never forms a finding by itself", () => {
    const m = matchLine({ source: 0, lineNo: 1, raw: "Mar 14 10:02:11 vpngw charon: 06[IKE] remote host is behind NAT", dialect: "strongswan" });
    assert.deepEqual({ entry: m?.entry.id, context: m?.context, class: m?.hits[0]?.class }, { entry: "sw.nat.remote-behind-nat", context: true, class: "router-behind-nat" });
  });
});

describe("Tencent Cloud gateway lines (IKE_NEGO:, TANS_IKE_NEGO:, IKE_SA_ESTABLISH_FAIL:)", () => {
  const tail = ". ike connection: vpnx-3k2m9q1f, my ip: 198.51.100.7, peer ip: 203.0.113.10.";
  const fail = (reason: string) => `2024-03-14 10:02:11 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of ${reason}${tail}`;
  check("tencent", [
    ["2024-03-14 10:02:11 TANS_IKE_NEGO: invalid HASH_V1 payload length, decryption failed", { entry: "tc.psk.invalid-hash-v1", class: "psk", fields: ["preSharedKey"] }],
    [fail("no matching secret"), { entry: "tc.psk.no-matching-secret", class: "psk", fields: ["preSharedKey"] }],
    [
      "2024-03-14 10:02:19 IKE_NEGO: retransmit IKEv1 Main Mode Initiator 5th message 2 times, message ID 0",
      {
        entry: "tc.peer.retransmit-message-5",
        class: "peer-not-answering",
        fields: PEER,
        standsFor: ["psk", "nat-traversal", "router-behind-nat", "identity"],
      },
    ],
    [
      "2024-03-14 10:02:15 IKE_NEGO: retransmit IKEv1 Main Mode Initiator 1st message 3 times, message ID 0",
      { entry: "tc.peer.retransmit", class: "peer-not-answering", fields: PEER },
    ],
    [fail("peer no response"), { entry: "tc.peer.no-response", class: "peer-not-answering", fields: PEER }],
    [
      "2024-03-14 10:02:11 IKE_NEGO: received NO_PROPOSAL_CHOSEN error notify",
      {
        entry: "tc.proposal.no-proposal-chosen",
        class: "proposal-rejected",
        fields: ["ike.encryption", "ike.integrity", "ike.dhGroup", "ike.version", "ike.lifetime", "ipsec.lifetime"],
        standsFor: ["ike-algorithm", "dh-group", "ike-version", "lifetime"],
      },
    ],
    // the proposal difference decides the class: encryption and integrity here...
    [
      fail("no matching proposal, configured [IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1024], received [IKE:AES_CBC_256/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024]"),
      {
        entry: "tc.ike-algorithm.no-matching-proposal",
        class: "ike-algorithm",
        fields: ["ike.encryption", "ike.integrity"],
        values: [
          { field: "ike.encryption", router: "AES_CBC_256", cloud: "AES_CBC_128" },
          { field: "ike.integrity", router: "HMAC_SHA1_96", cloud: "HMAC_MD5_96" },
        ],
      },
    ],
    // ...only the DH group there
    [
      fail("no matching proposal, configured [IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048], received [IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024]"),
      {
        entry: "tc.ike-algorithm.no-matching-proposal",
        class: "dh-group",
        fields: ["ike.dhGroup"],
        values: [{ field: "ike.dhGroup", router: "MODP_1024", cloud: "MODP_2048" }],
      },
    ],
    [
      fail("responder no peer config found by ID payload, received[ID_IPV4_ADDR:203.0.113.10]"),
      { entry: "tc.identity.responder-no-peer-config", class: "identity", fields: IDS, values: [{ field: "identities.router", router: "203.0.113.10" }] },
    ],
    [
      fail("initiator no peer config found by ID payload, configured[ID_IPV4_ADDR:203.0.113.10], received[ID_FQDN:router.example]"),
      {
        entry: "tc.identity.initiator-no-peer-config",
        class: "identity",
        fields: IDS,
        values: [{ field: "identities.router", router: "router.example", cloud: "203.0.113.10" }],
      },
    ],
    [
      fail("responder no peer config found by ID payload, received[ID_IPV4_ADDR:100.72.15.9]"),
      {
        entry: "tc.identity.responder-no-peer-config",
        class: "router-behind-nat",
        fields: ["identities.router", "routerPublicIp", "router.natTraversal"],
        values: [{ field: "identities.router", router: "100.72.15.9" }],
      },
    ],
    [
      "TANS/IKE_SA_ESTABLISH_FAIL: Failed to establish IKE SA for the reason of no peer config found by ID payload.",
      { entry: "tc.identity.no-peer-config", class: "identity", fields: IDS },
    ],
    // Tencent's gateway is strongSwan: its other lines read with the strongSwan rows
    ["2024-03-14 10:02:12 IKE_NEGO: received INVALID_ID_INFORMATION error notify", { entry: "sw.ts.invalid-id-information", class: "traffic-selectors", fields: TS }],
  ]);
});

describe("the catalog as a table", () => {
  it("has unique ids, each prefixed by its dialect", () => {
    const prefix: Record<Dialect, string> = { routeros: "ros.", strongswan: "sw.", tencent: "tc." };
    assert.equal(new Set(CATALOG.map((e) => e.id)).size, CATALOG.length);
    assert.deepEqual(CATALOG.filter((e) => !e.id.startsWith(prefix[e.dialect])).map((e) => e.id), []);
  });

  it("matches every entry's own example with that entry, so no row shadows another", () => {
    const wrong = CATALOG.flatMap((e) => {
      const m = matchLine({ source: 0, lineNo: 1, raw: e.example, dialect: e.dialect });
      return m?.entry.id === e.id ? [] : [`${e.id} -> ${m?.entry.id ?? "nothing"}`];
    });
    assert.deepEqual(wrong, []);
  });

  it("gives every entry a one-line cause, a fix naming a spec field, and a weight in 0.5..10", () => {
    const bad = CATALOG.filter(
      (e) => e.cause.includes("\n") || !/`[a-zA-Z.]+`|\/ip /.test(e.fix) || e.weight < 0.5 || e.weight > 10 || e.fields.length === 0,
    ).map((e) => e.id);
    assert.deepEqual(bad, []);
  });

  it("covers every mismatch class in a cloud dialect, and names in RouterOS's words all but five", () => {
    const classesIn = (d: Dialect) => new Set(CATALOG.filter((e) => e.dialect === d).map((e) => e.class));
    const cloud = new Set([...classesIn("strongswan"), ...classesIn("tencent")]);
    assert.deepEqual(CLASSES.map((c) => c.id).filter((c) => !cloud.has(c)), []);
    // What RouterOS logs for these is generic (time up, NO_PROPOSAL_CHOSEN, AUTHENTICATION_FAILED, `failed to
    // pre-process ph2 packet`): the reference records no RouterOS line that names them.
    assert.deepEqual(
      CLASSES.map((c) => c.id).filter((c) => !classesIn("routeros").has(c)),
      ["ike-version", "customer-gateway-ip", "ipsec-algorithm", "router-behind-nat", "dpd"],
    );
  });

  it("has a fact pattern that matches each fact example, and no fact line is a failure", () => {
    assert.deepEqual(FACTS.filter((f) => !f.pattern.test(f.example)).map((f) => f.id), []);
    assert.deepEqual(
      FACTS.filter((f) => matchLine({ source: 0, lineNo: 1, raw: f.example, dialect: f.dialect })).map((f) => f.id),
      [],
    );
  });
});
