// Specification of RouterOS's normalisation of written values (reference §6): each normaliser on its own (pure),
// then what print returns after a write over the wire.

import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { DH_GROUPS, PROFILE_ENC, PROPOSAL_AUTH, PROPOSAL_ENC } from "./algorithms";
import { harness, pick, type Harness } from "./harness";
import { RosTrap } from "./trap";
import { formatDuration, normaliseValue, parseDuration, type ValueType } from "./values";
import { parseVersion } from "./version";

const v7 = parseVersion("7.16");
const v6 = parseVersion("6.49.10");
const norm = (type: ValueType, raw: string, v = v7): string => normaliseValue(type, raw, "f", v);
const refused = (type: ValueType, raw: string, v = v7): RosTrap => {
  try {
    norm(type, raw, v);
  } catch (err) {
    if (err instanceof RosTrap) return err;
    throw err;
  }
  throw new Error(`${raw} was accepted`);
};

describe("durations", () => {
  const cases: Array<[string, string]> = [
    ["24h", "1d"],
    ["90m", "1h30m"],
    ["86400s", "1d"],
    ["600", "10m"],
    ["6d24h", "1w"],
    ["45m10s", "45m10s"],
    ["1d02:00:00", "1d2h"],
    ["0", "0s"],
    ["8w", "8w"],
  ];
  for (const [raw, printed] of cases) it(`reads ${raw} back as ${printed}`, () => assert.equal(norm({ kind: "duration" }, raw), printed));

  it("keeps the special words a field allows (dpd-interval=disable-dpd)", () => {
    assert.equal(norm({ kind: "duration", words: ["disable-dpd"] }, "disable-dpd"), "disable-dpd");
  });

  it("refuses malformed durations with category 1", () => {
    assert.deepEqual({ ...refused({ kind: "duration" }, "1 day") }, { category: 1 });
    assert.equal(refused({ kind: "duration" }, "1 day").message, "input does not match any value of f");
  });

  it("parses and formats milliseconds", () => {
    assert.equal(parseDuration("1s500ms"), 1500);
    assert.equal(formatDuration(1500), "1s500ms");
  });
});

describe("booleans", () => {
  for (const [raw, printed] of [["yes", "true"], ["true", "true"], ["no", "false"], ["false", "false"]]) {
    it(`accepts ${raw} and reads back ${printed}`, () => assert.equal(norm({ kind: "bool" }, raw!), printed));
  }
  it("refuses anything else, including Yes and 1", () => {
    assert.equal(refused({ kind: "bool" }, "Yes").category, 1);
    assert.equal(refused({ kind: "bool" }, "1").category, 1);
  });
});

describe("algorithm lists", () => {
  it("re-orders profile enc-algorithm strongest first", () => {
    assert.equal(norm({ kind: "set", values: PROFILE_ENC }, "des,aes-128,aes-256"), "aes-256,aes-128,des");
  });
  it("re-orders dh-group into RouterOS's order and drops duplicates", () => {
    assert.equal(norm({ kind: "set", values: DH_GROUPS }, "modp1024,modp2048,x25519,ecp256,modp1024"), "x25519,ecp256,modp2048,modp1024");
  });
  it("re-orders proposal auth and enc algorithms", () => {
    assert.equal(norm({ kind: "set", values: PROPOSAL_AUTH }, "md5,sha256,null"), "sha256,md5,null");
    assert.equal(norm({ kind: "set", values: PROPOSAL_ENC }, "aes-128-gcm,aes-128-cbc,aes-256-gcm,3des"), "aes-256-gcm,aes-128-cbc,aes-128-gcm,3des");
  });
  it("refuses an unknown member, an empty list and sha384 in proposal auth", () => {
    assert.equal(refused({ kind: "set", values: PROFILE_ENC }, "aes-128,rot13").message, "input does not match any value of f");
    assert.equal(refused({ kind: "set", values: PROFILE_ENC }, "").category, 1);
    assert.equal(refused({ kind: "set", values: PROPOSAL_AUTH }, "sha384").category, 1);
  });
  it("offers x25519 and chacha20poly1305 only on RouterOS 7", () => {
    assert.equal(refused({ kind: "set", values: DH_GROUPS }, "x25519", v6).category, 1);
    assert.equal(refused({ kind: "set", values: PROPOSAL_ENC }, "chacha20poly1305", v6).category, 1);
    assert.equal(norm({ kind: "set", values: DH_GROUPS }, "ecp256", v6), "ecp256");
  });
});

