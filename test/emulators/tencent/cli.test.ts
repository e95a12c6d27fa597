// Specification: the standalone command parses its flags, seeds a VPC, prints `listening on 127.0.0.1:<port>`
// when ready, serves the SDK with the credentials it was given, and exits cleanly on SIGTERM.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, test } from "node:test";
import { parseCliArgs } from "./cli";
import { vpcClient } from "./sdk-client";

describe("parseCliArgs", () => {
  test("maps the documented flags onto emulator options", () => {
    const opts = parseCliArgs(["--port", "18080", "--secret-id", "AKIDexample", "--secret-key", "example", "--gateway-pending-ms", "3000", "--vpc", "vpc-lab00001=172.16.0.0/16", "--vpc", "10.1.0.0/16"]);
    assert.deepEqual(
      [opts.port, opts.secretId, opts.secretKey, opts.gatewayPendingMs, opts.vpcs],
      [18080, "AKIDexample", "example", 3000, [{ vpcId: "vpc-lab00001", cidrBlock: "172.16.0.0/16" }, { cidrBlock: "10.1.0.0/16" }]],
    );
  });

  test("seeds 10.0.0.0/16 when no --vpc is given", () => {
    assert.deepEqual(parseCliArgs([]).vpcs, [{ cidrBlock: "10.0.0.0/16" }]);
  });

  test("refuses unknown flags and malformed numbers", () => {
    assert.throws(() => parseCliArgs(["--prot", "1"]), /Unknown option/);
    assert.throws(() => parseCliArgs(["--gateway-pending-ms", "3s"]), /whole number/);
    assert.throws(() => parseCliArgs(["--port", "70000"]), /not a TCP port/);
    assert.throws(() => parseCliArgs(["--net-status", "UP"]), /AVAILABLE or UNAVAILABLE/);
  });
});

describe("the emulator:tencent command", () => {
  test("announces its address, serves signed SDK calls and stops on SIGTERM", async () => {
    const cli = join(__dirname, "cli.ts");
    const child = spawn(process.execPath, ["--import", "tsx", cli, "--port", "0", "--secret-id", "AKIDexample", "--secret-key", "example", "--vpc", "vpc-lab00001=172.16.0.0/16"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      let endpoint = "";
      for await (const line of createInterface({ input: child.stdout })) {
        const match = /^listening on (127\.0\.0\.1:\d+)$/.exec(line);
        if (match) {
          endpoint = match[1] ?? "";
          break;
        }
      }
      assert.match(endpoint, /^127\.0\.0\.1:\d+$/);
      const client = vpcClient({ endpoint, secretId: "AKIDexample", secretKey: "example", region: "ap-guangzhou" });
      const tables = await client.DescribeRouteTables({ Filters: [{ Name: "vpc-id", Values: ["vpc-lab00001"] }] });
      assert.equal(tables.TotalCount, 1);
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      assert.deepEqual(await exited, [0, null]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
