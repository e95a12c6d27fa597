// Specification: the emulator's IPv4/CIDR arithmetic — strict parsing, containment and overlap.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cidrContains, cidrOverlaps, formatIpv4, parseCidr, parseIpv4 } from "./cidr";

const block = (text: string) => {
  const parsed = parseCidr(text);
  assert.ok(parsed, `${text} should parse`);
  return parsed;
};

describe("IPv4 and CIDR parsing", () => {
  test("accepts dotted quads and prefixes 0–32", () => {
    assert.equal(parseIpv4("203.0.113.10"), 203 * 2 ** 24 + 113 * 256 + 10);
    assert.equal(formatIpv4(parseIpv4("198.51.100.254") ?? 0), "198.51.100.254");
    assert.deepEqual([block("0.0.0.0/0").prefix, block("10.0.0.1/32").prefix], [0, 32]);
  });

  test("rejects what Tencent would call malformed", () => {
    for (const bad of ["10.0.0", "10.0.0.256", "10.0.0.01", " 10.0.0.1", "::1"]) assert.equal(parseIpv4(bad), undefined, bad);
    for (const bad of ["10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/08", "10.0.0/8", "::1/128"]) assert.equal(parseCidr(bad), undefined, bad);
  });

  test("host bits are tolerated and cleared (Tencent's own SPD example has them)", () => {
    assert.equal(block("10.0.0.5/24").network, block("10.0.0.0/24").network);
  });
});

describe("containment and overlap", () => {
  test("a block contains its sub-blocks and itself, not its supernet", () => {
    assert.equal(cidrContains(block("10.0.0.0/16"), block("10.0.3.0/24")), true);
    assert.equal(cidrContains(block("10.0.0.0/16"), block("10.0.0.0/16")), true);
    assert.equal(cidrContains(block("10.0.0.0/16"), block("10.0.0.0/8")), false);
  });

  test("overlap is symmetric and excludes neighbours", () => {
    assert.equal(cidrOverlaps(block("10.0.0.0/8"), block("10.200.0.0/16")), true);
    assert.equal(cidrOverlaps(block("10.200.0.0/16"), block("10.0.0.0/8")), true);
    assert.equal(cidrOverlaps(block("10.0.0.0/24"), block("10.0.1.0/24")), false);
  });
});
