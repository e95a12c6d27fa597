// Specification of the faults a test can switch on (latency, dropped connections, !fatal, !trap, slow login) and of
// the traffic counters. Assertions use counters, events and lower bounds only (never an upper time bound).

import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { afterEach, describe, it } from "node:test";
import { harness, types, type Harness } from "./harness";
import { RawClient } from "./raw-client";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("latency", () => {
  it("delays each command's replies by at least latencyMs", async () => {
    h = await harness();
    h.emu.faults.latencyMs = 40;
    const start = performance.now();
    assert.deepEqual(types(await h.run("/system/identity/print")), ["!re", "!done"]);
    assert.ok(performance.now() - start >= 38, "reply came before the latency");
  });

  it("holds pipelined tagged commands concurrently, not one after another", async () => {
    h = await harness();
    h.emu.faults.latencyMs = 30;
    h.emu.resetCounters();
    const sentences = Array.from({ length: 10 }, (_, i) => ["/ip/ipsec/proposal/print", `.tag=${i}`]);
    h.client.write(...sentences);
    for (let i = 0; i < 10; i++) assert.deepEqual(types(await h.client.collect(String(i))), ["!re", "!done"]);
    assert.equal(h.emu.counters.peakInFlight, 10);
    assert.equal(h.emu.counters.inFlight, 0);
    assert.equal(h.emu.counters.rounds, 1, "ten pipelined commands are one round trip");
  });

  it("counts commands sent one after another as one round each", async () => {
    h = await harness();
    h.emu.faults.latencyMs = 5;
    h.emu.resetCounters();
    for (let i = 0; i < 3; i++) await h.run("/system/identity/print");
    assert.equal(h.emu.counters.rounds, 3);
  });
});

describe("dropped connection", () => {
  it("drops the connection when its Nth sentence arrives, without executing it", async () => {
    h = await harness();
    h.emu.faults.dropAfterSentences = 2; // login was sentence 1
    h.client.write(["/ip/ipsec/proposal/add", "=name=lost"]);
    await h.client.closed;
    assert.deepEqual(h.emu.rows("/ip/ipsec/proposal").map((r) => r.name), ["default"]);
    assert.equal(h.emu.counters.openConnections, 0);
  });

  it("with dropExecutesLast, applies the Nth command and still never answers it", async () => {
    h = await harness();
    h.emu.faults.dropAfterSentences = 2;
    h.emu.faults.dropExecutesLast = true;
    h.client.write(["/ip/ipsec/proposal/add", "=name=applied"]);
    await h.client.closed;
    assert.deepEqual(h.client.unread(), []);
    assert.deepEqual(h.emu.rows("/ip/ipsec/proposal").map((r) => r.name), ["default", "applied"]);
  });

  it("counts sentences per connection, so a new connection gets N-1 answered sentences again", async () => {
    h = await harness();
    h.emu.faults.dropAfterSentences = 3;
    const c = await RawClient.connect(h.emu.port);
    assert.deepEqual(types(await c.login("admin", "secret")), ["!done"]);
    assert.deepEqual(types(await c.run("/system/identity/print")), ["!re", "!done"]);
    await assert.rejects(c.run("/system/identity/print"), /connection closed/);
  });
});

describe("!fatal on a chosen command", () => {
  it("answers it with !fatal <message>, closes the connection and does not execute it", async () => {
    h = await harness();
    h.emu.faults.fatalOn = { command: "/ip/ipsec/peer/add", message: "out of memory" };
    const replies = await h.run("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1");
    assert.deepEqual(replies.map((r) => [r.type, r.words]), [["!fatal", ["out of memory"]]]);
    await h.client.closed;
    assert.deepEqual(h.emu.rows("/ip/ipsec/peer"), []);
  });
});

describe("!trap on a chosen command", () => {
  it("refuses it once by default with the given message and category, then clears", async () => {
    h = await harness();
    h.emu.faults.trapOn = { command: "/ip/ipsec/proposal/add", message: "failure: busy", category: 4 };
    assert.deepEqual(await h.trapOf("/ip/ipsec/proposal/add", "=name=p", ".tag=t"), { category: "4", message: "failure: busy" });
    assert.equal(h.emu.faults.trapOn, undefined);
    assert.deepEqual(types(await h.run("/ip/ipsec/proposal/add", "=name=p")), ["!done"]);
  });

  it("refuses it N times when times is N, keeping the tag", async () => {
    h = await harness();
    h.emu.faults.trapOn = { command: "/system/identity/print", message: "interrupted", times: 2 };
    assert.deepEqual((await h.run("/system/identity/print", ".tag=a")).map((r) => [r.type, r.tag]), [["!trap", "a"], ["!done", "a"]]);
    assert.deepEqual(await h.trapOf("/system/identity/print"), { message: "interrupted" });
    assert.deepEqual(types(await h.run("/system/identity/print")), ["!re", "!done"]);
  });
});

describe("slow login", () => {
  it("delays the login reply by at least loginDelayMs while other connections carry on", async () => {
    h = await harness();
    h.emu.faults.loginDelayMs = 200;
    const slow = await RawClient.connect(h.emu.port);
    const start = performance.now();
    const login = slow.login("admin", "secret");
    assert.deepEqual(types(await h.run("/system/identity/print")), ["!re", "!done"]);
    assert.deepEqual(slow.unread(), [], "the slow login has not been answered yet");
    assert.deepEqual(types(await login), ["!done"]);
    assert.ok(performance.now() - start >= 198);
    slow.close();
  });
});

describe("counters", () => {
  it("counts sentences received and sent and each command word", async () => {
    h = await harness();
    h.emu.resetCounters();
    await h.run("/ip/ipsec/proposal/add", "=name=a");
    await h.run("/ip/ipsec/proposal/print");
    await h.run("/ip/ipsec/proposal/print");
    assert.equal(h.emu.counters.sentencesReceived, 3);
    assert.equal(h.emu.counters.sentencesSent, 1 + 3 + 3); // !done ; 2x(!re !re !done)
    assert.deepEqual(h.emu.counters.commands, { "/ip/ipsec/proposal/add": 1, "/ip/ipsec/proposal/print": 2 });
  });

  it("counts connections in total, open now and at the peak", async () => {
    h = await harness();
    const more = await Promise.all([RawClient.connect(h.emu.port), RawClient.connect(h.emu.port)]);
    await Promise.all(more.map((c) => c.login("admin", "secret")));
    assert.deepEqual([h.emu.counters.connections, h.emu.counters.openConnections, h.emu.counters.peakConnections], [3, 3, 3]);
    more[0]!.close();
    await h.run("/quit");
    await h.client.closed;
    await waitFor(() => h!.emu.counters.openConnections === 1);
    assert.deepEqual([h.emu.counters.connections, h.emu.counters.peakConnections], [3, 3]);
    more[1]!.close();
  });

  it("reset zeroes totals, keeps the open gauge and restarts the peak from it", async () => {
    h = await harness();
    await h.run("/system/identity/print");
    h.emu.resetCounters();
    assert.deepEqual(h.emu.counters, { connections: 0, openConnections: 1, peakConnections: 1, sentencesReceived: 0, sentencesSent: 0, commands: {}, inFlight: 0, peakInFlight: 0, rounds: 0 });
  });
});

/** Resolves once `done()` holds, checking after each turn of the event loop (no timed assertion). */
async function waitFor(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}
