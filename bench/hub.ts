// Benchmark: a hub router with N tunnels from one provider process — all creates issued at once, as the engine
// issues independent resources — with the router's rows checked afterwards, and the marginal cost of the Nth
// tunnel (a new `pulumi up` adding it to a hub that already holds N−1). Emulator in its own process.
import { closeAllSessions } from "../src/routeros/pool";
import type { TunnelInputs, TunnelOutputs } from "../src/routeros/inputs";
import { MAX_IN_FLIGHT, RouterOsSession } from "../src/routeros/session";
import { hubTunnel, measure, medianCost, newProvider, round, type Cost } from "./fleet";
import { RemoteRouter } from "./router-host";

export interface HubRun {
  tunnels: number;
  latencyMs: number;
  create: Cost;
  delete: Cost;
  /** The router's rows after the concurrent create, checked tunnel by tunnel ("" when exactly as asked). */
  rowsCheck: string;
  rowCounts: Record<string, number>;
}

export interface Marginal {
  /** The hub already holds tunnels − 1 tunnels; this is the cost of creating one more in a new provider process. */
  tunnels: number;
  fast: Cost;
  slow: Cost;
}

export interface HubFigures {
  sizes: number[];
  latencyMs: number;
  repetitions: number;
  marginalRepetitions: number;
  maxInFlight: number;
  runs: HubRun[];
  marginal: Marginal[];
}

/** For each size: the concurrent create/delete at 0 ms and at `latencyMs` (median of `repetitions`), and the marginal tunnel. */
export async function benchHub(opts: { sizes?: number[]; latencyMs?: number; repetitions?: number; marginalRepetitions?: number } = {}): Promise<HubFigures> {
  const sizes = opts.sizes ?? [1, 10, 50, 200];
  const latencyMs = opts.latencyMs ?? 20;
  const repetitions = opts.repetitions ?? 3;
  const marginalRepetitions = opts.marginalRepetitions ?? 7;
  const runs: HubRun[] = [];
  const marginal: Marginal[] = [];
  for (const n of sizes) {
    for (const latency of [0, latencyMs]) {
      const router = await RemoteRouter.start({ version: "7.16" });
      try {
        const provider = await newProvider();
        const inputs = Array.from({ length: n }, (_, i) => hubTunnel(router, i));
        const creates: Cost[] = [];
        const deletes: Cost[] = [];
        let rowsCheck = "";
        let rowCounts: Record<string, number> = {};
        for (let rep = 0; rep < repetitions; rep++) {
          let outs: TunnelOutputs[] = [];
          creates.push(await measure(router, latency, async () => (outs = await Promise.all(inputs.map(async (x) => (await provider.create(x)).outs!)))));
          if (rep === 0) ({ problem: rowsCheck, counts: rowCounts } = await checkRows(router, inputs));
          deletes.push(await measure(router, latency, () => Promise.all(outs.map((o) => provider.delete("id", o)))));
        }
        runs.push({ tunnels: n, latencyMs: latency, create: medianCost(creates), delete: medianCost(deletes), rowsCheck, rowCounts });

        if (latency === 0) {
          // The marginal tunnel: N−1 already on the hub, then tunnel N alone, each time in a new provider process.
          const existing = inputs.slice(0, n - 1);
          await Promise.all(existing.map((x) => provider.create(x)));
          const last = inputs[n - 1]!;
          const costs: Record<"fast" | "slow", Cost[]> = { fast: [], slow: [] };
          for (let rep = 0; rep < marginalRepetitions; rep++) {
            for (const [speed, l] of [["fast", 0], ["slow", latencyMs]] as const) {
              let outs: TunnelOutputs | undefined;
              costs[speed].push(await measure(router, l, async () => (outs = (await provider.create(last)).outs!)));
              await provider.delete("id", outs!);
            }
          }
          marginal.push({ tunnels: n, fast: medianCost(costs.fast), slow: medianCost(costs.slow) });
        }
      } finally {
        await closeAllSessions();
        await router.stop();
      }
    }
  }
  return { sizes, latencyMs, repetitions, marginalRepetitions, maxInFlight: MAX_IN_FLIGHT, runs, marginal };
}

