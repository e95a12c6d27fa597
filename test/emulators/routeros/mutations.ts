// RouterOS's strictness for writes: add, set, unset, remove, move, with every refusal as the RosTrap RouterOS sends.
// Generic over the menu tables (no per-menu code); values arrive and are stored as byte strings.

import { ACTIVE_PEERS, INSTALLED_SA } from "./menus/ipsec-monitor";
import { PEER } from "./menus/ipsec";
import type { Router } from "./router";
import { matches, type MenuSpec, type Row } from "./schema";
import { trap } from "./trap";
import { normaliseValue } from "./values";

/** Attribute words of a command, name → value (byte strings), in the order sent. */
export type Args = ReadonlyMap<string, string>;

export interface WriteOptions {
  /** Out-of-band edit by a test (drift): read-only fields may be written, dynamic rows edited. */
  readonly outOfBand?: boolean;
}

const ID = /^\*[0-9A-F]+$/;

/** Validates and normalises one written field; `ref` values become the referenced row's .id. */
function assign(router: Router, menu: MenuSpec, name: string, raw: string, opts: WriteOptions): string {
  const spec = router.field(menu, name);
  if (!spec || ((spec.readOnly || spec.computed) && !opts.outOfBand)) throw trap.unknownParameter(name, router.version);
  if (spec.readOnly) return raw;
  const value = normaliseValue(spec.type, raw, name, router.version);
  if (spec.type.kind !== "ref") return value;
  const target = router.byKey(spec.type.menu, value);
  if (!target) throw trap.noMatch(name);
  return target.id;
}

function assignAll(router: Router, menu: MenuSpec, args: Args, skip: readonly string[], opts: WriteOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of args) if (!skip.includes(name)) out[name] = assign(router, menu, name, raw, opts);
  return out;
}

/** An empty comment is no comment (RouterOS omits it from print). */
function withoutEmptyComment(values: Record<string, string>): Record<string, string> {
  if (values.comment === "") delete values.comment;
  return values;
}

/** Required fields and unique keys, checked on the row as it would be after the write. */
function check(router: Router, menu: MenuSpec, candidate: Row): void {
  for (const spec of router.fields(menu)) {
    if (spec.required === undefined || candidate.values[spec.name] !== undefined) continue;
    if (spec.required === true || matches(spec.required, router.value(menu.path, candidate, spec.required.field))) throw trap.required(spec.name);
  }
  const others = router.rows(menu.path).filter((r) => r.id !== candidate.id && !r.dynamic);
  for (const spec of router.fields(menu).filter((f) => f.key)) {
    const value = candidate.values[spec.name];
    if (others.some((r) => r.values[spec.name] === value)) throw trap.duplicate();
  }
  for (const fields of menu.uniqueTogether ?? []) {
    const printed = (row: Row): string => JSON.stringify(fields.map((f) => router.value(menu.path, row, f)));
    if (others.some((r) => printed(r) === printed(candidate))) throw trap.duplicate();
  }
}

/** The rows named by =.id= or =numbers= (comma-separated .id values; names are not accepted). */
export function selectRows(router: Router, menu: MenuSpec, args: Args): Row[] {
  if (menu.shape === "singleton") return [...router.rows(menu.path)];
  const list = args.get(".id") ?? args.get("numbers");
  if (list === undefined || list === "") throw trap.missingNumbers();
  const rows: Row[] = [];
  for (const id of list.split(",")) {
    const row = ID.test(id) ? router.row(menu.path, id) : undefined;
    if (!row) throw trap.noSuchItem();
    if (!rows.includes(row)) rows.push(row);
  }
  return rows;
}

const SELECTORS = [".id", "numbers"];

/** A place-before or destination target: must exist and must not be a built-in dynamic row. */
function anchor(router: Router, menu: MenuSpec, id: string): string {
  const row = ID.test(id) ? router.row(menu.path, id) : undefined;
  if (!row) throw trap.noSuchItem();
  if (row.builtin || row.dynamic) throw trap.cannotMoveBuiltin();
  return id;
}

export function addRow(router: Router, menu: MenuSpec, args: Args, opts: WriteOptions = {}): string {
  const placeBefore = menu.ordered ? args.get("place-before") : undefined;
  const values = withoutEmptyComment(assignAll(router, menu, args, menu.ordered ? ["place-before"] : [], opts));
  const before = placeBefore === undefined ? undefined : anchor(router, menu, placeBefore);
  check(router, menu, { id: "", values, builtin: false, dynamic: false, meta: {} });
  const row = router.newRow(values);
  router.insert(menu.path, row, before);
  return row.id;
}

function refuseBuiltin(row: Row, changed: readonly string[], menu: MenuSpec, opts: WriteOptions): void {
  if (row.dynamic && !opts.outOfBand) throw trap.cannotChangeBuiltin();
  const locked = menu.fields.filter((f) => f.lockedOnBuiltin).map((f) => f.name);
  if (row.builtin && changed.some((name) => locked.includes(name))) throw trap.cannotChangeBuiltin();
}

