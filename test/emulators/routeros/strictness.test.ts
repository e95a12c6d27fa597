// Specification of RouterOS's refusals: unknown/read-only parameters, values outside the set, missing references,
// duplicates, in-use removal, missing .id, required fields, sensitive values. Each test shows the exact !trap.

import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { harness, type Harness } from "./harness";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function tunnel(x: Harness): Promise<{ profile: string; peer: string; identity: string; proposal: string; policy: string }> {
  const ret = async (...w: string[]): Promise<string> => (await x.run(...w))[0]!.attrs.ret!;
  const profile = await ret("/ip/ipsec/profile/add", "=name=t");
  const peer = await ret("/ip/ipsec/peer/add", "=name=t", "=address=119.91.254.122", "=profile=t");
  const identity = await ret("/ip/ipsec/identity/add", "=peer=t", "=secret=s3cret");
  const proposal = await ret("/ip/ipsec/proposal/add", "=name=t");
  const policy = await ret("/ip/ipsec/policy/add", "=peer=t", "=tunnel=yes", "=src-address=192.168.1.0/24", "=dst-address=10.100.1.0/24", "=proposal=t");
  return { profile, peer, identity, proposal, policy };
}

describe("parameters", () => {
  it("refuses an unknown parameter, naming it on RouterOS 7", async () => {
    h = await harness({ version: "7.16" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1", "=ike-version=2"), { message: "unknown parameter ike-version" });
  });

  it("refuses an unknown parameter without naming it on RouterOS 6", async () => {
    h = await harness({ version: "6.49" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1", "=ike-version=2"), { message: "unknown parameter" });
  });

  it("refuses read-only fields on add and set as unknown parameters", async () => {
    h = await harness();
    const { policy } = await tunnel(h);
    assert.deepEqual(await h.trapOf("/ip/ipsec/policy/set", `=.id=${policy}`, "=ph2-state=established"), { message: "unknown parameter ph2-state" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/profile/add", "=name=x", "=default=yes"), { message: "unknown parameter default" });
    assert.deepEqual(await h.trapOf("/ip/firewall/filter/add", "=chain=forward", "=bytes=0"), { message: "unknown parameter bytes" });
  });

  it("refuses place-before on set ('unknown parameter place-before')", async () => {
    h = await harness();
    const [rule] = h.emu.rows("/ip/firewall/nat");
    assert.deepEqual(await h.trapOf("/ip/firewall/nat/set", `=.id=${rule![".id"]}`, `=place-before=${rule![".id"]}`), { message: "unknown parameter place-before" });
  });
});

describe("values", () => {
  it("refuses a value outside the allowed set with category 1 'input does not match any value of <field>'", async () => {
    h = await harness();
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1", "=exchange-mode=ikev2"), {
      category: "1",
      message: "input does not match any value of exchange-mode",
    });
    assert.deepEqual(await h.trapOf("/ip/ipsec/profile/add", "=name=p", "=dh-group=modp2048,modp999"), {
      category: "1",
      message: "input does not match any value of dh-group",
    });
  });

  it("refuses a reference to a missing profile, peer or proposal the same way", async () => {
    h = await harness();
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1", "=profile=nope"), {
      category: "1",
      message: "input does not match any value of profile",
    });
    assert.deepEqual(await h.trapOf("/ip/ipsec/identity/add", "=peer=nope", "=secret=x"), { category: "1", message: "input does not match any value of peer" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/policy/add", "=src-address=1.0.0.0/8", "=dst-address=2.0.0.0/8", "=proposal=nope"), {
      category: "1",
      message: "input does not match any value of proposal",
    });
  });

  it("shows references by name and follows a rename of the referenced row", async () => {
    h = await harness();
    const { profile, peer } = await tunnel(h);
    await h.run("/ip/ipsec/profile/set", `=.id=${profile}`, "=name=renamed");
    assert.equal((await h.print("/ip/ipsec/peer", `?.id=${peer}`))[0]!.profile, "renamed");
  });
});

describe("rows", () => {
  it("refuses a second row with the same name ('failure: entry already exists')", async () => {
    h = await harness();
    await h.run("/ip/ipsec/proposal/add", "=name=p");
    assert.deepEqual(await h.trapOf("/ip/ipsec/proposal/add", "=name=p"), { message: "failure: entry already exists" });
    const id = (await h.run("/ip/ipsec/proposal/add", "=name=q"))[0]!.attrs.ret!;
    assert.deepEqual(await h.trapOf("/ip/ipsec/proposal/set", `=.id=${id}`, "=name=p"), { message: "failure: entry already exists" });
  });

  it("refuses a second policy with the same selectors (assumed 'failure: entry already exists')", async () => {
    h = await harness();
    await tunnel(h);
    assert.deepEqual(await h.trapOf("/ip/ipsec/policy/add", "=peer=t", "=tunnel=yes", "=src-address=192.168.1.0/24", "=dst-address=10.100.1.0/24", "=src-port=any"), {
      message: "failure: entry already exists",
    });
    assert.equal((await h.run("/ip/ipsec/policy/add", "=peer=t", "=tunnel=yes", "=src-address=192.168.2.0/24", "=dst-address=10.100.1.0/24"))[0]!.type, "!done");
  });

  it("refuses to remove a profile, proposal or peer that is still referenced", async () => {
    h = await harness();
    const t = await tunnel(h);
    assert.deepEqual(await h.trapOf("/ip/ipsec/profile/remove", `=.id=${t.profile}`), { message: 'failure: profile "t" is in use by peer "t"' });
    assert.deepEqual(await h.trapOf("/ip/ipsec/proposal/remove", `=.id=${t.proposal}`), { message: `failure: proposal "t" is in use by policy "${t.policy}"` });
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/remove", `=.id=${t.peer}`), { message: `failure: peer "t" is in use by identity "${t.identity}"` });
  });

  it("removes a tunnel once every row referring to it is gone", async () => {
    h = await harness();
    const t = await tunnel(h);
    await h.run("/ip/ipsec/policy/remove", `=.id=${t.policy}`);
    await h.run("/ip/ipsec/identity/remove", `=numbers=${t.identity}`);
    await h.run("/ip/ipsec/peer/remove", `=.id=${t.peer}`);
    const both = await h.run("/ip/ipsec/profile/remove", `=.id=${t.profile}`);
    assert.deepEqual(both.map((r) => r.type), ["!done"]);
    assert.deepEqual((await h.print("/ip/ipsec/peer")).length, 0);
  });

  it("answers set/remove of a missing .id with 'no such item (4)', and names are not ids", async () => {
    h = await harness();
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/set", "=.id=*FFFF", "=comment=x"), { message: "no such item (4)" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/remove", "=.id=*FFFF"), { message: "no such item (4)" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/profile/remove", "=numbers=default"), { message: "no such item (4)" });
  });

  it("removes several rows given as comma-separated ids in =numbers=", async () => {
    h = await harness();
    const a = (await h.run("/ip/ipsec/proposal/add", "=name=a"))[0]!.attrs.ret!;
    const b = (await h.run("/ip/ipsec/proposal/add", "=name=b"))[0]!.attrs.ret!;
    await h.run("/ip/ipsec/proposal/remove", `=numbers=${a},${b}`);
    assert.deepEqual((await h.print("/ip/ipsec/proposal")).map((r) => r.name), ["default"]);
  });

  it("changes nothing when one of several ids is missing", async () => {
    h = await harness();
    const a = (await h.run("/ip/ipsec/proposal/add", "=name=a"))[0]!.attrs.ret!;
    assert.deepEqual(await h.trapOf("/ip/ipsec/proposal/set", `=numbers=${a},*FFFF`, "=lifetime=1h"), { message: "no such item (4)" });
    assert.equal((await h.print("/ip/ipsec/proposal", "?name=a"))[0]!.lifetime, "30m");
  });

  it("refuses set without =.id= or =numbers=", async () => {
    h = await harness();
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/set", "=comment=x"), { message: "missing value(s) of argument(s) numbers" });
  });
});

describe("required fields", () => {
  const cases: Array<[string, string[], string]> = [
    ["peer address", ["/ip/ipsec/peer/add", "=name=p"], "address"],
    ["peer name", ["/ip/ipsec/peer/add", "=address=1.1.1.1"], "name"],
    ["identity peer", ["/ip/ipsec/identity/add", "=secret=x"], "peer"],
    ["profile name", ["/ip/ipsec/profile/add", "=dh-group=modp2048"], "name"],
    ["policy src-address", ["/ip/ipsec/policy/add", "=dst-address=10.0.0.0/8"], "src-address"],
    ["firewall chain", ["/ip/firewall/nat/add", "=action=accept"], "chain"],
    ["ip address interface", ["/ip/address/add", "=address=10.0.0.1/24"], "interface"],
  ];
  for (const [what, words, field] of cases) {
    it(`refuses an add without the ${what} ('failure: ${field} must be specified')`, async () => {
      h = await harness();
      assert.deepEqual(await h.trapOf(...words), { message: `failure: ${field} must be specified` });
    });
  }

  it("requires a secret only for pre-shared-key identities", async () => {
    h = await harness();
    await h.run("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1");
    assert.deepEqual(await h.trapOf("/ip/ipsec/identity/add", "=peer=p"), { message: "failure: secret must be specified" });
    assert.deepEqual((await h.run("/ip/ipsec/identity/add", "=peer=p", "=auth-method=rsa-signature"))[0]!.type, "!done");
  });

  it("requires a peer only on tunnel policies", async () => {
    h = await harness();
    assert.deepEqual(await h.trapOf("/ip/ipsec/policy/add", "=tunnel=yes", "=src-address=1.0.0.0/8", "=dst-address=2.0.0.0/8"), {
      message: "failure: peer must be specified",
    });
    const ok = await h.run("/ip/ipsec/policy/add", "=action=none", "=src-address=1.0.0.0/8", "=dst-address=2.0.0.0/8");
    assert.equal(ok[0]!.type, "!done");
  });

  it("refuses to unset a required field, and unsets an optional one back to its default", async () => {
    h = await harness();
    const { peer } = await tunnel(h);
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/unset", `=.id=${peer}`, "=value-name=address"), { message: "failure: cannot unset address" });
    await h.run("/ip/ipsec/peer/unset", `=.id=${peer}`, "=value-name=profile");
    assert.equal((await h.print("/ip/ipsec/peer"))[0]!.profile, "default");
  });
});

describe("sensitive values", () => {
  it("hides the identity secret from print when the API user lacks the sensitive policy", async () => {
    h = await harness();
    await tunnel(h);
    const [row] = await h.print("/ip/ipsec/identity");
    assert.equal(row!.secret, undefined);
    assert.deepEqual(await h.print("/ip/ipsec/identity", "?secret=s3cret"), []);
    assert.equal(h.emu.rows("/ip/ipsec/identity")[0]!.secret, "s3cret");
  });

  it("shows it when the API user has the sensitive policy", async () => {
    h = await harness({ sensitivePolicy: true });
    await tunnel(h);
    assert.equal((await h.print("/ip/ipsec/identity"))[0]!.secret, "s3cret");
  });
});
