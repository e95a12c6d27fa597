// Test support (not a test): the RouterOS half of the fault matrix — a router holding rows we do not own, the three
// operations, their steps read off the emulator's counters, one fault aimed at one step, and one cell run end to end.
import type { TunnelInputs, TunnelOutputs } from "../../../src/routeros/inputs";
import type { Faults, RouterOsEmulator } from "../../emulators/routeros";
import { closeAllSessions, PASSWORD, providerFor, startRouter, tunnelInputs } from "../../helpers/router";
import { clearMessage, numbered, secretProblems, type CellResult, type Column, type Step, type Table } from "./matrix";

export const ROS_FAULTS = ["drop", "trap", "fatal", "timeout", "lostResponse"] as const;
export type RosFault = (typeof ROS_FAULTS)[number];
export const ROS_OPERATIONS = ["create", "update", "delete"] as const;
export type RosOperation = (typeof ROS_OPERATIONS)[number];

const TITLES: Record<RosFault, string> = { drop: "drop", trap: "`!trap`", fatal: "`!fatal`", timeout: "timeout", lostResponse: "lost response" };
export const ROS_COLUMNS: Column[] = ROS_FAULTS.map((f) => ({ title: TITLES[f], faults: [f] }));

export const MARKER = "ros-vpc-ipsec:to_tencent";
/** What an injected !trap and !fatal say: distinctive, so the error can be checked to carry it. */
export const TRAP_MESSAGE = "failure: fault-matrix trap";
export const FATAL_MESSAGE = "fault-matrix-fatal";
/** The matrix's per-command timeout; a timeout cell costs about this long. */
export const TIMEOUT_SECONDS = 1;

const ROTATED_KEY = "rotated-key-Wq83nB5vLx20Pz";
const HAND_MADE_KEY = "hand-made-secret-1";

/** Every menu a tunnel touches or is ordered against. */
export const MENUS = [
  "/ip/ipsec/profile",
  "/ip/ipsec/proposal",
  "/ip/ipsec/peer",
  "/ip/ipsec/identity",
  "/ip/ipsec/policy",
  "/ip/ipsec/policy/group",
  "/ip/firewall/nat",
  "/ip/firewall/filter",
  "/ip/firewall/raw",
] as const;

/**
 * The tunnel under test: the secure example with a FastTrack bypass (filter rows are written too) and two cloud
 * networks. `updated` rotates the key, moves the peer, changes both phases' lifetimes, replaces one network pair
 * and keeps the other.
 */
export function tunnel(router: RouterOsEmulator, version: "initial" | "updated" = "initial"): TunnelInputs {
  const base = tunnelInputs(router, "secure");
  const spec = { ...base.spec, router: { fastTrackBypass: "filter" }, cloudCidrs: ["10.100.1.0/24", "10.100.3.0/24"] } as TunnelInputs["spec"];
  const inputs: TunnelInputs = { ...base, spec, router: { ...base.router, timeoutSeconds: TIMEOUT_SECONDS } };
  if (version === "initial") return inputs;
  const updated = { ...spec, cloudCidrs: ["10.100.1.0/24", "10.100.2.0/24"], ike: { lifetime: "8h" }, ipsec: { lifetime: "30m" } } as TunnelInputs["spec"];
  return { ...inputs, spec: updated, preSharedKey: ROTATED_KEY, gatewayIp: "119.91.254.123" };
}

/** What no cell's error may show: both keys of the tunnel, the hand-made tunnel's, the router password. */
function secretsOf(router: RouterOsEmulator): Record<string, string> {
  return { "pre-shared key": tunnel(router).preSharedKey, "rotated key": ROTATED_KEY, "hand-made tunnel's key": HAND_MADE_KEY, "router password": PASSWORD };
}

