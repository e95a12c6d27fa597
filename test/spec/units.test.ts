import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { quote, quoted } from "../../src/routeros/script";
import { compact } from "../../src/spec/crypto";
import { formatDuration, parseDuration } from "../../src/spec/duration";
import { isFqdn, notPublicReason, parseCidr } from "../../src/spec/net";
import { versionAtLeast } from "../../src/routeros/schema";

describe("durations", () => {
  it("parse seconds and compact forms", () => {
    assert.deepEqual(["3600", 90, "1d", "24h", "1h30m", "45m10s", "1w"].map((d) => parseDuration(d)), [3600, 90, 86400, 86400, 5400, 2710, 604800]);
  });
  it("refuse what is not a duration", () => {
    assert.deepEqual(["", "1x", "h1", "-5", "1.5h"].map((d) => parseDuration(d)), [undefined, undefined, undefined, undefined, undefined]);
    assert.equal(parseDuration(-1), undefined);
    assert.equal(parseDuration(1.5), undefined);
  });
  it("format as RouterOS prints them, largest unit first", () => {
    assert.deepEqual([86400, 5400, 600, 2710, 0, 691200].map(formatDuration), ["1d", "1h30m", "10m", "45m10s", "0s", "1w1d"]);
  });
});

describe("RouterOS CLI quoting", () => {
  it("leaves plain words bare and quotes the rest", () => {
    assert.equal(quote("to_tencent"), "to_tencent");
    assert.equal(quote("192.168.1.0/24"), "192.168.1.0/24");
    assert.equal(quote("a b"), '"a b"');
  });
  it("escapes what the RouterOS terminal would interpret", () => {
    assert.equal(quoted('a"b\\c$d?e'), '"a\\"b\\\\c\\$d\\?e"');
    assert.equal(quoted("x\ny\tz"), '"x\\ny\\tz"');
    assert.equal(quoted("中"), '"\\E4\\B8\\AD"');
  });
});

describe("network facts", () => {
  it("names host bits and suggests the network", () => {
    assert.deepEqual(parseCidr("192.168.1.9/24"), { ok: false, message: "has host bits set", hint: "did you mean 192.168.1.0/24?" });
  });
  it("tells public, documentation and private addresses apart", () => {
    assert.equal(notPublicReason("113.87.48.200"), undefined);
    assert.equal(notPublicReason("203.0.113.5"), undefined);
    assert.match(notPublicReason("172.16.0.1") ?? "", /private/);
  });
  it("accepts FQDN labels and refuses others", () => {
    assert.deepEqual(["vpn.example.com", "a-b.c", "x_y.com", "-a.com", ""].map(isFqdn), [true, true, false, false, false]);
  });
  it("compacts number ranges in messages", () => {
    assert.equal(compact([1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 31]), "1, 2, 5, 14–21, 31");
  });
  it("compares RouterOS versions numerically", () => {
    assert.deepEqual([["7.15", "7.15"], ["7.9", "7.15"], ["7.18.2", "7.18"], ["6.49.10", "7.0"]].map(([a, b]) => versionAtLeast(a!, b!)), [true, false, true, false]);
  });
});
