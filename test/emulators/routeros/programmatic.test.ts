// Specification of the programmatic API tests and labs use: rows, seed (strict or dynamic), update (drift), removeRow.

import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { harness, pick, type Harness } from "./harness";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("rows", () => {
  it("returns every row as print shows it, with .id and sensitive values, in table order", async () => {
    h = await harness();
    h.emu.seed("/ip/ipsec/peer", { name: "p", address: "1.1.1.1" });
    const id = h.emu.seed("/ip/ipsec/identity", { peer: "p", secret: "top", comment: "中文" });
    assert.deepEqual(pick(h.emu.rows("/ip/ipsec/identity")[0], ".id", "peer", "secret", "comment"), { ".id": id, peer: "p", secret: "top", comment: "中文" });
  });

  it("shows singleton menus without .id", async () => {
    h = await harness({ boardName: "CHR" });
    assert.equal(h.emu.rows("/system/resource")[0]!["board-name"], "CHR");
    assert.equal(".id" in h.emu.rows("/system/resource")[0]!, false);
  });
});

describe("seed", () => {
  it("applies the same checks as an API add to ordinary rows", async () => {
    h = await harness();
    assert.throws(() => h!.emu.seed("/ip/ipsec/peer", { name: "p", address: "1.1.1.1", profile: "nope" }), /input does not match any value of profile/);
    assert.throws(() => h!.emu.seed("/ip/ipsec/peer", { name: "p" }), /address must be specified/);
  });

  it("stores dynamic rows as given, which the API then cannot remove from configuration menus", async () => {
    h = await harness();
    const id = h.emu.seed("/ip/ipsec/policy", { "src-address": "10.0.0.0/8", "dst-address": "10.1.0.0/16", peer: "x" }, { dynamic: true });
    assert.equal(pick(h.emu.rows("/ip/ipsec/policy").find((r) => r[".id"] === id), "dynamic")["dynamic"], "true");
    assert.deepEqual(await h.trapOf("/ip/ipsec/policy/remove", `=.id=${id}`), { message: "failure: cannot change builtin" });
  });

  it("seeds connection-tracking rows that the API can clear", async () => {
    h = await harness();
    const id = h.emu.seed("/ip/firewall/connection", { protocol: "udp", "src-address": "192.168.1.10:5000", "dst-address": "10.100.1.5:53" }, { dynamic: true });
    assert.deepEqual((await h.print("/ip/firewall/connection", "?src-address=192.168.1.10:5000")).map((r) => r[".id"]), [id]);
    await h.run("/ip/firewall/connection/remove", `=.id=${id}`);
    assert.deepEqual(await h.print("/ip/firewall/connection"), []);
  });

  it("places a seeded rule before another", async () => {
    h = await harness();
    const masquerade = h.emu.rows("/ip/firewall/nat")[0]![".id"]!;
    h.emu.seed("/ip/firewall/nat", { chain: "srcnat", action: "accept", comment: "bypass" }, { placeBefore: masquerade });
    assert.deepEqual(h.emu.rows("/ip/firewall/nat").map((r) => r.action), ["accept", "masquerade"]);
  });
});

describe("drift", () => {
  it("update edits a row out of band, normalised like a set", async () => {
    h = await harness();
    const id = h.emu.seed("/ip/ipsec/profile", { name: "p" });
    h.emu.update("/ip/ipsec/profile", id, { lifetime: "48h", "dh-group": "modp1024,ecp256" });
    assert.deepEqual(pick((await h.print("/ip/ipsec/profile", "?name=p"))[0], "lifetime", "dh-group"), { lifetime: "2d", "dh-group": "ecp256,modp1024" });
    assert.throws(() => h!.emu.update("/ip/ipsec/profile", id, { "dh-group": "modp1" }), /input does not match any value of dh-group/);
  });

  it("removeRow deletes without checks, leaving references dangling as the bare .id", async () => {
    h = await harness();
    const profile = h.emu.seed("/ip/ipsec/profile", { name: "p" });
    h.emu.seed("/ip/ipsec/peer", { name: "p", address: "1.1.1.1", profile: "p" });
    h.emu.removeRow("/ip/ipsec/profile", profile);
    assert.equal((await h.print("/ip/ipsec/peer"))[0]!.profile, profile);
    assert.throws(() => h!.emu.removeRow("/ip/ipsec/profile", profile), /has no row/);
  });
});
