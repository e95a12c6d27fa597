// Benchmark support: the RouterOS emulator in its own process, as a router is its own machine — its CPU (O(rows)
// per print) then neither delays nor hides the provider's. RemoteRouter drives it over IPC: faults, counters, seeds.
import { fork, type ChildProcess } from "node:child_process";
import type { Counters, Faults, RouterOsEmulator, RouterOsEmulatorOptions } from "../test/emulators/routeros";
import { PASSWORD } from "../test/helpers/router";

type Request =
  | { op: "start"; options: RouterOsEmulatorOptions }
  | { op: "seedUnrelated"; count: number }
  | { op: "faults"; faults: Faults }
  | { op: "resetCounters" }
  | { op: "counters" }
  | { op: "rows"; menu: string }
  | { op: "stop" };

/** Counters plus the emulator process's CPU time (µs) since it started. */
export type RemoteCounters = Counters & { cpuMicros: number };

export class RemoteRouter {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly host = "127.0.0.1";
  port = 0;
  fingerprint = "";

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (m: { id: number; result?: unknown; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error !== undefined) w?.reject(new Error(m.error));
      else w?.resolve(m.result);
    });
    child.on("exit", (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`the emulator process exited (${code})`));
      this.waiting.clear();
    });
  }

  /** A TLS emulator (user admin, the test password) in a child process; `tsx` is inherited through execArgv. */
  static async start(options: RouterOsEmulatorOptions): Promise<RemoteRouter> {
    const router = new RemoteRouter(fork(__filename, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
    const { port, fingerprint } = (await router.call({ op: "start", options })) as { port: number; fingerprint: string };
    router.port = port;
    router.fingerprint = fingerprint;
    return router;
  }

  private call(request: Request): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, ...request });
    });
  }

  /** `count` unrelated firewall rules in filter (input/forward accept/drop) and in nat (dstnat port forwards). */
  seedUnrelated(count: number): Promise<void> {
    return this.call({ op: "seedUnrelated", count }).then(() => undefined);
  }

  setFaults(faults: Faults): Promise<void> {
    return this.call({ op: "faults", faults }).then(() => undefined);
  }

  resetCounters(): Promise<void> {
    return this.call({ op: "resetCounters" }).then(() => undefined);
  }

  counters(): Promise<RemoteCounters> {
    return this.call({ op: "counters" }) as Promise<RemoteCounters>;
  }

  rows(menu: string): Promise<Array<Record<string, string>>> {
    return this.call({ op: "rows", menu }) as Promise<Array<Record<string, string>>>;
  }

  async stop(): Promise<void> {
    await this.call({ op: "stop" }).catch(() => undefined);
    this.child.disconnect();
  }
}

/** Rule i of the unrelated rows: what a busy edge router carries besides the tunnels. */
export function unrelatedRules(i: number): { filter: Record<string, string>; nat: Record<string, string> } {
  const host = `172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}`;
  return {
    filter: i % 2 === 0
      ? { chain: "input", action: i % 4 === 0 ? "accept" : "drop", protocol: "tcp", "dst-port": String(1024 + (i % 60000)), comment: `unrelated ${i}` }
      : { chain: "forward", action: "accept", "src-address": host, protocol: "udp", "dst-port": String(1024 + (i % 60000)), comment: `unrelated ${i}` },
    nat: { chain: "dstnat", action: "dst-nat", protocol: "tcp", "dst-port": String(1024 + (i % 60000)), "to-addresses": host, "to-ports": "443", comment: `unrelated ${i}` },
  };
}

/** The child: one emulator, answering the parent's requests in order. */
async function serve(): Promise<void> {
  const { RouterOsEmulator } = require("../test/emulators/routeros") as typeof import("../test/emulators/routeros");
  let emu: RouterOsEmulator | undefined;
  const need = (): RouterOsEmulator => {
    if (!emu) throw new Error("the emulator is not started");
    return emu;
  };
  process.on("message", async (m: Request & { id: number }) => {
    try {
      let result: unknown;
      switch (m.op) {
        case "start":
          emu = await RouterOsEmulator.start({ user: "admin", password: PASSWORD, ...m.options, tls: true });
          result = { port: emu.port, fingerprint: emu.tls!.fingerprint256 };
          break;
        case "seedUnrelated":
          for (let i = 0; i < m.count; i++) {
            const rule = unrelatedRules(i);
            need().seed("/ip/firewall/filter", rule.filter);
            need().seed("/ip/firewall/nat", rule.nat);
          }
          break;
        case "faults":
          need().faults = m.faults;
          break;
        case "resetCounters":
          need().resetCounters();
          break;
        case "counters": {
          const cpu = process.cpuUsage();
          result = { ...need().counters, commands: { ...need().counters.commands }, cpuMicros: cpu.user + cpu.system };
          break;
        }
        case "rows":
          result = need().rows(m.menu);
          break;
        case "stop":
          await emu?.stop();
          emu = undefined;
          break;
      }
      process.send!({ id: m.id, result });
    } catch (error) {
      process.send!({ id: m.id, error: (error as Error).message });
    }
  });
  process.on("disconnect", () => process.exit(0));
}

if (require.main === module && process.send) void serve();
