// Field-by-field diff of a resource's inputs against its recorded state, driven by a table: which fields replace
// the resource, and how each value is normalised before comparing. Pure; no I/O, never an API call.

/** The value the engine sends for an input it does not know yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const hasUnknowns = (value: unknown): boolean => JSON.stringify(value ?? null).includes(UNKNOWN);

export interface FieldRule<T> {
  field: keyof T & string;
  /** A change replaces the resource (Tencent cannot change it in place). */
  replaces?: boolean;
  /** Left out of the new inputs: Tencent's own choice stands and nothing is compared (e.g. a zone it picked). */
  optional?: boolean;
  /** Maps equivalent spellings to one value before comparing (default: the value itself). */
  normalise?: (value: unknown) => unknown;
}

export interface FieldDiff<T> {
  /** Fields whose normalised values differ (or are unknown yet). */
  changed: Array<keyof T & string>;
  replaces: Array<keyof T & string>;
}

export function diffFields<T extends object>(rules: ReadonlyArray<FieldRule<T>>, olds: Partial<T>, news: Partial<T>): FieldDiff<T> {
  const changed: Array<keyof T & string> = [];
  for (const rule of rules) {
    const next = news[rule.field];
    if (next === undefined && rule.optional) continue;
    if (hasUnknowns(next)) {
      changed.push(rule.field);
      continue;
    }
    const normalise = rule.normalise ?? ((v: unknown) => v);
    if (canonicalJson(normalise(olds[rule.field])) !== canonicalJson(normalise(next))) changed.push(rule.field);
  }
  return { changed, replaces: changed.filter((field) => rules.find((r) => r.field === field)?.replaces) };
}

/**
 * The engine's answer. `changes` is always set, so the engine never falls back to comparing raw inputs (which would
 * include the serialized provider and turn every code change into an update). Replacements delete first: Tencent
 * refuses a second customer gateway for one address, a second tunnel with the same networks, a second route to one
 * destination.
 */
export function engineDiff<T>(diff: FieldDiff<T>): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
  return { changes: diff.changed.length > 0, replaces: [...diff.replaces], deleteBeforeReplace: diff.replaces.length > 0 };
}

/** JSON with object keys sorted and undefined members dropped: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? "undefined";
}

/** Common normalisers. */
export const normalise = {
  /** A list compared as a set: order and repeats do not matter. */
  set: (value: unknown): unknown => (Array.isArray(value) ? [...new Set(value.map((v) => canonicalJson(v)))].sort() : value),
  /** A tag map; undefined and {} are the same. */
  tags: (value: unknown): unknown => (value && typeof value === "object" && Object.keys(value).length > 0 ? value : {}),
  upper: (value: unknown): unknown => (typeof value === "string" ? value.toUpperCase() : value),
};

/** The input fields of a state object (outputs carry the inputs plus what Tencent reported). */
export function pick<T extends object>(value: Partial<T> | undefined, fields: ReadonlyArray<keyof T & string>): Partial<T> {
  const out: Partial<T> = {};
  for (const field of fields) if (value?.[field] !== undefined) out[field] = value[field];
  return out;
}
