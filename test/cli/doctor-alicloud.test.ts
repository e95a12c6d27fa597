// ros-vpc-ipsec doctor and status for an Alibaba Cloud site, end to end: the RouterOS emulator (rows made by the
// RouterOsIpsecTunnel provider, the negotiation outcome seeded) and the Alibaba VPC API emulator (the connection as
// AlicloudVpnSide would have made it), both on 127.0.0.1. A healthy tunnel exits 0 and shows Alibaba's Status; a
// setting changed in Alibaba's console is found by comparing both ends with no log given; no secret is ever printed.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import type { RouterOsEmulator } from "../emulators/routeros";
import { AlicloudVpcEmulator } from "../emulators/alicloud";
import { seedTunnel, type SeededTunnel } from "../helpers/alicloud";
import { runCli, type CliRun } from "../helpers/cli";
import { closeAllSessions, PASSWORD, providerFor, startRouter, tunnelInputs } from "../helpers/router";
import { exampleSpec } from "../helpers/specs";
import { findSecrets } from "../security/helpers";

/** Distinctive values: a hit in the output is never a coincidence. */
const SECRETS = {
  accessKeySecret: "E2eAliSecret-Rw8Kd2Mq5Zt3",
  psk: "E2eAliPsk-Hn4Vc7Xb1Lp9Qs2",
  consolePsk: "E2eAliPsk2-Gt6Jm3Wy8Ne5",
  wrongAccessKeySecret: "E2eWrongSecret-Fa9Ub4Ki7",
  routerPassword: PASSWORD,
};
const GATEWAY_IP = "203.0.113.20";
const TUNNEL = { name: "to_aliyun", cloud: "alicloud", cloudCidrs: ["10.100.1.0/24"], siteCidrs: ["192.168.1.0/24"], routerPublicIp: "198.51.100.2" };
const spec = exampleSpec("secure", { ...TUNNEL, preSharedKey: SECRETS.psk });
/** What the stack encrypts reads as an object in its file: doctor takes it from the environment. */
const ENCRYPTED = { secure: "v1:AAABAOpaque" };
const ENV = { ALICLOUD_SECRET_KEY: SECRETS.accessKeySecret, ROS_VPC_IPSEC_PSK: SECRETS.psk, ROS_VPC_IPSEC_ROUTER_PASSWORD: SECRETS.routerPassword };

interface Verdict {
  healthy: boolean;
  summary: string;
  causes: Array<{ class: string; fields: string[]; basis: string; evidence: string[] }>;
  settings: Array<{ path: string }>;
  specDifferences: Array<{ end: string; path: string; expected: unknown; actual: unknown }>;
  cloud?: { connectionId?: string; view?: { preSharedKey?: string } };
}

