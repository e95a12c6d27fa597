// Matching log lines against the catalog, and the diagnosis entry point: logs in, ranked findings out.
// Pure functions; no I/O (the caller fetches /log rows or the cloud's log and passes them in).
import { CATALOG, DIALECT_READS, FACTS, PAIRS, entriesFor } from "./catalog";
import { classInfo } from "./classes";
import { isSource, parseLog } from "./parse";
import { rank } from "./rank";
import { captured, refine, REFINER_KEEPS_OWN_CLASS } from "./values";
import type {
  CapturedValue,
  CatalogEntry,
  Fact,
  Finding,
  Hit,
  LineFacts,
  LineMatch,
  LogInput,
  LogLine,
  LogSource,
  MismatchClass,
  RefinerName,
} from "./types";

function groupsOf(m: RegExpExecArray): Record<string, string> {
  const groups: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) groups[k] = v.trim();
  return groups;
}

/** One hit per class: a `cause` reading wins over `also-fits`; weights take the maximum, fields and values add up. */
function mergeHits(hits: readonly Hit[]): Hit[] {
  const byClass = new Map<MismatchClass, Hit>();
  for (const h of hits) {
    const prev = byClass.get(h.class);
    byClass.set(
      h.class,
      prev
        ? {
            class: h.class,
            role: prev.role === "cause" || h.role === "cause" ? "cause" : "also-fits",
            weight: Math.max(prev.weight, h.weight),
            fields: [...new Set([...prev.fields, ...h.fields])],
            captured: [...prev.captured, ...h.captured],
          }
        : h,
    );
  }
  return [...byClass.values()];
}

/** The classes a line points at: its entry's class (or what a refiner reads in it) and, at half weight, the alsoFits. */
export function hitsOf(
  entry: CatalogEntry,
  groups: Readonly<Record<string, string>>,
  refiner?: RefinerName,
  weight = entry.weight,
): Hit[] {
  const own: CapturedValue[] =
    entry.captures && (groups.router !== undefined || groups.cloud !== undefined)
      ? [captured(entry.id, entry.captures, groups.router, groups.cloud)]
      : [];
  const also = (entry.alsoFits ?? []).map<Hit>((c) => ({
    class: c,
    weight: entry.weight / 2,
    fields: classInfo(c).fields,
    role: "also-fits",
    captured: [],
  }));
  const name = refiner ?? entry.refine;
  const refined = name ? refine(name, groups) : undefined;
  if (!name || !refined) {
    return mergeHits([{ class: entry.class, weight: entry.weight, fields: entry.fields, role: "cause", captured: own }, ...also]);
  }
  const readings = refined.map<Hit>((r) => ({
    class: r.class,
    weight,
    fields: r.fields ?? (r.field ? [r.field] : classInfo(r.class).fields),
    role: "cause",
    captured: [captured(entry.id, r.field, r.router, r.cloud)],
  }));
  const kept: Hit[] = REFINER_KEEPS_OWN_CLASS[name]
    ? [{ class: entry.class, weight: entry.weight / 2, fields: entry.fields, role: "also-fits", captured: own }]
    : [];
  return mergeHits([...readings, ...kept, ...also]);
}

/** The most specific catalog entry a line matches (ties: the line's own dialect first, then catalog order). */
export function matchLine(line: LogLine, catalog: readonly CatalogEntry[] = CATALOG): LineMatch | undefined {
  let best: { entry: CatalogEntry; m: RegExpExecArray } | undefined;
  for (const entry of entriesFor(DIALECT_READS[line.dialect ?? "unknown"], catalog)) {
    const m = entry.pattern.exec(line.raw);
    if (m && (!best || entry.weight > best.entry.weight)) best = { entry, m };
  }
  if (!best) return undefined;
  const groups = groupsOf(best.m);
  return {
    line,
    entry: best.entry,
    dialect: line.dialect ?? best.entry.dialect,
    groups,
    hits: hitsOf(best.entry, groups),
    context: best.entry.context === true,
  };
}

/** The facts (success, IKE version) a line establishes. */
export function factsOf(line: LogLine): LineFacts | undefined {
  const dialects = DIALECT_READS[line.dialect ?? "unknown"];
  const facts = new Set<Fact>();
  for (const f of FACTS) if (dialects.includes(f.dialect) && f.pattern.test(line.raw)) for (const x of f.facts) facts.add(x);
  return facts.size > 0 ? { source: line.source, lineNo: line.lineNo, facts: [...facts] } : undefined;
}

/** Reads paired lines (PAIRS) together: where their refiner finds a difference, both become evidence of it. */
function pairUp(matches: readonly LineMatch[]): LineMatch[] {
  const out = [...matches];
  for (const pair of PAIRS) {
    for (let i = 0; i < out.length; i++) {
      const a = out[i];
      if (!a || (a.entry.id !== pair.first && a.entry.id !== pair.second)) continue;
      const wanted = a.entry.id === pair.first ? pair.second : pair.first;
      const j = out.findIndex(
        (b, k) => k > i && b.entry.id === wanted && b.line.source === a.line.source && b.line.lineNo - a.line.lineNo <= pair.within,
      );
      const b = out[j];
      if (!b) continue;
      const groups = { ...a.groups, ...b.groups };
      if (!refine(pair.refine, groups)) continue;
      out[i] = { ...a, groups, hits: hitsOf(a.entry, groups, pair.refine, pair.weight), context: false };
      out[j] = { ...b, groups, hits: hitsOf(b.entry, groups, pair.refine, pair.weight), context: false };
      i = j;
    }
  }
  return out;
}

export interface LogEvidence {
  readonly lines: readonly LogLine[];
  readonly matches: readonly LineMatch[];
  readonly facts: readonly LineFacts[];
}

export type Sources = LogSource | LogInput | readonly LogSource[];

function toSources(sources: Sources): readonly (LogSource | LogInput)[] {
  if (Array.isArray(sources) && sources.length > 0 && sources.every(isSource)) return sources as readonly LogSource[];
  return [sources as LogSource | LogInput];
}

/** Every line of every source that the catalog recognises, and the facts the lines establish. */
export function findEvidence(sources: Sources, catalog: readonly CatalogEntry[] = CATALOG): LogEvidence {
  const lines = toSources(sources).flatMap((s, i) => parseLog(s, i));
  const matches = pairUp(lines.flatMap((l) => matchLine(l, catalog) ?? []));
  const facts = lines.flatMap((l) => factsOf(l) ?? []);
  return { lines, matches, facts };
}

export interface DiagnoseOptions {
  readonly catalog?: readonly CatalogEntry[];
}

/**
 * Ranked causes for one or more logs (e.g. the router's /log rows and the cloud gateway's log), best first.
 * An empty or unrecognised log gives no finding.
 */
export function diagnose(sources: Sources, options: DiagnoseOptions = {}): Finding[] {
  const { matches, facts } = findEvidence(sources, options.catalog);
  return rank(matches, facts);
}
