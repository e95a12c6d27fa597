// Runs every test/**/*.test.ts with node's built-in runner (via tsx); node 20's --test takes no globs.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const filter = process.argv.slice(2);
const files = readdirSync("test", { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => join("test", f))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filter.join(" ") || "test/**/*.test.ts"}`);
  process.exit(1);
}
const reporter = process.env.CI ? ["--test-reporter=spec"] : [];
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", ...reporter, ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);
