// Tables of /ip/firewall/filter, nat, raw (ordered rule lists) and /ip/firewall/connection (dynamic, removable).
// Pure data, plus the rule that derives the dynamic "fasttrack counters" dummy row at the top of filter.

import type { FieldSpec, InitialRowsOptions, MenuSpec, Row } from "../schema";
import type { ValueType } from "../values";
import { BOOL, NAME, TEXT, comment, disabled, dynamicFlag, field, invalidFlag, oneOf, ro } from "./common";

export const FILTER = "/ip/firewall/filter";
export const NAT = "/ip/firewall/nat";
export const RAW = "/ip/firewall/raw";
export const CONNECTION = "/ip/firewall/connection";

export const FASTTRACK_DUMMY_COMMENT = "special dummy rule to show fasttrack counters";

const FW_ADDRESS: ValueType = { kind: "firewall-address" };
const PORTS: ValueType = { kind: "port-list" };
const IFACE: ValueType = { kind: "negatable-name" };
const PROTOCOL: ValueType = {
  kind: "enum",
  values: ["tcp", "udp", "icmp", "icmpv6", "gre", "ipsec-esp", "ipsec-ah", "igmp", "ospf", "sctp", "l2tp", "ipencap"].map((value) => ({ value })),
  numbers: [0, 255],
};
const CONNECTION_STATE: ValueType = {
  kind: "set",
  negatable: true,
  values: ["established", "related", "new", "untracked", "invalid"].map((value) => ({ value })),
};

const ADDRESS_LIST_ACTIONS = ["add-dst-to-address-list", "add-src-to-address-list"];

function rule(actions: readonly string[], extra: readonly FieldSpec[]): FieldSpec[] {
  return [
    field("chain", NAME, { required: true }),
    field("action", oneOf(...actions), { default: "accept" }),
    field("src-address", FW_ADDRESS),
    field("dst-address", FW_ADDRESS),
    field("src-address-list", IFACE),
    field("dst-address-list", IFACE),
    field("protocol", PROTOCOL),
    field("src-port", PORTS),
    field("dst-port", PORTS),
    field("in-interface", IFACE),
    field("out-interface", IFACE),
    field("in-interface-list", IFACE),
    field("out-interface-list", IFACE),
    field("connection-state", CONNECTION_STATE),
    field("connection-nat-state", { kind: "set", negatable: true, values: [{ value: "srcnat" }, { value: "dstnat" }] }),
    field("ipsec-policy", oneOf("in,ipsec", "in,none", "out,ipsec", "out,none")),
    ...extra,
    field("jump-target", NAME, { required: { field: "action", in: ["jump"] } }),
    field("log", BOOL, { default: "false" }),
    field("log-prefix", TEXT, { default: "" }),
    comment(),
    ro("bytes", { default: "0" }),
    ro("packets", { default: "0" }),
    invalidFlag,
    dynamicFlag,
    disabled,
  ];
}

const RULE_COMMANDS = ["print", "getall", "get", "add", "set", "unset", "remove", "move", "enable", "disable", "comment", "reset-counters"] as const;

export const filter: MenuSpec = {
  path: FILTER,
  shape: "list",
  ordered: true,
  commands: RULE_COMMANDS,
  fields: rule(
    ["accept", "drop", "reject", "jump", "return", "passthrough", "log", "fasttrack-connection", "tarpit", ...ADDRESS_LIST_ACTIONS],
    [field("hw-offload", BOOL), field("reject-with", oneOf("icmp-network-unreachable", "icmp-host-unreachable", "icmp-port-unreachable", "icmp-protocol-unreachable", "icmp-network-prohibited", "icmp-host-prohibited", "icmp-admin-prohibited", "tcp-reset"))],
  ),
  initialRows: (o: InitialRowsOptions) =>
    o.defaultFirewall
      ? [{ values: { chain: "forward", action: "fasttrack-connection", "connection-state": "established,related", "hw-offload": "yes", comment: "defconf: fasttrack" } }]
      : [],
  derive: (rows: readonly Row[], makeDynamic) => {
    const isDummy = (r: Row): boolean => r.builtin && r.dynamic;
    const wanted = rows.some((r) => !isDummy(r) && r.values.action === "fasttrack-connection");
    const dummy = rows.find(isDummy);
    const rest = rows.filter((r) => !isDummy(r));
    if (!wanted) return rest;
    return [dummy ?? makeDynamic({ chain: "forward", action: "passthrough", comment: FASTTRACK_DUMMY_COMMENT }), ...rest];
  },
};

export const nat: MenuSpec = {
  path: NAT,
  shape: "list",
  ordered: true,
  commands: RULE_COMMANDS,
  fields: rule(
    ["accept", "masquerade", "src-nat", "dst-nat", "netmap", "same", "redirect", "passthrough", "jump", "return", "log", "endpoint-independent-nat", ...ADDRESS_LIST_ACTIONS],
    [field("to-addresses", FW_ADDRESS), field("to-ports", PORTS)],
  ),
  initialRows: (o: InitialRowsOptions) =>
    o.defaultFirewall ? [{ values: { chain: "srcnat", action: "masquerade", "out-interface-list": "WAN", comment: "defconf: masquerade" } }] : [],
};

export const raw: MenuSpec = {
  path: RAW,
  shape: "list",
  ordered: true,
  commands: RULE_COMMANDS,
  fields: rule(["accept", "drop", "notrack", "jump", "return", "passthrough", "log", ...ADDRESS_LIST_ACTIONS], []),
};

export const connection: MenuSpec = {
  path: CONNECTION,
  shape: "list",
  commands: ["print", "getall", "get", "remove"],
  fields: [
    ro("protocol"),
    ro("src-address"),
    ro("dst-address"),
    ro("reply-src-address"),
    ro("reply-dst-address"),
    ro("tcp-state"),
    ro("timeout"),
    ro("connection-mark"),
    ro("srcnat"),
    ro("dstnat"),
    ro("fasttrack"),
    ro("assured"),
    ro("seen-reply"),
    ro("orig-bytes"),
    ro("repl-bytes"),
  ],
};

export const FIREWALL_MENUS: readonly MenuSpec[] = [filter, nat, raw, connection];
