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
}

export interface EndMismatch {
  /** The spec field both ends derive from. */
  path: string;
  router: unknown;
  cloud: unknown;
  /** "error" stops negotiation; "warning" fails only under a strict proposal check or at rekey. */
  severity: "error" | "warning";
}

const ANY = "0.0.0.0/0";

/** Where the router and the cloud disagree, by spec field; empty when they would negotiate. */
export function compareEnds(router: EndView, cloud: EndView, addresses: { routerPublicIp?: string; gatewayIp?: string } = {}): EndMismatch[] {
  const out: EndMismatch[] = [];
  const push = (path: string, r: unknown, c: unknown, severity: EndMismatch["severity"] = "error") => out.push({ path, router: r, cloud: c, severity });
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
    push("ike.lifetime", router.ike.lifetime, cloud.ike.lifetime, "warning");
  }
  if (router.ipsec.lifetime !== undefined && cloud.ipsec.lifetime !== undefined && router.ipsec.lifetime !== cloud.ipsec.lifetime) {
    push("ipsec.lifetime", router.ipsec.lifetime, cloud.ipsec.lifetime, "warning");
  }
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
  return out;
}
