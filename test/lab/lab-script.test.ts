// `npm run lab` as a user meets it: without a Pulumi CLI it says how to get one and stops; with one it runs a
// generated project whose program is this repository's and whose stack is the filled-in lab stack. A stand-in
// `pulumi` on PATH records what the lab asks of the CLI (it runs nothing).
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { parse } from "yaml";
import { hasPulumiCli, writeWorkspace } from "../../scripts/lab";
import { fillLabConfig, labTemplate } from "../helpers/lab";

describe("npm run lab", () => {
  it("without a Pulumi CLI on PATH, says exactly how to get one and exits 1 without starting anything", async () => {
    const result = await promisify(execFile)(process.execPath, [join(dirname(require.resolve("tsx/package.json")), "dist", "cli.mjs"), "scripts/lab.ts"], {
      env: { ...process.env, PATH: "/nonexistent" },
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no Pulumi CLI was found on PATH/);
    assert.match(result.stderr, /npm install -g pulumi/);
  });

  it("finds no CLI on an empty PATH", () => {
    assert.equal(hasPulumiCli("/nonexistent"), false);
  });

  it("writes a project that runs this repository's program with the filled-in lab stack", () => {
    const dir = mkdtempSync(join(tmpdir(), "rvi-lab-ws-"));
    const config = fillLabConfig(labTemplate(), { routerPort: 40001, fingerprint: "CD".repeat(32), tencentEndpoint: "127.0.0.1:40002", vpcId: "vpc-lab00001", routeTableId: "rtb-lab00001" });
    writeWorkspace(dir, config);
    const project = parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { main: string; runtime: { name: string }; stackConfigDir: string };
    assert.equal(project.runtime.name, "nodejs");
    assert.equal(project.main, join(process.cwd(), "src", "program.ts"));
    const stack = parse(readFileSync(join(dir, "stacks", "Pulumi.lab.yaml"), "utf8")) as { config: Record<string, unknown> };
    assert.equal(stack.config["ros-vpc-ipsec:tencentEndpoint"], "127.0.0.1:40002");
    assert.equal((stack.config["ros-vpc-ipsec:router"] as { port: number }).port, 40001);
  });

  /** A stand-in `pulumi` that records each call (its arguments, backend, passphrase, and whether stale state is there). */
  function fakePulumi(): { bin: string; calls: () => Array<{ args: string[]; backend?: string; passphrase: boolean; stale: boolean }> } {
    const bin = mkdtempSync(join(tmpdir(), "rvi-fake-pulumi-"));
    const record = join(bin, "calls.jsonl");
    const script = `#!${process.execPath}
const fs = require("fs"), path = require("path");
const args = process.argv.slice(2);
if (args[0] === "version") { console.log("v3.0.0-fake"); process.exit(0); }
const backend = process.env.PULUMI_BACKEND_URL;
const stale = backend ? fs.existsSync(path.join(backend.replace(/^file:\\/\\//, ""), "stale-stack.json")) : false;
fs.appendFileSync(${JSON.stringify(record)}, JSON.stringify({ args, backend, passphrase: Boolean(process.env.PULUMI_CONFIG_PASSPHRASE), stale }) + "\\n");
if (process.env.FAKE_PULUMI_FAIL === args[0]) process.exit(7);
`;
    writeFileSync(join(bin, "pulumi"), script);
    chmodSync(join(bin, "pulumi"), 0o755);
    const calls = () => (existsSync(record) ? readFileSync(record, "utf8").trim().split("\n").map((l) => JSON.parse(l)) : []);
    return { bin, calls };
  }

  /** Runs `npm run lab`'s script until it prints `until` (then Ctrl-C) or exits by itself. */
  function runLab(dir: string, bin: string, until: RegExp, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/lab.ts"], {
        env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, ROS_VPC_IPSEC_LAB_DIR: dir, ...env },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (until.test(stdout)) child.kill("SIGINT");
      });
      child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
      child.on("exit", (code) => done({ code, stdout, stderr }));
    });
  }

  it("runs the CLI on a file backend with a passphrase, over a fresh state even when an earlier lab left one; Ctrl-C stops it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rvi-lab-run-"));
    const { bin, calls } = fakePulumi();
    // What a lab stopped with Ctrl-C leaves: its stack's state (its resources died with the emulators) and its pid file.
    mkdirSync(join(dir, "state"));
    writeFileSync(join(dir, "state", "stale-stack.json"), "{}");
    writeFileSync(join(dir, "lab.json"), JSON.stringify({ pid: 99999999, router: 1, cloud: "127.0.0.1:2" }));
    const run = await runLab(dir, bin, /The lab is up/);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /emulated router on 127\.0\.0\.1:\d+ \(api-ssl\), emulated Tencent VPC API on 127\.0\.0\.1:\d+/);
    assert.match(run.stdout, /router {2}127\.0\.0\.1:\d+ {2}peer down/);
    assert.deepEqual(
      calls().map((c) => c.args),
      [
        ["stack", "select", "--create", "--stack", "lab", "--non-interactive"],
        ["up", "--yes", "--skip-preview", "--stack", "lab", "--non-interactive"],
      ],
    );
    for (const call of calls()) {
      assert.equal(call.backend, `file://${join(dir, "state")}`);
      assert.equal(call.passphrase, true);
      assert.equal(call.stale, false, "pulumi ran over the state of a lab whose emulators are gone");
    }
    assert.ok(existsSync(join(dir, "stacks", "Pulumi.lab.yaml")));
    assert.ok(!existsSync(join(dir, "lab.json")), "Ctrl-C left the lab's pid file behind");
  });

  it("refuses to start a second lab while one runs, touching nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rvi-lab-twice-"));
    const { bin, calls } = fakePulumi();
    mkdirSync(join(dir, "state"));
    writeFileSync(join(dir, "state", "stale-stack.json"), "{}");
    writeFileSync(join(dir, "lab.json"), JSON.stringify({ pid: process.pid, router: 40001, cloud: "127.0.0.1:40002" }));
    const run = await runLab(dir, bin, /The lab is up/);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`The lab is already running \\(process ${process.pid}, router 127\\.0\\.0\\.1:40001`));
    assert.deepEqual(calls(), []);
    assert.ok(existsSync(join(dir, "state", "stale-stack.json")), "the running lab's state was removed");
  });

  it("stops, with the emulators, when the lab's stack cannot be selected, and runs no up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rvi-lab-noselect-"));
    const { bin, calls } = fakePulumi();
    const run = await runLab(dir, bin, /The lab is up/, { FAKE_PULUMI_FAIL: "stack" });
    assert.equal(run.code, 7);
    assert.match(run.stderr, /pulumi stack select --create failed \(exit 7\)/);
    assert.deepEqual(calls().map((c) => c.args[0]), ["stack"]);
    assert.ok(!existsSync(join(dir, "lab.json")), "the pid file of a lab that never came up was left behind");
  });
});
