// Tables of the IPsec monitoring menus: active-peers and installed-sa (dynamic rows written by the negotiation hook).
// Pure data; rows come from negotiation.ts or seed({ dynamic: true }), never from the API (no add/set).

import type { MenuSpec } from "../schema";
import { formatDuration } from "../values";
import { ro } from "./common";

export const ACTIVE_PEERS = "/ip/ipsec/active-peers";
export const INSTALLED_SA = "/ip/ipsec/installed-sa";

/** Time since the row's meta.since (ms epoch), in RouterOS's compact duration form. */
const since = (field: string) =>
  ro(field, {
    computed: (row, ctx) => (row.meta.since === undefined ? row.values[field] : formatDuration(Math.max(0, Math.floor((ctx.now - Number(row.meta.since)) / 1000) * 1000))),
  });

export const activePeers: MenuSpec = {
  path: ACTIVE_PEERS,
  shape: "list",
  commands: ["print", "getall", "get", "remove", "kill-connections"],
  fields: [
    ro("id"),
    ro("local-address"),
    ro("port"),
    ro("remote-address"),
    ro("dynamic-address"),
    ro("state"),
    ro("side"),
    ro("responder"),
    ro("natt-peer"),
    since("uptime"),
    ro("last-seen"),
    ro("ph2-total"),
    ro("rx-bytes"),
    ro("tx-bytes"),
    ro("rx-packets"),
    ro("tx-packets"),
    ro("comment"),
  ],
};

export const installedSa: MenuSpec = {
  path: INSTALLED_SA,
  shape: "list",
  commands: ["print", "getall", "get", "remove", "flush"],
  fields: [
    ro("spi"),
    ro("src-address"),
    ro("dst-address"),
    ro("state"),
    ro("auth-algorithm"),
    ro("enc-algorithm"),
    ro("enc-key-size"),
    ro("auth-key", { sensitive: true }),
    ro("enc-key", { sensitive: true }),
    ro("add-lifetime"),
    ro("addtime"),
    ro("expires-in"),
    ro("current-bytes"),
    ro("current-packets"),
    ro("replay"),
  ],
};

export const IPSEC_MONITOR_MENUS: readonly MenuSpec[] = [activePeers, installedSa];
