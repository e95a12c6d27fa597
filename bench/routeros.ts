// Benchmark: one tunnel's lifecycle against the emulated router (own process) at 0 and L ms per reply — wall time,
// round trips, sentences, replies, writes, logins per operation; medians. Round trips = (wall at L − wall at 0) ÷ one
// lone command's measured round trip at L: the waits latency causes, without CPU and TLS set-up.
import { closeAllSessions, sessionFor } from "../src/routeros/pool";
import { endpointOf } from "../src/routeros/inputs";
import type { TunnelOutputs } from "../src/routeros/inputs";
import { hubTunnel, measure, median, medianCost, newProvider, round, type Cost } from "./fleet";
import { RemoteRouter } from "./router-host";

export interface OperationFigures {
  operation: string;
  /** Median wall time at 0 ms and at `latencyMs` per reply. */
  wallMs: number;
  slowWallMs: number;
  roundTrips: number;
  sentences: number;
  replies: number;
  writes: number;
  connections: number;
  routerCpuMs: number;
  providerCpuMs: number;
}

export interface SingleTunnelFigures {
  latencyMs: number;
  /** One command's round trip at latencyMs as measured (median), the unit of `roundTrips`. */
  roundTripMs: number;
  repetitions: number;
  unrelatedRules: number;
  operations: OperationFigures[];
}

const OPERATIONS = ["create", "no-op up: diff", "no-op up: update", "refresh (read)", "one-field update (key)", "delete"] as const;
type Operation = (typeof OPERATIONS)[number];

/**
 * The lifecycle `repetitions` times at 0 ms and at `latencyMs`, alternating, on one router that also holds
 * `unrelatedRules` unrelated filter and as many NAT rules. Each operation runs in a fresh provider process.
 */
export async function singleTunnelFigures(latencyMs = 20, opts: { repetitions?: number; unrelatedRules?: number } = {}): Promise<SingleTunnelFigures> {
  const repetitions = opts.repetitions ?? 7;
  const unrelatedRules = opts.unrelatedRules ?? 0;
  const router = await RemoteRouter.start({ version: "7.16" });
  const runs: Record<"fast" | "slow", Record<Operation, Cost[]>> = {
    fast: Object.fromEntries(OPERATIONS.map((o) => [o, []])) as unknown as Record<Operation, Cost[]>,
    slow: Object.fromEntries(OPERATIONS.map((o) => [o, []])) as unknown as Record<Operation, Cost[]>,
  };
  const lone: Record<"fast" | "slow", number[]> = { fast: [], slow: [] };
  try {
    await router.seedUnrelated(unrelatedRules);
    const provider = await newProvider();
    const inputs = hubTunnel(router, 1);
    const session = await sessionFor(endpointOf(inputs, {}));
    for (let rep = 0; rep < 3 * repetitions; rep++) {
      for (const [speed, latency] of [["fast", 0], ["slow", latencyMs]] as const) {
        lone[speed].push((await measure(router, latency, () => session.run("/system/identity/print"), false)).wallMs);
      }
    }
    // Warm-up (module loading, JIT), not measured.
    await provider.delete("id", (await provider.create(inputs)).outs!);
    for (let rep = 0; rep < repetitions; rep++) {
      for (const [speed, latency] of [["fast", 0], ["slow", latencyMs]] as const) {
        const record = async (operation: Operation, work: () => Promise<unknown>) => runs[speed][operation].push(await measure(router, latency, work));
        let outs: TunnelOutputs | undefined;
        await record("create", async () => (outs = (await provider.create(inputs)).outs!));
        await record("no-op up: diff", () => provider.diff("id", outs!, inputs));
        await record("no-op up: update", async () => (outs = (await provider.update("id", outs!, inputs)).outs!));
        await record("refresh (read)", () => provider.read("id", outs!));
        const changed = { ...inputs, preSharedKey: `another-key-for-the-bench-${rep}` };
        await record("one-field update (key)", async () => (outs = (await provider.update("id", outs!, changed)).outs!));
        await record("delete", () => provider.delete("id", outs!));
      }
    }
  } finally {
    await closeAllSessions();
    await router.stop();
  }
  const roundTripMs = median(lone.slow) - median(lone.fast);
  const operations = OPERATIONS.map((operation): OperationFigures => {
    const fast = medianCost(runs.fast[operation]);
    const slow = medianCost(runs.slow[operation]);
    return {
      operation,
      wallMs: round(fast.wallMs),
      slowWallMs: round(slow.wallMs),
      roundTrips: Math.max(0, round((slow.wallMs - fast.wallMs) / roundTripMs)),
      sentences: slow.sentences,
      replies: slow.replies,
      writes: slow.writes,
      connections: slow.connections,
      routerCpuMs: round(fast.routerCpuMs),
      providerCpuMs: round(fast.providerCpuMs),
    };
  });
  return { latencyMs, roundTripMs: round(roundTripMs, 2), repetitions, unrelatedRules, operations };
}

export function table(figures: SingleTunnelFigures): string {
  const l = figures.latencyMs;
  const head =
    `| operation | wall at 0 ms (ms) | wall at ${l} ms (ms) | round trips | sentences sent | reply sentences | writes | logins | provider CPU (ms) | router CPU (ms) |\n` +
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
  const rows = figures.operations.map(
    (r) => `| ${r.operation} | ${r.wallMs} | ${r.slowWallMs} | ${r.roundTrips} | ${r.sentences} | ${r.replies} | ${r.writes} | ${r.connections} | ${r.providerCpuMs} | ${r.routerCpuMs} |`,
  );
  return [head, ...rows].join("\n");
}

if (require.main === module) {
  (async () => {
    const figures = await singleTunnelFigures(20);
    console.log(`\nOne tunnel (median of ${figures.repetitions}; one round trip at 20 ms = ${figures.roundTripMs} ms):\n${table(figures)}`);
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
