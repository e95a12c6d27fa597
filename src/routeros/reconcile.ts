// Desired rows versus the router's rows → the minimal plan of add/set/remove/move, level by level.
// Pure; no I/O. Rows without the tunnel's marker are never edited or removed unless adoption is asked for.
import { changedFields, rowKey } from "./normalize";
import type { DesiredRows, Fields } from "./render";
import { hasComment, MENU_ORDER, MENUS, type MenuName } from "./schema";

export interface ActualRow {
  id: string;
  fields: Fields;
}

/** What the router holds that matters to one tunnel: per menu, in table order, the rows carrying the tunnel's
 * marker or name, rows with a desired row's key, rows referencing its profile/proposal, and firewall anchors. */
export type Snapshot = Record<MenuName, ActualRow[]>;

export type Command =
  | { op: "add"; menu: MenuName; fields: Fields; placeBefore?: string }
  | { op: "set"; menu: MenuName; id: string; fields: Fields }
  | { op: "remove"; menu: MenuName; ids: string[] }
  | { op: "move"; menu: MenuName; ids: string[]; destination: string };

export interface Drift {
  menu: MenuName;
  /** The row's key values, e.g. "to_tencent" or "srcnat|192.168.1.0/24|10.100.1.0/24". */
  key: string;
  kind: "missing" | "changed" | "extra" | "order";
  fields?: string[];
}

export interface Conflict {
  menu: MenuName;
  key: string;
  id: string;
}

export interface Plan {
  /** Commands of one level are independent and may run concurrently; levels run in order. */
  levels: Command[][];
  drift: Drift[];
  conflicts: Conflict[];
  /** Desired rows matched to existing rows: menu → ids in desired order (undefined where a row will be added). */
  matched: Record<MenuName, Array<string | undefined>>;
}

export interface ReconcileOptions {
  marker: string;
  version: string;
  /** Take over matching rows that lack the marker (a tunnel made by hand). */
  adopt?: boolean;
  /** Write the identity's secret even when the router hides it and nothing else changed (the key changed). */
  writeSecret?: boolean;
}

const LEVELS = 3;

export function reconcile(
  desired: DesiredRows,
  snapshot: Snapshot,
  options: ReconcileOptions,
  owned: ReadonlySet<string> = ownedRows(desired, snapshot, options),
): Plan {
  const levels: Command[][] = Array.from({ length: LEVELS }, () => []);
  const drift: Drift[] = [];
  const conflicts: Conflict[] = [];
  const matched = {} as Plan["matched"];

  for (const menu of MENU_ORDER) {
    const schema = MENUS[menu];
    const rows = snapshot[menu];
    const mine = rows.filter((r) => owned.has(r.id));
    const taken = new Set<string>();
    const addLevel = schema.depth;
    const removeLevel = schema.referenced ? LEVELS - 1 - schema.depth : 0;
    const anchor = firstAnchor(menu, rows);
    matched[menu] = [];

    for (const wanted of desired[menu]) {
      const want = withEnforcedDefaults(menu, wanted);
      const key = rowKey(menu, want);
      const existing = mine.find((r) => !taken.has(r.id) && rowKey(menu, r.fields) === key);
      const foreign = existing ? undefined : rows.find((r) => !owned.has(r.id) && !taken.has(r.id) && rowKey(menu, r.fields) === key && !isDynamic(r));
      const target = existing ?? (options.adopt ? foreign : undefined);
      if (!target) {
        if (foreign) conflicts.push({ menu, key, id: foreign.id });
        drift.push({ menu, key, kind: "missing" });
        levels[addLevel]!.push({ op: "add", menu, fields: wanted, ...(anchor ? { placeBefore: anchor.id } : {}) });
        matched[menu].push(undefined);
        continue;
      }
      taken.add(target.id);
      matched[menu].push(target.id);
      const changed = changedFields(menu, want, target.fields);
      if (options.writeSecret && want.secret !== undefined && !changed.includes("secret")) changed.push("secret");
      if (changed.length > 0) {
        drift.push({ menu, key, kind: "changed", fields: changed });
        levels[addLevel]!.push({ op: "set", menu, id: target.id, fields: pick(want, changed) });
      }
      if (anchor && indexOf(rows, target.id) > indexOf(rows, anchor.id)) {
        drift.push({ menu, key, kind: "order" });
        levels[0]!.push({ op: "move", menu, ids: [target.id], destination: anchor.id });
      }
    }

    const extra = mine.filter((r) => !taken.has(r.id));
    if (extra.length > 0) {
      for (const row of extra) drift.push({ menu, key: rowKey(menu, row.fields), kind: "extra" });
      levels[removeLevel]!.push({ op: "remove", menu, ids: extra.map((r) => r.id) });
    }
  }
  return { levels: levels.filter((l) => l.length > 0), drift, conflicts, matched };
}

