// The emulated router's state: one ordered row list per menu, .id allocation, negotiation outcomes, and print rendering.
// No sockets and no validation of writes (mutations.ts does that); rendering follows the menu tables only.

import { MENUS, menuAt } from "./menus";
import { PEER } from "./menus/ipsec";
import { LOG } from "./menus/system";
import { matches, type FieldSpec, type MenuSpec, type NegotiationState, type RenderContext, type Row } from "./schema";
import { normaliseValue } from "./values";
import { inRange, type RosVersion } from "./version";

export interface RouterOptions {
  readonly version: RosVersion;
  readonly defaultFirewall: boolean;
  readonly boardName: string;
  readonly identity: string;
  readonly wanAddress: string;
}

export class Router implements RenderContext {
  readonly version: RosVersion;
  readonly options: RouterOptions;
  readonly startedAt = Date.now();
  private readonly tables = new Map<string, Row[]>();
  private readonly negotiations = new Map<string, NegotiationState>();
  private readonly logWatchers = new Set<(row: Row) => void>();
  private nextId = 1;

  constructor(options: RouterOptions) {
    this.options = options;
    this.version = options.version;
    for (const menu of MENUS) {
      this.tables.set(menu.path, []);
      for (const initial of menu.initialRows?.(options) ?? []) {
        const values: Record<string, string> = {};
        for (const [name, value] of Object.entries(initial.values)) {
          const spec = this.field(menu, name);
          if (!spec) throw new Error(`initial row of ${menu.path}: no field ${name} on ${this.version.text}`);
          values[name] = spec.type.kind === "ref" ? (this.byKey(spec.type.menu, value)?.id ?? value) : normaliseValue(spec.type, value, name, this.version);
        }
        this.table(menu.path).push(this.newRow(values, { builtin: !!initial.builtin, dynamic: !!initial.dynamic }));
      }
      this.derive(menu.path);
    }
  }

  get now(): number {
    return Date.now();
  }

  menu(path: string): MenuSpec {
    const menu = menuAt(path);
    if (!menu) throw new Error(`no emulated menu ${path}`);
    return menu;
  }

  /** The menu's fields that exist on the emulated version, in print order. */
  fields(menu: MenuSpec): FieldSpec[] {
    return this.fieldsOf(menu).list;
  }

  field(menu: MenuSpec, name: string): FieldSpec | undefined {
    return this.fieldsOf(menu).byName.get(name);
  }

  // The version never changes, so each menu's fields are worked out once (print renders every row of a table).
  private readonly fieldCache = new Map<MenuSpec, { list: FieldSpec[]; byName: Map<string, FieldSpec> }>();

  private fieldsOf(menu: MenuSpec): { list: FieldSpec[]; byName: Map<string, FieldSpec> } {
    let cached = this.fieldCache.get(menu);
    if (!cached) {
      const list = menu.fields.filter((f) => inRange(this.version, f));
      const byName = new Map<string, FieldSpec>();
      for (const f of list) if (!byName.has(f.name)) byName.set(f.name, f); // the first in-range one, as find() would
      cached = { list, byName };
      this.fieldCache.set(menu, cached);
    }
    return cached;
  }

  /** Every (menu, field) whose `ref` points at `path`, for "in use" checks. */
  fieldsReferring(path: string): Array<{ menu: MenuSpec; field: string }> {
    return MENUS.flatMap((menu) =>
      this.fields(menu)
        .filter((f) => f.type.kind === "ref" && f.type.menu === path)
        .map((f) => ({ menu, field: f.name })),
    );
  }

  newRow(values: Record<string, string>, flags: { builtin?: boolean; dynamic?: boolean; meta?: Record<string, string> } = {}): Row {
    const id = `*${(this.nextId++).toString(16).toUpperCase()}`;
    return { id, values, builtin: !!flags.builtin, dynamic: !!flags.dynamic, meta: flags.meta ?? {} };
  }

  /** The live row list of a menu (mutations edit it in place, then call derive). */
  table(path: string): Row[] {
    const rows = this.tables.get(path);
    if (!rows) throw new Error(`no emulated menu ${path}`);
    return rows;
  }

