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
});
