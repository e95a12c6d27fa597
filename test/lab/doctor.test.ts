// ros-vpc-ipsec doctor and status against the lab: a healthy tunnel exits 0; each mismatch class, induced at one end,
// is named with its spec field from both ends' logs and settings.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeWorkspace } from "../../scripts/lab";
import type { NegotiateOptions } from "../helpers/lab";
import { asPulumiConfig, startLab, type Lab } from "../helpers/lab";
import { runCli } from "../helpers/cli";
import { startMiniEngine, type MiniEngine } from "../helpers/mini-engine";

const FAST = { "ros-vpc-ipsec:tencentBackoffInitialMs": "20", "ros-vpc-ipsec:tencentBackoffMaxMs": "200" };
const program = () => (require("../../src/program") as () => Promise<Record<string, unknown>>)();

interface Verdict {
  healthy: boolean;
  summary: string;
  causes: Array<{ class: string; fields: string[]; basis: string; cause: string; evidence: string[] }>;
  specDifferences: Array<{ end: string; path: string; expected: unknown; actual: unknown }>;
  warnings: string[];
}

describe("doctor and status against the lab", () => {
  let lab: Lab;
  let engine: MiniEngine;
  let dir: string;
  let stackFile: string;
  let config: Record<string, unknown>;

  const repair = async () => {
    lab.watch();
    await engine.refresh();
    await engine.up(program);
    lab.unwatch();
    assert.equal(lab.negotiate()?.established, true, "the lab did not come back up");
  };

  /** Runs doctor with the cloud log lines written since `from`. */
  const doctor = async (from: number, extra: string[] = []): Promise<{ code: number; verdict: Verdict; stdout: string }> => {
    const cloudLog = join(dir, `cloud-${Date.now()}.log`);
    writeFileSync(cloudLog, existsSync(lab.cloudLogFile) ? readFileSync(lab.cloudLogFile, "utf8").slice(from) : "");
    const run = await runCli(["doctor", "--stack-file", stackFile, "--cloud-log", cloudLog, "--json", ...extra]);
    assert.notEqual(run.code, 2, run.stderr);
    return { code: run.code, verdict: JSON.parse(run.stdout) as Verdict, stdout: run.stdout };
  };
  const cloudLogSize = () => (existsSync(lab.cloudLogFile) ? readFileSync(lab.cloudLogFile, "utf8").length : 0);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "rvi-doctor-"));
    lab = await startLab({ dir, router: { sensitivePolicy: true } });
    config = { ...lab.config, ...FAST };
    engine = await startMiniEngine({ cwd: process.cwd(), config: asPulumiConfig(config) });
    writeWorkspace(dir, config);
    stackFile = join(dir, "stacks", "Pulumi.lab.yaml");
    lab.watch();
    await engine.up(program);
    lab.unwatch();
  });
  after(async () => {
    lab.unwatch();
    await engine.stop();
    await lab.stop();
  });

  it("a healthy tunnel: doctor exits 0 and says UP", async () => {
    const { code, verdict } = await doctor(cloudLogSize());
    assert.equal(code, 0, JSON.stringify(verdict.causes));
    assert.equal(verdict.healthy, true);
    assert.match(verdict.summary, /^UP: the peer is established with 2 SAs and the cloud reports AVAILABLE/);
    // Both ends read back as the spec renders them, DPD and NAT-T included: no false drift from the API's spellings.
    assert.deepEqual(verdict.specDifferences, []);
  });

  it("shows its slow steps on one progress line on a terminal, and nothing of it elsewhere", async () => {
    const onTerminal = await runCli(["status", "--stack-file", stackFile], "", { tty: true });
    assert.match(onTerminal.stderr, /reading Tencent Cloud…\r\x1b\[Kreading the router at 127\.0\.0\.1:\d+…\r\x1b\[K$/);
    const piped = await runCli(["status", "--stack-file", stackFile]);
    assert.equal(piped.stderr, "");
  });

  it("status prints both ends at a glance and exits 0", async () => {
    const run = await runCli(["status", "--stack-file", stackFile]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^tunnel to_tencent\nend\s+state\s+uptime\s+SAs\s+rx bytes\s+tx bytes\nrouter\s+established\s+\S+\s+2\s+\d+\s+\d+\ncloud\s+AVAILABLE/);
    assert.match(run.stdout, /policy 192\.168\.1\.0\/24 → 10\.100\.1\.0\/24: established/);
  });

  const mine = (r: Record<string, string>) => r.name === "to_tencent" || r.comment === "ros-vpc-ipsec:to_tencent";
  const edit = (menu: string, fields: Record<string, string>) => lab.router.update(menu, lab.router.rows(menu).find(mine)![".id"]!, fields);

  const CASES: Array<[lab: string, expected: { class: string; field?: string }, inject: () => NegotiateOptions | void]> = [
    ["psk", { class: "psk", field: "preSharedKey" }, () => edit("/ip/ipsec/identity", { secret: "not-the-cloud-key-1234" })],
    ["ike-version", { class: "ike-version", field: "ike.version" }, () => edit("/ip/ipsec/peer", { "exchange-mode": "main" })],
    ["identity", { class: "identity", field: "identities.router" }, () => edit("/ip/ipsec/identity", { "my-id": "fqdn:someone-else.example.com" })],
    ["ike-algorithm", { class: "ike-algorithm", field: "ike.encryption" }, () => edit("/ip/ipsec/profile", { "enc-algorithm": "aes-128" })],
    ["dh-group", { class: "dh-group", field: "ike.dhGroup" }, () => edit("/ip/ipsec/profile", { "dh-group": "modp1024" })],
    ["ipsec-algorithm", { class: "ipsec-algorithm", field: "ipsec.integrity" }, () => edit("/ip/ipsec/proposal", { "auth-algorithms": "sha1" })],
    ["traffic-selectors", { class: "traffic-selectors", field: "cloudCidrs" }, () => edit("/ip/ipsec/policy", { "dst-address": "10.100.2.0/24" })],
    ["pfs-group (at rekey)", { class: "pfs-group", field: "ipsec.pfsGroup" }, () => (edit("/ip/ipsec/proposal", { "pfs-group": "modp3072" }), { scenario: { rekey: true } })],
    ["wrong peer address", { class: "peer-not-answering", field: "cloudGatewayIp" }, () => edit("/ip/ipsec/peer", { address: "203.0.113.250" })],
    ["customer-gateway-ip", { class: "customer-gateway-ip", field: "routerPublicIp" }, () => ({ routerPublicAddress: "198.51.100.99" })],
    ["peer-not-answering", { class: "peer-not-answering" }, () => ({ scenario: { blocked: true } })],
    [
      "router-behind-nat",
      { class: "router-behind-nat", field: "identities.router" },
      () => (edit("/ip/ipsec/identity", { "my-id": "auto" }), { scenario: { routerBehindNat: "masquerade" }, routerAddress: "192.168.100.2", routerPublicAddress: "198.51.100.2" }),
    ],
  ];

  for (const [name, expected, inject] of CASES) {
    it(`names ${name} with its field, and exits 1`, async () => {
      const from = cloudLogSize();
      try {
        const result = lab.negotiate(inject() ?? {});
        assert.equal(result?.established && !result.failsOnlyWhen, false);
        const { code, verdict } = await doctor(from);
        assert.equal(code, 1);
        const first = verdict.causes[0]!;
        assert.equal(first.class, expected.class, `${verdict.summary}\n${JSON.stringify(verdict.causes, null, 1).slice(0, 1500)}`);
        if (expected.field) assert.ok(first.fields.includes(expected.field), `${expected.field} not in ${first.fields.join(", ")}`);
      } finally {
        await repair();
      }
    });
  }

  it("reads the cloud log from standard input with --cloud-log -: its line alone names the wrong customer gateway", async () => {
    const from = cloudLogSize();
    try {
      assert.equal(lab.negotiate({ routerPublicAddress: "198.51.100.99" })?.established, false);
      const cloudLog = readFileSync(lab.cloudLogFile, "utf8").slice(from);
      assert.match(cloudLog, /no IKE config found for [\d.]+\.\.\.198\.51\.100\.99/);
      const args = ["doctor", "--stack-file", stackFile, "--cloud-log", "-", "--json"];
      const run = await runCli(args, cloudLog);
      assert.equal(run.code, 1, run.stderr);
      const first = (JSON.parse(run.stdout) as Verdict).causes[0]!;
      assert.deepEqual([first.class, first.fields], ["customer-gateway-ip", ["routerPublicIp"]]);
      assert.ok(first.evidence.some((e) => e.startsWith("strongswan: ") && e.includes("198.51.100.99")), first.evidence.join("\n"));
      // The control: the same ends with nothing on standard input, where the router's own lines cannot tell.
      const blind = (JSON.parse((await runCli(args, "")).stdout) as Verdict).causes[0]!;
      assert.notEqual(blind.class, "customer-gateway-ip");
      assert.match(blind.cause, /no cloud log was given/);
    } finally {
      await repair();
    }
  });

  it("prints a verdict a person can act on: the cause, the evidence and the fix", async () => {
    const from = cloudLogSize();
    edit("/ip/ipsec/profile", { "dh-group": "modp1024" });
    lab.negotiate();
    const cloudLog = join(dir, "text.log");
    writeFileSync(cloudLog, readFileSync(lab.cloudLogFile, "utf8").slice(from));
    const run = await runCli(["doctor", "--stack-file", stackFile, "--cloud-log", cloudLog]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^ros-vpc-ipsec doctor: tunnel to_tencent: DOWN: phase-1 DH group mismatch \(ike\.dhGroup\)/);
    assert.match(run.stdout, /settings: ike\.dhGroup: router 2, cloud 14/);
    assert.match(run.stdout, /Fix: .*dh-group.*DhGroupName/);
    assert.match(run.stdout, /Differences from the spec[\s\S]*router: ike\.dhGroup: spec 14, actual 2/);
    await repair();
  });

  it("never prints either end's key or the router password, in text, JSON or status, even when the keys differ", async () => {
    const from = cloudLogSize();
    const secrets = [String(config["ros-vpc-ipsec:preSharedKey"]), String(config["ros-vpc-ipsec:routerPassword"]), "not-the-cloud-key-1234"];
    try {
      edit("/ip/ipsec/identity", { secret: "not-the-cloud-key-1234" });
      lab.negotiate();
      const cloudLog = join(dir, "secrets.log");
      writeFileSync(cloudLog, readFileSync(lab.cloudLogFile, "utf8").slice(from));
      const runs = await Promise.all([
        runCli(["doctor", "--stack-file", stackFile, "--cloud-log", cloudLog]),
        runCli(["doctor", "--stack-file", stackFile, "--cloud-log", cloudLog, "--json"]),
        runCli(["status", "--stack-file", stackFile, "--json"]),
      ]);
      assert.equal((JSON.parse(runs[1]!.stdout) as Verdict).causes[0]?.class, "psk", "the control: the keys were compared");
      for (const run of runs) for (const secret of secrets) assert.ok(!`${run.stdout}${run.stderr}`.includes(secret), `a secret was printed:\n${run.stdout}`);
    } finally {
      await repair();
    }
  });

  const fasttrackWarning = /^a FastTrack rule is active and the tunnel's traffic is not kept out of it/;

  it("reads FastTrack: the default configuration's fasttrack rule without a bypass (router.fastTrackBypass off) is a warning, gone with the rule", async () => {
    const healthy = await doctor(cloudLogSize());
    assert.equal(healthy.code, 0);
    assert.equal(healthy.verdict.warnings.length, 1, healthy.verdict.warnings.join("\n"));
    assert.match(healthy.verdict.warnings[0]!, fasttrackWarning);
    const filter = lab.router.rows("/ip/firewall/filter");
    const at = filter.findIndex((r) => r.action === "fasttrack-connection" && r.dynamic !== "true");
    const { ".id": id, dynamic: _d, bytes: _b, packets: _p, invalid: _i, disabled: _x, ...fasttrack } = filter[at]!;
    lab.router.removeRow("/ip/firewall/filter", id!);
    try {
      const without = await doctor(cloudLogSize());
      assert.equal(without.code, 0);
      assert.deepEqual(without.verdict.warnings, []);
    } finally {
      const next = filter[at + 1]?.[".id"];
      lab.router.seed("/ip/firewall/filter", fasttrack, next ? { placeBefore: next } : {});
    }
  });

  it("names a NAT bypass moved below masquerade (router.natBypass), though the tunnel is established, and exits 1", async () => {
    const nat = lab.router.rows("/ip/firewall/nat");
    const { ".id": id, dynamic: _d, bytes: _b, packets: _p, invalid: _i, disabled: _x, ...bypass } = nat.find(mine)!;
    assert.ok(nat.findIndex(mine) < nat.findIndex((r) => r.action === "masquerade"), "the control: up put the bypass above masquerade");
    try {
      lab.router.removeRow("/ip/firewall/nat", id!);
      lab.router.seed("/ip/firewall/nat", bypass); // appended: below masquerade
      const { code, verdict } = await doctor(cloudLogSize());
      assert.equal(code, 1);
      assert.deepEqual([verdict.causes[0]?.class, verdict.causes[0]?.fields], ["nat-bypass", ["router.natBypass"]]);
      assert.deepEqual(verdict.causes[0]?.evidence, ["router: NAT bypass below-masquerade"]);
    } finally {
      await repair();
    }
    const nat2 = lab.router.rows("/ip/firewall/nat");
    assert.ok(nat2.findIndex(mine) < nat2.findIndex((r) => r.action === "masquerade"), "refresh + up did not move the bypass back above masquerade");
  });

  describe("an IKEv1 tunnel", () => {
    before(async () => {
      config = { ...config, "ros-vpc-ipsec:tunnel": { ...(config["ros-vpc-ipsec:tunnel"] as object), ike: { version: "ikev1", exchangeMode: "main" } } };
      require("@pulumi/pulumi").runtime.setAllConfig(asPulumiConfig(config));
      writeWorkspace(dir, config);
      lab.watch();
      await engine.up(program);
      lab.unwatch();
      assert.equal(lab.negotiate()?.established, true);
    });

    it("names an exchange-mode mismatch (the aggressive router initiates)", async () => {
      const from = cloudLogSize();
      try {
        edit("/ip/ipsec/peer", { "exchange-mode": "aggressive" });
        assert.equal(lab.negotiate({ scenario: { initiator: "router" } })?.mismatch, "exchange-mode");
        const { code, verdict } = await doctor(from);
        assert.equal(code, 1);
        assert.deepEqual([verdict.causes[0]?.class, verdict.causes[0]?.fields], ["exchange-mode", ["ike.exchangeMode"]]);
      } finally {
        await repair();
      }
    });

    it("names NAT traversal switched off on the router's profile while the router is behind NAT", async () => {
      const from = cloudLogSize();
      try {
        edit("/ip/ipsec/profile", { "nat-traversal": "no" });
        const behindNat = { scenario: { routerBehindNat: "masquerade" as const }, routerAddress: "192.168.100.2", routerPublicAddress: "198.51.100.2" };
        assert.equal(lab.negotiate(behindNat)?.mismatch, "nat-traversal");
        const { code, verdict } = await doctor(from);
        assert.equal(code, 1);
        const first = verdict.causes[0]!;
        assert.equal(first.class, "nat-traversal", JSON.stringify(verdict.causes.map((c) => [c.class, c.basis, c.fields])));
        assert.ok(first.fields.includes("router.natTraversal"));
        // Tencent has no NAT-T setting to compare with: the router's own difference from the spec backs the log.
        assert.ok(first.evidence.includes("spec: router: router.natTraversal: spec true, actual false"), first.evidence.join("\n"));
        assert.deepEqual(verdict.specDifferences, [{ end: "router", path: "router.natTraversal", expected: true, actual: false }]);
      } finally {
        await repair();
      }
    });

    it("names a lifetime the responding router refuses under proposal-check=strict", async () => {
      const from = cloudLogSize();
      try {
        edit("/ip/ipsec/proposal", { lifetime: "30m" });
        edit("/ip/ipsec/profile", { "proposal-check": "strict" });
        assert.equal(lab.negotiate({ scenario: { initiator: "cloud" } })?.mismatch, "lifetime");
        const { code, verdict } = await doctor(from);
        assert.equal(code, 1);
        assert.equal(verdict.causes[0]?.class, "lifetime", JSON.stringify(verdict.causes.map((c) => [c.class, c.basis])));
        assert.ok(verdict.causes[0]?.fields.includes("ipsec.lifetime"));
      } finally {
        await repair();
      }
    });
  });

  it("exits 2 and says what is missing when it cannot look", async () => {
    const run = await runCli(["doctor", "--stack-file", stackFile, "--router-password-env", "NO_SUCH_VARIABLE_SET", "--router-port", "1"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot reach the RouterOS API at 127\.0\.0\.1:1/);
  });
});