describe("doctor and status against an Alibaba Cloud site", { timeout: 60_000 }, () => {
  let router: RouterOsEmulator;
  let cloud: AlicloudVpcEmulator;
  let tunnel: SeededTunnel;
  let dir: string;
  /** Everything the commands printed, scanned for secrets at the end. */
  const printed: Array<{ where: string; text: string }> = [];

  const stackFile = (name: string, change: { cloud?: Record<string, unknown>; config?: Record<string, unknown> } = {}): string => {
    const file = join(dir, `Pulumi.${name}.yaml`);
    const config = {
      "alicloud:region": cloud.region,
      "alicloud:accessKey": cloud.accessKeyId,
      "alicloud:secretKey": ENCRYPTED,
      "ros-vpc-ipsec:alicloudEndpoint": cloud.endpoint,
      "ros-vpc-ipsec:alicloudBackoffInitialMs": "5",
      "ros-vpc-ipsec:alicloudBackoffMaxMs": "20",
      "ros-vpc-ipsec:preSharedKey": ENCRYPTED,
      "ros-vpc-ipsec:routerPassword": ENCRYPTED,
      "ros-vpc-ipsec:tunnel": { name: TUNNEL.name, cloudCidrs: TUNNEL.cloudCidrs, siteCidrs: TUNNEL.siteCidrs, routerPublicIp: TUNNEL.routerPublicIp },
      "ros-vpc-ipsec:cloud": change.cloud ?? { provider: "alicloud", vpcId: "vpc-bp1lab0001", routeTableId: "vtb-bp1lab0001", vswitchId: "vsw-bp1lab0001", gateway: { bandwidthMbps: 10 } },
      "ros-vpc-ipsec:router": { host: router.host, port: router.port, tls: { mode: "fingerprint", fingerprint: router.tls!.fingerprint256 } },
      ...change.config,
    };
    writeFileSync(file, JSON.stringify({ config }, null, 2));
    return file;
  };

  const cli = async (args: string[], env: Record<string, string | undefined> = ENV): Promise<CliRun> => {
    const saved = Object.fromEntries(Object.keys({ ...ENV, ...env }).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries({ ...Object.fromEntries(Object.keys(ENV).map((k) => [k, undefined])), ...env })) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    try {
      const run = await runCli(args);
      printed.push({ where: args.join(" "), text: `${run.stdout}\n${run.stderr}` });
      return run;
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };
  const doctor = async (file: string, extra: string[] = []) => {
    const run = await cli(["doctor", "--stack-file", file, "--json", ...extra]);
    assert.notEqual(run.code, 2, run.stderr);
    return { code: run.code, verdict: JSON.parse(run.stdout) as Verdict };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "rvi-doctor-alicloud-"));
    router = await startRouter({ version: "7.16", sensitivePolicy: true });
    cloud = await AlicloudVpcEmulator.start({ accessKeyId: "LTAI5tDoctorE2e0001", accessKeySecret: SECRETS.accessKeySecret, region: "cn-hangzhou" });
    // The router's rows exactly as the RouterOsIpsecTunnel provider makes them for this spec.
    const provider = await providerFor(router);
    const { preSharedKey: _key, ...input } = { ...TUNNEL, preSharedKey: SECRETS.psk };
    await provider.create(tunnelInputs(router, "secure", { spec: input as never, preSharedKey: SECRETS.psk, gatewayIp: GATEWAY_IP, waitForEstablishedSeconds: 0 }));
    await closeAllSessions();
    tunnel = seedTunnel(cloud, spec, GATEWAY_IP);
    router.setNegotiation(TUNNEL.name, { state: "established" });
  });
  after(async () => {
    await closeAllSessions();
    await Promise.all([router?.stop(), cloud?.stop()]);
  });
  afterEach(() => cloud.clearFaults());

  /** Both ends as the spec has them, and up. */
  const healthy = () => {
    cloud.updateVpnConnection(tunnel.vpnConnectionId, { Status: "ipsec_sa_established", IkeConfig: { IkeEncAlg: "aes256", Psk: SECRETS.psk } });
    router.setNegotiation(TUNNEL.name, { state: "established" });
  };

  it("a healthy tunnel: doctor exits 0, reads Alibaba's Status and settings, and finds both ends as the spec renders them", async () => {
    const file = stackFile("healthy");
    cloud.resetCalls();
    const { code, verdict } = await doctor(file);
    assert.equal(code, 0, JSON.stringify(verdict.causes));
    assert.match(verdict.summary, /^UP: the peer is established with 2 SAs and the cloud reports ipsec_sa_established$/);
    assert.deepEqual([verdict.settings, verdict.specDifferences], [[], []]);
    assert.equal(verdict.cloud?.connectionId, tunnel.vpnConnectionId);
    assert.equal(verdict.cloud?.view?.preSharedKey, "<hidden>", "Alibaba showed a key: it was compared, and is hidden");
    assert.deepEqual(cloud.calls, { DescribeVpnConnections: 1, DescribeCustomerGateways: 1, DescribeVpnGateway: 1 });
    const text = await cli(["doctor", "--stack-file", file]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, new RegExp(`\\n  cloud   Alibaba Cloud  ${tunnel.vpnConnectionId}  State active  Status ipsec_sa_established  gateway 203\\.0\\.113\\.20\\n`));
  });

  it("status shows Alibaba's Status in the cloud row and exits 0", async () => {
    const file = stackFile("healthy");
    const run = await cli(["status", "--stack-file", file]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^tunnel to_aliyun\nend\s+state\s+uptime\s+SAs\s+rx bytes\s+tx bytes\nrouter\s+established\s+\S+\s+2\s+\d+\s+\d+\ncloud\s+ipsec_sa_established\s/);
    const json = await cli(["status", "--stack-file", file, "--json"]);
    assert.deepEqual((JSON.parse(json.stdout) as { cloud: unknown }).cloud, { found: true, state: "active", netStatus: "ipsec_sa_established" });
  });

  it("IkeEncAlg changed in Alibaba's console: found by comparing both ends, no log given; exits 1 naming ike.encryption", async () => {
    const file = stackFile("healthy");
    try {
      cloud.updateVpnConnection(tunnel.vpnConnectionId, { Status: "ike_sa_not_established", IkeConfig: { IkeEncAlg: "aes" } });
      router.setNegotiation(TUNNEL.name, { state: "failed", log: [] });
      const { code, verdict } = await doctor(file);
      assert.equal(code, 1);
      const first = verdict.causes[0]!;
      assert.deepEqual([first.class, first.fields, first.basis], ["ike-algorithm", ["ike.encryption"], "settings"], JSON.stringify(verdict.causes));
      assert.deepEqual(verdict.specDifferences, [{ end: "cloud", path: "ike.encryption", expected: ["aes-256-cbc"], actual: ["aes-128-cbc"] }]);
      const text = await cli(["doctor", "--stack-file", file]);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /^ros-vpc-ipsec doctor: tunnel to_aliyun: DOWN: phase-1 encryption or integrity algorithm mismatch \(ike\.encryption\)\n/);
      assert.match(text.stdout, /Status ike_sa_not_established/);
      assert.match(text.stdout, /settings: ike\.encryption: router aes-256-cbc, cloud aes-128-cbc/);
      assert.match(text.stdout, /Fix: .*Alibaba ikeConfig\.ikeEncAlg/);
      assert.match(text.stdout, /Differences from the spec[^\n]*\n  cloud: ike\.encryption: spec aes-256-cbc, actual aes-128-cbc/);
      const status = await cli(["status", "--stack-file", file]);
      assert.equal(status.code, 1);
      assert.match(status.stdout, /\ncloud\s+ike_sa_not_established\s/);
    } finally {
      healthy();
    }
  });

  it("ike_sa_established alone is phase 1: not up, for status nor doctor", async () => {
    const file = stackFile("healthy");
    try {
      cloud.updateVpnConnection(tunnel.vpnConnectionId, { Status: "ike_sa_established" });
      assert.equal((await cli(["status", "--stack-file", file])).code, 1);
      const { code, verdict } = await doctor(file);
      assert.equal(code, 1);
      assert.equal(verdict.healthy, false);
    } finally {
      healthy();
    }
  });

  it("a key changed in Alibaba's console: named, neither key shown", async () => {
    const file = stackFile("healthy");
    try {
      cloud.updateVpnConnection(tunnel.vpnConnectionId, { Status: "ike_sa_not_established", IkeConfig: { Psk: SECRETS.consolePsk } });
      router.setNegotiation(TUNNEL.name, { state: "failed", log: [] });
      const { code, verdict } = await doctor(file);
      assert.equal(code, 1);
      assert.deepEqual([verdict.causes[0]?.class, verdict.causes[0]?.fields], ["psk", ["preSharedKey"]]);
      assert.ok(verdict.specDifferences.some((d) => d.end === "cloud" && d.path === "preSharedKey" && d.expected === "<hidden>" && d.actual === "<hidden>"));
      await cli(["doctor", "--stack-file", file]);
    } finally {
      healthy();
    }
  });

  it("with the stack's existing gateway holding no connection of the tunnel: says so, and exits 1", async () => {
    const empty = cloud.addVpnGateway({ InternetIp: "203.0.113.30" });
    const file = stackFile("existing", { cloud: { provider: "alicloud", vpcId: "vpc-bp1lab0001", routeTableId: "vtb-bp1lab0001", existingGatewayId: empty } });
    const run = await cli(["doctor", "--stack-file", file, "--gateway-ip", GATEWAY_IP]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^ros-vpc-ipsec doctor: tunnel to_aliyun: DOWN: the cloud has no connection for this tunnel \(name, routerPublicIp\)/);
    assert.match(run.stdout, /\n  cloud   Alibaba Cloud  no connection named to_aliyun\n/);
    const status = await cli(["status", "--stack-file", file, "--gateway-ip", GATEWAY_IP]);
    assert.equal(status.code, 1);
    assert.match(status.stdout, /\ncloud\s+no connection named to_aliyun\s/);
  });

  it("--no-cloud reads nothing from Alibaba and says the settings were not read", async () => {
    const file = stackFile("healthy");
    cloud.resetCalls();
    const run = await cli(["doctor", "--stack-file", file, "--no-cloud", "--gateway-ip", GATEWAY_IP], { ROS_VPC_IPSEC_PSK: SECRETS.psk, ROS_VPC_IPSEC_ROUTER_PASSWORD: SECRETS.routerPassword });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ros-vpc-ipsec doctor: tunnel to_aliyun: UP: the peer is established with 2 SAs\n/);
    assert.match(run.stdout, /\n  cloud   Alibaba Cloud  settings not read \(--no-cloud\)\n/);
    assert.deepEqual(cloud.calls, {});
    const withLog = join(dir, "gateway.log");
    writeFileSync(withLog, "Mar 14 10:02:11 vpngw charon: 11[IKE] received AUTHENTICATION_FAILED notify error\n");
    const logged = await cli(["doctor", "--stack-file", file, "--no-cloud", "--gateway-ip", GATEWAY_IP, "--cloud-log", withLog]);
    assert.match(logged.stdout, /\n  cloud   Alibaba Cloud  settings not read \(--no-cloud\)\n/);
    assert.deepEqual(cloud.calls, {});
  });

  it("rides out throttling; says what Alibaba answered when it does not stop", async () => {
    const file = stackFile("healthy");
    cloud.injectFault({ action: "DescribeVpnConnections", kind: "Throttling.User", times: 2 });
    assert.equal((await doctor(file)).code, 0);
    cloud.injectFault({ action: "*", kind: "Throttling.User", times: 50 });
    const run = await cli(["doctor", "--stack-file", file]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^ros-vpc-ipsec doctor: DescribeVpnConnections: Throttling\.User: Request was denied due to user flow control\. \(RequestId [0-9A-F-]{36}\)\. Alibaba kept refusing for now: rerun in a minute\n$/);
  });

  it("exits 2 naming the credential to fix: the encrypted secret not exported, or a wrong one", async () => {
    const file = stackFile("healthy");
    cloud.resetCalls();
    const missing = await cli(["doctor", "--stack-file", file], { ROS_VPC_IPSEC_PSK: SECRETS.psk, ROS_VPC_IPSEC_ROUTER_PASSWORD: SECRETS.routerPassword });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "ros-vpc-ipsec doctor: cannot read Alibaba Cloud: alicloud:secretKey is encrypted in the stack: export ALICLOUD_SECRET_KEY=$(pulumi config get alicloud:secretKey) (or pass --no-cloud)\n");
    assert.deepEqual(cloud.calls, {}, "nothing was sent");
    const wrong = await cli(["status", "--stack-file", file], { ...ENV, ALICLOUD_SECRET_KEY: SECRETS.wrongAccessKeySecret });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /^ros-vpc-ipsec status: DescribeVpnConnections: SignatureDoesNotMatch: .*Check alicloud:secretKey \(or ALICLOUD_SECRET_KEY\)/);
  });

  it("never prints the AccessKey secret, the pre-shared keys or the router password, in text, JSON or errors", () => {
    assert.ok(printed.length >= 15, `only ${printed.length} outputs were scanned`);
    assert.ok(printed.some((p) => p.text.includes("<hidden>")), "a key was read and hidden (so the scan could have found one)");
    const hits = printed.flatMap(({ where, text }) => findSecrets(SECRETS, where, text));
    assert.deepEqual(hits.map((h) => `${h.where}: ${h.secret} in …${h.context}…`), []);
  });
});
