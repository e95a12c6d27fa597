// Specification: the pre-shared key, the router password and the cloud secret key (distinctive values, in every
// encoding) appear nowhere they should not — outputs, state outside secret properties, __provider, the provider host's
// and the program's logs, error messages, doctor/status/render — across a whole lifecycle run through the SDK's host.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { writeWorkspace } from "../../scripts/lab";
import { applyNegotiation } from "../emulators/ike";
import { RouterOsEmulator } from "../emulators/routeros";
import { TencentVpcEmulator } from "../emulators/tencent";
import { runCli, type CliRun } from "../helpers/cli";
import { asPulumiConfig, fillLabConfig, LAB_VPC_CIDR, labTemplate } from "../helpers/lab";
import { startMiniEngine, type MiniEngine } from "../helpers/mini-engine";
import { startProviderHost } from "../helpers/provider-host";
import { collectingRejections, findSecrets, OutputCapture, type Hit } from "./helpers";

const NS = "ros-vpc-ipsec";
/** Distinctive values: a hit is never a coincidence. */
const SECRETS = {
  psk: "ScanPsk-9Tq4Wm2Xz7Lr5Nv8",
  rotatedPsk: "ScanPsk2-Hb3Jd8Lp0Wc6Fg1",
  failedPsk: "ScanPsk3-Rk5Yt1Ce9Mu4Zx2",
  invalidPsk: "ScanBadPsk Qw3Er5Ty7",
  routerPassword: "ScanRouterPw-Vx5Kq2Jm8",
  cloudSecretKey: "ScanCloudKey-Mt8Rz1Yn4Pq6",
  wrongRouterPassword: "WrongRouterPw-Ae3Gs7Uk1",
  wrongCloudSecretKey: "WrongCloudKey-Bf2Hd6Lw9",
};
const KEYS = ["psk", "rotatedPsk", "failedPsk", "invalidPsk"] as const;
const program = () => (require("../../src/program") as () => Promise<Record<string, unknown>>)();

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const isSecret = (v: unknown): boolean => typeof v === "object" && v !== null && SECRET_SIG_KEY in (v as object);
const containsSecret = (v: unknown): boolean => isSecret(v) || (typeof v === "object" && v !== null && Object.values(v).some(containsSecret));

/** What the program registered for a resource: which inputs it sent as secrets, which outputs it asked to keep secret. */
interface Registration {
  secretInputs: Set<string>;
  additionalSecretOutputs: string[];
}

/** A secret found in the state, by resource and property, and whether the engine would store it encrypted. */
interface StateHit extends Hit {
  resource: string;
  property: string;
  encrypted: boolean;
}

