// The provider in the situations a real router puts it in: dynamic rows, hand-made tunnels, interrupted creates,
// other RouterOS versions, hidden secrets, and two tunnels changing one router at once.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import type { RouterOsEmulator } from "../emulators/routeros";
import { closeAllSessions, providerFor, startRouter, tunnelInputs, writes } from "../helpers/router";

const MARKER = "ros-vpc-ipsec:to_tencent";
const routers: RouterOsEmulator[] = [];
async function router(options: Parameters<typeof startRouter>[0] = {}): Promise<RouterOsEmulator> {
  const r = await startRouter(options);
  routers.push(r);
  return r;
}
afterEach(async () => {
  await closeAllSessions();
  await Promise.all(routers.splice(0).map((r) => r.stop()));
});

/** The router's IPsec and firewall rows, without ids, for comparing two routers. */
function tunnelRows(r: RouterOsEmulator): string[] {
  return ["/ip/ipsec/profile", "/ip/ipsec/peer", "/ip/ipsec/identity", "/ip/ipsec/proposal", "/ip/ipsec/policy", "/ip/firewall/nat", "/ip/firewall/filter"].flatMap((menu) =>
    r.rows(menu).map((row) => {
      const { ".id": _id, ...rest } = row;
      return `${menu} ${JSON.stringify(rest)}`;
    }),
  );
}

describe("NAT bypass placement", () => {
  it("goes above the first static masquerade, never before a dynamic row", async () => {
    const r = await router({ defaultFirewall: true });
    const dynamic = r.seed("/ip/firewall/nat", { chain: "srcnat", action: "masquerade", comment: "hotspot" }, { dynamic: true, placeBefore: r.rows("/ip/firewall/nat")[0]?.[".id"] });
    await (await providerFor(r)).create(tunnelInputs(r));
    const nat = r.rows("/ip/firewall/nat");
    assert.equal(nat[0]?.[".id"], dynamic, "the dynamic row stays first");
    const mine = nat.findIndex((x) => x.comment === MARKER);
    const masquerade = nat.findIndex((x, i) => i > 0 && x.action === "masquerade");
    assert.ok(mine > 0 && mine < masquerade, JSON.stringify(nat));
  });

  it("moves the bypass back above masquerade when someone moved masquerade to the top", async () => {
    const r = await router();
    const provider = await providerFor(r);
    const outs = (await provider.create(tunnelInputs(r))).outs!;
    const masquerade = r.rows("/ip/firewall/nat").find((x) => x.action === "masquerade")!;
    r.removeRow("/ip/firewall/nat", masquerade[".id"]!);
    r.seed("/ip/firewall/nat", { chain: "srcnat", action: "masquerade", "out-interface-list": "WAN" }, { placeBefore: r.rows("/ip/firewall/nat")[0]?.[".id"] });
    const refreshed = (await provider.read("id", outs)).props!;
    assert.deepEqual(refreshed.outOfOrder, ["nat srcnat|192.168.1.0/24|10.100.1.0/24"]);
    assert.equal((await provider.diff("id", refreshed, tunnelInputs(r))).changes, true);
    r.resetCounters();
    await provider.update("id", refreshed, tunnelInputs(r));
    assert.deepEqual(writes(r), { "/ip/firewall/nat/move": 1 });
    const nat = r.rows("/ip/firewall/nat");
    assert.ok(nat.findIndex((x) => x.comment === MARKER) < nat.findIndex((x) => x.action === "masquerade"));
  });

  it("puts the FastTrack bypass above the fasttrack rule", async () => {
    const r = await router();
    await (await providerFor(r)).create(tunnelInputs(r, "secure", { spec: { ...tunnelInputs(r, "secure").spec, router: { fastTrackBypass: "filter" } } }));
    const filter = r.rows("/ip/firewall/filter");
    const fasttrack = filter.findIndex((x) => x.action === "fasttrack-connection");
    const mine = filter.map((x, i) => (x.comment === MARKER ? i : -1)).filter((i) => i >= 0);
    assert.equal(mine.length, 2);
    assert.ok(mine.every((i) => i < fasttrack && i > 0), JSON.stringify(filter));
  });
});

