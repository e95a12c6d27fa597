// Benchmark: the program's evaluation under pulumi.runtime.setMocks (the test mock recorder) with N site specs —
// N SiteToSiteVpn components on Tencent, every output resolved — wall time, heap and RSS, in a fresh child process
// per N so each figure is that evaluation's alone.
import { fork } from "node:child_process";

export interface ProgramFigures {
  sites: number;
  /** Whether stack traces were source-mapped (tsx and Pulumi's TypeScript support turn this on). */
  sourceMaps: boolean;
  resources: number;
  /** From the first component's construction until every site's outputs resolved (after one warm-up site). */
  wallMs: number;
  /** Heap in use after a full GC with the components alive, minus the same before them (MiB). */
  heapMiB: number;
  /** Resident set before the first measured component (MiB): Node, the Pulumi SDK and the project's modules. */
  baseRssMiB: number;
  /** Peak resident set of the process (MiB). */
  peakRssMiB: number;
}

/** Evaluates `sites` site specs in a child process and returns its figures. */
export function benchProgram(sites: number, opts: { sourceMaps?: boolean } = {}): Promise<ProgramFigures> {
  const sourceMaps = opts.sourceMaps ?? true;
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [String(sites), String(sourceMaps)], { execArgv: [...process.execArgv, "--expose-gc"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("message", (m: ProgramFigures | { error: string }) => ("error" in m ? reject(new Error(m.error)) : resolve(m)));
    child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`the program bench exited with ${code}`))));
  });
}

const MiB = 1024 * 1024;

async function evaluate(sites: number, sourceMaps: boolean): Promise<ProgramFigures> {
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const { resolve, startMockEngine } = require("../test/helpers/mock-engine") as typeof import("../test/helpers/mock-engine");
  const engine = startMockEngine();
  const { SiteToSiteVpn } = require("../src/site") as typeof import("../src/site");
  process.setSourceMapsEnabled(sourceMaps);
  const site = (i: number, name = `site_${i}`) =>
    new SiteToSiteVpn(name, {
      spec: { name, cloudCidrs: [`10.${100 + (i >> 8)}.${i & 255}.0/24`], siteCidrs: [`192.168.${i & 255}.0/24`], routerPublicIp: `113.87.${(i >> 7) + 1}.${(i & 127) + 1}` },
      preSharedKey: `bench-key-${i}-9Lq2vT7xWm4RkP8s`,
      cloud: { provider: "tencent", vpcId: "vpc-bench001", routeTableId: "rtb-bench001", gateway: { bandwidthMbps: 5 } },
      router: { host: `10.255.${i >> 8}.${(i & 255) + 1}`, tls: { mode: "fingerprint", fingerprint: "AB".repeat(32) } },
      routerPassword: "bench-router-password",
    });
  const settled = (vpn: InstanceType<typeof SiteToSiteVpn>) => resolve(pulumi.all([vpn.gatewayPublicIp, vpn.cloudIds, vpn.cloudStatus, vpn.routerStatus, vpn.routerScript, vpn.routerDrift]));
  // One site first, unmeasured: the SDK loads its closure serializer and the rest lazily on the first resource.
  await settled(site(1000, "warmup"));
  const warmup = engine.all().length;
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const baseRss = process.memoryUsage().rss;
  const started = performance.now();
  const vpns = Array.from({ length: sites }, (_, i) => site(i));
  await Promise.all(vpns.map(settled));
  const wallMs = performance.now() - started;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const figures: ProgramFigures = {
    sites: vpns.length, // (also keeps the components alive until measured)
    sourceMaps,
    resources: engine.all().length - warmup,
    wallMs,
    heapMiB: (heapAfter - heapBefore) / MiB,
    baseRssMiB: baseRss / MiB,
    peakRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
  };
  return figures;
}

if (require.main === module && process.send) {
  evaluate(Number(process.argv[2] ?? "200"), process.argv[3] !== "false").then(
    (figures) => process.send!(figures, () => process.exit(0)),
    (error: unknown) => process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
  );
} else if (require.main === module) {
  (async () => {
    for (const n of [1, 200]) console.log(await benchProgram(n));
    console.log(await benchProgram(200, { sourceMaps: false }));
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
