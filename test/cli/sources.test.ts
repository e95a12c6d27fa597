// Where doctor and status get the router's password: a set but empty variable is used, and said to be empty.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { resolveSources, type SourceOptions } from "../../src/cli/sources";
import { exampleInput } from "../helpers/specs";

const spec = join(mkdtempSync(join(tmpdir(), "rvi-sources-")), "spec.yaml");
writeFileSync(spec, JSON.stringify(exampleInput("secure")));
const options: SourceOptions = { spec, routerHost: "192.0.2.1", tlsFingerprint: "AB".repeat(32), routerPasswordEnv: "RVI_PW", cloud: false };

describe("the router password for doctor and status", () => {
  it("an empty variable is an empty password, with a warning naming the variable and how to check the stack's", () => {
    const sources = resolveSources(options, { RVI_PW: "" });
    assert.deepEqual(sources.warnings, [
      "RVI_PW is empty: logging in with an empty password (RouterOS's factory admin); if the password is the stack's, check that `pulumi config get ros-vpc-ipsec:routerPassword` prints it",
    ]);
  });

  it("a password given draws no warning", () => {
    assert.deepEqual(resolveSources(options, { RVI_PW: "router-pw" }).warnings, []);
  });

  it("no variable at all is refused, saying what to export", () => {
    assert.throws(() => resolveSources(options, {}), /the router password is not available: export RVI_PW=<password>/);
  });
});
