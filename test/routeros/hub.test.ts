// A hub router with many tunnels from one provider process: one API session however many tunnels run at once
// (also after a drop, and one login attempt when it fails), a bounded number of commands in flight per session,
// exactly the requested rows, and replies that do not grow with unrelated rows. Counters, not speed (that is bench/).
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import type { TunnelInputs } from "../../src/routeros/inputs";
import { closeAllSessions, sessionFor } from "../../src/routeros/pool";
import { MAX_IN_FLIGHT, RouterOsSession, type RouterEndpoint } from "../../src/routeros/session";
import { RouterOsConnectionError } from "../../src/routeros/errors";
import type { RouterOsEmulator } from "../emulators/routeros";
import { PASSWORD, providerFor, startRouter, tunnelInputs } from "../helpers/router";

/** Tunnel i of a hub: its own name, gateway, site and cloud networks. */
function hubTunnel(router: RouterOsEmulator, i: number, extra: Partial<TunnelInputs> = {}): TunnelInputs {
  const base = tunnelInputs(router, "secure");
  return {
    ...base,
    gatewayIp: `119.91.${(i >> 8) + 1}.${(i & 255) + 1}`,
    spec: { ...base.spec, name: `site_${i}`, siteCidrs: [`192.168.${i}.0/24`], cloudCidrs: [`10.${100 + (i >> 8)}.${i & 255}.0/24`] },
    ...extra,
  };
}

const endpoint = (router: RouterOsEmulator, extra: Partial<RouterEndpoint> = {}): RouterEndpoint => ({
  host: router.host,
  port: router.port,
  user: "admin",
  password: PASSWORD,
  tls: { mode: "fingerprint", fingerprint: router.tls!.fingerprint256 },
  timeoutMs: 5000,
  ...extra,
});

/** Rows carrying tunnel i's marker, per menu, plus its (comment-less) profile and proposal. */
function rowsOf(router: RouterOsEmulator, i: number): Record<string, number> {
  const marker = `ros-vpc-ipsec:site_${i}`;
  const count = (path: string, match: (r: Record<string, string>) => boolean) => router.rows(path).filter(match).length;
  return {
    profile: count("/ip/ipsec/profile", (r) => r.name === `site_${i}`),
    proposal: count("/ip/ipsec/proposal", (r) => r.name === `site_${i}` && r.comment === marker),
    peer: count("/ip/ipsec/peer", (r) => r.name === `site_${i}` && r.comment === marker && r.address === hubTunnel(router, i).gatewayIp + "/32"),
    identity: count("/ip/ipsec/identity", (r) => r.peer === `site_${i}` && r.comment === marker),
    policy: count("/ip/ipsec/policy", (r) => r.comment === marker && r["src-address"] === `192.168.${i}.0/24` && r.peer === `site_${i}`),
    nat: count("/ip/firewall/nat", (r) => r.comment === marker && r["src-address"] === `192.168.${i}.0/24`),
  };
}