describe("ownership", () => {
  const handMade = (r: RouterOsEmulator) => {
    r.seed("/ip/ipsec/profile", { name: "to_tencent", "dh-group": "modp768", "hash-algorithm": "md5", "enc-algorithm": "aes-128" });
    r.seed("/ip/ipsec/peer", { name: "to_tencent", address: "119.91.254.122", profile: "to_tencent", "exchange-mode": "main" });
    r.seed("/ip/ipsec/identity", { peer: "to_tencent", "auth-method": "pre-shared-key", secret: "123456" });
    r.seed("/ip/ipsec/proposal", { name: "to_tencent", "auth-algorithms": "md5", "enc-algorithms": "aes-128-cbc", "pfs-group": "none" });
    r.seed("/ip/ipsec/policy", { peer: "to_tencent", tunnel: "yes", "src-address": "192.168.1.0/24", "dst-address": "10.100.1.0/24", proposal: "to_tencent" });
  };

  it("refuses to touch a tunnel made by hand, changing nothing and saying how to take it over", async () => {
    const r = await router();
    handMade(r);
    const before = tunnelRows(r);
    r.resetCounters();
    await assert.rejects((await providerFor(r)).create(tunnelInputs(r)), /did not create: .*peer to_tencent.*Nothing was changed.*adopt: true/);
    assert.deepEqual(writes(r), {});
    assert.deepEqual(tunnelRows(r), before);
  });

  it("takes over a tunnel made by hand with adopt: no duplicates, every row marked", async () => {
    const r = await router();
    handMade(r);
    await (await providerFor(r)).create(tunnelInputs(r, "article", { adopt: true }));
    for (const menu of ["peer", "identity", "policy"]) {
      const rows = r.rows(`/ip/ipsec/${menu}`).filter((x) => x.name === "to_tencent" || x.peer === "to_tencent");
      assert.equal(rows.length, 1, menu);
      assert.equal(rows[0]?.comment, MARKER, menu);
    }
    assert.equal(r.rows("/ip/ipsec/profile").filter((x) => x.name === "to_tencent").length, 1);
  });

  it("sees a hand-made NAT bypass for a single host (the firewall prints its /32 bare): refused, then adopted, never duplicated", async () => {
    const r = await router();
    const inputs = tunnelInputs(r);
    const host = { ...inputs, spec: { ...inputs.spec, siteCidrs: ["192.168.1.5/32"] } } as typeof inputs;
    const masquerade = r.rows("/ip/firewall/nat")[0]![".id"];
    r.seed("/ip/firewall/nat", { chain: "srcnat", action: "accept", "src-address": "192.168.1.5/32", "dst-address": "10.100.1.0/24" }, { placeBefore: masquerade });
    r.resetCounters();
    await assert.rejects((await providerFor(r)).create(host), /did not create: nat srcnat\|192\.168\.1\.5\/32\|10\.100\.1\.0\/24/);
    assert.deepEqual(writes(r), {});
    await (await providerFor(r)).create({ ...host, adopt: true });
    const bypass = r.rows("/ip/firewall/nat").filter((x) => x.action === "accept");
    assert.deepEqual(bypass.map((x) => [x["src-address"], x.comment]), [["192.168.1.5", MARKER]]);
  });

  it("leaves other tunnels' and the user's rows alone on delete", async () => {
    const r = await router();
    const provider = await providerFor(r);
    const mine = (await provider.create(tunnelInputs(r))).outs!;
    const other = tunnelInputs(r, "secure");
    await provider.create({ ...other, spec: { ...other.spec, name: "to_hq", siteCidrs: ["192.168.9.0/24"], cloudCidrs: ["10.9.0.0/16"] } });
    const otherRows = tunnelRows(r).filter((row) => row.includes("to_hq"));
    await provider.delete("id", mine);
    assert.deepEqual(tunnelRows(r).filter((row) => row.includes("to_hq")), otherRows);
    assert.ok(!tunnelRows(r).some((row) => row.includes(MARKER)));
  });
});

describe("an interrupted create", () => {
  it("is finished by the rerun wherever the connection dropped: same rows as an uninterrupted create, no duplicates", async () => {
    const reference = await router();
    await (await providerFor(reference)).create(tunnelInputs(reference));
    const expected = tunnelRows(reference);
    let interrupted = 0;
    for (let sentence = 12; sentence <= 22; sentence++) {
      const r = await router();
      r.faults = { latencyMs: 0, dropAfterSentences: sentence, dropExecutesLast: true };
      const first = await (await providerFor(r)).create(tunnelInputs(r)).then(
        () => "completed",
        (e: Error) => e.message,
      );
      if (first !== "completed") {
        interrupted++;
        assert.match(first, /rerunning is safe/);
      }
      r.faults = { latencyMs: 0 };
      await closeAllSessions();
      await (await providerFor(r)).create(tunnelInputs(r));
      assert.deepEqual(tunnelRows(r), expected, `dropped at sentence ${sentence}`);
    }
    assert.ok(interrupted >= 5, `only ${interrupted} creates were actually interrupted`);
  });
});

