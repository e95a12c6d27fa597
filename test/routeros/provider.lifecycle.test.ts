import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { TunnelOutputs } from "../../src/routeros/inputs";
import type { RouterOsEmulator } from "../emulators/routeros";
import { closeAllSessions, providerFor, startRouter, tunnelInputs, writes } from "../helpers/router";

const MARKER = "ros-vpc-ipsec:to_tencent";

describe("RouterOsIpsecTunnel provider against the emulator (RouterOS 7.16, api-ssl pinned)", () => {
  let router: RouterOsEmulator;
  let outs: TunnelOutputs;
  before(async () => {
    router = await startRouter({ version: "7.16" });
  });
  after(async () => {
    await closeAllSessions();
    await router.stop();
  });
  beforeEach(() => router.resetCounters());

  it("creates the article's profile, peer, identity, proposal, policy and NAT bypass, all marked", async () => {
    const provider = await providerFor(router);
    const created = await provider.create(tunnelInputs(router));
    outs = created.outs!;
    assert.equal(created.id, `127.0.0.1:${router.port}/to_tencent`);
    const profile = router.rows("/ip/ipsec/profile").find((r) => r.name === "to_tencent");
    assert.deepEqual([profile?.["dh-group"], profile?.["hash-algorithm"], profile?.["enc-algorithm"]], ["modp768", "md5", "aes-128"]);
    const peer = router.rows("/ip/ipsec/peer").find((r) => r.name === "to_tencent");
    assert.deepEqual([peer?.address, peer?.["exchange-mode"], peer?.comment], ["119.91.254.122/32", "main", MARKER]);
    const identity = router.rows("/ip/ipsec/identity").find((r) => r.peer === "to_tencent");
    assert.deepEqual([identity?.secret, identity?.comment], ["123456", MARKER]);
    const policy = router.rows("/ip/ipsec/policy").find((r) => r.comment === MARKER);
    assert.deepEqual([policy?.["src-address"], policy?.["dst-address"], policy?.tunnel, policy?.proposal], ["192.168.1.0/24", "10.100.1.0/24", "true", "to_tencent"]);
    assert.equal(outs.routerVersion, "7.16");
    assert.ok(!JSON.stringify(outs.rows).includes("123456"), "the key must not be kept in the rows output");
  });

  it("places the NAT bypass above the default configuration's masquerade rule", () => {
    const nat = router.rows("/ip/firewall/nat");
    const mine = nat.findIndex((r) => r.comment === MARKER);
    const masquerade = nat.findIndex((r) => r.action === "masquerade");
    assert.ok(mine >= 0 && masquerade >= 0 && mine < masquerade, JSON.stringify(nat));
  });

  it("diffs offline: the same inputs are no change, and a diff sends nothing to the router", async () => {
    const provider = await providerFor(router);
    const diff = await provider.diff("id", outs, tunnelInputs(router));
    assert.equal(diff.changes, false);
    assert.equal(router.counters.sentencesReceived, 0);
  });

  it("writes nothing on a no-op update", async () => {
    const provider = await providerFor(router);
    await provider.update("id", outs, tunnelInputs(router));
    assert.deepEqual(writes(router), {});
  });

  it("writes exactly the changed field on an update", async () => {
    const provider = await providerFor(router);
    const inputs = tunnelInputs(router);
    const news = { ...inputs, spec: { ...inputs.spec, ike: { version: "ikev1", exchangeMode: "main", encryption: "aes-128-cbc", integrity: "md5", dhGroup: 2 } } } as typeof inputs;
    assert.equal((await provider.diff("id", outs, news)).changes, true);
    outs = (await provider.update("id", outs, news)).outs!;
    assert.deepEqual(writes(router), { "/ip/ipsec/profile/set": 1 });
    assert.equal(router.rows("/ip/ipsec/profile").find((r) => r.name === "to_tencent")?.["dh-group"], "modp1024");
    assert.equal((await provider.diff("id", outs, news)).changes, false);
  });

  it("reports drift on read and repairs it on the next update", async () => {
    const provider = await providerFor(router);
    const peer = router.rows("/ip/ipsec/peer").find((r) => r.name === "to_tencent")!;
    router.update("/ip/ipsec/peer", peer[".id"]!, { "exchange-mode": "aggressive" });
    const nat = router.rows("/ip/firewall/nat").find((r) => r.comment === MARKER)!;
    router.removeRow("/ip/firewall/nat", nat[".id"]!);
    const read = await provider.read("id", outs);
    const refreshed = read.props!;
    assert.deepEqual(refreshed.drift.sort(), [
      "nat srcnat|192.168.1.0/24|10.100.1.0/24: missing from the router",
      "peer to_tencent: exchange-mode changed on the router",
    ]);
    const news = read.inputs as unknown as typeof outs;
    assert.equal((await provider.diff("id", refreshed, news)).changes, true);
    router.resetCounters();
    await provider.update("id", refreshed, news);
    assert.deepEqual(writes(router), { "/ip/ipsec/peer/set": 1, "/ip/firewall/nat/add": 1 });
    const repaired = (await provider.read("id", refreshed)).props!;
    assert.deepEqual(repaired.drift, []);
  });

  it("deletes exactly its rows, and succeeds again when they are already gone", async () => {
    const provider = await providerFor(router);
    const before = { nat: router.rows("/ip/firewall/nat").length, filter: router.rows("/ip/firewall/filter").length };
    await provider.delete("id", outs);
    for (const menu of ["profile", "peer", "identity", "proposal", "policy"]) {
      assert.ok(!router.rows(`/ip/ipsec/${menu}`).some((r) => r.name === "to_tencent" || r.comment === MARKER), menu);
    }
    assert.equal(router.rows("/ip/firewall/nat").length, before.nat - 1);
    assert.equal(router.rows("/ip/firewall/filter").length, before.filter);
    assert.ok(router.rows("/ip/ipsec/profile").some((r) => r.name === "default"), "built-in profile kept");
    router.resetCounters();
    await provider.delete("id", outs);
    assert.deepEqual(writes(router), {});
  });
});

