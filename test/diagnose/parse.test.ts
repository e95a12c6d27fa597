// Specification of reading logs as users have them: dialect detection, RouterOS /log rows, and tolerance of the
// prefixes, addresses, ports, cookies and SPIs around the words that matter. Addresses are documentation ranges (data).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { detectDialect, findEvidence, matchLine, parseLog } from "../../src/diagnose";

describe("detectDialect", () => {
  it("tells each dialect by its own markers", () => {
    assert.deepEqual(
      [
        "jan/02 10:12:03 ipsec,error 198.51.100.7 parsing packet failed, possible cause: wrong password",
        "2024-01-02 10:12:03 ipsec,debug,packet rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = 3DES-CBC:AES-CBC",
        "Jan  2 10:12:03 203.0.113.10 ipsec,info ISAKMP-SA established 203.0.113.10[4500]-198.51.100.7[4500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601",
        "Mar 14 10:02:11 vpngw charon: 12[IKE] invalid HASH_V1 payload length, decryption failed?",
        "Mar 14 10:02:11 vpngw charon[1412]: 12[IKE] invalid HASH_V1 payload length, decryption failed?",
        "14[IKE] sending retransmit 1 of request message ID 0, seq 1",
        "2024-03-14 10:02:11 IKE_NEGO: received NO_PROPOSAL_CHOSEN error notify",
        "2024-03-14 10:02:11 TANS_IKE_NEGO: invalid HASH_V1 payload length, decryption failed",
        "TANS/IKE_SA_ESTABLISH_FAIL: Failed to establish IKE SA for the reason of no peer config found by ID payload.",
        "2024-03-14 10:02:11 received KE type 14,expected 2",
      ].map(detectDialect),
      ["routeros", "routeros", "routeros", "strongswan", "strongswan", "strongswan", "tencent", "tencent", "tencent", undefined],
    );
  });
});

describe("parseLog", () => {
  it("skips blank lines, keeps 1-based line numbers, and gives unmarked lines the dialect of the marked ones", () => {
    const lines = parseLog(
      [
        "Mar 14 10:02:11 vpngw charon: 13[CFG] received proposals: IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1024",
        "",
        "   ",
        "received KE type 14,expected 2",
      ].join("\r\n"),
    );
    assert.deepEqual(
      lines.map((l) => [l.lineNo, l.dialect]),
      [
        [1, "strongswan"],
        [4, "strongswan"],
      ],
    );
  });

  it("lets a dialect given for the source win over the lines' markers", () => {
    assert.deepEqual(
      parseLog({ log: "2024-03-14 10:02:11 long lifetime proposed: my:3600 peer:86400", dialect: "strongswan" }).map((l) => l.dialect),
      ["strongswan"],
    );
  });

  it("reads RouterOS /log rows as RouterOS's and keeps only the ipsec topics", () => {
    const lines = parseLog([
      { time: "10:12:01", topics: "system,info,account", message: "user admin logged in from 192.168.1.12 via winbox" },
      { time: "10:12:03", topics: "ipsec,error", message: "198.51.100.7 parsing packet failed, possible cause: wrong password" },
      { topics: "ipsec", message: "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = MD5:SHA" },
    ]);
    assert.deepEqual(
      lines.map((l) => [l.lineNo, l.dialect, l.raw]),
      [
        [2, "routeros", "10:12:03 ipsec,error 198.51.100.7 parsing packet failed, possible cause: wrong password"],
        [3, "routeros", "ipsec rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = MD5:SHA"],
      ],
    );
  });
});