describe("addresses", () => {
  it("gives a bare peer address a /32 and keeps DNS names as typed", () => {
    assert.equal(norm({ kind: "ip-prefix-or-dns" }, "1.2.3.4"), "1.2.3.4/32");
    assert.equal(norm({ kind: "ip-prefix-or-dns" }, "vpn.example.com"), "vpn.example.com");
  });
  it("prints prefixes in network form", () => {
    assert.equal(norm({ kind: "ip-prefix" }, "192.168.1.5/24"), "192.168.1.0/24");
    assert.equal(norm({ kind: "ip-prefix" }, "::/0"), "::/0");
    assert.equal(norm({ kind: "ip-prefix" }, "2001:db8::1/32"), "2001:db8::/32");
  });
  it("keeps local-address plain and refuses a prefix there", () => {
    assert.equal(norm({ kind: "ip-address" }, "10.0.0.1"), "10.0.0.1");
    assert.equal(refused({ kind: "ip-address" }, "10.0.0.1/32").category, 1);
  });
  it("shows a firewall /32 as a bare address and other prefixes in network form", () => {
    assert.equal(norm({ kind: "firewall-address" }, "10.0.0.1/32"), "10.0.0.1");
    assert.equal(norm({ kind: "firewall-address" }, "10.1.2.3/16"), "10.1.0.0/16");
    assert.equal(norm({ kind: "firewall-address" }, "!10.0.0.0/8"), "!10.0.0.0/8");
    assert.equal(norm({ kind: "firewall-address" }, "10.0.0.1-10.0.0.9"), "10.0.0.1-10.0.0.9");
  });
  it("refuses malformed addresses", () => {
    for (const raw of ["1.2.3", "1.2.3.4/33", "300.1.1.1", "1.2.3.4/"]) assert.equal(refused({ kind: "ip-prefix" }, raw).category, 1, raw);
  });
});