/** Another tunnel this tool manages on the router, under a name that begins like ours. */
export function otherTunnel(router: RouterOsEmulator, name = "to_tencent2", n = 9): TunnelInputs {
  const base = tunnelInputs(router, "secure");
  const spec = { ...base.spec, name, siteCidrs: [`192.168.${n}.0/24`], cloudCidrs: [`10.${n}.0.0/16`], router: { fastTrackBypass: "filter" } };
  return { ...base, spec: spec as TunnelInputs["spec"], gatewayIp: `119.91.254.${200 + n}`, router: { ...base.router, timeoutSeconds: TIMEOUT_SECONDS } };
}

/** Rows made by hand: a whole tunnel named "branch", a NAT bypass of its own above masquerade, a port forward. */
export function seedHandMade(router: RouterOsEmulator): void {
  router.seed("/ip/ipsec/profile", { name: "branch", "dh-group": "modp2048", "enc-algorithm": "aes-256", "hash-algorithm": "sha256" });
  router.seed("/ip/ipsec/proposal", { name: "branch", "auth-algorithms": "sha256", "enc-algorithms": "aes-256-cbc", "pfs-group": "modp2048" });
  router.seed("/ip/ipsec/peer", { name: "branch", address: "203.0.113.77", profile: "branch", "exchange-mode": "ike2", comment: "made by hand" });
  router.seed("/ip/ipsec/identity", { peer: "branch", "auth-method": "pre-shared-key", secret: HAND_MADE_KEY, comment: "made by hand" });
  router.seed("/ip/ipsec/policy", { peer: "branch", tunnel: "yes", "src-address": "192.168.50.0/24", "dst-address": "10.50.0.0/16", proposal: "branch", comment: "made by hand" });
  const masquerade = router.rows("/ip/firewall/nat").find((r) => r.action === "masquerade")?.[".id"];
  router.seed("/ip/firewall/nat", { chain: "srcnat", action: "accept", "src-address": "192.168.50.0/24", "dst-address": "10.50.0.0/16", comment: "branch bypass, by hand" }, masquerade ? { placeBefore: masquerade } : {});
  router.seed("/ip/firewall/nat", { chain: "dstnat", action: "dst-nat", protocol: "tcp", "dst-port": "443", "to-addresses": "192.168.1.10", comment: "web server" });
}

/** Whether a row belongs to the tunnel `name` (its marker, or its comment-less profile/proposal by name). */
export const ownedBy = (name: string) => (menu: string, row: Record<string, string>): boolean =>
  row.comment === `ros-vpc-ipsec:${name}` || (/\/(profile|proposal)$/.test(menu) && row.name === name);
const isOurs = ownedBy("to_tencent");

/**
 * Every row of the menus, ids left out: what an uninterrupted run and an interrupted-then-rerun one must agree on.
 * Per menu: its rows in table order with the tunnel's own shown as slots, then the tunnel's rows sorted. Its rows
 * must fill the same places among the others, but their order among themselves is not compared: a tunnel's
 * selectors never overlap (the spec refuses it), so RouterOS does not depend on it, and a rerun adds what a !trap
 * refused after the siblings that went through.
 */
export function routerRows(router: RouterOsEmulator, owned = isOurs): string[] {
  return MENUS.flatMap((menu) => {
    const rows = router.rows(menu).map(({ ".id": _id, ...row }) => row);
    const text = (row: Record<string, string>) => `${menu} ${JSON.stringify(row)}`;
    return [...rows.map((row) => (owned(menu, row) ? `${menu} (a row of the tunnel)` : text(row))), ...rows.filter((row) => owned(menu, row)).map(text).sort()];
  });
}

/** The rows a tunnel does not own, ids included and in table order: these must stay byte-identical. */
export function foreignRows(router: RouterOsEmulator, owned = isOurs): string[] {
  return MENUS.flatMap((menu) => router.rows(menu).filter((row) => !owned(menu, row)).map((row) => `${menu} ${JSON.stringify(row)}`));
}

