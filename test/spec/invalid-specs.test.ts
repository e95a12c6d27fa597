// Table: invalid specs, each refused with the field named (and nothing else breaks the report).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseTunnelSpec } from "../../src/spec/parse";
import { errors } from "../../src/spec/problems";
import { exampleInput } from "../helpers/specs";

const secure = exampleInput("secure");
const article = exampleInput("article");
type Case = [description: string, input: Record<string, unknown>, path: string, message?: RegExp];
const withIke = (ike: object) => ({ ...secure, ike });
const withIpsec = (ipsec: object) => ({ ...secure, ipsec });
const without = (key: string) => Object.fromEntries(Object.entries(secure).filter(([k]) => k !== key));

const CASES: Case[] = [
  ["missing name", without("name"), "name", /required/],
  ["missing pre-shared key", without("preSharedKey"), "preSharedKey", /required/],
  ["missing router address", without("routerPublicIp"), "routerPublicIp", /required/],
  ["missing site networks", without("siteCidrs"), "siteCidrs", /required/],
  ["name with a space", { ...secure, name: "to tencent" }, "name"],
  ["name with a RouterOS command injection", { ...secure, name: 'x" ; /system reset-configuration' }, "name"],
  ["name with a newline", { ...secure, name: "to\ntencent" }, "name"],
  ["name with '='", { ...secure, name: "a=b" }, "name"],
  ["name too long", { ...secure, name: `t${"x".repeat(60)}` }, "name"],
  ["name in Chinese", { ...secure, name: "到腾讯云" }, "name"],
  ["name starting with a digit", { ...secure, name: "1tunnel" }, "name"],
  ["name of RouterOS's built-in rows", { ...secure, name: "default" }, "name", /built-in/],
  ["site CIDR with host bits", { ...secure, siteCidrs: ["192.168.1.1/24"] }, "siteCidrs[0]", /host bits.*192\.168\.1\.0\/24|host bits/],
  ["site CIDR without prefix", { ...secure, siteCidrs: ["192.168.1.0"] }, "siteCidrs[0]", /not an IPv4 CIDR/],
  ["site CIDR with octet 300", { ...secure, siteCidrs: ["192.168.300.0/24"] }, "siteCidrs[0]"],
  ["site CIDR with prefix 33", { ...secure, siteCidrs: ["192.168.1.0/33"] }, "siteCidrs[0]"],
  ["site CIDR with a leading-zero octet (octal to some parsers)", { ...secure, siteCidrs: ["192.168.010.0/24"] }, "siteCidrs[0]", /leading zero.*192\.168\.10\.0\/24/],
  ["DPD timeout of more than 100 probe intervals", { ...secure, cloud: "alicloud", ike: { dhGroup: 14, dpd: { interval: 2, timeout: 600 } } }, "ike.dpd.timeout", /more than RouterOS's 100/],
  ["IPv6 site network", { ...secure, siteCidrs: ["fd00::/64"] }, "siteCidrs[0]"],
  ["empty site list", { ...secure, siteCidrs: [] }, "siteCidrs", /empty/],
  ["duplicate site CIDR", { ...secure, siteCidrs: ["192.168.1.0/24", "192.168.1.0/24"] }, "siteCidrs[1]", /duplicates/],
  ["overlapping site CIDRs", { ...secure, siteCidrs: ["192.168.0.0/16", "192.168.1.0/24"] }, "siteCidrs[1]", /overlaps/],
  ["site overlapping the VPC", { ...secure, siteCidrs: ["10.100.0.0/16"] }, "siteCidrs[0]", /overlaps cloudCidrs\[0\]/],
  ["cloud CIDR with host bits", { ...secure, cloudCidrs: ["10.100.1.7/24"] }, "cloudCidrs[0]"],
  ["eleven subnets on Alibaba", { ...secure, cloud: "alicloud", siteCidrs: Array.from({ length: 11 }, (_, i) => `192.168.${i}.0/24`) }, "siteCidrs", /at most 10/],
  ["router address not an address", { ...secure, routerPublicIp: "router.example.com" }, "routerPublicIp"],
  ["private router address", { ...secure, routerPublicIp: "192.168.1.1" }, "routerPublicIp", /private/],
  ["CGNAT router address", { ...secure, routerPublicIp: "100.64.3.4" }, "routerPublicIp", /carrier-grade NAT/],
  ["loopback gateway address", { ...secure, cloudGatewayIp: "127.0.0.1" }, "cloudGatewayIp", /loopback/],
  ["gateway equals router", { ...secure, cloudGatewayIp: secure.routerPublicIp }, "cloudGatewayIp", /equals/],
  ["empty pre-shared key", { ...secure, preSharedKey: "" }, "preSharedKey", /empty/],
  ["short pre-shared key without opt-in", { ...secure, preSharedKey: "123456" }, "preSharedKey", /weak/],
  ["pre-shared key with a space", { ...secure, preSharedKey: "correct horse battery staple" }, "preSharedKey", /characters/],
  ["pre-shared key with a double quote", { ...secure, preSharedKey: 'abcdefgh"ijklmnopq' }, "preSharedKey"],
  ["pre-shared key with a newline", { ...secure, preSharedKey: "abcdefghij\nklmnopq" }, "preSharedKey"],
  ["pre-shared key over Alibaba's 100", { ...secure, cloud: "alicloud", preSharedKey: "k".repeat(101) }, "preSharedKey", /longer/],
  ["exchange mode with IKEv2", withIke({ version: "ikev2", exchangeMode: "aggressive" }), "ike.exchangeMode", /IKEv1 only/],
  ["unknown IKE version", withIke({ version: "ikev3" }), "ike.version", /not allowed/],
  ["GCM in phase 1", withIke({ encryption: "aes-128-gcm" }), "ike.encryption", /only in phase 2/],
  ["SM4 on RouterOS", withIke({ encryption: "sm4" }), "ike.encryption", /not offered by RouterOS/],
  ["a dialect spelling", withIke({ encryption: "AES-CBC-128" }), "ike.encryption", /did you mean aes-128-cbc/],
  ["unknown integrity", withIke({ integrity: "sha3" }), "ike.integrity", /not a known/],
  ["MD5 without opt-in", withIke({ integrity: "md5" }), "ike.integrity", /weak/],
  ["DES without opt-in", withIpsec({ encryption: "des" }), "ipsec.encryption", /weak/],
  ["3DES without opt-in", withIke({ encryption: "3des" }), "ike.encryption", /weak/],
  ["DH 24 (Tencent only)", withIke({ dhGroup: 24 }), "ike.dhGroup", /not offered by RouterOS/],
  ["x25519 on Tencent", withIke({ dhGroup: 31 }), "ike.dhGroup", /not offered by Tencent/],
  ["DH 19 on Alibaba", { ...secure, cloud: "alicloud", ike: { dhGroup: 19 } }, "ike.dhGroup", /not offered by Alibaba/],
  ["DH 2 without opt-in", withIke({ dhGroup: 2 }), "ike.dhGroup", /weak/],
  ["DH group 7 (no such)", withIke({ dhGroup: 7 }), "ike.dhGroup", /not a known/],
  ["DH group as a word", withIke({ dhGroup: "strong" }), "ike.dhGroup", /not a Diffie-Hellman group/],
  ["SHA-384 in phase 2 on RouterOS", withIpsec({ integrity: "sha384" }), "ipsec.integrity", /only in phase 1/],
  ["PFS x25519 on Alibaba", { ...secure, cloud: "alicloud", ipsec: { pfsGroup: 31 } }, "ipsec.pfsGroup"],
  ["PFS group 1 without opt-in", withIpsec({ pfsGroup: 1 }), "ipsec.pfsGroup", /weak/],
  ["IKE lifetime over Alibaba's cap", { ...secure, cloud: "alicloud", ike: { lifetime: "2d" } }, "ike.lifetime", /0–86400/],
  ["IKE lifetime over Tencent's range", withIke({ lifetime: 604801 }), "ike.lifetime", /60–604800/],
  ["IPsec lifetime under Tencent's 180 s", withIpsec({ lifetime: 120 }), "ipsec.lifetime", /180–604800/],
  ["IPsec lifetime not a duration", withIpsec({ lifetime: "forever" }), "ipsec.lifetime", /not a duration/],
  ["IKE lifetime negative", withIke({ lifetime: -5 }), "ike.lifetime"],
  ["DPD timeout shorter than its interval", withIke({ dpd: { interval: 30, timeout: 10 } }), "ike.dpd.timeout"],
  ["DPD timeout over Tencent's 60 s", withIke({ dpd: { interval: 10, timeout: 120 } }), "ike.dpd.timeout", /30–60/],
  ["DPD off with a timeout Tencent still range-checks", withIke({ dpd: { enabled: false, timeout: 0 } }), "ike.dpd.timeout", /even with DPD off.*30–60/],
  ["FQDN identity with an underscore", { ...secure, identities: { router: "fqdn:my_office.example.com" } }, "identities.router", /FQDN/],
  ["address identity that is no address", { ...secure, identities: { router: { type: "address", value: "office" } } }, "identities.router"],
  ["cloud identity another address", { ...secure, identities: { cloud: "address:198.51.100.9" } }, "identities.cloud", /differs from cloudGatewayIp/],
  ["unknown top-level field", { ...secure, psk: "x" }, "psk", /not a spec field/],
  ["misspelt IKE field", withIke({ dhgroup: 14 }), "ike.dhgroup", /did you mean dhGroup/],
  ["unknown cloud", { ...secure, cloud: "aws" }, "cloud", /not allowed/],
  ["unknown mode", { ...secure, mode: "bgp" }, "mode", /not allowed/],
  ["wrong type for NAT bypass", { ...secure, router: { natBypass: "yes" } }, "router.natBypass", /wrong type/],
  ["unknown FastTrack bypass", { ...secure, router: { fastTrackBypass: "mangle" } }, "router.fastTrackBypass"],
  ["article crypto without the opt-in", { ...article, allowWeakCrypto: false }, "ike.dhGroup", /weak/],
];

describe("invalid specs", () => {
  it(`has at least 40 cases (${CASES.length})`, () => assert.ok(CASES.length >= 40));
  for (const [description, input, path, message] of CASES) {
    it(`refuses ${description}, naming ${path}`, () => {
      const { spec, problems } = parseTunnelSpec(input);
      assert.equal(spec, undefined, "accepted");
      const found = errors(problems).find((p) => p.path === path);
      assert.ok(found, `no error at ${path}; got ${errors(problems).map((p) => `${p.path}: ${p.message}`).join(" | ")}`);
      if (message) assert.match(`${found.message} ${found.hint ?? ""}`, message);
      assert.ok(found.hint && found.hint.length > 3, "an error needs a hint that says what to do");
    });
  }

  it("reports every problem of a spec at once", () => {
    const { problems } = parseTunnelSpec({ ...secure, name: "x", siteCidrs: ["192.168.1.1/24"], ike: { dhGroup: 24, lifetime: 10 }, ipsec: { integrity: "sha384" } });
    assert.deepEqual(
      errors(problems).map((p) => p.path).sort(),
      ["ike.dhGroup", "ike.lifetime", "ike.lifetime", "ipsec.integrity", "name", "siteCidrs[0]"].sort(),
    );
  });

  it("reports a field of the wrong shape together with the rest", () => {
    const { spec, problems } = parseTunnelSpec({ ...secure, ike: { version: "ikev3", dhGroup: 24 }, siteCidrs: ["192.168.1.1/24"], router: { natBypass: "yes" } });
    assert.equal(spec, undefined);
    assert.deepEqual(errors(problems).map((p) => p.path).sort(), ["ike.dhGroup", "ike.version", "router.natBypass", "siteCidrs[0]"]);
  });

  it("checks the other fields when a required one is missing, without problems from its stand-in", () => {
    const { name: _name, routerPublicIp: _ip, ...rest } = secure;
    const { problems } = parseTunnelSpec({ ...rest, cloudCidrs: ["10.0.0.0/33"], ipsec: { integrity: "sha384" } });
    assert.deepEqual(errors(problems).map((p) => `${p.path} ${p.message}`).sort(), [
      "cloudCidrs[0] is not an IPv4 CIDR block",
      "ipsec.integrity is offered by RouterOS only in phase 1 (IKE)",
      "name is required",
      "routerPublicIp is required",
    ].sort());
  });

  it("reports a DPD interval that is not a duration once, not again as too short", () => {
    const { problems } = parseTunnelSpec(withIke({ dpd: { interval: "often" } }));
    assert.deepEqual(errors(problems).map((p) => `${p.path} ${p.message}`), ["ike.dpd.interval is not a duration"]);
  });

  it("does not report what a set-aside field's default would cause", () => {
    // ikev3 is refused; the default ikev2 standing in must not make exchangeMode look wrong too.
    const { problems } = parseTunnelSpec({ ...secure, ike: { version: "ikev3", exchangeMode: "aggressive" } });
    assert.deepEqual(errors(problems).map((p) => p.path), ["ike.version"]);
  });

  it("stops at an unknown cloud: every platform check depends on it", () => {
    const { problems } = parseTunnelSpec({ ...secure, cloud: "aws", ike: { dhGroup: 24 } });
    assert.deepEqual(errors(problems).map((p) => p.path), ["cloud"]);
  });

  it("never puts the pre-shared key into a problem", () => {
    const key = "my secret key with spaces";
    const { problems } = parseTunnelSpec({ ...secure, preSharedKey: key });
    assert.ok(problems.length > 0);
    assert.ok(!JSON.stringify(problems).includes(key));
  });

  it("turns weak crypto into warnings under allowWeakCrypto", () => {
    const { spec, problems } = parseTunnelSpec(article);
    assert.ok(spec);
    assert.deepEqual(problems.map((p) => `${p.severity} ${p.path}`).sort(), [
      "warning ike.dhGroup",
      "warning ike.integrity",
      "warning ipsec.integrity",
      "warning preSharedKey",
    ]);
  });
});

describe("a pre-shared key of the wrong type", () => {
  it("is refused without its value in the problem", () => {
    const { problems } = parseTunnelSpec({ ...exampleInput("secure"), preSharedKey: 987654321 });
    assert.deepEqual(problems.map((p) => [p.path, p.value]), [["preSharedKey", "<redacted>"]]);
  });
});
