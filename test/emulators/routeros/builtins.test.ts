// Specification of built-in and dynamic rows and of rule order: default profile/proposal/template policy,
// the fasttrack dummy rule, move and add place-before.

import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { harness, pick, type Harness } from "./harness";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const id = (x: Harness, menu: string, i: number): string => x.emu.rows(menu)[i]![".id"]!;

describe("built-in IPsec rows", () => {
  it("starts with profile default holding the defaults of reference §2", async () => {
    h = await harness();
    assert.deepEqual(await h.print("/ip/ipsec/profile", "=.proplist=name,dh-group,enc-algorithm,hash-algorithm,lifetime,nat-traversal,dpd-interval,dpd-maximum-failures,proposal-check,prf-algorithm,default"), [
      {
        name: "default",
        "hash-algorithm": "sha1",
        "enc-algorithm": "aes-128,3des",
        "dh-group": "modp2048,modp1024",
        "prf-algorithm": "auto",
        lifetime: "1d",
        "proposal-check": "obey",
        "nat-traversal": "true",
        "dpd-interval": "2m",
        "dpd-maximum-failures": "5",
        default: "true",
      },
    ]);
  });

  it("starts with proposal default and the template policy of group default", async () => {
    h = await harness();
    assert.deepEqual(pick((await h.print("/ip/ipsec/proposal"))[0], "name", "auth-algorithms", "enc-algorithms", "pfs-group", "lifetime", "default"), {
      name: "default",
      "auth-algorithms": "sha1",
      "enc-algorithms": "aes-256-cbc,aes-192-cbc,aes-128-cbc",
      "pfs-group": "modp1024",
      lifetime: "30m",
      default: "true",
    });
    const [template] = await h.print("/ip/ipsec/policy");
    assert.deepEqual(pick(template, "group", "src-address", "dst-address", "protocol", "proposal", "template", "default", "peer", "ph2-state"), {
      group: "default",
      "src-address": "::/0",
      "dst-address": "::/0",
      protocol: "all",
      proposal: "default",
      template: "true",
      default: "true",
    });
  });

  it("refuses to remove or rename a built-in row ('failure: cannot change builtin') but lets its settings change", async () => {
    h = await harness();
    const profile = id(h, "/ip/ipsec/profile", 0);
    assert.deepEqual(await h.trapOf("/ip/ipsec/profile/remove", `=.id=${profile}`), { message: "failure: cannot change builtin" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/profile/set", `=.id=${profile}`, "=name=mine"), { message: "failure: cannot change builtin" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/proposal/remove", `=.id=${id(h, "/ip/ipsec/proposal", 0)}`), { message: "failure: cannot change builtin" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/policy/remove", `=.id=${id(h, "/ip/ipsec/policy", 0)}`), { message: "failure: cannot change builtin" });
    await h.run("/ip/ipsec/profile/set", `=.id=${profile}`, "=lifetime=8h");
    assert.equal((await h.print("/ip/ipsec/profile"))[0]!.lifetime, "8h");
  });
});

describe("the fasttrack dummy rule", () => {
  it("sits dynamic at the top of filter, above the default configuration's fasttrack rule", async () => {
    h = await harness();
    const rows = await h.print("/ip/firewall/filter");
    assert.deepEqual(rows.map((r) => pick(r, "chain", "action", "comment", "dynamic", "connection-state", "hw-offload")), [
      { chain: "forward", action: "passthrough", comment: "special dummy rule to show fasttrack counters", dynamic: "true" },
      { chain: "forward", action: "fasttrack-connection", comment: "defconf: fasttrack", dynamic: "false", "connection-state": "established,related", "hw-offload": "true" },
    ]);
    assert.deepEqual((await h.print("/ip/firewall/nat")).map((r) => pick(r, "chain", "action", "out-interface-list")), [
      { chain: "srcnat", action: "masquerade", "out-interface-list": "WAN" },
    ]);
  });

  it("cannot be moved, placed before, removed or changed", async () => {
    h = await harness();
    const [dummy, fasttrack] = [id(h, "/ip/firewall/filter", 0), id(h, "/ip/firewall/filter", 1)];
    assert.deepEqual(await h.trapOf("/ip/firewall/filter/move", `=numbers=${dummy}`), { message: "failure: cannot move builtin" });
    assert.deepEqual(await h.trapOf("/ip/firewall/filter/move", `=numbers=${fasttrack}`, `=destination=${dummy}`), { message: "failure: cannot move builtin" });
    assert.deepEqual(await h.trapOf("/ip/firewall/filter/add", "=chain=forward", "=action=accept", `=place-before=${dummy}`), { message: "failure: cannot move builtin" });
    assert.deepEqual(await h.trapOf("/ip/firewall/filter/remove", `=.id=${dummy}`), { message: "failure: cannot change builtin" });
    assert.deepEqual(await h.trapOf("/ip/firewall/filter/set", `=.id=${dummy}`, "=comment=x"), { message: "failure: cannot change builtin" });
  });

  it("is absent from an empty firewall and appears (and goes) with a fasttrack rule", async () => {
    h = await harness({ defaultFirewall: false });
    assert.deepEqual(await h.print("/ip/firewall/filter"), []);
    assert.deepEqual(await h.print("/ip/firewall/nat"), []);
    const [done] = await h.run("/ip/firewall/filter/add", "=chain=forward", "=action=fasttrack-connection", "=connection-state=related,established");
    assert.deepEqual((await h.print("/ip/firewall/filter")).map((r) => r.action), ["passthrough", "fasttrack-connection"]);
    await h.run("/ip/firewall/filter/remove", `=.id=${done!.attrs.ret}`);
    assert.deepEqual(await h.print("/ip/firewall/filter"), []);
  });
});

describe("rule order", () => {
  async function three(x: Harness): Promise<string[]> {
    const ids: string[] = [];
    for (const c of ["a", "b", "c"]) ids.push((await x.run("/ip/firewall/raw/add", "=chain=prerouting", "=action=notrack", `=comment=${c}`))[0]!.attrs.ret!);
    return ids;
  }
  const order = async (x: Harness): Promise<string[]> => (await x.print("/ip/firewall/raw")).map((r) => r.comment!);

  it("add appends, and add place-before=<id> inserts before that rule", async () => {
    h = await harness();
    const [, b] = await three(h);
    await h.run("/ip/firewall/raw/add", "=chain=prerouting", "=action=notrack", "=comment=x", `=place-before=${b}`);
    assert.deepEqual(await order(h), ["a", "x", "b", "c"]);
  });

  it("move puts the rules before the destination, in the order given", async () => {
    h = await harness();
    const [a, b, c] = await three(h);
    await h.run("/ip/firewall/raw/move", `=numbers=${c},${b}`, `=destination=${a}`);
    assert.deepEqual(await order(h), ["c", "b", "a"]);
  });

  it("move without destination puts the rule at the end", async () => {
    h = await harness();
    const [a] = await three(h);
    await h.run("/ip/firewall/raw/move", `=numbers=${a}`);
    assert.deepEqual(await order(h), ["b", "c", "a"]);
  });

  it("puts a NAT bypass above the masquerade with place-before", async () => {
    h = await harness();
    const masquerade = id(h, "/ip/firewall/nat", 0);
    await h.run("/ip/firewall/nat/add", "=chain=srcnat", "=action=accept", "=src-address=192.168.1.0/24", "=dst-address=10.100.1.0/24", `=place-before=${masquerade}`);
    assert.deepEqual((await h.print("/ip/firewall/nat")).map((r) => r.action), ["accept", "masquerade"]);
  });

  it("refuses place-before of a missing id, and a position number instead of an id", async () => {
    h = await harness();
    assert.deepEqual(await h.trapOf("/ip/firewall/nat/add", "=chain=srcnat", "=place-before=*FFFF"), { message: "no such item (4)" });
    assert.deepEqual(await h.trapOf("/ip/firewall/nat/add", "=chain=srcnat", "=place-before=0"), { message: "no such item (4)" });
  });

  it("has no place-before on unordered menus", async () => {
    h = await harness();
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1", "=place-before=*1"), { message: "unknown parameter place-before" });
  });
});
