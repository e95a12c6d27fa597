// The router's half of a tunnel as desired rows per RouterOS menu, every row carrying the ownership marker.
// Pure; no I/O. Field names and values are RouterOS's own, as the API and CLI take them.
import { dialectOf } from "../spec/algorithms";
import { formatDuration } from "../spec/duration";
import type { Identity, TunnelSpec } from "../spec/types";
import { fieldExists, MENU_ORDER, type MenuName } from "./schema";

export type Fields = Record<string, string>;
export type DesiredRows = Record<MenuName, Fields[]>;

/** The version render assumes when the router's is not known yet. */
export const DEFAULT_ROUTEROS_VERSION = "7.16";

/** The comment every object the tool creates carries; rows without it are never edited or removed. */
export const ownerMarker = (tunnel: string): string => `ros-vpc-ipsec:${tunnel}`;

export interface RenderOptions {
  /** The cloud gateway's public address (overrides spec.cloudGatewayIp, e.g. from the gateway resource). */
  gatewayIp?: string;
  /** Only fields this RouterOS version knows are rendered. */
  version?: string;
}

export function renderRouterOsRows(spec: TunnelSpec, options: RenderOptions = {}): DesiredRows {
  const gatewayIp = options.gatewayIp ?? spec.cloudGatewayIp;
  if (!gatewayIp) throw new Error("cloudGatewayIp is required to render the router side: it is the peer address");
  const version = options.version ?? DEFAULT_ROUTEROS_VERSION;
  const name = spec.name;
  const comment = ownerMarker(name);
  const ros = (vocabulary: "encryption" | "integrity" | "dhGroup" | "pfsGroup", value: string | number, phase: "ike" | "ipsec") =>
    dialectOf(vocabulary, value, "routeros", phase) ?? String(value);
  const pairs = spec.siteCidrs.flatMap((site) => spec.cloudCidrs.map((cloud) => ({ site, cloud })));
  const { ike, ipsec } = spec;

  const rows: DesiredRows = {
    profile: [
      {
        name,
        "dh-group": ros("dhGroup", ike.dhGroup, "ike"),
        "enc-algorithm": ros("encryption", ike.encryption, "ike"),
        "hash-algorithm": ros("integrity", ike.integrity, "ike"),
        lifetime: formatDuration(ike.lifetime),
        "nat-traversal": yesNo(spec.router.natTraversal),
        "dpd-interval": ike.dpd.enabled ? formatDuration(ike.dpd.interval) : "disable-dpd",
        // With DPD off RouterOS ignores the count: its default keeps the row valid whatever interval the spec holds.
        "dpd-maximum-failures": ike.dpd.enabled ? String(Math.max(1, Math.ceil(ike.dpd.timeout / ike.dpd.interval))) : "5",
        // Explicit, so a hand change to strict/exact (which makes lifetimes fail) is drift that refresh repairs.
        "proposal-check": "obey",
      },
    ],
    proposal: [
      {
        name,
        "auth-algorithms": ros("integrity", ipsec.integrity, "ipsec"),
        "enc-algorithms": ros("encryption", ipsec.encryption, "ipsec"),
        "pfs-group": ros("pfsGroup", ipsec.pfsGroup, "ipsec"),
        lifetime: formatDuration(ipsec.lifetime),
        comment,
      },
    ],
    peer: [
      {
        name,
        address: `${gatewayIp}/32`,
        profile: name,
        "exchange-mode": ike.version === "ikev2" ? "ike2" : (ike.exchangeMode ?? "main"),
        comment,
      },
    ],
    identity: [
      {
        peer: name,
        "auth-method": "pre-shared-key",
        secret: spec.preSharedKey,
        "my-id": identityText(spec.identities.router),
        "remote-id": identityText(spec.identities.cloud ?? { type: "address", value: gatewayIp }),
        "generate-policy": "no",
        comment,
      },
    ],
    policy: pairs.map(({ site, cloud }) => ({
      peer: name,
      tunnel: "yes",
      "src-address": site,
      "dst-address": cloud,
      protocol: "all",
      proposal: name,
      action: "encrypt",
      // Several policies to one peer need an SA each, or traffic leaves through another pair's SA.
      level: pairs.length > 1 ? "unique" : "require",
      comment,
    })),
    nat: spec.router.natBypass
      ? pairs.map(({ site, cloud }) => ({ chain: "srcnat", action: "accept", "src-address": site, "dst-address": cloud, comment }))
      : [],
    filter:
      spec.router.fastTrackBypass === "filter"
        ? pairs.flatMap(({ site, cloud }) => [
            { chain: "forward", action: "accept", "src-address": site, "dst-address": cloud, "ipsec-policy": "out,ipsec", comment },
            { chain: "forward", action: "accept", "src-address": cloud, "dst-address": site, "ipsec-policy": "in,ipsec", comment },
          ])
        : [],
    raw:
      spec.router.fastTrackBypass === "raw"
        ? pairs.flatMap(({ site, cloud }) => [
            { chain: "prerouting", action: "notrack", "src-address": site, "dst-address": cloud, comment },
            { chain: "prerouting", action: "notrack", "src-address": cloud, "dst-address": site, comment },
          ])
        : [],
  };
  return forVersion(rows, version);
}

/** Drops the fields the router's version does not know (it would answer "unknown parameter"). */
export function forVersion(rows: DesiredRows, version: string): DesiredRows {
  const out = {} as DesiredRows;
  for (const menu of MENU_ORDER) {
    out[menu] = rows[menu].map((row) =>
      Object.fromEntries(Object.entries(row).filter(([field]) => fieldExists(menu, field, version))),
    );
  }
  return out;
}

export const identityText = (id: Identity): string => `${id.type}:${id.value}`;

const yesNo = (value: boolean): string => (value ? "yes" : "no");
