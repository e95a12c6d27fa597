// The provider's round trips to one router, as bench/routeros.ts measures them, pinned: create within 5 (login,
// reads, three write levels), refresh within 2, a no-op up writes nothing. Commands that can go together must.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TunnelOutputs } from "../../src/routeros/inputs";
import type { RouterOsEmulator } from "../emulators/routeros";
import { closeAllSessions, providerFor, startRouter, tunnelInputs, writes } from "../helpers/router";

describe("round trips to one router (every reply delayed, so each sequential step is one round)", () => {
  let router: RouterOsEmulator;
  let outs: TunnelOutputs;
  before(async () => {
    router = await startRouter({ version: "7.16" });
    router.faults.latencyMs = 5;
  });
  after(async () => {
    await closeAllSessions();
    await router.stop();
  });

  it("create: at most 5, login included", async () => {
    router.resetCounters();
    outs = (await (await providerFor(router)).create(tunnelInputs(router, "secure"))).outs!;
    assert.ok(router.counters.rounds <= 5, `create took ${router.counters.rounds} round trips`);
    assert.ok(router.counters.peakInFlight >= 8, `the menu reads went out ${router.counters.peakInFlight} at a time`);
  });

  it("refresh in a new process: at most 2, login included", async () => {
    await closeAllSessions();
    router.resetCounters();
    await (await providerFor(router)).read("id", outs);
    assert.equal(router.counters.connections, 1, "a new session logged in");
    assert.ok(router.counters.rounds <= 2, `refresh took ${router.counters.rounds} round trips`);
  });

  it("a no-op update writes nothing", async () => {
    router.resetCounters();
    await (await providerFor(router)).update("id", outs, tunnelInputs(router, "secure"));
    assert.deepEqual(writes(router), {});
  });
});
