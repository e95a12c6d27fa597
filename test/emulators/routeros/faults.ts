// Fault switches and traffic counters shared by the emulator and its sessions (read on every sentence).
// Plain data and two helpers; sessions apply the faults, tests flip them at any time.

export interface Faults {
  /** Every reply batch of a command is delayed this long; concurrent commands are delayed concurrently. */
  latencyMs: number;
  /** The connection is dropped when its Nth sentence arrives (per connection; login counts). */
  dropAfterSentences?: number;
  /** With dropAfterSentences: the Nth command is executed before the drop (applied, never answered). Default false. */
  dropExecutesLast?: boolean;
  /** This command word (e.g. "/ip/ipsec/peer/add") is answered with `!fatal <message>` and the connection closed. */
  fatalOn?: { command: string; message: string };
  /** This command word is refused with `!trap` (not executed) `times` times (default once), then the fault clears. */
  trapOn?: { command: string; message: string; category?: number; times?: number };
  /** The /login reply is delayed this much more (on top of latencyMs). */
  loginDelayMs?: number;
}

export interface Counters {
  /** Connections accepted (for api-ssl: TLS handshakes completed). */
  connections: number;
  openConnections: number;
  peakConnections: number;
  sentencesReceived: number;
  sentencesSent: number;
  /** Received sentences per command word, e.g. { "/ip/ipsec/peer/add": 2 }. */
  commands: Record<string, number>;
  /** Commands whose replies are waiting for their latency now, and the most there ever were at once. */
  inFlight: number;
  peakInFlight: number;
  /** Times in-flight rose from zero: with a latency set, the round trips a client made one after another. */
  rounds: number;
}

export function newCounters(): Counters {
  return { connections: 0, openConnections: 0, peakConnections: 0, sentencesReceived: 0, sentencesSent: 0, commands: {}, inFlight: 0, peakInFlight: 0, rounds: 0 };
}

/** Zeroes the counters; gauges (open connections, in-flight) keep their current value and peaks restart from it. */
export function resetCounters(c: Counters): void {
  Object.assign(c, { connections: 0, peakConnections: c.openConnections, sentencesReceived: 0, sentencesSent: 0, commands: {}, peakInFlight: c.inFlight, rounds: 0 });
}