describe("secrets across a whole lifecycle", { timeout: 60_000 }, () => {
  let router: RouterOsEmulator;
  let cloud: TencentVpcEmulator;
  let engine: MiniEngine;
  let config: Record<string, unknown>;
  let dir: string;
  const capture = new OutputCapture();
  const registrations = new Map<string, Registration>();
  /** Every text the tool produced that a person, a log or a CI system could see. */
  const seen: Array<{ where: string; text: string }> = [];
  const stateHits: StateHit[] = [];
  const see = (where: string, value: unknown) => seen.push({ where, text: typeof value === "string" ? value : JSON.stringify(value) });
  const seeCli = (where: string, run: CliRun) => see(where, `${run.stdout}\n${run.stderr}`);

  const setConfig = (changes: Record<string, unknown>) => {
    config = { ...config, ...changes };
    pulumi.runtime.setAllConfig(asPulumiConfig(config), [`${NS}:preSharedKey`, `${NS}:routerPassword`, "tencentcloud:secretKey"]);
  };
  const negotiate = () => applyNegotiation(router, cloud, { peerName: "to_tencent", cloudLogFile: join(dir, "cloud-gateway.log") });
  /**
   * `pulumi up`. A program whose resource fails under the SDK's mocks ends with an unhandled rejection (the real
   * runtime exits on it; outputs that wait for the failed resource never settle): the first one is the up's error.
   */
  const up = async (where: string): Promise<Error | undefined> => {
    let fail: (reason: unknown) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (fail = reject));
    const later = (reason: unknown) => {
      see(`${where}: a rejection`, reason instanceof Error ? reason.message : reason);
      fail(reason);
    };
    try {
      see(`${where}: stack outputs`, await collectingRejections(() => Promise.race([engine.up(program), failure]), later));
      return undefined;
    } catch (error) {
      see(`${where}: error`, (error as Error).message);
      // The real runtime exits here, abandoning what waited for the failed resource; so does this run.
      (require("@pulumi/pulumi/runtime/debuggable") as { leakedPromises(): unknown }).leakedPromises();
      return error as Error;
    } finally {
      inspectState(where);
    }
  };

  /**
   * The state as the engine stores it: every resource's inputs and outputs, and its __provider. A secret is allowed
   * only at a property the engine encrypts: a secret input, an output of the same name (the engine marks it secret
   * for a provider that does not take secrets, as the dynamic host does), or one of additionalSecretOutputs.
   */
  function inspectState(where: string): void {
    for (const resource of engine.resources()) {
      const registration = registrations.get(resource.name);
      assert.ok(registration, `no registration recorded for ${resource.name}`);
      for (const [kind, props] of [["inputs", resource.inputs], ["outputs", resource.outputs]] as const) {
        for (const [property, value] of Object.entries(props)) {
          for (const hit of findSecrets(SECRETS, `${where}: state ${resource.name}.${kind}.${property}`, JSON.stringify(value))) {
            const encrypted = registration.secretInputs.has(property) || (kind === "outputs" && registration.additionalSecretOutputs.includes(property));
            stateHits.push({ ...hit, resource: resource.name, property: `${kind}.${property}`, encrypted });
          }
        }
      }
      see(`${where}: __provider of ${resource.name}`, resource.providerText);
    }
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "rvi-secrets-"));
    capture.start({ quiet: true });
    const template = labTemplate();
    router = await RouterOsEmulator.start({ version: "7.16", user: "admin", password: SECRETS.routerPassword, tls: true, sensitivePolicy: true });
    cloud = await TencentVpcEmulator.start({ secretId: String(template["tencentcloud:secretId"]), secretKey: SECRETS.cloudSecretKey, region: "ap-guangzhou", gatewayPendingMs: 100 });
    const { vpcId, routeTableId } = cloud.addVpc({ cidrBlock: LAB_VPC_CIDR, name: "lab" });
    config = {
      ...fillLabConfig(template, { routerPort: router.port, fingerprint: router.tls!.fingerprint256, tencentEndpoint: cloud.endpoint, vpcId, routeTableId }),
      "tencentcloud:secretKey": SECRETS.cloudSecretKey,
      [`${NS}:preSharedKey`]: SECRETS.psk,
      [`${NS}:routerPassword`]: SECRETS.routerPassword,
      [`${NS}:tencentBackoffInitialMs`]: "5",
      [`${NS}:tencentBackoffMaxMs`]: "20",
      [`${NS}:tencentRetryAttempts`]: "2",
    };
    config[`${NS}:router`] = { ...(config[`${NS}:router`] as object), waitForEstablishedSeconds: 0 };
    engine = await startMiniEngine({ cwd: process.cwd(), config: asPulumiConfig(config) });
    setConfig({});
    // The engine's view of each registration: the inputs as sent (secrets marked) and additionalSecretOutputs.
    const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): { registerResource(request: RegisterRequest, callback: unknown): unknown } };
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
      const inputs = (request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
      registrations.set(request.getName(), {
        secretInputs: new Set(Object.entries(inputs).filter(([, v]) => containsSecret(v)).map(([k]) => k)),
        additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
      });
      return register(request, callback);
    };
  });
  after(async () => {
    capture.stop();
    await engine?.stop();
    await Promise.all([router?.stop(), cloud?.stop()]);
  });

  it("up creates both ends; the tunnel comes up", async () => {
    assert.equal(await up("up"), undefined);
    assert.equal(negotiate().established, true);
    assert.equal(engine.resources().length, 5);
  });

  it("refresh reads both ends back (the router's identity secret and Tencent's PreShareKey included)", async () => {
    await engine.refresh();
    inspectState("refresh");
    const connection = engine.resources().find((r) => r.name.endsWith("-connection"))!;
    assert.equal(connection.outputs.preSharedKey, SECRETS.psk, "Tencent returned the key: it is kept as the connection's secret output");
  });

  it("doctor and status, in text and JSON, read both ends", async () => {
    writeWorkspace(dir, config);
    const stackFile = join(dir, "stacks", "Pulumi.lab.yaml");
    for (const args of [["doctor"], ["doctor", "--json"], ["status"], ["status", "--json"]]) {
      const run = await runCli([...args, "--stack-file", stackFile]);
      seeCli(args.join(" "), run);
      assert.equal(run.code, 0, `${args.join(" ")}: ${run.stderr}`);
    }
    // The router's key changed by hand: doctor names the mismatch without showing either key.
    const identity = router.rows("/ip/ipsec/identity").find((r) => r.peer === "to_tencent")!;
    router.update("/ip/ipsec/identity", identity[".id"]!, { secret: SECRETS.failedPsk });
    negotiate();
    for (const args of [["doctor"], ["doctor", "--json"]]) {
      const run = await runCli([...args, "--stack-file", stackFile]);
      seeCli(`${args.join(" ")} (keys differ)`, run);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /preSharedKey/);
    }
    // refresh reports the changed key as drift, in words.
    await engine.refresh();
    inspectState("refresh after the key was changed by hand");
    const tunnel = engine.resources().find((r) => r.name === "to_tencent-router")!;
    assert.deepEqual(tunnel.outputs.drift, ["identity to_tencent: secret changed on the router"]);
  });

  it("a key rotation updates both ends in place", async () => {
    setConfig({ [`${NS}:preSharedKey`]: SECRETS.rotatedPsk });
    assert.equal(await up("rotation"), undefined);
    assert.deepEqual(engine.operations.filter((o) => !o.startsWith("same")).sort(), ["update to_tencent-router", "update to_tencent-tencent-connection"]);
    assert.equal(negotiate().established, true);
  });

  it("a rotation that fails, first in the cloud, then on the router, says so without the keys", async () => {
    cloud.injectFault({ action: "ModifyVpnConnectionAttribute", kind: "InternalError", times: 5 });
    setConfig({ [`${NS}:preSharedKey`]: SECRETS.failedPsk });
    const cloudFailure = await up("failing update (cloud)");
    cloud.clearFaults();
    assert.match(cloudFailure?.message ?? "", /ModifyVpnConnectionAttribute: InternalError/);

    router.faults.trapOn = { command: "/ip/ipsec/identity/set", message: "failure: could not set secret", times: 5 };
    const routerFailure = await up("failing update (router)");
    router.faults = { latencyMs: 0 };
    assert.match(routerFailure?.message ?? "", /failure: could not set secret/);
    assert.match(engine.operations.join(", "), /update to_tencent-tencent-connection/);
  });

  it("wrong credentials are refused, and the errors hold neither the right nor the wrong ones", async () => {
    const host = await startProviderHost({ cwd: process.cwd() });
    try {
      const { acceptSecrets } = await host.configure(asPulumiConfig({ ...config, [`${NS}:routerPassword`]: SECRETS.wrongRouterPassword, "tencentcloud:secretKey": SECRETS.wrongCloudSecretKey }));
      // Why an output named like a secret input is stored encrypted: the engine re-marks it for such a provider.
      assert.equal(acceptSecrets, false);
      for (const resource of engine.resources()) {
        const error = await host
          .resource(resource.providerText, resource.type)
          .read(resource.id, resource.outputs)
          .then(() => undefined, (e: Error) => e);
        assert.ok(error, `${resource.name} was read with wrong credentials`);
        see(`read ${resource.name} with wrong credentials`, error.message);
      }
      see("the second host's stderr", host.stderr());
    } finally {
      await host.stop();
    }
    const wrong = join(dir, "Pulumi.wrong.yaml");
    writeFileSync(wrong, JSON.stringify({ config: { ...config, [`${NS}:routerPassword`]: SECRETS.wrongRouterPassword } }));
    const run = await runCli(["status", "--stack-file", wrong]);
    seeCli("status with a wrong router password", run);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /refused the login/);
    writeFileSync(wrong, JSON.stringify({ config: { ...config, "tencentcloud:secretKey": SECRETS.wrongCloudSecretKey } }));
    const cloudRun = await runCli(["doctor", "--stack-file", wrong]);
    seeCli("doctor with a wrong cloud key", cloudRun);
    assert.equal(cloudRun.code, 2);
    assert.match(cloudRun.stderr, /AuthFailure/);
  });

  it("an invalid key is refused by name, never by value", async () => {
    setConfig({ [`${NS}:preSharedKey`]: SECRETS.invalidPsk });
    const error = await up("invalid key");
    assert.ok(error);
    assert.match(error.message, /preSharedKey/);
    const file = join(dir, "invalid.yaml");
    writeFileSync(file, JSON.stringify({ ...(config[`${NS}:tunnel`] as object), preSharedKey: SECRETS.invalidPsk, cloudGatewayIp: "203.0.113.10" }));
    const run = await runCli(["render", file]);
    seeCli("render of an invalid key", run);
    assert.equal(run.code, 1);
    setConfig({ [`${NS}:preSharedKey`]: SECRETS.rotatedPsk });
    assert.equal(await up("repair"), undefined);
  });

  it("render prints no key unless --show-secrets (which does: the scan would see it)", async () => {
    const file = join(dir, "spec.yaml");
    writeFileSync(file, JSON.stringify({ ...(config[`${NS}:tunnel`] as object), preSharedKey: SECRETS.psk, cloudGatewayIp: "203.0.113.10" }));
    for (const target of ["routeros", "tencent", "alicloud"]) {
      const run = await runCli(["render", file, "--target", target]);
      assert.equal(run.code, 0, run.stderr);
      seeCli(`render --target ${target}`, run);
    }
    const shown = await runCli(["render", file, "--show-secrets"]);
    assert.ok(findSecrets({ psk: SECRETS.psk }, "render --show-secrets", shown.stdout).length > 0);
  });

  it("destroy removes both ends", async () => {
    await engine.destroy();
    assert.deepEqual(engine.resources(), []);
    assert.deepEqual(router.rows("/ip/ipsec/peer").filter((p) => p.name === "to_tencent"), []);
  });

  it("the state holds a key only at properties the engine encrypts", () => {
    const plain = stateHits.filter((h) => !h.encrypted);
    assert.deepEqual(plain.map((h) => `${h.where} (${h.secret})`), []);
    // The control: the keys are where they must be, so the scan does see them.
    const places = new Set(stateHits.filter((h) => KEYS.includes(h.secret as (typeof KEYS)[number])).map((h) => `${h.resource}.${h.property}`));
    assert.deepEqual([...places].sort(), [
      "to_tencent-router.inputs.preSharedKey",
      "to_tencent-router.outputs.preSharedKey",
      "to_tencent-tencent-connection.inputs.preSharedKey",
      "to_tencent-tencent-connection.outputs.preSharedKey",
    ]);
    assert.deepEqual(stateHits.filter((h) => !KEYS.includes(h.secret as (typeof KEYS)[number])), [], "a password or a cloud key reached the state");
  });

  it("no output, __provider, log line, error or printed text holds a secret", () => {
    see("the program's output (pulumi.log under mocks)", capture.program.join("\n"));
    assert.match(capture.children.join(""), /^\d+\s*$/m, "the provider hosts' output was not captured (each prints its port)");
    see("the provider host's stdout and stderr", `${capture.children.join("")}\n${engine.host.stderr()}`);
    assert.ok(seen.length > 40, `only ${seen.length} texts were scanned`);
    const hits = seen.flatMap(({ where, text }) => findSecrets(SECRETS, where, text));
    assert.deepEqual(hits.map((h) => `${h.where}: ${h.secret} in …${h.context}…`), []);
  });
});

interface RegisterRequest {
  getName(): string;
  getObject(): { toJavaScript(): unknown } | undefined;
  getAdditionalsecretoutputsList(): string[];
}

