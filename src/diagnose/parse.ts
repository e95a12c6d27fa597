// Turns logs as the user has them (raw text, lines, RouterOS /log rows) into lines with a dialect.
// Pure; no I/O: the caller reads files, APIs or the clipboard.
import type { Dialect, LogInput, LogLine, LogSource, RouterOsLogRow } from "./types";

/** Markers that tell a line's dialect, tried in this order (Tencent's prefixes are the most distinctive). */
const DIALECT_MARKERS: readonly { dialect: Dialect; pattern: RegExp }[] = [
  { dialect: "tencent", pattern: /\b(?:TANS[_/])?IKE_NEGO:|\bIKE_SA_ESTABLISH_FAIL\b|\bIPSEC_SA_ESTABLISH_FAIL\b|\bTANS[_/]/ },
  {
    dialect: "strongswan",
    pattern: /\bcharon(?:-systemd)?(?:\[\d+\])?:|\b\d{2}\[(?:IKE|CFG|ENC|NET|CHD|KNL|LIB|MGR|JOB|DMN|ASN|ESP|APP|TLS|IMC|IMV|PTS|TNC)\]|\bpluto\[\d+\]/,
  },
  // RouterOS topics: `ipsec`, `ipsec,error`, `ipsec,info`, `ipsec,debug,packet` ... (lower case, then a space).
  { dialect: "routeros", pattern: /(?:^|\s)ipsec(?:,[a-z]+)*\s/ },
];

/** The dialect a line's own markers tell, or undefined when it carries none. */
export function detectDialect(line: string): Dialect | undefined {
  return DIALECT_MARKERS.find((m) => m.pattern.test(line))?.dialect;
}

function isRows(log: LogInput): log is readonly RouterOsLogRow[] {
  return Array.isArray(log) && log.length > 0 && typeof log[0] === "object";
}

interface RawLine {
  lineNo: number;
  raw: string;
  /** RouterOS rows are RouterOS's by construction. */
  dialect?: Dialect;
}

function rawLines(log: LogInput): RawLine[] {
  if (isRows(log)) {
    return log
      .map((row, i) => ({ row, lineNo: i + 1 }))
      // Only the IPsec daemon's rows: /log also carries system, firewall and DHCP messages.
      .filter(({ row }) => row.topics.split(",").includes("ipsec"))
      .map(({ row, lineNo }) => ({
        lineNo,
        raw: [row.time, row.topics, row.message].filter((s) => s !== undefined && s !== "").join(" "),
        dialect: "routeros" as const,
      }));
  }
  const lines = typeof log === "string" ? log.split(/\r?\n/) : (log as readonly string[]);
  return lines.map((raw, i) => ({ lineNo: i + 1, raw: raw.trimEnd() })).filter((l) => l.raw.trim() !== "");
}

/** The dialect most of a source's marked lines are in, for its unmarked lines. */
function majority(dialects: readonly (Dialect | undefined)[]): Dialect | undefined {
  const counts = new Map<Dialect, number>();
  for (const d of dialects) if (d) counts.set(d, (counts.get(d) ?? 0) + 1);
  let best: Dialect | undefined;
  for (const [d, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * The non-empty lines of one source. A dialect given for the source wins; otherwise each line's markers tell, and
 * unmarked lines take the dialect of most marked lines in the same source (undefined if none is marked).
 */
export function parseLog(source: LogSource | LogInput, sourceIndex = 0): LogLine[] {
  const { log, dialect } = isSource(source) ? source : { log: source, dialect: undefined };
  const lines = rawLines(log);
  const detected = lines.map((l) => dialect ?? l.dialect ?? detectDialect(l.raw));
  const fallback = majority(detected);
  return lines.map((l, i) => ({ source: sourceIndex, lineNo: l.lineNo, raw: l.raw, dialect: detected[i] ?? fallback }));
}

export function isSource(x: unknown): x is LogSource {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "log" in x;
}
