// Specification of the negotiation hook: established (active-peers, installed-sa, policy state), failed (log), idle,
// and /log rows appended by tests.

import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { harness, pick, type Harness } from "./harness";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The seed's tunnel with strong algorithms: peer "to_tencent", proposal aes-256-gcm/sha256, lifetime 1h. */
function seedTunnel(x: Harness): void {
  x.emu.seed("/ip/ipsec/profile", { name: "to_tencent", "dh-group": "modp2048" });
  x.emu.seed("/ip/ipsec/peer", { name: "to_tencent", address: "119.91.254.122", profile: "to_tencent", "local-address": "203.0.113.7" });
  x.emu.seed("/ip/ipsec/identity", { peer: "to_tencent", secret: "x" });
  x.emu.seed("/ip/ipsec/proposal", { name: "to_tencent", "auth-algorithms": "sha256", "enc-algorithms": "aes-256-gcm", lifetime: "1h" });
  x.emu.seed("/ip/ipsec/policy", { peer: "to_tencent", tunnel: "yes", "src-address": "192.168.1.0/24", "dst-address": "10.100.1.0/24", proposal: "to_tencent" });
}

describe("established", () => {
  it("shows an active peer with state, side, uptime, ph2-total and traffic", async () => {
    h = await harness();
    seedTunnel(h);
    h.emu.setNegotiation("to_tencent", { state: "established" });
    const [peer] = await h.print("/ip/ipsec/active-peers");
    assert.deepEqual(pick(peer, "remote-address", "local-address", "state", "side", "responder", "natt-peer", "ph2-total", "port"), {
      "remote-address": "119.91.254.122",
      "local-address": "203.0.113.7",
      state: "established",
      side: "initiator",
      responder: "false",
      "natt-peer": "false",
      "ph2-total": "1",
      port: "500",
    });
    assert.match(peer!.uptime!, /^\d+[wdhms]/);
    for (const counter of ["rx-bytes", "tx-bytes", "rx-packets", "tx-packets"]) assert.match(peer![counter]!, /^\d+$/);
  });

  it("installs two mature SAs, one each way, with the algorithms of the policy's proposal", async () => {
    h = await harness();
    seedTunnel(h);
    h.emu.setNegotiation("to_tencent", { state: "established" });
    const sas = await h.print("/ip/ipsec/installed-sa");
    assert.deepEqual(sas.map((sa) => pick(sa, "src-address", "dst-address", "state", "auth-algorithm", "enc-algorithm", "enc-key-size", "add-lifetime", "replay")), [
      { "src-address": "203.0.113.7", "dst-address": "119.91.254.122", state: "mature", "auth-algorithm": "sha256", "enc-algorithm": "aes-gcm", "enc-key-size": "256", "add-lifetime": "48m/1h", replay: "128" },
      { "src-address": "119.91.254.122", "dst-address": "203.0.113.7", state: "mature", "auth-algorithm": "sha256", "enc-algorithm": "aes-gcm", "enc-key-size": "256", "add-lifetime": "48m/1h", replay: "128" },
    ]);
    assert.notEqual(sas[0]!.spi, sas[1]!.spi);
    assert.equal(sas[0]!["enc-key"], undefined, "keys are sensitive");
  });

  it("marks the peer's policies established and active", async () => {
    h = await harness();
    seedTunnel(h);
    h.emu.setNegotiation("to_tencent", { state: "established" });
    assert.deepEqual(pick((await h.print("/ip/ipsec/policy", "?peer=to_tencent"))[0], "ph2-state", "active", "ph2-count"), { "ph2-state": "established", active: "true", "ph2-count": "1" });
  });

  it("shows a responder behind NAT when the remote side initiated over NAT-T", async () => {
    h = await harness();
    seedTunnel(h);
    h.emu.setNegotiation("to_tencent", { state: "established", initiator: "remote", natt: true });
    assert.deepEqual(pick((await h.print("/ip/ipsec/active-peers"))[0], "side", "responder", "natt-peer", "port"), { side: "responder", responder: "true", "natt-peer": "true", port: "4500" });
  });

  it("refuses a peer name that does not exist", async () => {
    h = await harness();
    assert.throws(() => h!.emu.setNegotiation("nope", { state: "established" }), /no \/ip\/ipsec\/peer named "nope"/);
  });
});

