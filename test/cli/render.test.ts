import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../helpers/cli";
import { EXAMPLES } from "../helpers/specs";

const article = join(EXAMPLES, "article.yaml");
const secure = join(EXAMPLES, "secure.yaml");
const dir = mkdtempSync(join(tmpdir(), "rvi-render-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("ros-vpc-ipsec render", () => {
  it("prints the RouterOS script by default, without the key, and warns about the article's weak crypto", async () => {
    const run = await runCli(["render", article]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^# ros-vpc-ipsec: IPsec tunnel to_tencent for RouterOS 7\.16/);
    assert.match(run.stdout, /\/ip ipsec policy add peer=to_tencent tunnel=yes src-address=192\.168\.1\.0\/24 dst-address=10\.100\.1\.0\/24/);
    assert.ok(!run.stdout.includes("123456"));
    assert.match(run.stderr, /warning: ike\.dhGroup: 1 is a weak Diffie-Hellman group/);
  });

  it("prints the key only with --show-secrets", async () => {
    const run = await runCli(["render", article, "--show-secrets"]);
    assert.match(run.stdout, /secret=123456 /);
  });

  it("prints Tencent's CreateVpnConnection parameters as JSON with --target tencent", async () => {
    const run = await runCli(["render", article, "--target", "tencent"]);
    assert.equal(run.code, 0);
    const request = JSON.parse(run.stdout);
    assert.equal(request.IKEOptionsSpecification.DhGroupName, "GROUP1");
    assert.equal(request.IKEOptionsSpecification.ExchangeMode, "MAIN");
    assert.match(request.PreShareKey, /redacted/);
  });

  it("prints Alibaba's vpn.Connection arguments as JSON with --target alicloud", async () => {
    const run = await runCli(["render", secure, "-t", "alicloud"]);
    assert.equal(run.code, 0);
    const args = JSON.parse(run.stdout);
    assert.deepEqual([args.ikeConfig.ikeEncAlg, args.ikeConfig.ikePfs, args.ipsecConfig.ipsecPfs], ["aes256", "group14", "group14"]);
    assert.ok(!run.stdout.includes("example-only"));
  });

  it("renders for an older RouterOS with --routeros-version", async () => {
    const run = await runCli(["render", secure, "--routeros-version", "7.12"]);
    assert.match(run.stdout, /RouterOS 7\.12/);
    assert.ok(!/\/ip ipsec proposal add [^\n]*comment=/.test(run.stdout), "proposal comment needs 7.15");
  });

  it("takes the gateway address from --gateway-ip when the spec has none", async () => {
    const spec = file("no-gateway.yaml", "name: hq\ncloudCidrs: [10.1.0.0/16]\nsiteCidrs: [192.168.5.0/24]\nrouterPublicIp: 203.0.113.7\npreSharedKey: abcdefghijklmnop1234\n");
    const missing = await runCli(["render", spec]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cloudGatewayIp is not set.*--gateway-ip/);
    const given = await runCli(["render", spec, "--gateway-ip", "198.51.100.1"]);
    assert.equal(given.code, 0);
    assert.match(given.stdout, /address=198\.51\.100\.1\/32/);
  });

  it("exits non-zero listing every problem of an invalid spec", async () => {
    const spec = file("bad.yaml", "name: x\ncloudCidrs: 10.0.0.0/8\nsiteCidrs: [10.1.0.0/16]\nrouterPublicIp: 10.0.0.1\npreSharedKey: short\n");
    const run = await runCli(["render", spec]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    for (const path of ["name:", "siteCidrs[0]:", "routerPublicIp:", "preSharedKey:"]) assert.ok(run.stderr.includes(path), `${path} missing: ${run.stderr}`);
  });

  it("reads a JSON spec file as well as YAML", async () => {
    const spec = file("spec.json", JSON.stringify({ name: "hq", cloudCidrs: ["10.1.0.0/16"], siteCidrs: "192.168.5.0/24", routerPublicIp: "203.0.113.7", cloudGatewayIp: "198.51.100.1", preSharedKey: "abcdefghijklmnop1234" }));
    const run = await runCli(["render", spec]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\/ip ipsec policy add peer=hq tunnel=yes src-address=192\.168\.5\.0\/24 dst-address=10\.1\.0\.0\/16/);
  });

  it("lists a field of the wrong type together with the other problems", async () => {
    const spec = file("mixed.yaml", "name: hq\ncloudCidrs: [10.1.0.0/16]\nsiteCidrs: [192.168.5.1/24]\nrouterPublicIp: 203.0.113.7\npreSharedKey: abcdefghijklmnop1234\nrouter: {natBypass: 'yes'}\n");
    const run = await runCli(["render", spec]);
    assert.equal(run.code, 1);
    for (const path of ["router.natBypass:", "siteCidrs[0]:"]) assert.ok(run.stderr.includes(path), `${path} missing: ${run.stderr}`);
    assert.match(run.stderr, /write true or false, without quotes/);
  });

  it("reports a YAML syntax error with its line", async () => {
    const run = await runCli(["render", file("broken.yaml", "name: a\nike: [unclosed\n")]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /not valid YAML or JSON at line \d/);
  });

  it("reports a missing file", async () => {
    const run = await runCli(["render", join(dir, "nope.yaml")]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /cannot be read \(ENOENT\)/);
  });

  it("refuses an unknown target", async () => {
    const run = await runCli(["render", secure, "--target", "aws"]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /Allowed choices are routeros, tencent, alicloud/);
  });
});

describe("render --gateway-ip", () => {
  it("refuses a name, a private address or the router's own address", async () => {
    for (const bad of ["vpn.example.com", "10.0.0.1", "113.87.48.200"]) {
      const run = await runCli(["render", secure, "--gateway-ip", bad]);
      assert.equal(run.code, 1, bad);
      assert.match(run.stderr, /--gateway-ip is not a usable gateway address:\n  - cloudGatewayIp:/);
      assert.equal(run.stdout, "");
    }
  });
});
