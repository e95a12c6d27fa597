// The diagnosis catalog: every dialect's rows in one table, and the fact lines (success, version markers) read beside them.
// Pure data; no I/O. Rows live per dialect: catalog-routeros.ts, catalog-strongswan-{peer,proposals}.ts, catalog-tencent.ts.
import { ROUTEROS_ENTRIES } from "./catalog-routeros";
import { STRONGSWAN_PEER_ENTRIES } from "./catalog-strongswan-peer";
import { STRONGSWAN_PROPOSAL_ENTRIES } from "./catalog-strongswan-proposals";
import { TENCENT_ENTRIES } from "./catalog-tencent";
import type { CatalogEntry, Dialect, FactPattern, LinePair } from "./types";

export const CATALOG: readonly CatalogEntry[] = [
  ...ROUTEROS_ENTRIES,
  ...STRONGSWAN_PEER_ENTRIES,
  ...STRONGSWAN_PROPOSAL_ENTRIES,
  ...TENCENT_ENTRIES,
];

/**
 * Which rows a line of a dialect is read with, in order. Tencent's gateway is strongSwan-based, so its lines fall back
 * to the strongSwan rows; a line whose dialect nothing tells is tried against all.
 */
export const DIALECT_READS: Readonly<Record<Dialect | "unknown", readonly Dialect[]>> = {
  routeros: ["routeros"],
  strongswan: ["strongswan"],
  tencent: ["tencent", "strongswan"],
  unknown: ["routeros", "strongswan", "tencent"],
};

/** Where the negotiation got to; not failures. Read to put generic lines in context (e.g. a failure after success is a rekey). */
export const FACTS: readonly FactPattern[] = [
  {
    id: "ros.fact.isakmp-sa-established",
    dialect: "routeros",
    pattern: /ISAKMP-SA established/,
    facts: ["phase1-up", "ikev1"],
    example: "ipsec,info ISAKMP-SA established 203.0.113.10[4500]-198.51.100.7[4500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601",
  },
  {
    id: "ros.fact.ipsec-sa-established",
    dialect: "routeros",
    pattern: /IPsec-SA established/,
    facts: ["phase2-up"],
    example: "ipsec,info IPsec-SA established: 203.0.113.10[500]->198.51.100.7[500] spi=0x8051bff6",
  },
  {
    id: "ros.fact.ike2",
    dialect: "routeros",
    pattern: /\bike2\b/,
    facts: ["ikev2"],
    example: "ipsec,info killing ike2 SA: to_cloud 203.0.113.10[4500]-198.51.100.7[4500] spi:4b1c7d2e9f0a3b5c:9f2e1d0c8b7a6f5e",
  },
  {
    id: "ros.fact.ikev1-words",
    dialect: "routeros",
    pattern: /Identity Protection|\bAggressive\b|\bph[12] packet\b/,
    facts: ["ikev1"],
    example: "ipsec,info initiate new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]",
  },
  {
    id: "sw.fact.ike-sa-established",
    dialect: "strongswan",
    pattern: /IKE_SA \S+ established between/,
    facts: ["phase1-up"],
    example: "Mar 14 10:02:11 vpngw charon: 09[IKE] <vco-1|3> IKE_SA vco-1[3] established between 198.51.100.7[198.51.100.7]...203.0.113.10[203.0.113.10]",
  },
  {
    id: "sw.fact.isakmp-sa-established",
    dialect: "strongswan",
    pattern: /ISAKMP-SA established/,
    facts: ["phase1-up", "ikev1"],
    example: "2024-03-14 10:02:11 ISAKMP-SA established 198.51.100.7[500]-203.0.113.10[500] spi:84b2a7c1d3e5f601:6e3c5a4b2f1d0e9c",
  },
  {
    id: "sw.fact.child-sa-established",
    dialect: "strongswan",
    pattern: /CHILD_SA \S+ established with SPIs|IPsec-SA established/,
    facts: ["phase2-up"],
    example: "Mar 14 10:02:12 vpngw charon: 09[IKE] <vco-1|3> CHILD_SA vco-1{7} established with SPIs c1a2b3c4_i c5d6e7f8_o and TS 10.100.1.0/24 === 192.168.1.0/24",
  },
  {
    id: "sw.fact.ikev2-exchanges",
    dialect: "strongswan",
    pattern: /\b(?:IKE_SA_INIT|IKE_AUTH|CREATE_CHILD_SA)\b|notify error\b/,
    facts: ["ikev2"],
    example: "Mar 14 10:02:11 vpngw charon: 06[ENC] parsed IKE_SA_INIT response 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) ]",
  },
  {
    id: "sw.fact.ikev1-exchanges",
    dialect: "strongswan",
    pattern: /\b(?:ID_PROT|AGGRESSIVE|QUICK_MODE|INFORMATIONAL_V1|HASH_V1)\b|Main Mode|IKEv1|error notify\b/,
    facts: ["ikev1"],
    example: "Mar 14 10:02:11 vpngw charon: 12[ENC] parsed ID_PROT response 0 [ SA V V V ]",
  },
];

/** strongSwan prints the router's and its own proposals on two lines; their difference names the mismatch. */
export const PAIRS: readonly LinePair[] = [
  { first: "sw.proposal.received-proposals", second: "sw.proposal.configured-proposals", refine: "proposal-diff", weight: 9, within: 4 },
];

export function entriesFor(dialects: readonly Dialect[], catalog: readonly CatalogEntry[] = CATALOG): CatalogEntry[] {
  return dialects.flatMap((d) => catalog.filter((e) => e.dialect === d));
}
