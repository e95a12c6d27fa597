// `npm run bench`: every scenario against the emulators (loopback only), figures printed as they come, then
// docs/benchmarks.md and docs/benchmarks.svg rewritten from this run's numbers. Not part of `npm test`.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchBound, benchHub, boundTable, hubTable, marginalTable } from "./hub";
import { benchProgram, type ProgramFigures } from "./program";
import { report, type BenchResults } from "./report";
import { singleTunnelFigures, table } from "./routeros";
import { benchTencent } from "./tencent";

const DOCS = join(__dirname, "..", "docs");
/** The last run's raw results: `tsx bench/run.ts --report-only` rewrites the docs from them without measuring. */
const LAST = join(tmpdir(), "ros-vpc-ipsec-bench-results.json");

function write(results: BenchResults): void {
  const { markdown, svg, targets } = report(results);
  writeFileSync(join(DOCS, "benchmarks.md"), markdown);
  writeFileSync(join(DOCS, "benchmarks.svg"), svg);
  console.log("\n## Targets");
  for (const t of targets) console.log(`${t.met ? "met    " : "NOT MET"}  ${t.target}: ${t.figure}`);
  console.log(`\nwrote docs/benchmarks.md and docs/benchmarks.svg (measured in ${Math.round(results.durationS)} s)`);
}

async function main(): Promise<void> {
  if (process.argv.includes("--report-only")) {
    const results = JSON.parse(readFileSync(LAST, "utf8")) as BenchResults;
    for (const run of results.bound.runs) run.bound ??= Infinity; // JSON has no Infinity
    return write(results);
  }
  const started = performance.now();
  const step = (what: string) => console.log(`\n## ${what} (${Math.round((performance.now() - started) / 1000)} s in)`);

  step("1. One tunnel");
  const single = await singleTunnelFigures(20, { repetitions: 7 });
  console.log(table(single));
  step("1b. One tunnel, 5,000 unrelated filter and 5,000 NAT rules on the router");
  const crowded = await singleTunnelFigures(20, { repetitions: 7, unrelatedRules: 5000 });
  console.log(table(crowded));

  step("2. A hub");
  const hub = await benchHub({ sizes: [1, 10, 50, 200], latencyMs: 20, repetitions: 3, marginalRepetitions: 7 });
  console.log(hubTable(hub));
  console.log(marginalTable(hub));
  step("2b. The bound on commands in flight");
  const bound = await benchBound({ tunnels: 200, latencyMs: 20 });
  console.log(boundTable(bound));

  step("3. Tencent side");
  const tencent = await benchTencent({ gatewayPendingMs: 2000 });
  for (const [name, f] of Object.entries({ fullCreate: tencent.fullCreate, noOp: tencent.noOp, keyRotation: tencent.keyRotation })) {
    console.log(`${name}: ${f.totalCalls} calls, ${f.wallMs} ms`);
  }

  step("4. The program under mocks");
  const program: ProgramFigures[] = [];
  for (const [sites, sourceMaps] of [[1, true], [50, true], [200, true], [200, false]] as const) {
    const figures = await benchProgram(sites, { sourceMaps });
    program.push(figures);
    console.log(`${sites} sites${sourceMaps ? "" : " (source maps off)"}: ${Math.round(figures.wallMs)} ms, heap +${figures.heapMiB.toFixed(1)} MiB, peak RSS ${Math.round(figures.peakRssMiB)} MiB`);
  }

  const measuredOn = new Date().toISOString().slice(0, 10);
  const results: BenchResults = { single, crowded, hub, bound, tencent, program, durationS: (performance.now() - started) / 1000, measuredOn };
  writeFileSync(LAST, JSON.stringify(results));
  write(results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
