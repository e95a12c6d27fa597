// One end of a tunnel as it negotiates, in canonical values, and the field-by-field comparison of two ends.
// Pure; no I/O. Each platform's readback.ts builds an EndView from what that platform stores.
import type { Platform } from "./algorithms";

/** What one end will negotiate. Sets are what the end accepts (RouterOS lists several; clouds one). */
export interface EndView {
  platform: Platform;
  ikeVersion?: "ikev1" | "ikev2";
  exchangeMode?: "main" | "aggressive";
  ike: { encryption: Array<string | number>; integrity: Array<string | number>; dhGroup: Array<string | number>; lifetime?: number };
  ipsec: { encryption: Array<string | number>; integrity: Array<string | number>; pfsGroup: Array<string | number>; lifetime?: number };
  /** Undefined when the end hides it (RouterOS without the sensitive policy). */
  preSharedKey?: string;
  /** "address:1.2.3.4" or "fqdn:name"; undefined when the end leaves it automatic. */
  localId?: string;
  remoteId?: string;
  localSubnets: string[];
  remoteSubnets: string[];
  /** The other end's public address as this end has it configured. */
  peerAddress?: string;
  /** Undefined where the end has no DPD setting, or its readback does not show one. */
  dpd?: DpdView;
  /** UDP 4500 encapsulation behind NAT; undefined where the end has no such setting (Tencent) or ignores it (RouterOS under IKEv2). */
  natTraversal?: boolean;
}

/** Dead peer detection as the end runs it; a timing is undefined where the end has no such setting. */
export interface DpdView {
  enabled: boolean;
  /** Seconds between probes. */
  interval?: number;
  /** Seconds without an answer before the peer is declared dead. */
  timeout?: number;
}

export interface EndMismatch {
  /** The spec field both ends derive from. */
  path: string;
  router: unknown;
  cloud: unknown;
  /** "error" stops negotiation; "warning" fails only in the circumstances `when` names. */
  severity: "error" | "warning";
  /** For a warning: when it fails, or what it costs ("fails only when a NAT is between the ends"). */
  when?: string;
}

const LIFETIME_WHEN = "fails only under a strict proposal check or at rekey";
const NAT_T_WHEN = "fails only when a NAT is between the ends";

const ANY = "0.0.0.0/0";

/** Where the router and the cloud disagree, by spec field; empty when they would negotiate. */
export function compareEnds(router: EndView, cloud: EndView, addresses: { routerPublicIp?: string; gatewayIp?: string } = {}): EndMismatch[] {
  const out: EndMismatch[] = [];
  const push = (path: string, r: unknown, c: unknown, severity: EndMismatch["severity"] = "error", when?: string) =>
    out.push({ path, router: r, cloud: c, severity, ...(when ? { when } : {}) });
  const sets = (path: string, r: Array<string | number>, c: Array<string | number>) => {
    if (r.length > 0 && c.length > 0 && !r.some((v) => c.includes(v))) push(path, r, c);
  };
  if (router.ikeVersion && cloud.ikeVersion && router.ikeVersion !== cloud.ikeVersion) push("ike.version", router.ikeVersion, cloud.ikeVersion);
  if (router.ikeVersion === "ikev1" && cloud.ikeVersion === "ikev1" && router.exchangeMode !== cloud.exchangeMode) {
    push("ike.exchangeMode", router.exchangeMode, cloud.exchangeMode);
  }
  sets("ike.encryption", router.ike.encryption, cloud.ike.encryption);
  sets("ike.integrity", router.ike.integrity, cloud.ike.integrity);
  sets("ike.dhGroup", router.ike.dhGroup, cloud.ike.dhGroup);
  sets("ipsec.encryption", router.ipsec.encryption, cloud.ipsec.encryption);
  sets("ipsec.integrity", router.ipsec.integrity, cloud.ipsec.integrity);
  sets("ipsec.pfsGroup", router.ipsec.pfsGroup, cloud.ipsec.pfsGroup);
  if (router.ike.lifetime !== undefined && cloud.ike.lifetime !== undefined && router.ike.lifetime !== cloud.ike.lifetime) {
    push("ike.lifetime", router.ike.lifetime, cloud.ike.lifetime, "warning", LIFETIME_WHEN);
  }
  if (router.ipsec.lifetime !== undefined && cloud.ipsec.lifetime !== undefined && router.ipsec.lifetime !== cloud.ipsec.lifetime) {
    push("ipsec.lifetime", router.ipsec.lifetime, cloud.ipsec.lifetime, "warning", LIFETIME_WHEN);
  }
  // Neither stops negotiation by itself: warnings, each saying when it matters.
  if (router.natTraversal !== undefined && cloud.natTraversal !== undefined && router.natTraversal !== cloud.natTraversal) {
    push("router.natTraversal", router.natTraversal, cloud.natTraversal, "warning", NAT_T_WHEN);
  }
  const dpd = router.dpd && cloud.dpd ? dpdDisagreement(router.dpd, cloud.dpd) : undefined;
  if (dpd) push("ike.dpd", router.dpd, cloud.dpd, "warning", dpd);
  if (router.preSharedKey !== undefined && cloud.preSharedKey !== undefined && router.preSharedKey !== cloud.preSharedKey) {
    push("preSharedKey", "<hidden>", "<hidden>");
  }
  if (!idsAgree(router.localId, cloud.remoteId, addresses.routerPublicIp)) push("identities.router", router.localId, cloud.remoteId);
  if (!idsAgree(router.remoteId, cloud.localId, addresses.gatewayIp)) push("identities.cloud", router.remoteId, cloud.localId);
  if (!subnetsAgree(router.localSubnets, cloud.remoteSubnets)) push("siteCidrs", router.localSubnets, cloud.remoteSubnets);
  if (!subnetsAgree(router.remoteSubnets, cloud.localSubnets)) push("cloudCidrs", router.remoteSubnets, cloud.localSubnets);
  if (addresses.gatewayIp && router.peerAddress && router.peerAddress !== addresses.gatewayIp) push("cloudGatewayIp", router.peerAddress, addresses.gatewayIp);
  if (addresses.routerPublicIp && cloud.peerAddress && cloud.peerAddress !== addresses.routerPublicIp) push("routerPublicIp", addresses.routerPublicIp, cloud.peerAddress);
  return out;
}

