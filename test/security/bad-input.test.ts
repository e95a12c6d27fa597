// Specification: every case of the bad-input corpus (corpus.ts) is refused, naming its field, by each real entry point
// it reaches — the site program, RouterOsIpsecTunnel's Check in the dynamic-provider host, TencentVpnSide, `render` —
// before anything is sent: both emulators run all along and their counters stay at zero. Needs dist/ (npm run build).
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { routerOsProviderShim } from "../../src/routeros/tunnel";
import { TencentVpnSide } from "../../src/tencent/side";
import type { TencentVpnSideArgs } from "../../src/tencent/side-args";
import { runCli } from "../helpers/cli";
import { asPulumiConfig, startLab, type Lab } from "../helpers/lab";
import { startMiniEngine, type MiniEngine } from "../helpers/mini-engine";
import { serializedProvider, UNKNOWN, type HostedResource, type Props } from "../helpers/provider-host";
import { CORPUS, ENTRY_POINTS, expectedPath, isAlicloud, type BadInput, type EntryPoint } from "./corpus";
import { applyPatch, findSecrets, problemLines, strayLines, stringsIn } from "./helpers";

const NS = "ros-vpc-ipsec";
const GATEWAY_IP = "203.0.113.10";
const FAST = { [`${NS}:tencentBackoffInitialMs`]: "5", [`${NS}:tencentBackoffMaxMs`]: "20" };
const ALICLOUD = { provider: "alicloud", vpcId: "vpc-bp1lab0001", routeTableId: "vtb-bp1lab0001", vswitchId: "vsw-bp1lab0001", gateway: { bandwidthMbps: 10 } };
const program = () => (require("../../src/program") as () => Promise<Record<string, unknown>>)();

