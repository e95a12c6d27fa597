// Value types of the menu tables and RouterOS's normalisation of written values (booleans, durations, lists, prefixes).
// Pure: no I/O, no row lookups (references are resolved by mutations.ts). Throws RosTrap for values RouterOS refuses.

import ipaddr from "ipaddr.js";
import type { Choice } from "./algorithms";
import { trap } from "./trap";
import { inRange, type RosVersion } from "./version";

export type ValueType =
  | { readonly kind: "text" } // any bytes, empty allowed
  | { readonly kind: "name" } // non-empty text
  | { readonly kind: "bool" } // yes/no/true/false in, true/false out
  | { readonly kind: "int"; readonly min: number; readonly max: number }
  | { readonly kind: "duration"; readonly words?: readonly string[] } // words: e.g. disable-dpd
  | { readonly kind: "enum"; readonly values: readonly Choice[]; readonly numbers?: readonly [number, number] }
  | { readonly kind: "set"; readonly values: readonly Choice[]; readonly negatable?: boolean } // comma list, canonical order
  | { readonly kind: "ip-prefix" } // network form; a bare address gets /32 or /128
  | { readonly kind: "ip-prefix-or-dns" } // peer address: a prefix as above, or a DNS name kept as typed
  | { readonly kind: "ip-address" } // a plain address, no prefix
  | { readonly kind: "interface-address" } // address/len with host bits kept
  | { readonly kind: "firewall-address" } // [!]address, [!]prefix (network form, /32 shown bare) or [!]a-b range
  | { readonly kind: "ike-id"; readonly words: readonly string[] } // auto/ignore or address:/fqdn:/user-fqdn:/key-id:
  | { readonly kind: "port-or-any" }
  | { readonly kind: "port-list" }
  | { readonly kind: "negatable-name" } // interface lists: [!]name
  | { readonly kind: "ref"; readonly menu: string }; // a row of another menu, written and shown by name

const BOOLS: Readonly<Record<string, string>> = { yes: "true", true: "true", no: "false", false: "false" };