describe("matching tolerates what surrounds the words", () => {
  const prefixes = [
    "",
    "10:12:31 ipsec,error ",
    "jan/02/2024 10:12:31 ipsec,error ",
    "2024-01-02 10:12:31 ipsec,error ",
    "<131>Jan  2 10:12:31 203.0.113.10 ipsec,error ",
  ];
  const timeUps = [
    "phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000",
    "phase1 negotiation failed due to time up 192.0.2.44[4500]<=>198.51.100.7[4500] 0a1b2c3d4e5f6071:8192a3b4c5d6e7f8",
    "phase1 negotiation failed due to time up 2001:db8::10[500]<=>2001:db8:1::7[500] ffffffffffffffff:0000000000000001",
  ];

  it("reads a timeout the same whatever the timestamp, topics, addresses, ports and cookies", () => {
    const ids = prefixes.flatMap((p) => timeUps.map((t) => matchLine({ source: 0, lineNo: 1, raw: p + t, dialect: "routeros" })?.entry.id));
    assert.deepEqual(new Set(ids), new Set(["ros.peer.phase1-time-up"]));
  });

  it("reads racoon's value pair whatever the spacing around DB(...):Peer(...)", () => {
    const values = [
      "rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = 3DES-CBC:AES-CBC",
      "rejected enctype: DB(prop#2:trns#3):Peer (prop#1:trns#6) = 3DES-CBC:AES-CBC",
      "rejected enctype: DB (prop#1:trns#1) : Peer(prop#1:trns#1)=3DES-CBC:AES-CBC   ",
    ].map((raw) => matchLine({ source: 0, lineNo: 1, raw: `ipsec ${raw}`, dialect: "routeros" })?.hits[0]?.captured[0]?.summary);
    assert.deepEqual(new Set(values), new Set(["ike.encryption: router offers 3DES-CBC, cloud expects AES-CBC"]));
  });

  it("reads strongSwan lines with or without the connection name and thread prefixes", () => {
    const ids = [
      "Mar 14 10:02:11 vpngw charon: 15[IKE] IDir 'router.example' does not match to '203.0.113.10'",
      "15[IKE] <vco-bp1x2y3z|17> IDir 'router.example' does not match to '203.0.113.10'",
      "IDir 'router.example' does not match to '203.0.113.10'",
    ].map((raw) => matchLine({ source: 0, lineNo: 1, raw, dialect: "strongswan" })?.entry.id);
    assert.deepEqual(new Set(ids), new Set(["sw.identity.idir-does-not-match"]));
  });

  it("does not mistake the bare `phase1 negotiation failed.` for the timeout, nor the reverse", () => {
    assert.deepEqual(
      [
        "ipsec,error 198.51.100.7 phase1 negotiation failed.",
        "ipsec,error phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000",
        "ipsec,error phase2 negotiation failed due to time up. 6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601:0000a1b2",
        "ipsec,error phase2 negotiation failed due to time up waiting for phase1. ESP 198.51.100.7[0]->203.0.113.10[0]",
      ].map((raw) => matchLine({ source: 0, lineNo: 1, raw, dialect: "routeros" })?.entry.id),
      ["ros.phase1.negotiation-failed", "ros.peer.phase1-time-up", "ros.phase2.time-up", "ros.peer.phase2-time-up-waiting"],
    );
  });

  it("reads a line whose dialect nothing tells against every dialect, RouterOS first", () => {
    const m = matchLine({ source: 0, lineNo: 1, raw: "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = MD5:SHA", dialect: undefined });
    assert.deepEqual([m?.entry.id, m?.dialect], ["ros.ike-algorithm.rejected-hashtype", "routeros"]);
  });

  it("pairs strongSwan's received/configured proposal lines and reads their difference", () => {
    const { matches } = findEvidence({
      dialect: "strongswan",
      log: [
        "Mar 14 10:02:11 vpngw charon: 13[CFG] received proposals: ESP:AES_CBC_128/HMAC_SHA1_96/MODP_1024/NO_EXT_SEQ",
        "Mar 14 10:02:11 vpngw charon: 13[CFG] configured proposals: ESP:AES_CBC_128/HMAC_SHA1_96/NO_EXT_SEQ",
        "Mar 14 10:02:11 vpngw charon: 13[IKE] no matching proposal found, sending NO_PROPOSAL_CHOSEN",
      ].join("\n"),
    });
    assert.deepEqual(
      matches.map((m) => [m.entry.id, m.context, m.hits.map((h) => h.class), m.hits.flatMap((h) => h.captured.map((c) => c.summary))]),
      [
        ["sw.proposal.received-proposals", false, ["pfs-group"], ["ipsec.pfsGroup: router offers MODP_1024 (group 2), cloud expects none"]],
        ["sw.proposal.configured-proposals", false, ["pfs-group"], ["ipsec.pfsGroup: router offers MODP_1024 (group 2), cloud expects none"]],
        ["sw.proposal.no-matching-proposal-sending", false, ["proposal-rejected"], []],
      ],
    );
  });

  it("leaves paired proposal lines as context when the proposals do match (strongSwan logs them on success too)", () => {
    const { matches } = findEvidence({
      dialect: "strongswan",
      log: [
        "13[CFG] received proposals: IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048",
        "13[CFG] configured proposals: IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048, IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048",
      ].join("\n"),
    });
    assert.deepEqual(matches.map((m) => m.context), [true, true]);
  });
});

describe("matching long lines", () => {
  it("reads pathological 10,000-character lines with every pattern in well under a second (no catastrophic backtracking)", () => {
    const long = [
      "configured proposals: ESP:" + "MODP_2048/AES_CBC_128/".repeat(450),
      "ESP:" + "MODP_1024/".repeat(1000) + " x",
      "rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = " + "a ".repeat(5000) + ":",
      "identity not found for responder: " + "a ".repeat(5000),
      "traffic selectors " + "a ".repeat(5000),
      " ".repeat(10000) + "x",
    ];
    const started = process.hrtime.bigint();
    for (const raw of long) for (const dialect of ["routeros", "strongswan", "tencent", undefined] as const) matchLine({ source: 0, lineNo: 1, raw, dialect });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 1000, `took ${ms} ms`);
  });
});
