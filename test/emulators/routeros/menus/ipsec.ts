// Tables of the IPsec configuration menus: profile, proposal, peer, identity, policy, policy/group.
// Pure data (fields, defaults, value sets, version gates, built-in rows); read generically by router.ts and mutations.ts.

import { DH_GROUPS, PFS_GROUPS, PROFILE_ENC, PROFILE_HASH, PROFILE_PRF, PROPOSAL_AUTH, PROPOSAL_ENC } from "../algorithms";
import type { MenuSpec, RenderContext, Row } from "../schema";
import { BOOL, DURATION, NAME, PREFIX, TEXT, comment, defaultFlag, disabled, dynamicFlag, field, int, invalidFlag, oneOf, ref, ro } from "./common";

export const PROFILE = "/ip/ipsec/profile";
export const PROPOSAL = "/ip/ipsec/proposal";
export const PEER = "/ip/ipsec/peer";
export const IDENTITY = "/ip/ipsec/identity";
export const POLICY = "/ip/ipsec/policy";
export const POLICY_GROUP = "/ip/ipsec/policy/group";

const CRUD = ["print", "getall", "get", "add", "set", "unset", "remove"] as const;

export const profile: MenuSpec = {
  path: PROFILE,
  since: "6.43",
  shape: "list",
  commands: CRUD,
  fields: [
    field("name", NAME, { key: true, required: true, lockedOnBuiltin: true }),
    field("hash-algorithm", { kind: "enum", values: PROFILE_HASH }, { default: "sha1" }),
    field("enc-algorithm", { kind: "set", values: PROFILE_ENC }, { default: "aes-128,3des" }),
    field("dh-group", { kind: "set", values: DH_GROUPS }, { default: "modp2048,modp1024" }),
    field("prf-algorithm", { kind: "enum", values: PROFILE_PRF }, { default: "auto", since: "7.0" }),
    field("lifetime", DURATION, { default: "1d" }),
    field("lifebytes", int(0, 4294967295), { default: "0" }),
    field("proposal-check", oneOf("claim", "exact", "obey", "strict"), { default: "obey" }),
    field("nat-traversal", BOOL, { default: "true" }),
    field("dpd-interval", { kind: "duration", words: ["disable-dpd"] }, { default: "2m" }),
    field("dpd-maximum-failures", int(1, 100), { default: "5" }),
    defaultFlag,
  ],
  initialRows: () => [{ values: { name: "default" }, builtin: true }],
};

export const proposal: MenuSpec = {
  path: PROPOSAL,
  shape: "list",
  commands: [...CRUD, "enable", "disable"],
  fields: [
    field("name", NAME, { key: true, required: true, lockedOnBuiltin: true }),
    field("auth-algorithms", { kind: "set", values: PROPOSAL_AUTH }, { default: "sha1" }),
    field("enc-algorithms", { kind: "set", values: PROPOSAL_ENC }, { default: "aes-256-cbc,aes-192-cbc,aes-128-cbc" }),
    field("lifetime", DURATION, { default: "30m" }),
    field("pfs-group", { kind: "enum", values: PFS_GROUPS }, { default: "modp1024" }),
    comment("7.15"),
    disabled,
    defaultFlag,
  ],
  initialRows: () => [{ values: { name: "default" }, builtin: true }],
};

export const peer: MenuSpec = {
  path: PEER,
  shape: "list",
  commands: [...CRUD, "enable", "disable", "comment"],
  fields: [
    field("name", NAME, { key: true, required: true, since: "6.43" }),
    field("address", { kind: "ip-prefix-or-dns" }, { required: true }),
    field("port", int(0, 65535), { default: "500" }),
    field("local-address", { kind: "ip-address" }),
    field("profile", ref(PROFILE), { default: "default", since: "6.43" }),
    field("exchange-mode", oneOf("main", "aggressive", "base", "ike2"), { default: "main" }),
    field("passive", BOOL, { default: "false" }),
    field("send-initial-contact", BOOL, { default: "true" }),
    comment(),
    dynamicFlag,
    disabled,
  ],
};

export const identity: MenuSpec = {
  path: IDENTITY,
  since: "6.43",
  shape: "list",
  commands: [...CRUD, "enable", "disable", "comment"],
  fields: [
    field("peer", ref(PEER), { required: true }),
    field(
      "auth-method",
      {
        kind: "enum",
        values: [
          ...["pre-shared-key", "pre-shared-key-xauth", "rsa-signature", "rsa-key", "eap", "eap-radius"].map((value) => ({ value })),
          { value: "digital-signature", since: "7.0" },
        ],
      },
      { default: "pre-shared-key" },
    ),
    field("secret", TEXT, { sensitive: true, required: { field: "auth-method", in: ["pre-shared-key", "pre-shared-key-xauth"] } }),
    field("ppk", oneOf("no", "yes", "required"), { since: "7.21" }),
    field("ppk-secret", TEXT, { sensitive: true, since: "7.21" }),
    field("certificate", TEXT),
    field("remote-certificate", TEXT),
    field("username", TEXT),
    field("password", TEXT, { sensitive: true }),
    field("generate-policy", oneOf("no", "port-override", "port-strict"), { default: "no" }),
    field("policy-template-group", ref(POLICY_GROUP), { default: "default" }),
    field("match-by", oneOf("remote-id", "certificate"), { default: "remote-id" }),
    field("my-id", { kind: "ike-id", words: ["auto"] }, { default: "auto" }),
    field("remote-id", { kind: "ike-id", words: ["auto", "ignore"] }, { default: "auto" }),
    field("notrack-chain", TEXT),
    comment(),
    dynamicFlag,
    disabled,
  ],
};

