// Tables of /system/resource, /system/identity, /ip/address and /log.
// Pure data; resource values are computed from the emulator's options and clock.

import type { MenuSpec } from "../schema";
import { formatDuration } from "../values";
import { NAME, comment, disabled, dynamicFlag, field, invalidFlag, ro } from "./common";

export const RESOURCE = "/system/resource";
export const IDENTITY_NAME = "/system/identity";
export const IP_ADDRESS = "/ip/address";
export const LOG = "/log";

const fixed = (name: string, value: string) => ro(name, { default: value });

export const resource: MenuSpec = {
  path: RESOURCE,
  shape: "singleton",
  commands: ["print", "getall", "get"],
  fields: [
    ro("uptime", { computed: (_row, ctx) => formatDuration(Math.floor((ctx.now - ctx.startedAt) / 1000) * 1000) }),
    ro("version", { computed: (_row, ctx) => `${ctx.version.text} (${ctx.version.major === 6 ? "long-term" : "stable"})` }),
    fixed("build-time", "2024-10-04 12:00:00"),
    ro("factory-software", { computed: (_row, ctx) => (ctx.version.major === 6 ? "6.44" : "7.1") }),
    fixed("free-memory", "858914816"),
    fixed("total-memory", "1073741824"),
    fixed("cpu", "ARM64"),
    fixed("cpu-count", "4"),
    fixed("cpu-frequency", "1400"),
    fixed("cpu-load", "1"),
    fixed("free-hdd-space", "96468992"),
    fixed("total-hdd-space", "134217728"),
    fixed("architecture-name", "arm64"),
    ro("board-name", { computed: (_row, ctx) => ctx.options.boardName }),
    fixed("platform", "MikroTik"),
  ],
  initialRows: () => [{ values: {}, builtin: true }],
};

export const systemIdentity: MenuSpec = {
  path: IDENTITY_NAME,
  shape: "singleton",
  commands: ["print", "getall", "get", "set"],
  fields: [field("name", NAME, { required: true })],
  initialRows: (o) => [{ values: { name: o.identity }, builtin: true }],
};

export const ipAddress: MenuSpec = {
  path: IP_ADDRESS,
  shape: "list",
  commands: ["print", "getall", "get", "add", "set", "unset", "remove", "enable", "disable", "comment"],
  fields: [
    field("address", { kind: "interface-address" }, { required: true }),
    ro("network", {
      computed: (row) => {
        const [addr = "", len = "32"] = (row.values.address ?? "").split("/");
        if (!/^[\d.]+$/.test(addr)) return undefined;
        const bits = Number(len);
        const n = addr.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
        const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
        const net = (n & mask) >>> 0;
        return [24, 16, 8, 0].map((s) => (net >>> s) & 255).join(".");
      },
    }),
    field("interface", NAME, { required: true }),
    ro("actual-interface", { computed: (row) => row.values.interface }),
    comment(),
    invalidFlag,
    dynamicFlag,
    disabled,
  ],
};

export const log: MenuSpec = {
  path: LOG,
  shape: "list",
  followable: true,
  commands: ["print", "getall"],
  fields: [ro("time"), ro("topics"), ro("message")],
};

export const SYSTEM_MENUS: readonly MenuSpec[] = [resource, systemIdentity, ipAddress, log];
