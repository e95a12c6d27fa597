// Exponential backoff with jitter, and bounded waiting for a remote state: the only places the cloud clients
// sleep. Never a fixed sleep, never an unbounded loop: every wait ends at a deadline with a clear error.

/** Retry pacing: the first delay and the cap, in milliseconds. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** The delay before retry number `attempt` (0-based): half fixed, half random ("equal jitter"), capped. */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export type Probe<T> = { done: true; value: T } | { done: false; state: string };

/** Thrown when a wait reaches its deadline; says what was awaited and the last state seen. */
export class WaitTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly lastState: string,
    readonly seconds: number,
  ) {
    super(`${what}: after ${seconds} s, still ${lastState}`);
    this.name = "WaitTimeoutError";
  }
}

/**
 * Calls `probe` until it reports done, sleeping with backoff in between; gives up once the next sleep would pass
 * `timeoutMs`. The first probe runs at once: with an answer already there, waiting costs one call.
 */
export async function waitUntil<T>(what: string, probe: () => Promise<Probe<T>>, timeoutMs: number, backoff: Backoff): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const result = await probe();
    if (result.done) return result.value;
    const delay = backoffDelay(attempt, backoff);
    if (Date.now() + delay > deadline) throw new WaitTimeoutError(what, result.state, Math.round(timeoutMs / 1000));
    await sleep(delay);
  }
}
