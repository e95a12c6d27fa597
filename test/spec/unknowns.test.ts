// A spec with values not known at preview: the known ones are checked, nothing the unknown ones cause is reported.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseTunnelSpec } from "../../src/spec/parse";
import { problemsAroundUnknowns } from "../../src/spec/unknowns";
import { exampleInput } from "../helpers/specs";

const U = "<unknown>";
const isUnknown = (value: unknown) => value === U;
const secure = exampleInput("secure") as Record<string, unknown>;
const check = (change: Record<string, unknown>) => problemsAroundUnknowns({ ...secure, ...change }, isUnknown);
const paths = (change: Record<string, unknown>) => check(change).filter((p) => p.severity === "error").map((p) => `${p.path}: ${p.message}`);

describe("a spec with values not known yet", () => {
  it("a known spec is checked exactly as parseTunnelSpec checks it", () => {
    const bad = { ...secure, siteCidrs: ["192.168.1.1/24", "10.100.0.0/16"] };
    assert.deepEqual(problemsAroundUnknowns(bad, isUnknown), parseTunnelSpec(bad).problems);
  });

  it("a wholly unknown spec, or an unknown cloud (every rule hangs on it), reports nothing", () => {
    assert.deepEqual(problemsAroundUnknowns(U, isUnknown), []);
    assert.deepEqual(check({ cloud: U, siteCidrs: ["bad"] }), []);
  });

  it("unknown required fields stand in, and the rest is still checked", () => {
    for (const field of ["name", "cloudCidrs", "siteCidrs", "routerPublicIp", "preSharedKey"]) {
      const other = field === "siteCidrs" ? { cloudCidrs: ["10.0.0.1/16"] } : { siteCidrs: ["192.168.1.1/24"] };
      const found = paths({ [field]: U, ...other });
      assert.equal(found.length, 1, `${field} unknown: ${found.join("; ")}`);
      assert.match(found[0]!, /has host bits set/);
    }
  });

  it("an unknown optional field takes its default's place, and what depends on it is not judged", () => {
    assert.deepEqual(paths({ ike: { version: U, exchangeMode: "aggressive" } }), []);
    assert.deepEqual(paths({ ike: { lifetime: U, dhGroup: 24 } }).map((p) => p.split(":")[0]), ["ike.dhGroup"]);
  });

  it("an unknown element is left out of its list; the others keep the index the user wrote", () => {
    assert.deepEqual(paths({ cloudCidrs: [U, "10.100.1.0/24", "10.100.1.0/24"] }), ["cloudCidrs[2]: duplicates cloudCidrs[1]"]);
    assert.deepEqual(paths({ cloudCidrs: [U, "192.168.1.0/25"] }), ["siteCidrs[0]: overlaps cloudCidrs[1] (192.168.1.0/25)"]);
  });

  it("a list whose elements are all unknown stands in as a whole", () => {
    assert.deepEqual(paths({ cloudCidrs: [U, U] }), []);
  });

  it("an identity written as {type, value} with one part unknown is not judged, nor reported as malformed", () => {
    for (const cloud of [{ type: "address", value: U }, { type: U, value: "vpn.example.com" }]) {
      assert.deepEqual(paths({ identities: { cloud }, siteCidrs: ["192.168.1.1/24"] }).map((p) => p.split(":")[0]), ["siteCidrs[0]"]);
    }
  });

  it("checks that hang on an unknown allowWeakCrypto, mode or DPD setting are not judged by a default", () => {
    const weak = { preSharedKey: "short", ike: { integrity: "md5", dhGroup: 1 } };
    assert.ok(paths(weak).length > 0, "control: weak crypto is an error when allowWeakCrypto is left out");
    assert.deepEqual(paths({ ...weak, allowWeakCrypto: U }), []);
    const eleven = { cloud: "alicloud", siteCidrs: Array.from({ length: 11 }, (_, i) => `192.168.${i}.0/24`) };
    assert.deepEqual(paths(eleven), ["siteCidrs: has more subnets than Alibaba Cloud accepts per side"], "control: the cap applies in policy mode");
    assert.deepEqual(paths({ ...eleven, mode: U }), []);
    assert.deepEqual(paths({ cloud: "alicloud", ike: { dpd: { interval: U, timeout: 5 } } }), []);
    assert.deepEqual(paths({ cloud: "alicloud", ike: { dpd: { enabled: U, interval: 20, timeout: 5 } } }), []);
    assert.deepEqual(paths({ cloud: "alicloud", ike: { dpd: { enabled: U, interval: 0 } } }), []);
  });
});
