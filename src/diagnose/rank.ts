// Ranking causes across every matched line of every log: evidence for a class adds up, generic lines (timeouts, bare
// NO_PROPOSAL_CHOSEN) count as causes only when nothing more specific is present, and facts narrow what they mean. Pure; no I/O.
import { CLASSES, classInfo } from "./classes";
import type {
  CapturedValue,
  Dialect,
  Evidence,
  EvidenceRole,
  Finding,
  LineFacts,
  LineMatch,
  MismatchClass,
  SpecField,
  SpecificClass,
} from "./types";

export const REKEY_CONTEXT_NOTE =
  "This failure comes after an SA was established earlier in the same log: it happened at a rekey, so only what is " +
  "negotiated again at rekey (the PFS group; lifetimes under IKEv1) can be the cause.";
export const PHASE2_CONTEXT_NOTE = "Phase 1 was already up when this failed, so only phase-2 settings can be the cause.";
export const INTERSECTION_NOTE =
  "Inferred: no line names the cause, but this is the only one consistent with every kind of failure in the log.";
/** IKEv2 has no exchange modes and does not negotiate lifetimes. */
const NOT_IN_IKEV2: readonly SpecificClass[] = ["exchange-mode", "lifetime"];
const PHASE2: readonly SpecificClass[] = CLASSES.filter((c) => !c.generic && c.phase === 2).map((c) => c.id as SpecificClass);

/** A generic line read in context: the specific causes it can still stand for. */
interface Reading {
  readonly match: LineMatch;
  readonly candidates: readonly SpecificClass[];
  readonly notes: readonly string[];
}

function narrow(match: LineMatch, facts: readonly LineFacts[]): Reading {
  const cls = match.entry.class;
  let candidates: readonly SpecificClass[] = match.entry.standsFor ?? classInfo(cls).standsFor ?? [];
  const notes: string[] = [];
  const here = facts.filter((f) => f.source === match.line.source);
  const before = new Set(here.filter((f) => f.lineNo < match.line.lineNo).flatMap((f) => f.facts));
  const versions = new Set(here.flatMap((f) => f.facts));
  const keep = (allowed: (c: SpecificClass) => boolean, note?: string) => {
    const kept = candidates.filter(allowed);
    if (kept.length === 0) return;
    candidates = kept;
    if (note) notes.push(note);
  };
  if (cls === "proposal-rejected" || cls === "phase2-rejected") {
    if (before.has("phase2-up")) keep((c) => c === "pfs-group" || c === "lifetime", REKEY_CONTEXT_NOTE);
    else if (before.has("phase1-up")) keep((c) => PHASE2.includes(c), PHASE2_CONTEXT_NOTE);
  }
  if (versions.has("ikev2") && !versions.has("ikev1")) keep((c) => !NOT_IN_IKEV2.includes(c));
  return { match, candidates, notes };
}

interface Item {
  readonly match: LineMatch;
  readonly weight: number;
  readonly role: EvidenceRole;
  readonly fields: readonly SpecField[];
  readonly captured: readonly CapturedValue[];
  readonly notes: readonly string[];
}

interface Account {
  readonly cls: MismatchClass;
  readonly items: Item[];
  /** Generic accounts: the causes their lines can stand for, with how many lines say so. */
  readonly candidates: Map<SpecificClass, number>;
}

const ROLE_ORDER: readonly EvidenceRole[] = ["cause", "inferred", "also-fits", "symptom", "supporting"];
const NAMES_CAUSE: ReadonlySet<EvidenceRole> = new Set(["cause", "inferred"]);
const CLOUD_DIALECTS: ReadonlySet<Dialect> = new Set(["strongswan", "tencent"]);

class Ledger {
  readonly accounts = new Map<MismatchClass, Account>();

  account(cls: MismatchClass): Account {
    let a = this.accounts.get(cls);
    if (!a) this.accounts.set(cls, (a = { cls, items: [], candidates: new Map() }));
    return a;
  }

  add(cls: MismatchClass, item: Item, candidates: readonly SpecificClass[] = []): void {
    const a = this.account(cls);
    a.items.push(item);
    for (const c of candidates) a.candidates.set(c, (a.candidates.get(c) ?? 0) + 1);
  }