/** The plan that removes every row the tunnel owns (delete), dependents first; `lastDesired` names its rows. */
export function removalPlan(lastDesired: DesiredRows, snapshot: Snapshot, options: ReconcileOptions): Plan {
  const owned = ownedRows(lastDesired, snapshot, options);
  const nothing = Object.fromEntries(MENU_ORDER.map((m) => [m, []])) as unknown as DesiredRows;
  return reconcile(nothing, snapshot, { ...options, adopt: false }, owned);
}

/**
 * Which rows are the tunnel's. Rows that can carry a comment are the tunnel's when they carry its marker.
 * A profile or proposal without a comment (no comment field before 7.15, or written before an upgrade) is the
 * tunnel's when the tunnel's own peer or policies use it, or when nothing else uses it and either it already equals
 * the desired row or the tunnel's marked rows show an earlier run of the tool got this far (an interrupted create).
 */
export function ownedRows(desired: DesiredRows, snapshot: Snapshot, options: ReconcileOptions): Set<string> {
  const owned = new Set<string>();
  for (const menu of MENU_ORDER) {
    if (!hasComment(menu, options.version)) continue;
    for (const row of snapshot[menu]) if (row.fields.comment === options.marker) owned.add(row.id);
  }
  const earlierRun = owned.size > 0;
  const references: Array<[named: MenuName, by: MenuName, field: string]> = [
    ["profile", "peer", "profile"],
    ["proposal", "policy", "proposal"],
  ];
  for (const [named, by, field] of references) {
    const want = desired[named][0];
    if (!want) continue;
    for (const row of snapshot[named]) {
      if (row.fields.name !== want.name || owned.has(row.id) || row.fields.comment) continue;
      const users = snapshot[by].filter((r) => r.fields[field] === want.name);
      const usedByMine = users.some((r) => owned.has(r.id));
      const usedByOthers = users.some((r) => !owned.has(r.id));
      const identical = changedFields(named, want, row.fields).length === 0;
      if (usedByMine || (!usedByOthers && (identical || earlierRun))) owned.add(row.id);
    }
  }
  return owned;
}

/** The desired row plus the fields whose RouterOS default the tunnel relies on (a row disabled by hand is drift). */
function withEnforcedDefaults(menu: MenuName, row: Fields): Fields {
  const enforced = Object.entries(MENUS[menu].fields).filter(([name, f]) => f.enforceDefault && row[name] === undefined && f.default !== undefined);
  return enforced.length === 0 ? row : { ...row, ...Object.fromEntries(enforced.map(([name, f]) => [name, f.default!])) };
}

function firstAnchor(menu: MenuName, rows: ActualRow[]): ActualRow | undefined {
  const anchor = MENUS[menu].anchor;
  if (!anchor) return undefined;
  return rows.find((r) => !isDynamic(r) && r.fields.chain === anchor.chain && anchor.actions.includes(r.fields.action ?? ""));
}

const isDynamic = (row: ActualRow): boolean => /^(true|yes)$/.test(row.fields.dynamic ?? "");
const indexOf = (rows: ActualRow[], id: string): number => rows.findIndex((r) => r.id === id);
const pick = (fields: Fields, names: string[]): Fields => Object.fromEntries(names.map((n) => [n, fields[n] ?? ""]));
