import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { it } from "node:test";

it("the installed command (bin/ros-vpc-ipsec.js over dist/) renders and exits with the command's code", () => {
  const ok = spawnSync(process.execPath, ["bin/ros-vpc-ipsec.js", "render", "examples/secure.yaml"], { encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /\/ip ipsec peer add name=to_tencent address=119\.91\.254\.122\/32/);
  const bad = spawnSync(process.execPath, ["bin/ros-vpc-ipsec.js", "render", "no-such-file.yaml"], { encoding: "utf8" });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /no-such-file\.yaml: cannot be read/);
});