  /** Classes some line names (or, read in context, can only mean). */
  named(): Set<MismatchClass> {
    return new Set([...this.accounts.values()].filter((a) => a.items.some((i) => NAMES_CAUSE.has(i.role))).map((a) => a.cls));
  }
}

const item = (match: LineMatch, weight: number, role: EvidenceRole, extra: Partial<Item> = {}): Item => ({
  match,
  weight,
  role,
  fields: [],
  captured: [],
  notes: [],
  ...extra,
});

function infer(ledger: Ledger, cls: SpecificClass, r: Reading, notes: readonly string[]): void {
  ledger.add(cls, item(r.match, r.match.entry.weight * 2, "inferred", { fields: classInfo(cls).fields, notes }));
}

/** Several kinds of symptom (say NO_PROPOSAL_CHOSEN and AUTHENTICATION_FAILED) may agree on exactly one cause. */
function inferFromAgreement(ledger: Ledger, pending: Reading[]): Reading[] {
  const symptoms = pending.filter((r) => r.match.entry.class !== "peer-not-answering");
  const byClass = new Map<MismatchClass, Set<SpecificClass>>();
  for (const r of symptoms) {
    const set = byClass.get(r.match.entry.class) ?? new Set<SpecificClass>();
    for (const c of r.candidates) set.add(c);
    byClass.set(r.match.entry.class, set);
  }
  if (byClass.size < 2) return pending;
  const [first, ...rest] = [...byClass.values()];
  const common = [...(first ?? [])].filter((c) => rest.every((s) => s.has(c)));
  const only = common.length === 1 ? common[0] : undefined;
  if (!only) return pending;
  for (const r of symptoms) infer(ledger, only, r, [INTERSECTION_NOTE, ...r.notes]);
  return pending.filter((r) => !symptoms.includes(r));
}

/** A generic finding whose causes include all of another's is the vaguer one: it folds into the sharper one. */
function foldVaguer(ledger: Ledger): void {
  // "Peer not answering" is the vaguest of all: any other symptom says more than a timeout.
  const vagueness = (a: Account) => (a.cls === "peer-not-answering" ? Infinity : a.candidates.size);
  const generic = [...ledger.accounts.values()]
    .filter((a) => classInfo(a.cls).generic)
    .sort((a, b) => vagueness(a) - vagueness(b));
  for (let i = generic.length - 1; i > 0; i--) {
    const vaguer = generic[i];
    if (!vaguer) continue;
    const sharper = generic
      .slice(0, i)
      .find(
        (a) =>
          ledger.accounts.has(a.cls) &&
          (vagueness(vaguer) === Infinity || [...a.candidates.keys()].every((c) => vaguer.candidates.has(c))),
      );
    if (!sharper) continue;
    for (const it of vaguer.items) sharper.items.push({ ...it, role: "supporting", notes: [] });
    ledger.accounts.delete(vaguer.cls);
  }
}

function score(items: readonly Item[]): number {
  const byEntry = new Map<string, { max: number; n: number }>();
  for (const i of items) {
    const e = byEntry.get(i.match.entry.id) ?? { max: 0, n: 0 };
    byEntry.set(i.match.entry.id, { max: Math.max(e.max, i.weight), n: e.n + 1 });
  }
  let total = 0;
  for (const { max, n } of byEntry.values()) total += max * (1 + 0.2 * Math.min(n - 1, 5));
  const dialects = new Set(items.map((i) => i.match.dialect));
  const bothEnds = dialects.has("routeros") && [...dialects].some((d) => CLOUD_DIALECTS.has(d));
  return Math.round(total * (bothEnds ? 1.25 : 1) * 100) / 100;
}

const byRole = (a: Item, b: Item) =>
  ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
  a.match.line.source - b.match.line.source ||
  a.match.line.lineNo - b.match.line.lineNo;