const UNIT_MS: Readonly<Record<string, number>> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Parses a RouterOS duration ("1d2h", "90m", "600", "1d02:00:00") to milliseconds; undefined when malformed. */
export function parseDuration(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const clock = /^(?:(\d+)d)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(raw);
  if (clock) return Number(clock[1] ?? 0) * UNIT_MS.d! + ((Number(clock[2]) * 60 + Number(clock[3])) * 60 + Number(clock[4])) * 1000;
  if (!/^(\d+(ms|w|d|h|m|s))+$/.test(raw)) return undefined;
  let total = 0;
  for (const m of raw.matchAll(/(\d+)(ms|w|d|h|m|s)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return total;
}

/** The compact form RouterOS prints, largest unit first: 86400000 → "1d", 5400000 → "1h30m", 0 → "0s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  let rest = ms;
  let out = "";
  for (const unit of ["w", "d", "h", "m", "s", "ms"]) {
    const size = UNIT_MS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

const isV4 = (s: string): boolean => ipaddr.IPv4.isValidFourPartDecimal(s);
const isV6 = (s: string): boolean => !s.includes(".") && ipaddr.IPv6.isValid(s);

/** "10.1.2.3/8" → "10.0.0.0/8", "1.2.3.4" → "1.2.3.4/32", "::" → "::/128"; undefined when not a prefix. */
export function normalisePrefix(raw: string): string | undefined {
  const slash = raw.indexOf("/");
  if (slash < 0) {
    if (isV4(raw)) return `${raw}/32`;
    if (isV6(raw)) return `${ipaddr.IPv6.parse(raw).toString()}/128`;
    return undefined;
  }
  const addr = raw.slice(0, slash);
  const len = raw.slice(slash + 1);
  if (!/^\d{1,3}$/.test(len)) return undefined;
  if (isV4(addr) && Number(len) <= 32) return `${ipaddr.IPv4.networkAddressFromCIDR(`${addr}/${len}`).toString()}/${Number(len)}`;
  if (isV6(addr) && Number(len) <= 128) return `${ipaddr.IPv6.networkAddressFromCIDR(`${addr}/${len}`).toString()}/${Number(len)}`;
  return undefined;
}

function plainAddress(raw: string): string | undefined {
  if (isV4(raw)) return raw;
  if (isV6(raw)) return ipaddr.IPv6.parse(raw).toString();
  return undefined;
}

const DNS_NAME = /^(?=.*[A-Za-z])[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;

function portList(raw: string): boolean {
  const body = raw.startsWith("!") ? raw.slice(1) : raw;
  return body.split(",").every((part) => {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    return !!m && Number(m[1]) <= 65535 && Number(m[2] ?? 0) <= 65535;
  });
}

function ikeId(raw: string, words: readonly string[]): boolean {
  if (words.includes(raw)) return true;
  const colon = raw.indexOf(":");
  if (colon < 0) return false;
  const [kind, rest] = [raw.slice(0, colon), raw.slice(colon + 1)];
  switch (kind) {
    case "address":
      return plainAddress(rest) !== undefined || normalisePrefix(rest) !== undefined;
    case "fqdn":
      return DNS_NAME.test(rest);
    case "user-fqdn":
      return /^[^@\s]+@[^@\s]+$/.test(rest);
    case "key-id":
      return rest.length > 0;
    default:
      return false;
  }
}

const available = (choices: readonly Choice[], v: RosVersion): string[] =>
  choices.filter((c) => inRange(v, c)).map((c) => c.value);

/**
 * Normalises a written value the way RouterOS stores and prints it, or throws the RosTrap RouterOS sends.
 * `ref` values are returned as typed: the caller resolves them.
 */
export function normaliseValue(type: ValueType, raw: string, field: string, v: RosVersion): string {
  const refuse = (): never => {
    throw trap.noMatch(field);
  };
  switch (type.kind) {
    case "text":
    case "ref":
      return raw;
    case "name":
      return raw.length > 0 ? raw : refuse();
    case "bool":
      return BOOLS[raw] ?? refuse();
    case "int": {
      if (!/^\d+$/.test(raw)) return refuse();
      const n = Number(raw);
      if (n < type.min || n > type.max) throw trap.outOfRange(field, type.min, type.max);
      return String(n);
    }
    case "duration": {
      if (type.words?.includes(raw)) return raw;
      const ms = parseDuration(raw);
      return ms === undefined ? refuse() : formatDuration(ms);
    }
    case "enum": {
      if (available(type.values, v).includes(raw)) return raw;
      if (type.numbers && /^\d+$/.test(raw) && Number(raw) >= type.numbers[0] && Number(raw) <= type.numbers[1]) return String(Number(raw));
      return refuse();
    }
    case "set": {
      const order = available(type.values, v);
      const items = raw.split(",");
      const negated = (s: string): boolean => !!type.negatable && s.startsWith("!");
      const bare = items.map((s) => (negated(s) ? s.slice(1) : s));
      if (raw.length === 0 || bare.some((s) => !order.includes(s))) return refuse();
      const wanted = new Set(items);
      const out: string[] = [];
      for (const value of order) for (const form of [value, `!${value}`]) if (wanted.has(form)) out.push(form);
      return out.join(",");
    }
    case "ip-prefix":
      return normalisePrefix(raw) ?? refuse();
    case "ip-prefix-or-dns":
      return normalisePrefix(raw) ?? (DNS_NAME.test(raw) ? raw : refuse());
    case "ip-address":
      return plainAddress(raw) ?? refuse();
    case "interface-address": {
      const [addr = "", len = "32"] = raw.split("/");
      const host = plainAddress(addr);
      const max = host?.includes(":") ? 128 : 32;
      if (!host || !/^\d{1,3}$/.test(len) || Number(len) > max) return refuse();
      return `${host}/${raw.includes("/") ? Number(len) : max}`;
    }
    case "firewall-address": {
      const neg = raw.startsWith("!") ? "!" : "";
      const body = raw.slice(neg.length);
      const range = /^([^-]+)-([^-]+)$/.exec(body);
      if (range && isV4(range[1]!) && isV4(range[2]!)) return raw;
      const bare = plainAddress(body);
      if (bare) return neg + bare;
      const prefix = normalisePrefix(body);
      if (!prefix) return refuse();
      return neg + (prefix.endsWith("/32") && !prefix.includes(":") ? prefix.slice(0, -3) : prefix);
    }
    case "ike-id":
      return ikeId(raw, type.words) ? raw : refuse();
    case "port-or-any":
      if (raw === "any") return raw;
      return /^\d{1,5}$/.test(raw) && Number(raw) <= 65535 ? String(Number(raw)) : refuse();
    case "port-list":
      return portList(raw) ? raw : refuse();
    case "negatable-name":
      return raw.replace(/^!/, "").length > 0 ? raw : refuse();
  }
}
