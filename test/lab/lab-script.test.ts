// `npm run lab` as a user meets it: without a Pulumi CLI it says how to get one and stops; with one it runs a
// generated project whose program is this repository's and whose stack is the filled-in lab stack.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
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
});