describe("a hub router: many tunnels from one provider process", () => {
  let router: RouterOsEmulator | undefined;
  afterEach(async () => {
    await closeAllSessions();
    await router?.stop();
    router = undefined;
  });

  it("creates 60 tunnels issued at once over one session and one login, with at most MAX_IN_FLIGHT commands outstanding", async () => {
    router = await startRouter({ version: "7.16" });
    const r = router;
    const provider = await providerFor(r);
    r.faults = { latencyMs: 5 }; // replies wait, so commands pile up exactly as far as the client lets them
    const n = 60;
    await Promise.all(Array.from({ length: n }, (_, i) => provider.create(hubTunnel(r, i))));
    r.faults = { latencyMs: 0 };
    assert.equal(r.counters.connections, 1);
    assert.equal(r.counters.peakConnections, 1);
    assert.equal(r.counters.commands["/login"], 1);
    assert.equal(r.counters.commands["/system/resource/print"], 1, "the version is read once per session");
    assert.ok(r.counters.peakInFlight <= MAX_IN_FLIGHT, `${r.counters.peakInFlight} commands in flight`);
    assert.ok(r.counters.peakInFlight >= MAX_IN_FLIGHT / 2, `only ${r.counters.peakInFlight} in flight: commands are no longer concurrent`);
    // Every tunnel has exactly its rows: nothing missing, duplicated or crossed with a neighbour's values.
    for (let i = 0; i < n; i++) assert.deepEqual(rowsOf(r, i), { profile: 1, proposal: 1, peer: 1, identity: 1, policy: 1, nat: 1 }, `site_${i}`);
    assert.equal(r.rows("/ip/ipsec/peer").length, n);
    assert.equal(r.rows("/ip/ipsec/policy").filter((p) => p.template !== "true").length, n);
    // Every bypass sits above the masquerade rule, whichever order the concurrent adds arrived in.
    const nat = r.rows("/ip/firewall/nat");
    const masquerade = nat.findIndex((x) => x.action === "masquerade");
    assert.equal(nat.slice(0, masquerade).filter((x) => x.comment?.startsWith("ros-vpc-ipsec:")).length, n);
    // The same work costs the same sentences per tunnel as a lone tunnel: 16 each, plus the login and version.
    assert.equal(r.counters.sentencesReceived, 16 * n + 2);
  });

  it("gets the same replies however many unrelated rules the router holds: the queries ask for the tunnel's rows only", async () => {
    const replies: number[] = [];
    for (const unrelated of [0, 1000]) {
      router = await startRouter({ version: "7.16" });
      for (let i = 0; i < unrelated; i++) {
        router.seed("/ip/firewall/filter", { chain: i % 2 ? "forward" : "input", action: "accept", protocol: "tcp", "dst-port": String(1024 + i), comment: `unrelated ${i}` });
        router.seed("/ip/firewall/nat", { chain: "dstnat", action: "dst-nat", protocol: "tcp", "dst-port": String(1024 + i), "to-addresses": "172.16.0.9", comment: `unrelated ${i}` });
      }
      const provider = await providerFor(router);
      router.resetCounters();
      const { outs } = await provider.create(hubTunnel(router, 1));
      await closeAllSessions();
      await provider.read("id", outs!);
      replies.push(router.counters.sentencesSent);
      await closeAllSessions();
      await router.stop();
      router = undefined;
    }
    assert.equal(replies[1], replies[0], `${replies[0]} reply sentences on a default router, ${replies[1]} with 1,000 unrelated rules in each table`);
  });

  it("replaces a lost session once for all the tunnels that find it lost at the same moment", async () => {
    router = await startRouter({ version: "7.16" });
    const r = router;
    const provider = await providerFor(r);
    const inputs = Array.from({ length: 20 }, (_, i) => hubTunnel(r, i));
    const outs = await Promise.all(inputs.map(async (x) => (await provider.create(x)).outs!));
    (await sessionFor(endpoint(r))).close(); // as if the router had dropped it
    r.resetCounters();
    await Promise.all(outs.map((o) => provider.read("id", o)));
    assert.equal(r.counters.connections, 1, "one new login, not one per tunnel");
    assert.equal(r.counters.commands["/login"], 1);
    assert.ok(r.counters.peakConnections <= 1);
  });

  it("makes one login attempt for all the tunnels waiting on it, and fails them all with it", async () => {
    router = await startRouter({ version: "7.16" });
    const r = router;
    const provider = await providerFor(r);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => provider.create(hubTunnel(r, i, { password: "wrong-password-1" }))));
    assert.ok(results.every((x) => x.status === "rejected" && /refused the login/.test(String(x.reason))));
    assert.equal(r.counters.commands["/login"], 1);
    assert.equal(r.counters.connections, 1);
  });

  it("queues commands over the bound, sends each in turn, and rejects the queue when the session is lost", async () => {
    router = await startRouter({ version: "7.16" });
    const r = router;
    const session = await RouterOsSession.open(endpoint(r, { maxInFlight: 3 }));
    r.resetCounters();
    r.faults = { latencyMs: 5 };
    const rows = await Promise.all(Array.from({ length: 30 }, () => session.print("/ip/ipsec/profile", { proplist: ["name"] })));
    assert.ok(rows.every((x) => x.some((p) => p.name === "default")));
    assert.equal(r.counters.commands["/ip/ipsec/profile/print"], 30);
    assert.equal(r.counters.peakInFlight, 3);

    r.faults = { latencyMs: 5, dropAfterSentences: 2 }; // the connection goes while most commands still queue
    const settled = await Promise.allSettled(Array.from({ length: 30 }, () => session.print("/ip/ipsec/peer")));
    r.faults = { latencyMs: 0 };
    assert.ok(settled.every((x) => x.status === "rejected" && x.reason instanceof RouterOsConnectionError));
    assert.ok((r.counters.commands["/ip/ipsec/peer/print"] ?? 0) <= 3, "queued commands were written to a lost session");
    assert.equal(session.closed, true);
  });

  it("starts a command's timeout when it is sent, not while it waits its turn", async () => {
    router = await startRouter({ version: "7.16" });
    const r = router;
    // 30 commands, 2 at a time, 50 ms each: the last is sent after ~700 ms and answered 50 ms later, well inside
    // its 500 ms, though the whole batch takes longer than that.
    const session = await RouterOsSession.open(endpoint(r, { maxInFlight: 2, timeoutMs: 500 }));
    r.faults = { latencyMs: 50 };
    const settled = await Promise.allSettled(Array.from({ length: 30 }, () => session.print("/ip/ipsec/proposal")));
    r.faults = { latencyMs: 0 };
    assert.deepEqual(settled.filter((x) => x.status === "rejected"), []);
    assert.equal(session.closed, false);
    await session.close();
  });
});