export interface World {
  router: RouterOsEmulator;
  /** The operation under test, once, as a new `pulumi up` runs it: a fresh provider, no session carried over. */
  run(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A router with rows made by hand and another managed tunnel, brought to the state before `operation`: nothing of
 * ours for create; the tunnel created (and masquerade moved above its bypass by hand) for update and delete.
 */
export async function world(operation: RosOperation): Promise<World> {
  const router = await startRouter();
  seedHandMade(router);
  await (await providerFor(router)).create(otherTunnel(router));
  let olds: TunnelOutputs | undefined;
  if (operation !== "create") olds = (await (await providerFor(router)).create(tunnel(router))).outs!;
  if (operation === "update") {
    // Masquerade moved to the top by hand: the update must move the tunnel's bypass back above it (a move command).
    const masquerade = router.rows("/ip/firewall/nat").find((r) => r.action === "masquerade")!;
    router.removeRow("/ip/firewall/nat", masquerade[".id"]!);
    router.seed("/ip/firewall/nat", { chain: "srcnat", action: "masquerade", "out-interface-list": "WAN", comment: "defconf: masquerade" }, { placeBefore: router.rows("/ip/firewall/nat")[0]?.[".id"] });
  }
  const run = async () => {
    await closeAllSessions();
    const provider = await providerFor(router);
    if (operation === "create") await provider.create(tunnel(router));
    else if (operation === "update") await provider.update("id", olds!, tunnel(router, "updated"));
    else await provider.delete("id", olds!);
  };
  return { router, run, stop: async () => (await closeAllSessions(), await router.stop()) };
}

/**
 * Records the command word of each sentence as it arrives. The session reads its faults on every sentence, after
 * counting it: the one count that moved since the last read is that sentence's word.
 */
class Recorder implements Faults {
  latencyMs = 0;
  readonly order: string[] = [];
  private seen: number;
  private counts: Record<string, number>;
  constructor(private readonly router: RouterOsEmulator) {
    this.seen = router.counters.sentencesReceived;
    this.counts = { ...router.counters.commands };
  }
  get dropAfterSentences(): undefined {
    const counters = this.router.counters;
    if (counters.sentencesReceived !== this.seen) {
      this.seen = counters.sentencesReceived;
      for (const [command, n] of Object.entries(counters.commands)) if (n !== (this.counts[command] ?? 0)) this.order.push(command);
      this.counts = { ...counters.commands };
    }
    return undefined;
  }
}

/** The steps of an operation: each command it sends, in order, read off one uninterrupted run. */
export async function rosSteps(operation: RosOperation): Promise<Step[]> {
  const w = await world(operation);
  try {
    const recorder = new Recorder(w.router);
    w.router.faults = recorder;
    await w.run();
    return numbered(recorder.order);
  } finally {
    await w.stop();
  }
}

/** The router's rows after an uninterrupted run of the operation. */
export async function reference(operation: RosOperation): Promise<string[]> {
  const w = await world(operation);
  try {
    await w.run();
    return routerRows(w.router);
  } finally {
    await w.stop();
  }
}

/**
 * One fault aimed at one step: it fires on the occurrence-th sentence carrying the command word (counted from when
 * it is armed) and never again. Made of the emulator's own switches, which sessions read on every sentence and
 * reply: a drop (and a lost response: executed, then dropped), !trap, !fatal, and a reply slower than the client's
 * command timeout.
 */
export class AimedFault implements Faults {
  /** Whether the aimed-at sentence arrived (a cell whose fault never fired proves nothing). */
  fired = false;
  private at: number | undefined;
  private readonly base: number;

  constructor(
    private readonly router: RouterOsEmulator,
    readonly kind: RosFault,
    readonly step: Step,
  ) {
    this.base = router.counters.commands[step.command] ?? 0;
  }

  /** True while the aimed-at sentence is being handled. */
  private get onTarget(): boolean {
    const counters = this.router.counters;
    if (this.at === undefined && (counters.commands[this.step.command] ?? 0) - this.base >= this.step.occurrence) {
      this.at = counters.sentencesReceived;
      this.fired = true;
    }
    return this.at === counters.sentencesReceived;
  }

  get latencyMs(): number {
    return this.kind === "timeout" && this.onTarget ? TIMEOUT_SECONDS * 1000 * 30 : 0;
  }
  get dropAfterSentences(): number | undefined {
    return (this.kind === "drop" || this.kind === "lostResponse") && this.onTarget ? 0 : undefined;
  }
  get dropExecutesLast(): boolean {
    return this.kind === "lostResponse";
  }
  get fatalOn(): Faults["fatalOn"] {
    return this.kind === "fatal" && this.onTarget ? { command: this.step.command, message: FATAL_MESSAGE } : undefined;
  }
  get trapOn(): Faults["trapOn"] {
    return this.kind === "trap" && this.onTarget ? { command: this.step.command, message: TRAP_MESSAGE, category: 4, times: 1 } : undefined;
  }
  set trapOn(_spent: Faults["trapOn"]) {
    // The session clears a spent trap; this one fires once by construction.
  }
}

/** What the first run's error must say happened, per fault. */
const WHAT_HAPPENED: Record<RosFault, RegExp> = {
  // The client sees the connection end either as closed or as a socket error (a reset), depending on timing.
  drop: /closed the API session|lost the API session/,
  lostResponse: /closed the API session|lost the API session/,
  trap: new RegExp(TRAP_MESSAGE),
  fatal: new RegExp(`ended the API session: ${FATAL_MESSAGE}`),
  timeout: /got no answer .* within \d+ ms|no API login .* within \d+ ms/,
};

/** Runs one cell: the operation under the fault, then (if it failed) the rerun; checks the outcome. */
export async function runRosCell(operation: RosOperation, step: Step, fault: RosFault, expected: string[]): Promise<CellResult> {
  const w = await world(operation);
  const problems: string[] = [];
  let message: string | undefined;
  try {
    const foreign = foreignRows(w.router);
    const aimed = new AimedFault(w.router, fault, step);
    w.router.faults = aimed;
    message = await w.run().then(
      () => undefined,
      (error: Error) => error.message,
    );
    w.router.faults = { latencyMs: 0 };
    if (!aimed.fired) problems.push(`the fault never fired: ${step.name} was not sent`);
    if (message !== undefined) {
      if (!clearMessage(message)) problems.push(`the error does not say a rerun is safe: ${message}`);
      if (!WHAT_HAPPENED[fault].test(message)) problems.push(`the error does not say what happened (${WHAT_HAPPENED[fault]}): ${message}`);
      problems.push(...secretProblems(secretsOf(w.router), message, "the error"));
      await w.run().catch((error: Error) => problems.push(`the rerun failed: ${error.message}`));
    }
    const rows = routerRows(w.router);
    if (JSON.stringify(rows) !== JSON.stringify(expected)) {
      const extra = rows.filter((r) => !expected.includes(r));
      const missing = expected.filter((r) => !rows.includes(r));
      problems.push(`not converged: extra ${JSON.stringify(extra)}, missing ${JSON.stringify(missing)}${extra.length + missing.length === 0 ? " (order differs)" : ""}`);
    }
    const after = foreignRows(w.router);
    if (JSON.stringify(after) !== JSON.stringify(foreign)) {
      problems.push(`rows we do not own changed: before ${JSON.stringify(foreign.filter((r) => !after.includes(r)))}, after ${JSON.stringify(after.filter((r) => !foreign.includes(r)))}`);
    }
  } finally {
    await w.stop();
  }
  return { side: "routeros", operation, step: step.name, fault, outcome: message === undefined ? "retried" : "rerun", ...(message === undefined ? {} : { message }), problems };
}

export const rosTable = (operation: RosOperation, steps: Step[]): Table => ({ operation, steps, columns: ROS_COLUMNS, applies: () => true });