describe("RouterOS versions", () => {
  for (const version of ["6.49.10", "7.12", "7.18.2"]) {
    it(`creates, updates without writes, and deletes on RouterOS ${version}`, async () => {
      const r = await router({ version, tls: version !== "6.49.10" });
      const provider = await providerFor(r);
      const outs = (await provider.create(tunnelInputs(r))).outs!;
      assert.equal(outs.routerVersion, version);
      const proposal = r.rows("/ip/ipsec/proposal").find((x) => x.name === "to_tencent");
      assert.equal(proposal?.comment, version === "7.18.2" ? MARKER : undefined, "proposal comments exist from 7.15");
      r.resetCounters();
      await provider.update("id", outs, tunnelInputs(r));
      assert.deepEqual(writes(r), {});
      await provider.delete("id", outs);
      assert.ok(!r.rows("/ip/ipsec/proposal").some((x) => x.name === "to_tencent"));
    });
  }
});

describe("the pre-shared key", () => {
  it("is rewritten when it changes even though the router hides it", async () => {
    const r = await router({ sensitivePolicy: false });
    const provider = await providerFor(r);
    const outs = (await provider.create(tunnelInputs(r))).outs!;
    const news = { ...tunnelInputs(r), preSharedKey: "654321" };
    assert.equal((await provider.diff("id", outs, news)).changes, true);
    r.resetCounters();
    await provider.update("id", outs, news);
    assert.deepEqual(writes(r), { "/ip/ipsec/identity/set": 1 });
    assert.equal(r.rows("/ip/ipsec/identity").find((x) => x.comment === MARKER)?.secret, "654321");
  });

  it("changed on the router is found by read when the API user may see secrets", async () => {
    const r = await router({ sensitivePolicy: true });
    const provider = await providerFor(r);
    const outs = (await provider.create(tunnelInputs(r))).outs!;
    const identity = r.rows("/ip/ipsec/identity").find((x) => x.comment === MARKER)!;
    r.update("/ip/ipsec/identity", identity[".id"]!, { secret: "tampered" });
    const read = (await provider.read("id", outs)).props!;
    assert.deepEqual(read.drift, ["identity to_tencent: secret changed on the router"]);
    assert.ok(!JSON.stringify(read.rows).includes("tampered"));
  });
});

describe("two tunnels changing one router at once", () => {
  it("never corrupt each other's rows and share one API session", async () => {
    const r = await router();
    const provider = await providerFor(r);
    r.faults = { latencyMs: 5 };
    const specs = Array.from({ length: 6 }, (_, i) => {
      const base = tunnelInputs(r, "secure");
      return { ...base, spec: { ...base.spec, name: `site-${i}`, siteCidrs: [`192.168.${i}.0/24`], cloudCidrs: [`10.${i}.0.0/16`] } };
    });
    r.resetCounters();
    await Promise.all(specs.map((s) => provider.create(s)));
    assert.equal(r.counters.peakConnections, 1);
    for (let i = 0; i < 6; i++) {
      const marker = `ros-vpc-ipsec:site-${i}`;
      const policies = r.rows("/ip/ipsec/policy").filter((x) => x.comment === marker);
      assert.deepEqual(policies.map((p) => `${p["src-address"]}>${p["dst-address"]}`), [`192.168.${i}.0/24>10.${i}.0.0/16`]);
      assert.equal(r.rows("/ip/firewall/nat").filter((x) => x.comment === marker).length, 1);
    }
    const nat = r.rows("/ip/firewall/nat");
    const masquerade = nat.findIndex((x) => x.action === "masquerade");
    assert.ok(nat.every((x, i) => !x.comment?.startsWith("ros-vpc-ipsec:") || i < masquerade));
  });
});

describe("RouterOS before 6.43", () => {
  it("is refused with the version and the fix, writing nothing", async () => {
    const r = await router({ version: "6.42.12", tls: false });
    r.resetCounters();
    await assert.rejects((await providerFor(r)).create(tunnelInputs(r)), /RouterOS 6\.42\.12; ros-vpc-ipsec needs 6\.43 or later .*upgrade RouterOS/);
    assert.deepEqual(writes(r), {});
  });
});

describe("a replacement (a new name)", () => {
  it("ends with exactly the new tunnel's rows, as the engine runs it: the old one deleted first", async () => {
    const r = await router();
    const provider = await providerFor(r);
    const old = (await provider.create(tunnelInputs(r))).outs!;
    const renamed = tunnelInputs(r);
    renamed.spec = { ...renamed.spec, name: "to_tencent_b" };
    assert.equal((await provider.diff("id", old, renamed)).deleteBeforeReplace, true);
    await provider.delete("id", old);
    await provider.create(renamed);
    assert.deepEqual(r.rows("/ip/ipsec/peer").filter((p) => p.comment?.startsWith("ros-vpc-ipsec:")).map((p) => p.name), ["to_tencent_b"]);
    assert.equal(r.rows("/ip/firewall/nat").filter((x) => x.comment?.startsWith("ros-vpc-ipsec:")).length, 1);
  });
});