/** Each tunnel's rows exactly once with its own values, and nothing else of ours: the problem found, or "". */
async function checkRows(router: RemoteRouter, inputs: TunnelInputs[]): Promise<{ problem: string; counts: Record<string, number> }> {
  const menus = { profile: "/ip/ipsec/profile", proposal: "/ip/ipsec/proposal", peer: "/ip/ipsec/peer", identity: "/ip/ipsec/identity", policy: "/ip/ipsec/policy", nat: "/ip/firewall/nat" };
  const rows = Object.fromEntries(await Promise.all(Object.entries(menus).map(async ([k, path]) => [k, await router.rows(path)] as const))) as Record<keyof typeof menus, Array<Record<string, string>>>;
  const ours = (r: Record<string, string>) => (r.comment ?? "").startsWith("ros-vpc-ipsec:") || (r.name ?? "").startsWith("site_");
  const counts = Object.fromEntries(Object.entries(rows).map(([k, list]) => [k, list.filter(ours).length]));
  const problems: string[] = [];
  const masquerade = rows.nat.findIndex((r) => r.action === "masquerade");
  for (const x of inputs) {
    const name = x.spec.name;
    const marker = `ros-vpc-ipsec:${name}`;
    const site = x.spec.siteCidrs[0]!;
    const cloud = x.spec.cloudCidrs[0]!;
    const exactlyOne = (menu: keyof typeof menus, match: (r: Record<string, string>) => boolean) => {
      const found = rows[menu].filter(match).length;
      if (found !== 1) problems.push(`${name}: ${found} ${menu} rows`);
    };
    exactlyOne("profile", (r) => r.name === name);
    exactlyOne("proposal", (r) => r.name === name && r.comment === marker);
    exactlyOne("peer", (r) => r.name === name && r.comment === marker && r.address === `${x.gatewayIp}/32` && r.profile === name);
    exactlyOne("identity", (r) => r.peer === name && r.comment === marker && r["remote-id"] === `address:${x.gatewayIp}`);
    exactlyOne("policy", (r) => r.comment === marker && r.peer === name && r.proposal === name && r["src-address"] === site && r["dst-address"] === cloud);
    exactlyOne("nat", (r) => r.comment === marker && r["src-address"] === site && r["dst-address"] === cloud);
    const at = rows.nat.findIndex((r) => r.comment === marker);
    if (!(at >= 0 && at < masquerade)) problems.push(`${name}: NAT bypass not above masquerade`);
  }
  for (const [menu, count] of Object.entries(counts)) if (count !== inputs.length) problems.push(`${count} ${menu} rows of ours for ${inputs.length} tunnels`);
  return { problem: problems.slice(0, 5).join("; ") + (problems.length > 5 ? `; … ${problems.length} in all` : ""), counts };
}

export function hubTable(figures: HubFigures): string {
  const head =
    "| tunnels | latency | create: total (ms) | per tunnel (ms) | sentences sent | per tunnel | reply sentences | peak sessions | peak commands in flight | router CPU (ms) | delete: total (ms) | rows afterwards |\n" +
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";
  const rows = figures.runs.map((r) => {
    const c = r.create;
    const rowsText = r.rowsCheck === "" ? `exactly as asked (${r.tunnels} × profile, proposal, peer, identity, policy, NAT)` : `**${r.rowsCheck}**`;
    const inFlight = r.latencyMs > 0 ? String(c.peakInFlight) : "—"; // at 0 ms replies are not held, so nothing is counted
    return `| ${r.tunnels} | ${r.latencyMs} ms | ${round(c.wallMs, 0)} | ${round(c.wallMs / r.tunnels)} | ${c.sentences} | ${round(c.sentences / r.tunnels)} | ${c.replies} | ${c.peakConnections} | ${inFlight} | ${round(c.routerCpuMs, 0)} | ${round(r.delete.wallMs, 0)} | ${rowsText} |`;
  });
  return [head, ...rows].join("\n");
}