function finding(a: Account): Finding {
  const info = classInfo(a.cls);
  const items = [...a.items].sort(byRole);
  const strongest = [...items].sort(
    (x, y) => ROLE_ORDER.indexOf(x.role) - ROLE_ORDER.indexOf(y.role) || y.weight - x.weight,
  )[0];
  const candidates = [...a.candidates.entries()]
    .sort((x, y) => y[1] - x[1])
    .map(([c]) => c);
  // A line's own words describe its own class; a refined, inferred or secondary reading takes the class's words.
  const own = strongest && strongest.match.entry.class === a.cls && strongest.role !== "inferred";
  const unique = <T>(xs: readonly T[]) => [...new Set(xs)];
  const naming = items.filter((i) => NAMES_CAUSE.has(i.role));
  const fields = info.generic
    ? info.fields.length > 0
      ? [...info.fields]
      : unique(candidates.flatMap((c) => classInfo(c).fields))
    : naming.length > 0
      ? unique(naming.flatMap((i) => i.fields))
      : [...info.fields];
  const seen = new Set<string>();
  const captured = items
    .flatMap((i) => i.captured)
    .filter((c) => !seen.has(c.summary) && seen.add(c.summary));
  const notes = unique([
    ...(info.notes ?? []),
    // A line's own notes speak about its own class; context notes (rekey, phase 2) about how it was read.
    ...items.flatMap((i) => [...(i.role === "cause" || i.role === "symptom" ? (i.match.entry.notes ?? []) : []), ...i.notes]),
  ]);
  return {
    class: a.cls,
    title: info.title,
    generic: info.generic,
    ...(info.generic ? { candidates } : {}),
    fields: fields.length > 0 ? fields : [...info.fields],
    cause: own && strongest ? strongest.match.entry.cause : info.cause,
    fix:
      info.generic && info.fields.length === 0
        ? `Compare ${fields.map((f) => `\`${f}\``).join(", ")} on both ends. ${info.fix}`
        : own && strongest
          ? strongest.match.entry.fix
          : info.fix,
    evidence: items.map<Evidence>((i) => ({
      dialect: i.match.dialect,
      line: i.match.line.raw,
      lineNo: i.match.line.lineNo,
      source: i.match.line.source,
      entryId: i.match.entry.id,
      weight: i.weight,
      role: i.role,
    })),
    captured,
    notes,
    score: score(items),
  };
}

/** The ranked findings for a set of matched lines and the facts their logs establish. */
export function rank(matches: readonly LineMatch[], facts: readonly LineFacts[]): Finding[] {
  const ledger = new Ledger();
  // A line is generic when all it names is a symptom (a refined or paired line may name a cause its entry does not).
  const isGeneric = (m: LineMatch) => m.hits.every((h) => classInfo(h.class).generic);

  // Lines that name a cause (or several: a refined reading, alsoFits at half weight).
  for (const m of matches.filter((m) => !m.context && !isGeneric(m))) {
    for (const h of m.hits) {
      ledger.add(h.class, item(m, h.weight, h.role, { fields: h.fields, captured: h.captured }));
    }
  }

  // Generic lines, read in context; those left with one meaning name it.
  let pending: Reading[] = [];
  for (const r of matches.filter((m) => !m.context && isGeneric(m)).map((m) => narrow(m, facts))) {
    const only = r.candidates.length === 1 ? r.candidates[0] : undefined;
    if (only && r.match.entry.class !== "peer-not-answering") infer(ledger, only, r, r.notes);
    else pending.push(r);
  }
  if (ledger.named().size === 0) pending = inferFromAgreement(ledger, pending);

  // The rest: support for the causes they may stand for, or, with nothing more specific, findings of their own.
  const named = ledger.named();
  for (const r of pending) {
    const targets = r.candidates.filter((c) => named.has(c));
    for (const t of targets) ledger.add(t, item(r.match, r.match.entry.weight / 2, "supporting"));
    const standsAlone = named.size === 0 || (targets.length === 0 && r.match.entry.class !== "peer-not-answering");
    if (standsAlone) ledger.add(r.match.entry.class, item(r.match, r.match.entry.weight, "symptom", { notes: r.notes }), r.candidates);
  }
  foldVaguer(ledger);

  // Informational lines only reinforce causes already found.
  for (const m of matches.filter((m) => m.context)) {
    for (const h of m.hits) {
      if (named.has(h.class)) ledger.add(h.class, item(m, h.weight, "supporting", { captured: h.captured }));
    }
  }

  const first = (f: Finding) => f.evidence.reduce((min, e) => Math.min(min, e.source * 1e6 + e.lineNo), Infinity);
  return [...ledger.accounts.values()]
    .map(finding)
    .sort((x, y) => Number(x.generic) - Number(y.generic) || y.score - x.score || first(x) - first(y));
}
