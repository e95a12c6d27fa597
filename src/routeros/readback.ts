// The router's end as it will negotiate, read back from its IPsec rows into canonical values.
// Pure; no I/O. The inverse of render.ts, used by tests, doctor and drift reports.
import { canonicalOf, type Vocabulary } from "../spec/algorithms";
import { parseDuration } from "../spec/duration";
import type { DpdView, EndView } from "../spec/ends";
import type { Fields } from "./render";

export interface RouterOsTunnelRows {
  profile?: Fields;
  proposal?: Fields;
  peer?: Fields;
  identity?: Fields;
  policies: Fields[];
}

export function routerOsEndView(rows: RouterOsTunnelRows): EndView {
  const { profile = {}, proposal = {}, peer = {}, identity = {} } = rows;
  const mode = peer["exchange-mode"] ?? "main";
  // IKEv2 ignores the profile's nat-traversal and dpd-maximum-failures (RouterOS stores them all the same).
  const ikev1 = mode !== "ike2";
  return {
    platform: "routeros",
    ikeVersion: mode === "ike2" ? "ikev2" : "ikev1",
    exchangeMode: mode === "aggressive" ? "aggressive" : mode === "main" ? "main" : undefined,
    ike: {
      encryption: list("encryption", profile["enc-algorithm"] ?? "aes-128,3des", "ike"),
      integrity: list("integrity", profile["hash-algorithm"] ?? "sha1", "ike"),
      dhGroup: list("dhGroup", profile["dh-group"] ?? "modp2048,modp1024", "ike"),
      lifetime: parseDuration(profile.lifetime ?? "1d"),
    },
    ipsec: {
      encryption: list("encryption", proposal["enc-algorithms"] ?? "aes-256-cbc,aes-192-cbc,aes-128-cbc", "ipsec"),
      integrity: list("integrity", proposal["auth-algorithms"] ?? "sha1", "ipsec"),
      pfsGroup: list("pfsGroup", proposal["pfs-group"] ?? "modp1024", "ipsec"),
      lifetime: parseDuration(proposal.lifetime ?? "30m"),
    },
    preSharedKey: identity.secret || undefined,
    localId: identity["my-id"] ?? "auto",
    remoteId: identity["remote-id"] ?? "auto",
    localSubnets: unique(rows.policies.map((p) => p["src-address"] ?? "")),
    remoteSubnets: unique(rows.policies.map((p) => p["dst-address"] ?? "")),
    peerAddress: peer.address?.replace(/\/32$/, ""),
    dpd: dpd(profile, ikev1),
    ...(ikev1 ? { natTraversal: /^(yes|true)$/i.test(profile["nat-traversal"] ?? "yes") } : {}),
  };
}

/** dpd-interval=disable-dpd turns DPD off; under IKEv1 the peer is dead after dpd-maximum-failures silent intervals. */
function dpd(profile: Fields, ikev1: boolean): DpdView {
  const text = profile["dpd-interval"] ?? "2m";
  if (text === "disable-dpd") return { enabled: false };
  const interval = parseDuration(text);
  const failures = Number(profile["dpd-maximum-failures"] ?? "5");
  return {
    enabled: true,
    ...(interval === undefined ? {} : { interval }),
    ...(ikev1 && interval !== undefined && Number.isInteger(failures) ? { timeout: interval * failures } : {}),
  };
}

function list(vocabulary: Vocabulary, value: string, phase: "ike" | "ipsec"): Array<string | number> {
  return value
    .split(",")
    .filter(Boolean)
    .map((v) => canonicalOf(vocabulary, v, "routeros", phase) ?? `routeros:${v}`);
}

const unique = (values: string[]): string[] => [...new Set(values.filter(Boolean))];