/** Applies `changes` to every row atomically: all rows are checked before any is written. */
function update(router: Router, menu: MenuSpec, rows: readonly Row[], changes: (row: Row) => Record<string, string | undefined>, opts: WriteOptions): void {
  const next = rows.map((row) => {
    const delta = changes(row);
    const differs = Object.keys(delta).filter((name) => delta[name] !== row.values[name]);
    refuseBuiltin(row, differs, menu, opts);
    const values = { ...row.values };
    for (const [name, value] of Object.entries(delta)) {
      if (value === undefined) delete values[name];
      else values[name] = value;
    }
    const candidate: Row = { ...row, values: withoutEmptyComment(values) };
    check(router, menu, candidate);
    return [row, candidate.values] as const;
  });
  for (const [row, values] of next) row.values = values;
  router.derive(menu.path);
}

export function setRows(router: Router, menu: MenuSpec, args: Args, opts: WriteOptions = {}): void {
  const rows = selectRows(router, menu, args);
  const changes = assignAll(router, menu, args, menu.shape === "list" ? SELECTORS : [], opts);
  update(router, menu, rows, () => changes, opts);
}

export function setDisabled(router: Router, menu: MenuSpec, args: Args, disabled: boolean): void {
  for (const name of args.keys()) if (!SELECTORS.includes(name)) throw trap.unknownParameter(name, router.version);
  update(router, menu, selectRows(router, menu, args), () => ({ disabled: String(disabled) }), {});
}

export function setComment(router: Router, menu: MenuSpec, args: Args): void {
  for (const name of args.keys()) if (![...SELECTORS, "comment"].includes(name)) throw trap.unknownParameter(name, router.version);
  const comment = args.get("comment") ?? "";
  update(router, menu, selectRows(router, menu, args), () => ({ comment }), {});
}

export function unsetField(router: Router, menu: MenuSpec, args: Args): void {
  const name = args.get("value-name");
  if (name === undefined) throw trap.missingValueName();
  for (const arg of args.keys()) if (![...SELECTORS, "value-name"].includes(arg)) throw trap.unknownParameter(arg, router.version);
  const spec = router.field(menu, name);
  if (!spec || spec.readOnly || spec.computed) throw trap.noMatch("value-name");
  if (spec.required === true || spec.key) throw trap.cannotUnset(name);
  update(router, menu, selectRows(router, menu, args), () => ({ [name]: undefined }), {});
}

/** What refers to `row` from any menu (ignoring rows that are being removed with it). */
function referrer(router: Router, menu: MenuSpec, row: Row, removing: readonly Row[]): string | undefined {
  for (const other of router.fieldsReferring(menu.path)) {
    const hit = router.rows(other.menu.path).find((r) => !removing.includes(r) && r.values[other.field] === row.id);
    if (hit) return `${other.menu.path.split("/").pop()} "${hit.values.name ?? hit.id}"`;
  }
  return undefined;
}

export function removeRows(router: Router, menu: MenuSpec, args: Args): void {
  for (const name of args.keys()) if (!SELECTORS.includes(name)) throw trap.unknownParameter(name, router.version);
  const rows = selectRows(router, menu, args);
  const monitorMenu = !menu.commands.includes("add");
  for (const row of rows) {
    if (row.builtin || (row.dynamic && !monitorMenu)) throw trap.cannotChangeBuiltin();
    const by = referrer(router, menu, row, rows);
    if (by) throw trap.inUse(`${menu.path.split("/").pop()} "${row.values.name ?? row.id}"`, by);
  }
  removeIds(router, menu.path, rows.map((r) => r.id));
}

/** Deletes rows; removing a peer also drops its negotiation and its monitoring rows. */
export function removeIds(router: Router, path: string, ids: readonly string[]): void {
  router.delete(path, ids);
  if (path !== PEER) return;
  for (const monitor of [ACTIVE_PEERS, INSTALLED_SA]) {
    router.delete(monitor, router.rows(monitor).filter((r) => ids.includes(r.meta.peer ?? "")).map((r) => r.id));
  }
}

/** `move =numbers=A,B =destination=C`: A and B (in that order) go before C; without destination, to the end. */
export function moveRows(router: Router, menu: MenuSpec, args: Args): void {
  for (const name of args.keys()) if (![...SELECTORS, "destination"].includes(name)) throw trap.unknownParameter(name, router.version);
  const moving = selectRows(router, menu, args);
  if (moving.some((r) => r.builtin || r.dynamic)) throw trap.cannotMoveBuiltin();
  const destination = args.get("destination");
  const target = destination === undefined ? undefined : anchor(router, menu, destination);
  const rows = router.table(menu.path);
  const rest = rows.filter((r) => !moving.includes(r));
  let at = rest.length;
  if (target !== undefined) {
    const from = rows.findIndex((r) => r.id === target);
    const next = rows.slice(from).find((r) => !moving.includes(r));
    at = next ? rest.indexOf(next) : rest.length;
  }
  rest.splice(at, 0, ...moving);
  rows.splice(0, rows.length, ...rest);
  router.derive(menu.path);
}