describe("failed and idle", () => {
  it("writes the given log lines and leaves policies in no-phase2 with no SAs", async () => {
    h = await harness();
    seedTunnel(h);
    h.emu.setNegotiation("to_tencent", { state: "established" });
    h.emu.setNegotiation("to_tencent", {
      state: "failed",
      log: [
        { topics: "ipsec,error", message: "119.91.254.122 failed to get valid proposal." },
        { topics: "ipsec,error", message: "119.91.254.122 failed to pre-process ph1 packet (side: 1, status: 1)." },
      ],
    });
    assert.deepEqual(await h.print("/ip/ipsec/active-peers"), []);
    assert.deepEqual(await h.print("/ip/ipsec/installed-sa"), []);
    assert.deepEqual(pick((await h.print("/ip/ipsec/policy", "?peer=to_tencent"))[0], "ph2-state", "active"), { "ph2-state": "no-phase2", active: "false" });
    const errors = await h.print("/log", "?topics=ipsec,error");
    assert.deepEqual(errors.map((r) => r.message), ["119.91.254.122 failed to get valid proposal.", "119.91.254.122 failed to pre-process ph1 packet (side: 1, status: 1)."]);
  });

  it("idle clears an established negotiation", async () => {
    h = await harness();
    seedTunnel(h);
    h.emu.setNegotiation("to_tencent", { state: "established" });
    h.emu.setNegotiation("to_tencent", { state: "idle" });
    assert.deepEqual(await h.print("/ip/ipsec/active-peers"), []);
    assert.equal((await h.print("/ip/ipsec/policy", "?peer=to_tencent"))[0]!["ph2-state"], "no-phase2");
  });

  it("removing the peer (after its referrers) clears its active peer and SAs", async () => {
    h = await harness();
    seedTunnel(h);
    h.emu.setNegotiation("to_tencent", { state: "established" });
    for (const menu of ["/ip/ipsec/policy", "/ip/ipsec/identity"]) {
      for (const row of await h.print(menu, "?peer=to_tencent")) await h.run(`${menu}/remove`, `=.id=${row[".id"]}`);
    }
    const [peer] = await h.print("/ip/ipsec/peer");
    await h.run("/ip/ipsec/peer/remove", `=.id=${peer![".id"]}`);
    assert.deepEqual(await h.print("/ip/ipsec/active-peers"), []);
    assert.deepEqual(await h.print("/ip/ipsec/installed-sa"), []);
  });

  it("kill-connections drops active peers and SAs; installed-sa flush drops the SAs only", async () => {
    h = await harness();
    seedTunnel(h);
    h.emu.setNegotiation("to_tencent", { state: "established" });
    await h.run("/ip/ipsec/installed-sa/flush");
    assert.equal((await h.print("/ip/ipsec/installed-sa")).length, 0);
    assert.equal((await h.print("/ip/ipsec/active-peers")).length, 1);
    await h.run("/ip/ipsec/active-peers/kill-connections");
    assert.equal((await h.print("/ip/ipsec/active-peers")).length, 0);
    assert.equal((await h.print("/ip/ipsec/policy", "?peer=to_tencent"))[0]!["ph2-state"], "no-phase2");
  });
});

describe("/log", () => {
  it("appendLog adds rows with time, topics and message, readable by print with queries", async () => {
    h = await harness();
    h.emu.appendLog("ipsec,info", "hello 世界");
    const [row] = await h.print("/log", "?topics=ipsec,info");
    assert.deepEqual(pick(row, "topics", "message"), { topics: "ipsec,info", message: "hello 世界" });
    assert.match(row!.time!, /^\d\d:\d\d:\d\d$/);
  });
});