describe("the tunnel's status", () => {
  it("reports the established peer, its SAs and each policy's phase 2, and can wait for it", async () => {
    const router = await startRouter({ version: "7.16" });
    try {
      const provider = await providerFor(router);
      const inputs = tunnelInputs(router, "secure");
      const created = (await provider.create(inputs)).outs!;
      assert.equal(created.status.peerState, "down");
      assert.deepEqual(created.status.policies.map((p) => p.ph2State), ["no-phase2"]);
      router.setNegotiation("to_tencent", { state: "established", initiator: "local" });
      const read = (await provider.read("id", created)).props!;
      assert.equal(read.status.peerState, "established");
      assert.equal(read.status.installedSas, 2);
      assert.deepEqual(read.status.policies.map((p) => [p.ph2State, p.active]), [["established", true]]);
      const waited = (await provider.update("id", read, { ...inputs, waitForEstablishedSeconds: 5 })).outs!;
      assert.equal(waited.status.peerState, "established");
    } finally {
      await closeAllSessions();
      await router.stop();
    }
  });

  it("gives up waiting with the peer's state and the next step", async () => {
    const router = await startRouter({ version: "7.16" });
    try {
      const provider = await providerFor(router);
      await assert.rejects(provider.create(tunnelInputs(router, "secure", { waitForEstablishedSeconds: 1 })), /not established after 1 s \(peer state: down\).*ros-vpc-ipsec doctor/);
      assert.ok(router.rows("/ip/ipsec/peer").some((r) => r.name === "to_tencent"), "the rows stay in place");
    } finally {
      await closeAllSessions();
      await router.stop();
    }
  });
});