export function marginalTable(figures: HubFigures): string {
  const l = figures.latencyMs;
  const head =
    `| tunnel N (hub holds N−1) | wall at 0 ms (ms) | wall at ${l} ms (ms) | sentences sent | reply sentences | logins | provider CPU (ms) | router CPU (ms) |\n` +
    "|---:|---:|---:|---:|---:|---:|---:|---:|";
  const rows = figures.marginal.map(
    (m) => `| ${m.tunnels} | ${round(m.fast.wallMs)} | ${round(m.slow.wallMs)} | ${m.slow.sentences} | ${m.slow.replies} | ${m.slow.connections} | ${round(m.fast.providerCpuMs)} | ${round(m.fast.routerCpuMs)} |`,
  );
  return [head, ...rows].join("\n");
}

export interface BoundRun {
  /** Commands in flight per session; Infinity = no bound. */
  bound: number;
  create: Cost;
}

/** The same hub (`tunnels` creates at once, `latencyMs` per reply) under each bound on commands in flight per session. */
export async function benchBound(opts: { bounds?: number[]; tunnels?: number; latencyMs?: number } = {}): Promise<{ tunnels: number; latencyMs: number; runs: BoundRun[] }> {
  const bounds = opts.bounds ?? [16, 32, 64, 128, 256, Infinity];
  const tunnels = opts.tunnels ?? 200;
  const latencyMs = opts.latencyMs ?? 20;
  const router = await RemoteRouter.start({ version: "7.16" });
  const runs: BoundRun[] = [];
  const saved = RouterOsSession.defaultMaxInFlight;
  try {
    const provider = await newProvider();
    const inputs = Array.from({ length: tunnels }, (_, i) => hubTunnel(router, i));
    await Promise.all(inputs.map((x) => provider.create(x)).map((p) => p.then((r) => provider.delete("id", r.outs!)))); // warm-up
    for (const bound of bounds) {
      RouterOsSession.defaultMaxInFlight = bound;
      let outs: TunnelOutputs[] = [];
      const create = await measure(router, latencyMs, async () => (outs = await Promise.all(inputs.map(async (x) => (await provider.create(x)).outs!))));
      await closeAllSessions();
      await Promise.all(outs.map((o) => provider.delete("id", o)));
      runs.push({ bound, create });
    }
  } finally {
    RouterOsSession.defaultMaxInFlight = saved;
    await closeAllSessions();
    await router.stop();
  }
  return { tunnels, latencyMs, runs };
}

export function boundTable(sweep: { tunnels: number; latencyMs: number; runs: BoundRun[] }): string {
  const head = "| commands in flight per session | create: total (ms) | per tunnel (ms) | peak in flight on the router | router CPU (ms) |\n|---:|---:|---:|---:|---:|";
  const rows = sweep.runs.map((r) => {
    const label = Number.isFinite(r.bound) ? `${r.bound}${r.bound === MAX_IN_FLIGHT ? " (the default)" : ""}` : "no bound";
    return `| ${label} | ${round(r.create.wallMs, 0)} | ${round(r.create.wallMs / sweep.tunnels)} | ${r.create.peakInFlight} | ${round(r.create.routerCpuMs, 0)} |`;
  });
  return [head, ...rows].join("\n");
}

if (require.main === module) {
  benchHub().then(
    (figures) => {
      console.log(`\nHub: all creates at once (median of ${figures.repetitions}; at most ${figures.maxInFlight} commands in flight per session)\n${hubTable(figures)}`);
      console.log(`\nThe Nth tunnel, alone, in a new provider process:\n${marginalTable(figures)}`);
      return benchBound().then((sweep) => console.log(`\n${sweep.tunnels} tunnels at once, ${sweep.latencyMs} ms per reply, by bound:\n${boundTable(sweep)}`));
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
