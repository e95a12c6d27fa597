// Faults on demand: a queue of armed faults, each for one action (or "*") and a number of requests.
// Pure bookkeeping: deciding what a fault does to a request is the dispatcher's job.

export const FAULT_KINDS = [
  "RequestLimitExceeded", // answered with Error.Code RequestLimitExceeded; the action is not performed
  "InternalError", // answered with Error.Code InternalError; the action is not performed
  "http502", // HTTP 502 without a Tencent body; the action is not performed
  "http503", // HTTP 503 without a Tencent body; the action is not performed
  "slow", // the action is performed, the reply is held back delayMs
  "drop", // the socket is destroyed as the request arrives, before anything else: the action is not performed
  "lostResponse", // the action is performed, then the socket is destroyed without a reply
  "emptyVpnConnectionId", // CreateVpnConnection succeeds but answers VpnConnectionId "" (seen in the wild)
  "taskFailed", // an asynchronous action is accepted but its task ends FAILED (see docs/tencent-emulator.md)
] as const;
export type TencentFaultKind = (typeof FAULT_KINDS)[number];

export type TencentFault = {
  action: string | "*";
  kind: TencentFaultKind;
  /** How many matching requests the fault affects; default 1. */
  times?: number;
  /** For "slow": how long the reply is held back. */
  delayMs?: number;
};

/** Kinds that only make sense for some actions; elsewhere "*" skips them. */
const ONLY_FOR: Partial<Record<TencentFaultKind, readonly string[]>> = {
  emptyVpnConnectionId: ["CreateVpnConnection"],
};

export interface FiredFault {
  action: string;
  kind: TencentFaultKind;
}

export class FaultQueue {
  private readonly armed: Array<Required<Pick<TencentFault, "action" | "kind" | "times">> & { delayMs: number }> = [];
  /** Every fault that took effect, in order. */
  readonly fired: FiredFault[] = [];

  constructor(private readonly appliesTo: (kind: TencentFaultKind, action: string) => boolean = () => true) {}

  arm(fault: TencentFault): void {
    if (!FAULT_KINDS.includes(fault.kind)) throw new Error(`unknown fault kind ${String(fault.kind)}; expected one of ${FAULT_KINDS.join(", ")}`);
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`fault.times must be a positive integer, got ${times}`);
    if (fault.kind === "slow" && !(typeof fault.delayMs === "number" && fault.delayMs >= 0)) {
      throw new Error("a slow fault needs delayMs (milliseconds to hold the reply)");
    }
    const only = ONLY_FOR[fault.kind];
    if (only && fault.action !== "*" && !only.includes(fault.action)) {
      throw new Error(`fault ${fault.kind} applies only to ${only.join(", ")}, not ${fault.action}`);
    }
    if (fault.action !== "*" && !this.appliesTo(fault.kind, fault.action)) {
      throw new Error(`fault ${fault.kind} does not apply to ${fault.action}`);
    }
    this.armed.push({ action: fault.action, kind: fault.kind, times, delayMs: fault.delayMs ?? 0 });
  }

  clear(): void {
    this.armed.length = 0;
  }

  private indexOf(action: string, kinds: readonly TencentFaultKind[]): number {
    return this.armed.findIndex(
      (f) =>
        kinds.includes(f.kind) &&
        (f.action === action || (f.action === "*" && (ONLY_FOR[f.kind]?.includes(action) ?? true) && this.appliesTo(f.kind, action))),
    );
  }

  /** Whether a fault of this kind is armed for the action, without consuming it. */
  peek(action: string, kind: TencentFaultKind): boolean {
    return this.indexOf(action, [kind]) >= 0;
  }

  /** The first armed fault matching these kinds and this action; it is consumed once. */
  take(action: string, kinds: readonly TencentFaultKind[]): { kind: TencentFaultKind; delayMs: number } | undefined {
    const index = this.indexOf(action, kinds);
    const fault = this.armed[index];
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times === 0) this.armed.splice(index, 1);
    this.fired.push({ action, kind: fault.kind });
    return { kind: fault.kind, delayMs: fault.delayMs };
  }
}