/**
 * What a DPD difference costs, or undefined when the two agree. Timeouts agree within one probe interval: RouterOS
 * counts whole intervals (dpd-maximum-failures), so it rounds the spec's timeout up to the next multiple.
 */
function dpdDisagreement(a: DpdView, b: DpdView): string | undefined {
  if (a.enabled !== b.enabled) return "negotiates, but only one end notices a dead peer: after an outage the other keeps its SAs until they expire";
  if (!a.enabled || a.timeout === undefined || b.timeout === undefined) return undefined;
  const slack = Math.max(a.interval ?? 1, b.interval ?? 1);
  return Math.abs(a.timeout - b.timeout) < slack ? undefined : "negotiates, but the ends give up on a silent peer at different times";
}

/** An automatic id is the end's own address; explicit ids must be equal. */
function idsAgree(sent: string | undefined, expected: string | undefined, ownAddress: string | undefined): boolean {
  const resolve = (id: string | undefined) => (id === undefined || id === "auto" ? (ownAddress ? `address:${ownAddress}` : undefined) : id);
  const a = resolve(sent);
  const b = resolve(expected);
  return a === undefined || b === undefined || a === b;
}

/** Equal as sets; a route-based cloud (0.0.0.0/0) accepts whatever the router narrows to. */
function subnetsAgree(a: string[], b: string[]): boolean {
  if (a.includes(ANY) || b.includes(ANY)) return true;
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Where one end's actual settings differ from what the spec renders for that same end. */
export function sameEndDifferences(expected: EndView, actual: EndView): Array<{ path: string; expected: unknown; actual: unknown }> {
  const out: Array<{ path: string; expected: unknown; actual: unknown }> = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  // Lists compare as sets: RouterOS reorders them, and order does not change what an end accepts.
  const sets = (a: unknown, b: unknown) =>
    Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v: unknown) => b.includes(v));
  const check = (path: string, e: unknown, a: unknown, equal: (a: unknown, b: unknown) => boolean = same) => {
    if (e !== undefined && a !== undefined && !equal(e, a)) out.push({ path, expected: e, actual: a });
  };
  check("ike.version", expected.ikeVersion, actual.ikeVersion);
  check("ike.exchangeMode", expected.exchangeMode, actual.exchangeMode);
  for (const field of ["encryption", "integrity", "dhGroup"] as const) check(`ike.${field}`, expected.ike[field], actual.ike[field], sets);
  check("ike.lifetime", expected.ike.lifetime, actual.ike.lifetime);
  for (const field of ["encryption", "integrity", "pfsGroup"] as const) check(`ipsec.${field}`, expected.ipsec[field], actual.ipsec[field], sets);
  check("ipsec.lifetime", expected.ipsec.lifetime, actual.ipsec.lifetime);
  if (expected.preSharedKey !== undefined && actual.preSharedKey !== undefined && expected.preSharedKey !== actual.preSharedKey) {
    out.push({ path: "preSharedKey", expected: "<hidden>", actual: "<hidden>" });
  }
  check("identities.local", expected.localId, actual.localId);
  check("identities.remote", expected.remoteId, actual.remoteId);
  check("localSubnets", expected.localSubnets, actual.localSubnets, sets);
  check("remoteSubnets", expected.remoteSubnets, actual.remoteSubnets, sets);
  check("peerAddress", expected.peerAddress, actual.peerAddress);
  // The spec's own paths, so the line says what to change in the spec.
  check("ike.dpd.enabled", expected.dpd?.enabled, actual.dpd?.enabled);
  check("ike.dpd.interval", expected.dpd?.interval, actual.dpd?.interval);
  check("ike.dpd.timeout", expected.dpd?.timeout, actual.dpd?.timeout);
  check("router.natTraversal", expected.natTraversal, actual.natTraversal);
  return out;
}
