// Reads each end as its platform reports it (RouterOS rows, a Tencent connection) into the model's canonical view:
// versions, modes, algorithm sets, identities, selectors, lifetimes. Pure; fills platform defaults, never guesses more.
import type { CloudSide, RosRow, RouterSide } from "./types";
import { ROS_DH, ROS_PROFILE_ENC, TENCENT_ENC, TENCENT_INTEG, rosInteg, rosProposalEnc, tencentDh } from "./vocabulary";

export type Mode = "main" | "aggressive" | "base";

/** An IKE identity: what one end presents or expects. */
export interface Id {
  type: "address" | "fqdn" | "user-fqdn" | "key-id";
  value: string;
}

export interface Pair {
  /** Router's side of the selector and the cloud's. */
  router: string;
  cloud: string;
}

export interface RouterEnd {
  peerName: string;
  version: 1 | 2;
  mode: Mode;
  passive: boolean;
  /** The peer's address without its prefix length: where the router sends IKE. */
  peerAddress: string;
  /** The router's own WAN address (private when behind NAT) and the address the cloud sees. */
  ownAddress: string;
  publicAddress: string;
  phase1: { enc: string[]; hash: string; dh: number[]; lifetime: number; proposalCheck: string; natTraversal: boolean };
  identity?: { authMethod: string; secret?: string; myId: Id | "auto"; remoteId: Id | "auto" | "ignore" };
  phase2: { name: string; enc: string[]; auth: string[]; pfs: number; lifetime: number };
  pairs: Pair[];
}

export interface CloudEnd {
  name: string;
  version: 1 | 2;
  mode: Mode;
  initiates: boolean;
  gatewayIp: string;
  customerGatewayIp: string;
  phase1: { enc: string; integ: string; dh: number; lifetime: number };
  /** What the gateway presents, and what it expects the router to present. */
  localId: Id;
  remoteId: Id;
  psk: string;
  phase2: { enc: string; integ: string; pfs: number; lifetime: number };
  /** SPD pairs; route-based tunnels (StaticRoute, Bgp) negotiate 0.0.0.0/0 both ways and accept narrowing. */
  pairs: Pair[];
  routeBased: boolean;
}

const UNITS: Readonly<Record<string, number>> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

/** RouterOS durations (`1d`, `1h30m`, `30m`, `600`, `00:30:00`) in seconds. */
export function rosSeconds(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const clock = /^(?:(\d+)[dw])?\s*(\d+):(\d{2}):(\d{2})$/.exec(text);
  if (clock) return Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4]);
  let total = 0;
  let matched = "";
  for (const m of text.matchAll(/(\d+)([wdhms])/g)) {
    total += Number(m[1]) * (UNITS[m[2] ?? "s"] ?? 1);
    matched += m[0];
  }
  if (matched !== text) throw new Error(`ike model: cannot read RouterOS duration "${text}"`);
  return total;
}

const yes = (v: string | undefined): boolean => v === "true" || v === "yes";
const list = (v: string | undefined, fallback: string): string[] => (v ?? fallback).split(",").map((s) => s.trim()).filter(Boolean);

/** "1.2.3.4/32" → "1.2.3.4"; "10.0.0.0/8" stays a prefix; a DNS name stays as typed. */
export function hostOf(address: string): string {
  return /^[\d.]+\/32$/.test(address) ? address.slice(0, -3) : address;
}

/** A subnet in canonical form: network address/prefix (host bits cleared), a bare address as /32. */
export function subnet(text: string): string {
  const [addr = "", len = "32"] = text.split("/");
  const octets = addr.split(".").map(Number);
  const bits = Number(len);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255) || !(bits >= 0 && bits <= 32)) return text;
  const value = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const net = Math.floor(value / size) * size;
  return `${[24, 16, 8, 0].map((s) => Math.floor(net / 2 ** s) % 256).join(".")}/${bits}`;
}

function rosId(text: string | undefined, words: readonly string[]): Id | "auto" | "ignore" {
  const v = text ?? "auto";
  if (words.includes(v)) return v as "auto" | "ignore";
  const i = v.indexOf(":");
  const type = v.slice(0, i);
  if (i < 0 || !["address", "fqdn", "user-fqdn", "key-id"].includes(type)) throw new Error(`ike model: cannot read RouterOS id "${v}"`);
  return { type: type as Id["type"], value: type === "address" ? hostOf(v.slice(i + 1)) : v.slice(i + 1) };
}

function dhNumbers(names: string[]): number[] {
  return names.map((n) => {
    const g = ROS_DH[n];
    if (g === undefined) throw new Error(`ike model: unknown RouterOS DH group ${n}`);
    return g;
  });
}

