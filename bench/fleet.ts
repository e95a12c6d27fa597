// Benchmark support: tunnel inputs for a hub (each tunnel its own name, gateway, site and cloud networks) aimed
// at an emulator in its own process, one measured provider call with the router's counters, and medians.
import { closeAllSessions } from "../src/routeros/pool";
import type { TunnelInputs } from "../src/routeros/inputs";
import { RouterOsTunnelProvider } from "../src/routeros/provider";
import { PASSWORD } from "../test/helpers/router";
import { exampleInput } from "../test/helpers/specs";
import type { RemoteCounters, RemoteRouter } from "./router-host";

/** Tunnel i of a hub: name site_i, gateway 119.91.x.y, site 192.168.i.0/24, cloud 10.100.i.0/24 (i < 256). */
export function hubTunnel(router: RemoteRouter, i: number, spec: "article" | "secure" = "secure"): TunnelInputs {
  const { preSharedKey, cloudGatewayIp: _gateway, ...rest } = exampleInput(spec) as Record<string, unknown> & { preSharedKey: string };
  return {
    spec: { ...(rest as unknown as TunnelInputs["spec"]), name: `site_${i}`, siteCidrs: [`192.168.${i}.0/24`], cloudCidrs: [`10.${100 + (i >> 8)}.${i & 255}.0/24`] },
    preSharedKey,
    gatewayIp: `119.91.${(i >> 8) + 1}.${(i & 255) + 1}`,
    router: { host: router.host, port: router.port, user: "admin", tls: { mode: "fingerprint", fingerprint: router.fingerprint }, timeoutSeconds: 30 },
    password: PASSWORD,
  };
}

/** The provider as a provider process holds it: configured with an empty stack config (inputs carry the password). */
export async function newProvider(): Promise<RouterOsTunnelProvider> {
  const provider = new RouterOsTunnelProvider();
  await provider.configure({ config: { get: () => undefined, require: () => "" } } as never);
  return provider;
}

/** What one measured step cost: wall time on this side, traffic and CPU on the router's. */
export interface Cost {
  wallMs: number;
  /** Sentences the router received (commands, including /login). */
  sentences: number;
  /** Sentences the router sent back (!re rows, !done, !trap): what the queries made it return. */
  replies: number;
  writes: number;
  /** TLS handshakes completed (logins). */
  connections: number;
  peakConnections: number;
  peakInFlight: number;
  /** CPU time the emulator process spent (ms): its O(rows) scans show here, not in the provider. */
  routerCpuMs: number;
  /** CPU time this process (the provider's) spent (ms): TLS, the codec, reconcile. */
  providerCpuMs: number;
  commands: Record<string, number>;
}

/**
 * Runs `work` against the router at `latencyMs` per reply and returns its cost. `freshProcess` closes the pooled
 * sessions first, as each `pulumi up` starts a new provider process (one login per run).
 */
export async function measure(router: RemoteRouter, latencyMs: number, work: () => Promise<unknown>, freshProcess = true): Promise<Cost> {
  if (freshProcess) await closeAllSessions();
  await router.setFaults({ latencyMs });
  await router.resetCounters();
  const before = await router.counters();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const after = await router.counters();
  await router.setFaults({ latencyMs: 0 });
  return costOf(wallMs, (user + system) / 1000, before, after);
}

function costOf(wallMs: number, providerCpuMs: number, before: RemoteCounters, after: RemoteCounters): Cost {
  const commands = after.commands;
  return {
    wallMs,
    sentences: after.sentencesReceived,
    replies: after.sentencesSent,
    writes: Object.entries(commands).filter(([c]) => /\/(add|set|remove|move)$/.test(c)).reduce((n, [, k]) => n + k, 0),
    connections: after.connections,
    peakConnections: after.peakConnections,
    peakInFlight: after.peakInFlight,
    routerCpuMs: (after.cpuMicros - before.cpuMicros) / 1000,
    providerCpuMs,
    commands,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : ((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** The median of each numeric field over repetitions; counts (equal in every repetition) come through unchanged. */
export function medianCost(costs: readonly Cost[]): Cost {
  const pick = (f: (c: Cost) => number) => median(costs.map(f));
  return {
    wallMs: pick((c) => c.wallMs),
    sentences: pick((c) => c.sentences),
    replies: pick((c) => c.replies),
    writes: pick((c) => c.writes),
    connections: pick((c) => c.connections),
    peakConnections: Math.max(...costs.map((c) => c.peakConnections)),
    peakInFlight: Math.max(...costs.map((c) => c.peakInFlight)),
    routerCpuMs: pick((c) => c.routerCpuMs),
    providerCpuMs: pick((c) => c.providerCpuMs),
    commands: costs[0]?.commands ?? {},
  };
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
