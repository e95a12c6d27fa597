// Field-definition shorthands shared by the menu tables (comment, disabled, the dynamic/default flags...).
// Pure data builders: no behaviour of their own.

import type { FieldSpec } from "../schema";
import type { ValueType } from "../values";

export const TEXT: ValueType = { kind: "text" };
export const NAME: ValueType = { kind: "name" };
export const BOOL: ValueType = { kind: "bool" };
export const DURATION: ValueType = { kind: "duration" };
export const PREFIX: ValueType = { kind: "ip-prefix" };
export const ADDRESS: ValueType = { kind: "ip-address" };
export const COUNTER: ValueType = { kind: "int", min: 0, max: Number.MAX_SAFE_INTEGER };
export const ref = (menu: string): ValueType => ({ kind: "ref", menu });
export const int = (min: number, max: number): ValueType => ({ kind: "int", min, max });
export const oneOf = (...values: string[]): ValueType => ({ kind: "enum", values: values.map((value) => ({ value })) });

export const field = (name: string, type: ValueType, more: Omit<FieldSpec, "name" | "type"> = {}): FieldSpec => ({ name, type, ...more });

/** A read-only field the emulator fills in (stored values of dynamic rows). */
export const ro = (name: string, more: Omit<FieldSpec, "name" | "type" | "readOnly"> = {}): FieldSpec => ({
  name,
  type: TEXT,
  readOnly: true,
  ...more,
});

export const comment = (since?: string): FieldSpec => field("comment", TEXT, since ? { since } : {});
export const disabled: FieldSpec = field("disabled", BOOL, { default: "false" });
/** `dynamic=true|false` from the row's flag. */
export const dynamicFlag: FieldSpec = ro("dynamic", { computed: (row) => String(row.dynamic) });
/** `default=true|false`: built-in rows. */
export const defaultFlag: FieldSpec = ro("default", { computed: (row) => String(row.builtin) });
export const invalidFlag: FieldSpec = ro("invalid", { default: "false" });
