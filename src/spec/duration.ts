// Durations as the spec accepts them ("1d", "8h", "90m", 3600) and as RouterOS prints them ("1d", "1h30m").
// Pure; no I/O.

const UNITS: ReadonlyArray<readonly [suffix: string, seconds: number]> = [
  ["w", 604800],
  ["d", 86400],
  ["h", 3600],
  ["m", 60],
  ["s", 1],
];

/** Seconds from a number of seconds or a compact duration such as "1d", "24h", "1h30m", "45m10s"; undefined if malformed. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^(\d+[wdhms])+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([wdhms])/g)) {
    total += Number(amount) * (UNITS.find(([s]) => s === unit)?.[1] ?? 0);
  }
  return total;
}

/** RouterOS's compact form, largest unit first: 86400 → "1d", 5400 → "1h30m", 0 → "0s". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  let rest = seconds;
  let out = "";
  for (const [suffix, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${suffix}`;
      rest -= n * size;
    }
  }
  return out;
}
