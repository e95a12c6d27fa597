// Emulated RouterOS version: parses "6.49.10", "7.12", "7.18.2", "7.19beta3" and answers "is it at least X?".
// Pure: no I/O. Version gates themselves live in the menu tables, never in scattered ifs.

export interface RosVersion {
  readonly text: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

export function parseVersion(text: string): RosVersion {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(?:beta|rc)\d+)?$/.exec(text.trim());
  if (!m) throw new Error(`RouterOS version "${text}" is not of the form 7.16, 6.49.10 or 7.18.2`);
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (major < 6 || major > 7) throw new Error(`RouterOS version "${text}": only 6.x and 7.x are emulated`);
  return { text: text.trim(), major, minor, patch };
}

/** True when `v` is the same as or newer than `spec` (e.g. "7.15", "6.43"). */
export function atLeast(v: RosVersion, spec: string): boolean {
  const s = parseVersion(spec);
  if (v.major !== s.major) return v.major > s.major;
  if (v.minor !== s.minor) return v.minor > s.minor;
  return v.patch >= s.patch;
}

/** Whether a table entry gated by since/until exists on `v` (until is exclusive). */
export function inRange(v: RosVersion, gate: { since?: string; until?: string }): boolean {
  return (gate.since === undefined || atLeast(v, gate.since)) && (gate.until === undefined || !atLeast(v, gate.until));
}
