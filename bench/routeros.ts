// Benchmark: one tunnel's lifecycle against the emulated router with latency injected per reply: wall time,
// round trips, sentences and connections per operation. Prints a table when run directly.
// Round trips = (wall time at L ms − wall time at 0 ms) / L: the waits latency causes, without CPU and TLS set-up.
import { closeAllSessions } from "../src/routeros/pool";
import { providerFor, startRouter, tunnelInputs } from "../test/helpers/router";

export interface OperationFigures {
  operation: string;
  wallMs: number;
  roundTrips: number | null;
  sentences: number;
  writes: number;
  connections: number;
}

/** The lifecycle at 0 ms and at `latencyMs`, round trips derived from the difference. */
export async function singleTunnelFigures(latencyMs: number): Promise<{ base: OperationFigures[]; slow: OperationFigures[] }> {
  const base = await singleTunnel(0);
  const slow = await singleTunnel(latencyMs);
  slow.forEach((row, i) => {
    const zero = base[i]?.wallMs ?? 0;
    row.roundTrips = Math.max(0, Math.round(((row.wallMs - zero) / latencyMs) * 10) / 10);
  });
  return { base, slow };
}

async function singleTunnel(latencyMs: number): Promise<OperationFigures[]> {
  const router = await startRouter({ version: "7.16" });
  const figures: OperationFigures[] = [];
  const measure = async (operation: string, run: () => Promise<unknown>, freshProcess = true): Promise<void> => {
    if (freshProcess) await closeAllSessions(); // each `pulumi up` starts a new provider host: a new login
    router.resetCounters();
    router.faults = { latencyMs };
    const started = performance.now();
    await run();
    const wallMs = performance.now() - started;
    router.faults = { latencyMs: 0 };
    const commands = Object.entries(router.counters.commands);
    figures.push({
      operation,
      wallMs: Math.round(wallMs * 10) / 10,
      roundTrips: null,
      sentences: router.counters.sentencesReceived,
      writes: commands.filter(([c]) => /\/(add|set|remove|move)$/.test(c)).reduce((n, [, k]) => n + k, 0),
      connections: router.counters.connections,
    });
  };
  try {
    const provider = await providerFor(router);
    const inputs = tunnelInputs(router);
    let outs = (await provider.create(inputs)).outs!;
    await provider.delete("id", outs);
    await measure("create", async () => (outs = (await provider.create(inputs)).outs!));
    await measure("no-op up: diff", () => provider.diff("id", outs, inputs));
    await measure("no-op up: update", () => provider.update("id", outs, inputs));
    await measure("refresh (read)", () => provider.read("id", outs));
    const changed = { ...inputs, preSharedKey: "another-key-for-the-bench" };
    await measure("one-field update", async () => (outs = (await provider.update("id", outs, changed)).outs!));
    await measure("delete", () => provider.delete("id", outs));
  } finally {
    await closeAllSessions();
    await router.stop();
  }
  return figures;
}

export function table(rows: OperationFigures[]): string {
  const head = "| operation | wall time (ms) | round trips | sentences | writes | connections |\n|---|---:|---:|---:|---:|---:|";
  return [head, ...rows.map((r) => `| ${r.operation} | ${r.wallMs} | ${r.roundTrips ?? "—"} | ${r.sentences} | ${r.writes} | ${r.connections} |`)].join("\n");
}

if (require.main === module) {
  (async () => {
    const { base, slow } = await singleTunnelFigures(20);
    console.log(`\nOne tunnel, 0 ms per reply:\n${table(base)}`);
    console.log(`\nOne tunnel, 20 ms per reply:\n${table(slow)}`);
  })();
}