  rows(path: string): readonly Row[] {
    return this.table(path);
  }

  row(path: string, id: string): Row | undefined {
    return this.table(path).find((r) => r.id === id);
  }

  byKey(path: string, name: string): Row | undefined {
    return this.table(path).find((r) => r.values.name === name);
  }

  /** Re-applies the menu's derived dynamic rows (the fasttrack dummy rule). */
  derive(path: string): void {
    const menu = this.menu(path);
    if (!menu.derive) return;
    const next = menu.derive(this.table(path), (values) => this.newRow(values, { builtin: true, dynamic: true }));
    this.tables.set(path, next);
  }

  insert(path: string, row: Row, beforeId?: string): void {
    const rows = this.table(path);
    const at = beforeId === undefined ? -1 : rows.findIndex((r) => r.id === beforeId);
    if (at < 0) rows.push(row);
    else rows.splice(at, 0, row);
    this.derive(path);
  }

  delete(path: string, ids: readonly string[]): void {
    const rows = this.table(path);
    this.tables.set(path, rows.filter((r) => !ids.includes(r.id)));
    if (path === PEER) for (const id of ids) this.negotiations.delete(id);
    this.derive(path);
  }

  /** The printed value of a field: computed, else stored (refs shown by name), else the default. */
  value(path: string, row: Row, name: string): string | undefined {
    const menu = this.menu(path);
    const spec = this.field(menu, name);
    return spec ? this.valueOf(row, spec) : undefined;
  }

  private valueOf(row: Row, spec: FieldSpec): string | undefined {
    const computed = spec.computed?.(row, this);
    if (computed !== undefined) return computed;
    const stored = row.values[spec.name];
    if (stored === undefined) return spec.default;
    if (spec.type.kind === "ref") return this.row(spec.type.menu, stored)?.values.name ?? stored;
    return stored;
  }

  /** One field of a row as print shows it (what render() would list under that name), or undefined. */
  renderField(menu: MenuSpec, row: Row, name: string, showSensitive: boolean): string | undefined {
    if (name === ".id") return menu.shape === "list" ? row.id : undefined;
    const spec = this.field(menu, name);
    if (!spec || (spec.sensitive && !showSensitive)) return undefined;
    if (spec.shownWhen) {
      const condition = this.field(menu, spec.shownWhen.field);
      if (!matches(spec.shownWhen, condition ? this.valueOf(row, condition) : undefined)) return undefined;
    }
    return this.valueOf(row, spec);
  }

  /** A row as print shows it: [name, value] pairs in table order, .id first on list menus. */
  render(path: string, row: Row, showSensitive: boolean): Array<[string, string]> {
    const menu = this.menu(path);
    const out: Array<[string, string]> = menu.shape === "list" ? [[".id", row.id]] : [];
    for (const spec of this.fields(menu)) {
      if (spec.sensitive && !showSensitive) continue;
      if (spec.shownWhen && !matches(spec.shownWhen, this.value(path, row, spec.shownWhen.field))) continue;
      const value = this.value(path, row, spec.name);
      if (value !== undefined) out.push([spec.name, value]);
    }
    return out;
  }

  negotiation(peerId: string): NegotiationState | undefined {
    return this.negotiations.get(peerId);
  }

  setNegotiationState(peerId: string, state: NegotiationState | undefined): void {
    if (state) this.negotiations.set(peerId, state);
    else this.negotiations.delete(peerId);
  }

  /** Appends a /log row (byte-string topics and message) and tells every `print follow` watching the log. */
  appendLog(topics: string, message: string): Row {
    const d = new Date(this.now);
    const time = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
    const row = this.newRow({ time, topics, message }, { dynamic: true });
    this.table(LOG).push(row);
    for (const watch of this.logWatchers) watch(row);
    return row;
  }

  watchLog(watch: (row: Row) => void): () => void {
    this.logWatchers.add(watch);
    return () => this.logWatchers.delete(watch);
  }
}