describe("numbers and identifiers", () => {
  it("reads numbers back as canonical decimal strings", () => assert.equal(norm({ kind: "int", min: 0, max: 65535 }, "0500"), "500"));
  it("refuses numbers out of range and non-numbers", () => {
    assert.equal(refused({ kind: "int", min: 1, max: 100 }, "0").message, "value of f out of range (1..100)");
    assert.equal(refused({ kind: "int", min: 1, max: 100 }, "0x10").message, "input does not match any value of f");
  });
  it("accepts IKE ids in RouterOS's typed forms only", () => {
    const id: ValueType = { kind: "ike-id", words: ["auto"] };
    for (const ok of ["auto", "address:1.2.3.4", "fqdn:vpn.example.com", "user-fqdn:a@b.example", "key-id:abc"]) assert.equal(norm(id, ok), ok);
    for (const bad of ["1.2.3.4", "fqdn:", "ignore", "address:nope"]) assert.equal(refused(id, bad).category, 1, bad);
  });
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("print after write", () => {
  it("reads a profile back in RouterOS's forms", async () => {
    h = await harness();
    await h.run("/ip/ipsec/profile/add", "=name=p", "=dh-group=modp1024,modp2048,ecp256", "=enc-algorithm=aes-128,aes-256", "=lifetime=24h", "=nat-traversal=no", "=dpd-interval=90m", "=dpd-maximum-failures=05");
    assert.deepEqual(pick((await h.print("/ip/ipsec/profile", "?name=p"))[0], "dh-group", "enc-algorithm", "lifetime", "nat-traversal", "dpd-interval", "dpd-maximum-failures"), {
      "dh-group": "ecp256,modp2048,modp1024",
      "enc-algorithm": "aes-256,aes-128",
      lifetime: "1d",
      "nat-traversal": "false",
      "dpd-interval": "1h30m",
      "dpd-maximum-failures": "5",
    });
  });

  it("reads a peer back with address as a /32, local-address plain, booleans true/false and port as a number", async () => {
    h = await harness();
    await h.run("/ip/ipsec/peer/add", "=name=p", "=address=119.91.254.122", "=local-address=198.51.100.2", "=passive=yes", "=port=0500");
    assert.deepEqual(pick((await h.print("/ip/ipsec/peer"))[0], "address", "local-address", "passive", "port", "send-initial-contact"), {
      address: "119.91.254.122/32",
      "local-address": "198.51.100.2",
      passive: "true",
      port: "500",
      "send-initial-contact": "true",
    });
  });

  it("omits fields that are unset and have no default", async () => {
    h = await harness();
    await h.run("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1");
    const [row] = await h.print("/ip/ipsec/peer");
    assert.equal("local-address" in row!, false);
    assert.equal("comment" in row!, false);
  });

  it("treats an empty comment as no comment", async () => {
    h = await harness();
    const [done] = await h.run("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1", "=comment=x");
    await h.run("/ip/ipsec/peer/set", `=.id=${done!.attrs.ret}`, "=comment=");
    assert.equal("comment" in (await h.print("/ip/ipsec/peer"))[0]!, false);
  });

  it("reads a proposal and a policy back in RouterOS's forms", async () => {
    h = await harness();
    await h.run("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1");
    await h.run("/ip/ipsec/proposal/add", "=name=p", "=auth-algorithms=md5,sha256", "=enc-algorithms=aes-128-cbc,aes-256-gcm", "=pfs-group=none", "=lifetime=1800");
    await h.run("/ip/ipsec/policy/add", "=peer=p", "=tunnel=true", "=src-address=192.168.1.77/24", "=dst-address=10.100.1.0/24", "=proposal=p");
    assert.deepEqual(pick((await h.print("/ip/ipsec/proposal", "?name=p"))[0], "auth-algorithms", "enc-algorithms", "pfs-group", "lifetime"), {
      "auth-algorithms": "sha256,md5",
      "enc-algorithms": "aes-256-gcm,aes-128-cbc",
      "pfs-group": "none",
      lifetime: "30m",
    });
    assert.deepEqual(pick((await h.print("/ip/ipsec/policy", "?template=false"))[0], "tunnel", "src-address", "sa-dst-address", "ph2-state", "active", "proposal"), {
      tunnel: "true",
      "src-address": "192.168.1.0/24",
      "sa-dst-address": "1.1.1.1",
      "ph2-state": "no-phase2",
      active: "false",
      proposal: "p",
    });
  });

  it("reads firewall rules back with normalised states and addresses", async () => {
    h = await harness();
    await h.run("/ip/firewall/filter/add", "=chain=forward", "=action=accept", "=connection-state=related,established", "=ipsec-policy=in,ipsec", "=src-address=10.100.1.9/24", "=log=no");
    const [, , rule] = await h.print("/ip/firewall/filter");
    assert.deepEqual(pick(rule, "connection-state", "ipsec-policy", "src-address", "log", "log-prefix", "bytes"), {
      "connection-state": "established,related",
      "ipsec-policy": "in,ipsec",
      "src-address": "10.100.1.0/24",
      log: "false",
      "log-prefix": "",
      bytes: "0",
    });
  });

  it("derives network and actual-interface of an /ip/address", async () => {
    h = await harness();
    await h.run("/ip/address/add", "=address=192.168.1.1/24", "=interface=bridge");
    assert.deepEqual(pick((await h.print("/ip/address"))[0], "address", "network", "interface", "actual-interface"), {
      address: "192.168.1.1/24",
      network: "192.168.1.0",
      interface: "bridge",
      "actual-interface": "bridge",
    });
  });

  it("sets the router identity on the singleton menu without an .id", async () => {
    h = await harness({ identity: "edge-1" });
    assert.deepEqual(await h.print("/system/identity"), [{ name: "edge-1" }]);
    await h.run("/system/identity/set", "=name=边缘");
    assert.deepEqual(await h.print("/system/identity"), [{ name: "边缘" }]);
  });
});
