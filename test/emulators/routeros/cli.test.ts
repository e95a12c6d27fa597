// Specification of the standalone emulator command (cli.ts): foreground server, ready line, options, clean exit.
// Spawns `node --import tsx cli.ts` (what `npm run emulator:routeros` runs) on an ephemeral port.

import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { RawClient } from "./raw-client";

const CLI = join(__dirname, "cli.ts");

function launch(...args: string[]): { child: ChildProcessWithoutNullStreams; ready: Promise<{ port: number; output: string }>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { stdio: "pipe" });
  let output = "";
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<{ port: number; output: string }>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (m) resolve({ port: Number(m[1]), output });
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exit.then((code) => reject(new Error(`exited ${code} before ready: ${output}`)));
  });
  return { child, ready, exit };
}

describe("emulator:routeros command", () => {
  it("prints 'listening on 127.0.0.1:<port>', serves the given user/password/version, and exits 0 on SIGTERM", async () => {
    const { child, ready, exit } = launch("--port", "0", "--user", "ops", "--password", "secret", "--version", "7.12");
    const { port } = await ready;
    const c = await RawClient.connect(port);
    assert.deepEqual((await c.login("ops", "secret")).map((r) => r.type), ["!done"]);
    assert.equal((await c.run("/system/resource/print"))[0]!.attrs.version, "7.12 (stable)");
    c.close();
    child.kill("SIGTERM");
    assert.equal(await exit, 0);
  });

  it("with --tls prints the certificate fingerprint and writes the CA for clients to verify", async () => {
    const caFile = join(mkdtempSync(join(tmpdir(), "ros-emu-")), "ca.pem");
    const { child, ready, exit } = launch("--tls", "--ca-out", caFile, "--password", "secret");
    const { port, output } = await ready;
    assert.match(output, /sha256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    const c = await RawClient.connect(port, { ca: readFileSync(caFile, "utf8") });
    assert.deepEqual((await c.login("admin", "secret")).map((r) => r.type), ["!done"]);
    c.close();
    child.kill("SIGINT");
    assert.equal(await exit, 0);
  });

  it("exits 2 with usage on a bad option", async () => {
    const { ready, exit } = launch("--version", "banana");
    await assert.rejects(ready, /not of the form/);
    assert.equal(await exit, 2);
  });
});
