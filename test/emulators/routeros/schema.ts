// Shapes of the declarative menu tables (one per RouterOS menu path) and of the rows the emulator stores.
// Types only plus tiny helpers: behaviour comes from the tables in menus/, read generically by router.ts and mutations.ts.

import type { ValueType } from "./values";
import type { RosVersion } from "./version";

/** A condition on another field's printed value, e.g. { field: "tunnel", in: ["true"] }. */
export interface Condition {
  readonly field: string;
  readonly in: readonly string[];
}

export interface FieldSpec {
  readonly name: string;
  readonly type: ValueType;
  /** Printed when the row does not set the field (already in printed form). Unset fields without one are omitted. */
  readonly default?: string;
  /** Refused on add/set ("unknown parameter"); shown by print. */
  readonly readOnly?: boolean;
  /** Hidden from print unless the API user has the `sensitive` policy. */
  readonly sensitive?: boolean;
  readonly since?: string;
  readonly until?: string;
  /** Unique among the menu's rows (the name key). */
  readonly key?: boolean;
  /** Must be set on every row, or only on rows matching the condition. */
  readonly required?: true | Condition;
  /** Printed only on rows matching the condition (e.g. policy `group` only on templates). */
  readonly shownWhen?: Condition;
  /** Built-in rows refuse changes to this field ("cannot change builtin"). */
  readonly lockedOnBuiltin?: boolean;
  /** Read-only values derived from other state at print time. */
  readonly computed?: (row: Row, ctx: RenderContext) => string | undefined;
}

export type CommandName =
  | "print"
  | "getall"
  | "get"
  | "add"
  | "set"
  | "unset"
  | "remove"
  | "move"
  | "enable"
  | "disable"
  | "comment"
  | "kill-connections"
  | "flush"
  | "reset-counters";

export interface MenuSpec {
  readonly path: string;
  readonly shape: "list" | "singleton";
  readonly fields: readonly FieldSpec[];
  readonly commands: readonly CommandName[];
  /** The menu exists from this version on (older versions answer "no such command or directory"). */
  readonly since?: string;
  /** Field combinations no two configured rows may share (compared as printed, defaults applied). */
  readonly uniqueTogether?: ReadonlyArray<readonly string[]>;
  /** Row order is meaningful: `move` and `add place-before=` exist. */
  readonly ordered?: boolean;
  /** Rows (built-in or default-configuration) present on a fresh router; `ref` values given by name. */
  readonly initialRows?: (opts: InitialRowsOptions) => ReadonlyArray<InitialRow>;
  /** `print =follow=` / `=follow-only=` stream new rows until /cancel (only /log). */
  readonly followable?: boolean;
  /** Dynamic rows RouterOS derives from the others (the fasttrack dummy rule): given the rows, returns the rows to show. */
  readonly derive?: (rows: readonly Row[], makeDynamic: (values: Record<string, string>) => Row) => Row[];
}

export interface InitialRowsOptions {
  readonly version: RosVersion;
  readonly defaultFirewall: boolean;
  readonly identity: string;
}

export interface InitialRow {
  readonly values: Readonly<Record<string, string>>;
  readonly builtin?: boolean;
  readonly dynamic?: boolean;
}

export interface Row {
  readonly id: string;
  /** Stored (normalised) values as byte strings; `ref` fields hold the referenced row's .id. */
  values: Record<string, string>;
  readonly builtin: boolean;
  readonly dynamic: boolean;
  /** Emulator bookkeeping never printed (e.g. which peer an installed-sa belongs to). */
  readonly meta: Record<string, string>;
}

/** What computed fields may look at. */
export interface RenderContext {
  readonly version: RosVersion;
  readonly now: number;
  readonly startedAt: number;
  readonly options: Readonly<{ boardName: string; identity: string; wanAddress: string }>;
  row(menu: string, id: string): Row | undefined;
  rows(menu: string): readonly Row[];
  /** The printed value of a field of a row (defaults and refs resolved). */
  value(menu: string, row: Row, field: string): string | undefined;
  negotiation(peerId: string): NegotiationState | undefined;
}

export type NegotiationState =
  | { readonly state: "established"; readonly since: number; readonly initiator: "local" | "remote"; readonly natt: boolean }
  | { readonly state: "failed" };

export const matches = (cond: Condition, value: string | undefined): boolean => value !== undefined && cond.in.includes(value);