export const policyGroup: MenuSpec = {
  path: POLICY_GROUP,
  shape: "list",
  commands: CRUD,
  fields: [field("name", NAME, { key: true, required: true, lockedOnBuiltin: true }), comment(), defaultFlag],
  initialRows: () => [{ values: { name: "default" }, builtin: true }],
};

const NOT_TEMPLATE = { field: "template", in: ["false"] };
const TEMPLATE = { field: "template", in: ["true"] };

/** The peer a tunnel policy points at, when it has one. */
function tunnelPeer(row: Row, ctx: RenderContext): Row | undefined {
  const peerId = row.values.peer;
  return ctx.value(POLICY, row, "tunnel") === "true" && peerId ? ctx.row(PEER, peerId) : undefined;
}

/** The SA endpoint a tunnel policy takes from its peer: the address without its prefix length, 0.0.0.0 when unknown. */
function saAddress(row: Row, ctx: RenderContext, peerField: "address" | "local-address"): string | undefined {
  const p = tunnelPeer(row, ctx);
  if (!p) return undefined;
  const value = ctx.value(PEER, p, peerField) ?? "";
  return /^[\d.]+(\/\d+)?$/.test(value) || value.includes(":") ? (value.split("/")[0] ?? "0.0.0.0") : "0.0.0.0";
}

function established(row: Row, ctx: RenderContext): boolean {
  const peerId = row.values.peer;
  return !!peerId && ctx.negotiation(peerId)?.state === "established";
}

export const policy: MenuSpec = {
  path: POLICY,
  shape: "list",
  ordered: true,
  uniqueTogether: [["src-address", "src-port", "dst-address", "dst-port", "protocol", "template"]],
  commands: [...CRUD, "move", "enable", "disable", "comment"],
  fields: [
    field("peer", ref(PEER), { required: { field: "tunnel", in: ["true"] }, shownWhen: NOT_TEMPLATE }),
    field("tunnel", BOOL, { default: "false", shownWhen: NOT_TEMPLATE }),
    field("group", ref(POLICY_GROUP), { default: "default", shownWhen: TEMPLATE, lockedOnBuiltin: true }),
    field("src-address", PREFIX, { required: NOT_TEMPLATE }),
    field("src-port", { kind: "port-or-any" }, { default: "any" }),
    field("dst-address", PREFIX, { required: NOT_TEMPLATE }),
    field("dst-port", { kind: "port-or-any" }, { default: "any" }),
    field(
      "protocol",
      { kind: "enum", values: ["all", "icmp", "igmp", "tcp", "udp", "gre", "ipsec-esp", "ipsec-ah", "icmpv6", "ospf", "sctp", "l2tp"].map((value) => ({ value })), numbers: [0, 255] },
      { default: "all" },
    ),
    field("action", oneOf("discard", "encrypt", "none"), { default: "encrypt", shownWhen: NOT_TEMPLATE }),
    field("level", oneOf("require", "unique", "use"), { default: "require", shownWhen: NOT_TEMPLATE }),
    field("ipsec-protocols", oneOf("esp", "ah"), { default: "esp", shownWhen: NOT_TEMPLATE }),
    ro("sa-src-address", { computed: (row, ctx) => saAddress(row, ctx, "local-address") }),
    ro("sa-dst-address", { computed: (row, ctx) => saAddress(row, ctx, "address") }),
    field("proposal", ref(PROPOSAL), { default: "default" }),
    ro("ph2-count", { shownWhen: NOT_TEMPLATE, computed: (row, ctx) => (established(row, ctx) ? "1" : "0") }),
    ro("ph2-state", { shownWhen: NOT_TEMPLATE, computed: (row, ctx) => (established(row, ctx) ? "established" : "no-phase2") }),
    field("template", BOOL, { default: "false", lockedOnBuiltin: true }),
    comment(),
    invalidFlag,
    ro("active", { shownWhen: NOT_TEMPLATE, computed: (row, ctx) => String(established(row, ctx)) }),
    dynamicFlag,
    disabled,
    defaultFlag,
  ],
  initialRows: () => [
    { values: { group: "default", "src-address": "::/0", "dst-address": "::/0", protocol: "all", proposal: "default", template: "true" }, builtin: true },
  ],
};

export const IPSEC_CONFIG_MENUS: readonly MenuSpec[] = [profile, proposal, peer, identity, policyGroup, policy];
