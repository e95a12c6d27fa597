// Builds catalog rows: fills an entry's fields and fix from its class when the row does not say more.
// Pure; no I/O.
import { classInfo } from "./classes";
import type { CatalogEntry, SpecField, SpecificClass } from "./types";

export type EntryDraft = Omit<CatalogEntry, "fields" | "fix"> & Partial<Pick<CatalogEntry, "fields" | "fix">>;

function fieldsOf(classes: readonly SpecificClass[]): SpecField[] {
  return [...new Set(classes.flatMap((c) => classInfo(c).fields))];
}

export function entry(draft: EntryDraft): CatalogEntry {
  const info = classInfo(draft.class);
  const candidates = draft.standsFor ?? info.standsFor ?? [];
  // A generic class with fields of its own (peer not answering: the addresses) names those; others their candidates'.
  const fields = draft.fields ?? (info.generic && info.fields.length === 0 ? fieldsOf(candidates) : info.fields);
  const fix =
    draft.fix ??
    (info.generic && info.fields.length === 0
      ? `Compare ${fields.map((f) => `\`${f}\``).join(", ")} on both ends. ${info.fix}`
      : info.fix);
  return { ...draft, fields, fix };
}

/** Shared pattern fragments, so every row tolerates the same spellings. */
export const RE = {
  /** racoon's `DB(prop#1:trns#1):Peer(prop#1:trns#1) = ` (RouterOS and Alibaba print spaces in places). */
  dbPeer: String.raw`DB\s*\(prop#\d+:trns#\d+\)\s*:\s*Peer\s*\(prop#\d+:trns#\d+\)\s*=\s*`,
} as const;