describe("the bad-input corpus", { timeout: 60_000 }, () => {
  let lab: Lab;
  let engine: MiniEngine;
  let tunnelCheck: HostedResource;
  let dir: string;
  /** The lab's secrets plus, per case, the values that stand for one (a key, a password among plain settings). */
  let labSecrets: Record<string, string>;
  const base = () => lab.config as Record<string, Record<string, unknown> & unknown>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "rvi-corpus-"));
    lab = await startLab({ dir });
    engine = await startMiniEngine({ cwd: process.cwd(), config: asPulumiConfig({ ...lab.config, ...FAST }) });
    tunnelCheck = engine.host.resource(await serializedProvider(routerOsProviderShim), "pulumi-nodejs:dynamic/ros-vpc-ipsec:RouterOsIpsecTunnel");
    labSecrets = {
      psk: String(lab.config[`${NS}:preSharedKey`]),
      routerPassword: String(lab.config[`${NS}:routerPassword`]),
      cloudSecretKey: String(lab.config["tencentcloud:secretKey"]),
    };
  });
  after(async () => {
    await engine?.stop();
    await lab?.stop();
  });

  const cases = (entry: EntryPoint) => CORPUS.filter((c) => expectedPath(c, entry, "file") !== null);

  it("holds at least 80 cases for each entry point, each id once", () => {
    assert.equal(new Set(CORPUS.map((c) => c.id)).size, CORPUS.length);
    for (const entry of ENTRY_POINTS) assert.ok(cases(entry).length >= 80, `${entry}: ${cases(entry).length} cases`);
  });

  /** The values a case gives that are secrets (its key; a password put among plain settings). */
  const secretsOf = (c: BadInput): Record<string, string> => {
    const own = [c.key, ...stringsIn([c.tunnel, c.router].map((p) => (typeof p === "function" ? undefined : p))).filter((s) => s.startsWith("Kx7"))];
    return { ...labSecrets, ...Object.fromEntries(own.filter((s): s is string => typeof s === "string" && s.length >= 8).map((s, i) => [`case value ${i}`, s])) };
  };

  /** Nothing reached either emulator: no TLS handshake, no API sentence, no cloud API call. */
  const assertNothingSent = (c: BadInput, entry: EntryPoint) => {
    const { connections, sentencesReceived } = lab.router.counters;
    assert.deepEqual({ connections, sentencesReceived, cloudCalls: { ...lab.cloud.calls } }, { connections: 0, sentencesReceived: 0, cloudCalls: {} }, `${c.id} (${entry}): something was sent`);
  };
  const resetCounters = () => {
    lab.router.resetCounters();
    lab.cloud.resetCalls();
  };

  /** The refusal names the case's field, says what the case expects, holds no forged line and no secret. */
  const assertListed = (c: BadInput, entry: EntryPoint, text: string, path: string) => {
    const lines = problemLines(text, path);
    assert.ok(lines.length > 0, `${c.id} ${c.what} (${entry}): ${JSON.stringify(path)} is not named in:\n${text.slice(0, 2000)}`);
    if (c.message) assert.ok(lines.some((l) => c.message!.test(l)), `${c.id} (${entry}): no line says ${c.message}:\n${lines.join("\n")}`);
    assert.deepEqual(strayLines(text), [], `${c.id} (${entry}): lines outside the problem list`);
    assert.deepEqual(findSecrets(secretsOf(c), `${c.id} ${entry}`, text), [], `${c.id} (${entry}) shows a secret`);
  };

  /** A case that got through leaves objects behind: remove them so that the next case starts from nothing. */
  const cleanUp = async () => {
    if (engine.resources().length > 0) await engine.destroy().catch(() => undefined);
  };

  describe("the site program (src/program.ts) under the mini engine", () => {
    afterEach(cleanUp);
    const stackConfig = (c: BadInput): Record<string, string> => {
      const config = base();
      const tunnel = applyPatch(c.tunnel, config[`${NS}:tunnel`] as Record<string, unknown>);
      const router = applyPatch(c.router, config[`${NS}:router`] as Record<string, unknown>);
      const cloud = applyPatch(c.cloud, isAlicloud(c) ? ALICLOUD : (config[`${NS}:cloud`] as Record<string, unknown>));
      const values = asPulumiConfig({ ...config, ...FAST, [`${NS}:tunnel`]: tunnel, [`${NS}:router`]: router, [`${NS}:cloud`]: cloud });
      if (c.key !== undefined) values[`${NS}:preSharedKey`] = c.key;
      for (const [key, value] of Object.entries(c.config ?? {})) {
        if (value === undefined) delete values[key];
        else values[key] = value;
      }
      return values;
    };

    it("runs the lab's own configuration (the control: the base is valid and reaches both emulators)", async () => {
      pulumi.runtime.setAllConfig(asPulumiConfig({ ...base(), ...FAST, [`${NS}:router`]: { ...(base()[`${NS}:router`] as object), waitForEstablishedSeconds: 0 } }));
      resetCounters();
      await engine.up(program);
      assert.ok(lab.router.counters.sentencesReceived > 0 && Object.keys(lab.cloud.calls).length > 0);
      await engine.destroy();
    });

    for (const c of cases("program")) {
      it(`${c.id} ${c.category}: ${c.what}`, async () => {
        pulumi.runtime.setAllConfig(stackConfig(c), [`${NS}:preSharedKey`, `${NS}:routerPassword`, "tencentcloud:secretKey"]);
        resetCounters();
        const error = await engine.up(program).then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        assert.ok(error instanceof Error, `${c.id}: the program ran`);
        assert.match(error.message, /^the stack's configuration is not valid:\n/);
        assertListed(c, "program", error.message, expectedPath(c, "program", "file")!);
        assertNothingSent(c, "program");
        assert.deepEqual(engine.resources(), []);
      });
    }
  });

  describe("RouterOsIpsecTunnel's Check in the dynamic-provider host", () => {
    const inputsOf = (c: BadInput): Props => {
      const tunnel = applyPatch(c.tunnel, base()[`${NS}:tunnel`] as Record<string, unknown>);
      const { adopt, waitForEstablishedSeconds, password, ...router } = applyPatch(c.router, {
        host: lab.router.host,
        port: lab.router.port,
        tls: { mode: "fingerprint", fingerprint: lab.router.tls!.fingerprint256 },
      });
      const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
      return defined({ spec: tunnel, preSharedKey: c.key ?? labSecrets.psk, gatewayIp: tunnel.cloudGatewayIp ?? GATEWAY_IP, router: defined(router), adopt, waitForEstablishedSeconds, password });
    };

    it("accepts the base inputs (the control), and values a preview does not know yet", async () => {
      const inputs = inputsOf({ id: "base", category: "syntax", what: "", field: "tunnel.name" });
      assert.deepEqual((await tunnelCheck.check({}, inputs)).failures, []);
      assert.deepEqual((await tunnelCheck.check({}, { ...inputs, gatewayIp: UNKNOWN, adopt: UNKNOWN, waitForEstablishedSeconds: UNKNOWN })).failures, []);
    });

    for (const c of cases("routerCheck")) {
      it(`${c.id} ${c.category}: ${c.what}`, async () => {
        resetCounters();
        const { failures } = await tunnelCheck.check({}, inputsOf(c));
        const path = expectedPath(c, "routerCheck", "file")!;
        const found = failures.filter((f) => f.property === path);
        assert.ok(found.length > 0, `${c.id}: ${path} not among ${JSON.stringify(failures.map((f) => f.property))}`);
        if (c.message) assert.ok(found.some((f) => c.message!.test(f.reason)), `${c.id}: no failure says ${c.message}: ${JSON.stringify(found)}`);
        for (const failure of failures) assert.ok(!/[\n\r]/.test(failure.reason), `${c.id}: a failure spans lines: ${failure.reason}`);
        assert.deepEqual(findSecrets(secretsOf(c), c.id, JSON.stringify(failures)), []);
        assertNothingSent(c, "routerCheck");
      });
    }
  });

  describe("TencentVpnSide (the Tencent side's argument check) under the mini engine", () => {
    afterEach(cleanUp);
    const argsOf = (c: BadInput): TencentVpnSideArgs => {
      const tunnel = applyPatch(c.tunnel, base()[`${NS}:tunnel`] as Record<string, unknown>);
      const { provider: _provider, ...cloud } = applyPatch(c.cloud, { provider: "tencent", vpcId: lab.vpcId, routeTableId: lab.routeTableId, gateway: { bandwidthMbps: 5 } });
      return { spec: { ...tunnel, preSharedKey: c.key ?? labSecrets.psk }, ...cloud } as unknown as TencentVpnSideArgs;
    };

    for (const c of cases("tencentSide")) {
      it(`${c.id} ${c.category}: ${c.what}`, async () => {
        resetCounters();
        const error = await engine
          .up(async () => {
            new TencentVpnSide("corpus", argsOf(c));
            return {};
          })
          .then(
            () => undefined,
            (e: unknown) => e as Error,
          );
        assert.ok(error instanceof Error, `${c.id}: the side was built`);
        assert.match(error.message, /^invalid TencentVpnSide "corpus" arguments:\n/);
        assertListed(c, "tencentSide", error.message, expectedPath(c, "tencentSide", "file")!);
        assertNothingSent(c, "tencentSide");
        assert.deepEqual(engine.resources(), []);
      });
    }
  });

  describe("ros-vpc-ipsec render --show-secrets: a key of RouterOS metacharacters stays one quoted value", () => {
    // The key is the script's one free-form value: every character the PSK alphabet allows must stay data.
    const specWith = (key: string, name: string) => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, JSON.stringify({ ...(base()[`${NS}:tunnel`] as object), preSharedKey: key }));
      return file;
    };
    const script = async (file: string) => {
      const run = await runCli(["render", file, "--gateway-ip", GATEWAY_IP, "--show-secrets"]);
      assert.equal(run.code, 0, run.stderr);
      return run.stdout.split("\n");
    };
    for (const key of ["Kx7~!`@#$%^&*()_-+={}[]|;:',.<>/?", "Kx7;/system/reset-configuration;", "Kx7$var[/user/add]{:put 'x'}".replace(" ", ""), "Kx7-plain-key-abcdef"]) {
      it(key, async () => {
        const lines = await script(specWith(key, "metacharacters"));
        const line = lines.find((l) => l.startsWith("/ip ipsec identity add "))!;
        const at = line.indexOf(" secret=") + " secret=".length;
        const bare = /^[A-Za-z0-9_.:/,+-]+/.exec(line.slice(at))?.[0] ?? "";
        const { value, end } = line[at] === '"' ? routerOsString(line, at) : { value: bare, end: at + bare.length };
        assert.equal(value, key);
        assert.ok(end === line.length || line[end] === " ", "the value ends where a word ends");
        // The same commands, line for line, as with an ordinary key.
        const ordinary = await script(specWith("k".repeat(key.length), "ordinary"));
        assert.deepEqual(lines.map((l) => l.split(" ")[0]), ordinary.map((l) => l.split(" ")[0]));
      });
    }
  });

  describe("ros-vpc-ipsec render", () => {
    for (const c of cases("render")) {
      it(`${c.id} ${c.category}: ${c.what}`, async () => {
        const file = join(dir, `${c.id}.yaml`);
        const tunnel = applyPatch(c.tunnel, base()[`${NS}:tunnel`] as Record<string, unknown>);
        writeFileSync(file, c.file ?? JSON.stringify({ ...tunnel, preSharedKey: c.key ?? labSecrets.psk }, null, 2));
        resetCounters();
        const run = await runCli(["render", file, "--gateway-ip", GATEWAY_IP]);
        assert.equal(run.code, 1, `${c.id}: rendered\n${run.stdout.slice(0, 300)}`);
        assert.equal(run.stdout, "");
        assert.ok(run.stderr.startsWith(`${file} is not a valid tunnel spec:\n`), run.stderr.slice(0, 300));
        assertListed(c, "render", run.stderr, expectedPath(c, "render", file)!);
        assertNothingSent(c, "render");
      });
    }
  });
});

/**
 * A RouterOS double-quoted string starting at `start`, decoded as RouterOS reads it. Throws where RouterOS would not
 * read data: an unescaped `$` (a variable) or `?` (help), or an unterminated string.
 */
function routerOsString(text: string, start: number): { value: string; end: number } {
  const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, '"': 34, "\\": 92, $: 36, "?": 63, _: 32 };
  const bytes: number[] = [];
  for (let i = start + 1; i < text.length; ) {
    const ch = text[i]!;
    if (ch === '"') return { value: Buffer.from(bytes).toString("utf8"), end: i + 1 };
    if (ch === "$" || ch === "?") throw new Error(`unescaped ${ch} at ${i} in ${text}`);
    if (ch === "\\") {
      const hex = /^[0-9A-F]{2}/.exec(text.slice(i + 1));
      if (hex) bytes.push(parseInt(hex[0], 16));
      else if (ESCAPES[text[i + 1]!] !== undefined) bytes.push(ESCAPES[text[i + 1]!]!);
      else throw new Error(`unknown escape \\${text[i + 1]} in ${text}`);
      i += hex ? 3 : 2;
      continue;
    }
    bytes.push(...Buffer.from(ch));
    i++;
  }
  throw new Error(`unterminated string in ${text}`);
}