export function readRouter(side: RouterSide): RouterEnd {
  const { peer, profile, identity, proposal } = side;
  const exchange = peer["exchange-mode"] ?? "main";
  const pairs = side.policies
    .filter((p: RosRow) => yes(p.tunnel) && !yes(p.template) && !yes(p.disabled) && (p.action ?? "encrypt") === "encrypt")
    .map((p) => ({ router: subnet(p["src-address"] ?? ""), cloud: subnet(p["dst-address"] ?? "") }));
  return {
    peerName: peer.name ?? "",
    version: exchange === "ike2" ? 2 : 1,
    mode: exchange === "aggressive" || exchange === "base" ? exchange : "main",
    passive: yes(peer.passive),
    peerAddress: hostOf(peer.address ?? ""),
    ownAddress: side.localAddress ?? side.publicAddress,
    publicAddress: side.publicAddress,
    phase1: {
      enc: list(profile["enc-algorithm"], "aes-128,3des").map((e) => ROS_PROFILE_ENC[e] ?? e),
      hash: rosInteg(profile["hash-algorithm"] ?? "sha1"),
      dh: dhNumbers(list(profile["dh-group"], "modp2048,modp1024")),
      lifetime: rosSeconds(profile.lifetime ?? "1d"),
      proposalCheck: profile["proposal-check"] ?? "obey",
      natTraversal: profile["nat-traversal"] === undefined ? true : yes(profile["nat-traversal"]),
    },
    ...(identity && !yes(identity.disabled)
      ? {
          identity: {
            authMethod: identity["auth-method"] ?? "pre-shared-key",
            ...(identity.secret === undefined ? {} : { secret: identity.secret }),
            myId: rosId(identity["my-id"], ["auto"]) as Id | "auto",
            remoteId: rosId(identity["remote-id"], ["auto", "ignore"]),
          },
        }
      : {}),
    phase2: {
      name: proposal.name ?? "default",
      enc: list(proposal["enc-algorithms"], "aes-256-cbc,aes-192-cbc,aes-128-cbc").map(rosProposalEnc),
      auth: list(proposal["auth-algorithms"], "sha1").map(rosInteg),
      pfs: dhNumbers([proposal["pfs-group"] ?? "modp1024"])[0] ?? 0,
      lifetime: rosSeconds(proposal.lifetime ?? "30m"),
    },
    pairs,
  };
}

function tencent<T>(table: Readonly<Record<string, T>>, value: string, what: string): T {
  const v = table[value];
  if (v === undefined) throw new Error(`ike model: unknown Tencent ${what} ${value}`);
  return v;
}

/** Tencent's documented defaults fill whatever the connection leaves out (the API returns them filled anyway). */
export function readCloud(side: CloudSide): CloudEnd {
  const c = side.connection;
  const ike = c.IKEOptionsSpecification ?? {};
  const ipsec = c.IPSECOptionsSpecification ?? {};
  const id = (kind: string | undefined, address: string | undefined, fqdn: string | undefined, fallback: string): Id =>
    kind === "FQDN" ? { type: "fqdn", value: fqdn ?? "" } : { type: "address", value: address || fallback };
  const routeBased = c.RouteType === "StaticRoute" || c.RouteType === "Bgp";
  const pairs = routeBased
    ? [{ router: "0.0.0.0/0", cloud: "0.0.0.0/0" }]
    : (c.SecurityPolicyDatabaseSet ?? []).flatMap((s) => (s.RemoteCidrBlock ?? []).map((r) => ({ router: subnet(r), cloud: subnet(s.LocalCidrBlock ?? "") })));
  return {
    name: c.VpnConnectionId || c.VpnConnectionName || "vpn-connection",
    version: ike.IKEVersion === "IKEV2" ? 2 : 1,
    mode: ike.ExchangeMode === "AGGRESSIVE" ? "aggressive" : "main",
    initiates: c.NegotiationType !== "passive",
    gatewayIp: side.gatewayPublicIp,
    customerGatewayIp: side.customerGatewayIp,
    phase1: {
      enc: tencent(TENCENT_ENC, ike.PropoEncryAlgorithm ?? "3DES-CBC", "PropoEncryAlgorithm"),
      integ: tencent(TENCENT_INTEG, ike.PropoAuthenAlgorithm ?? "SHA", "PropoAuthenAlgorithm"),
      dh: tencentDh(ike.DhGroupName ?? "GROUP1"),
      lifetime: ike.IKESaLifetimeSeconds ?? 86400,
    },
    localId: id(ike.LocalIdentity, ike.LocalAddress, ike.LocalFqdnName, side.gatewayPublicIp),
    remoteId: id(ike.RemoteIdentity, ike.RemoteAddress, ike.RemoteFqdnName, side.customerGatewayIp),
    psk: c.PreShareKey ?? "",
    phase2: {
      enc: tencent(TENCENT_ENC, ipsec.EncryptAlgorithm ?? "AES-CBC-128", "EncryptAlgorithm"),
      integ: tencent(TENCENT_INTEG, ipsec.IntegrityAlgorithm ?? ipsec.IntegrityAlgorith ?? "SHA1", "IntegrityAlgorithm"),
      pfs: tencentDh(ipsec.PfsDhGroup ?? "NULL"),
      lifetime: ipsec.IPSECSaLifetimeSeconds ?? 14400,
    },
    pairs,
    routeBased,
  };
}

export const sameId = (a: Id, b: Id): boolean => a.type === b.type && a.value === b.value;

/** How an id reads in RouterOS's IKEv2 lines (`ADDR4:1.2.3.4`, `FQDN: name`, as the reference quotes them). */
export function rosIdText(id: Id): string {
  switch (id.type) {
    case "address": return `ADDR4:${id.value}`;
    case "fqdn": return `FQDN: ${id.value}`;
    case "user-fqdn": return `USER_FQDN: ${id.value}`;
    case "key-id": return `KEY_ID: ${id.value}`;
  }
}

/** How an id reads in Tencent's lines (`received[ID_IPV4_ADDR:1.2.3.4]`). */
export function tencentIdText(id: Id): string {
  const type = { address: "ID_IPV4_ADDR", fqdn: "ID_FQDN", "user-fqdn": "ID_USER_FQDN", "key-id": "ID_KEY_ID" }[id.type];
  return `${type}:${id.value}`;
}
