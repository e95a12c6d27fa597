// One declarative table per RouterOS menu the tunnel touches: key, ownership, fields, kinds, defaults, versions.
// Data plus tiny lookups; render, reconcile and the provider read it and have no per-menu branches.

/** How a field's values compare: RouterOS rewrites durations, booleans, prefixes and sets when it stores them. */
export type FieldKind = "text" | "bool" | "duration" | "set" | "prefix" | "int" | "ref";

export interface FieldSchema {
  kind: FieldKind;
  /** RouterOS's value when the field is not set (so "unset" and "default" compare equal). */
  default?: string;
  /** First RouterOS version that knows the field; older versions never receive it. */
  since?: string;
  /** Hidden from print unless the API user has the sensitive policy. */
  sensitive?: boolean;
  /** The tunnel relies on the default: a row changed away from it (disabled, passive) is drift, put back. */
  enforceDefault?: boolean;
}

export type MenuName = "profile" | "proposal" | "peer" | "identity" | "policy" | "nat" | "filter" | "raw";

export interface MenuSchema {
  path: string;
  /** Fields that identify a desired row among the router's rows. */
  key: readonly string[];
  /** Writes of deeper menus wait for shallower ones (peer needs its profile; identity and policy need the peer). */
  depth: 0 | 1 | 2;
  /** Other rows name this one (profile, proposal, peer): it is removed only after them. */
  referenced?: boolean;
  fields: Readonly<Record<string, FieldSchema>>;
  /** Firewall rows the tunnel's rows must sit above (masquerade, fasttrack); dynamic rows never count. */
  anchor?: { chain: string; actions: readonly string[] };
}

const text = (extra: Omit<FieldSchema, "kind"> = {}): FieldSchema => ({ kind: "text", ...extra });
const bool = (fallback: string): FieldSchema => ({ kind: "bool", default: fallback });
/** A boolean the tunnel needs at its default (a peer or policy disabled by hand takes the tunnel down). */
const enforced = (fallback: string): FieldSchema => ({ kind: "bool", default: fallback, enforceDefault: true });
const duration = (fallback: string): FieldSchema => ({ kind: "duration", default: fallback });
const set = (fallback: string): FieldSchema => ({ kind: "set", default: fallback });
const comment = (since?: string): FieldSchema => ({ kind: "text", default: "", since });

const FIREWALL_FIELDS: Record<string, FieldSchema> = {
  chain: text(),
  action: text({ default: "accept" }),
  "src-address": { kind: "prefix" },
  "dst-address": { kind: "prefix" },
  "ipsec-policy": text(),
  comment: comment(),
  disabled: enforced("false"),
};

export const MENUS: Readonly<Record<MenuName, MenuSchema>> = {
  profile: {
    path: "/ip/ipsec/profile",
    key: ["name"],
    depth: 0,
    referenced: true,
    fields: {
      name: text(),
      "dh-group": set("modp2048,modp1024"),
      "enc-algorithm": set("aes-128,3des"),
      "hash-algorithm": text({ default: "sha1" }),
      lifetime: duration("1d"),
      "nat-traversal": bool("true"),
      "dpd-interval": duration("2m"),
      "dpd-maximum-failures": { kind: "int", default: "5" },
      "proposal-check": text({ default: "obey" }),
    },
  },
  proposal: {
    path: "/ip/ipsec/proposal",
    key: ["name"],
    depth: 0,
    referenced: true,
    fields: {
      name: text(),
      "auth-algorithms": set("sha1"),
      "enc-algorithms": set("aes-256-cbc,aes-192-cbc,aes-128-cbc"),
      "pfs-group": text({ default: "modp1024" }),
      lifetime: duration("30m"),
      comment: comment("7.15"),
      disabled: enforced("false"),
    },
  },
  peer: {
    path: "/ip/ipsec/peer",
    key: ["name"],
    depth: 1,
    referenced: true,
    fields: {
      name: text(),
      address: { kind: "prefix" },
      profile: { kind: "ref", default: "default" },
      "exchange-mode": text({ default: "main" }),
      passive: enforced("false"),
      "send-initial-contact": bool("true"),
      comment: comment(),
      disabled: enforced("false"),
    },
  },
  identity: {
    path: "/ip/ipsec/identity",
    key: ["peer"],
    depth: 2,
    fields: {
      peer: { kind: "ref" },
      "auth-method": text({ default: "pre-shared-key" }),
      secret: text({ sensitive: true, default: "" }),
      "my-id": text({ default: "auto" }),
      "remote-id": text({ default: "auto" }),
      "generate-policy": text({ default: "no" }),
      comment: comment(),
      disabled: enforced("false"),
    },
  },
  policy: {
    path: "/ip/ipsec/policy",
    key: ["src-address", "dst-address"],
    depth: 2,
    fields: {
      peer: { kind: "ref" },
      tunnel: bool("false"),
      "src-address": { kind: "prefix" },
      "dst-address": { kind: "prefix" },
      protocol: text({ default: "all" }),
      proposal: { kind: "ref", default: "default" },
      action: text({ default: "encrypt" }),
      level: text({ default: "require" }),
      comment: comment(),
      disabled: enforced("false"),
    },
  },
  nat: {
    path: "/ip/firewall/nat",
    key: ["chain", "src-address", "dst-address"],
    depth: 0,
    // Every srcnat action that rewrites the source: tunnel traffic must be accepted before any of them.
    anchor: { chain: "srcnat", actions: ["masquerade", "src-nat", "netmap", "same", "endpoint-independent-nat"] },
    fields: FIREWALL_FIELDS,
  },
  filter: {
    path: "/ip/firewall/filter",
    key: ["chain", "src-address", "dst-address", "ipsec-policy"],
    depth: 0,
    anchor: { chain: "forward", actions: ["fasttrack-connection"] },
    fields: FIREWALL_FIELDS,
  },
  raw: { path: "/ip/firewall/raw", key: ["chain", "src-address", "dst-address"], depth: 0, fields: FIREWALL_FIELDS },
};

/** Creation order: a menu's rows are written after every shallower menu's. */
export const MENU_ORDER: readonly MenuName[] = ["profile", "proposal", "nat", "filter", "raw", "peer", "identity", "policy"];

/** Numeric comparison of RouterOS versions: "7.15" < "7.18.2"; "6.49.10" < "7.1". */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = (version.match(/\d+/g) ?? []).map(Number);
  const b = (minimum.match(/\d+/g) ?? []).map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Whether the given RouterOS version knows the field. */
export function fieldExists(menu: MenuName, field: string, version: string): boolean {
  const schema = MENUS[menu].fields[field];
  return schema !== undefined && (schema.since === undefined || versionAtLeast(version, schema.since));
}

/** Whether rows of the menu can carry the ownership comment on this version. */
export const hasComment = (menu: MenuName, version: string): boolean => fieldExists(menu, "comment", version);
