// Registry of every emulated menu path, in creation order (referenced menus before the menus that refer to them).
// Pure data lookup.

import type { MenuSpec } from "../schema";
import { inRange, type RosVersion } from "../version";
import { FIREWALL_MENUS } from "./firewall";
import { IPSEC_CONFIG_MENUS } from "./ipsec";
import { IPSEC_MONITOR_MENUS } from "./ipsec-monitor";
import { SYSTEM_MENUS } from "./system";

export const MENUS: readonly MenuSpec[] = [...SYSTEM_MENUS, ...IPSEC_CONFIG_MENUS, ...IPSEC_MONITOR_MENUS, ...FIREWALL_MENUS];

const BY_PATH = new Map(MENUS.map((m) => [m.path, m]));

/** The menu at `path`, whatever the version (for the programmatic API and the model). */
export function menuAt(path: string): MenuSpec | undefined {
  return BY_PATH.get(path);
}

/** The menu at `path` if the version has it (for API commands). */
export function menuOn(path: string, v: RosVersion): MenuSpec | undefined {
  const menu = BY_PATH.get(path);
  return menu && inRange(v, menu) ? menu : undefined;
}

/** Whether `prefix` ("/ip", "/ip/ipsec", ...) leads to a menu the version has, for "no such command or directory". */
export function isDirectory(prefix: string, v: RosVersion): boolean {
  return MENUS.some((m) => inRange(v, m) && (m.path === prefix || m.path.startsWith(prefix + "/")));
}
