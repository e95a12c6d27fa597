// How RouterOS values compare: durations, booleans, prefixes and sets in the form RouterOS stores them.
// Pure; no I/O. Used by diff (offline) and reconcile so that "24h" and "1d" are never a change.
import { parseDuration } from "../spec/duration";
import { MENUS, type FieldKind, type MenuName } from "./schema";

export function normalizeValue(kind: FieldKind, value: string): string {
  switch (kind) {
    case "bool":
      return /^(yes|true)$/i.test(value) ? "true" : /^(no|false)$/i.test(value) ? "false" : value;
    case "duration": {
      const seconds = parseDuration(value);
      return seconds === undefined ? value : String(seconds);
    }
    case "set":
      return value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean)
        .sort()
        .join(",");
    case "prefix":
      return /^\d{1,3}(\.\d{1,3}){3}$/.test(value) ? `${value}/32` : value;
    case "int":
      return /^\d+$/.test(value) ? String(Number(value)) : value;
    default:
      return value;
  }
}

/** A field's normalised value on a row, with RouterOS's default standing in for an unset field. */
export function fieldValue(menu: MenuName, field: string, row: Readonly<Record<string, string>>): string {
  const schema = MENUS[menu].fields[field];
  const raw = row[field] ?? schema?.default ?? "";
  return schema ? normalizeValue(schema.kind, raw) : raw;
}

/** The fields whose values differ between a desired row and an actual one (only fields the desired row sets). */
export function changedFields(menu: MenuName, desired: Readonly<Record<string, string>>, actual: Readonly<Record<string, string>>): string[] {
  return Object.keys(desired).filter((field) => {
    if (MENUS[menu].fields[field]?.sensitive && actual[field] === undefined) return false; // hidden by the router: compared by the caller
    return fieldValue(menu, field, desired) !== fieldValue(menu, field, actual);
  });
}

/** The identity of a row within its menu: its key fields, normalised. */
export function rowKey(menu: MenuName, row: Readonly<Record<string, string>>): string {
  return MENUS[menu].key.map((field) => fieldValue(menu, field, row)).join("|");
}
