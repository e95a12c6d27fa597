// Phase 2 (IKEv1 quick mode, IKEv2 CHILD_SA): traffic selectors, ESP proposal, PFS group, lifetimes under
// RouterOS proposal-check, the established SAs, and the first rekey. Writes both sides' lines; pure otherwise.
import type { Pair } from "./ends";
import type { Check } from "./phase1";
import type { Transcript } from "./transcript";
import type { ChildSa } from "./types";
import { RACOON_AUTH, RACOON_ESP, SWAN_DH, SWAN_ENC, SWAN_INTEG, keyLength, named, namedDh } from "./vocabulary";

const sameSelector = (a: Pair, b: Pair): boolean => a.router === b.router && a.cloud === b.cloud;
const ts = (p: Pair): string => `${p.cloud} === ${p.router}`;
const aead = (enc: string): boolean => /gcm|chacha/.test(enc);

/** Whether the cloud accepts a pair the router proposes (a route-based tunnel narrows 0.0.0.0/0 to it). */
const cloudAccepts = (t: Transcript, p: Pair): boolean => t.c.routeBased || t.c.pairs.some((q) => sameSelector(p, q));
const routerAccepts = (t: Transcript, p: Pair): boolean => t.r.pairs.some((q) => sameSelector(p, q));

/** The pairs the initiator proposes; each becomes one child SA. */
export function proposedPairs(t: Transcript): Pair[] {
  return t.init === "router" ? t.r.pairs : t.c.pairs;
}

/** IKEv1 quick mode starts with a line on the router. */
export function phase2Opening(t: Transcript): void {
  if (t.r.version !== 1) return;
  const verb = t.init === "router" ? "initiate" : "respond";
  t.info(`${verb} new phase 2 negotiation: ${t.R}[${t.port}]<=>${t.G}[${t.port}]`);
}

export const selectors: Check = (t) => {
  const v1 = t.r.version === 1;
  if (t.init === "router") {
    if (t.r.pairs.length === 0) return "traffic-selectors"; // no policy: the router never starts phase 2
    const bad = t.r.pairs.find((p) => !cloudAccepts(t, p));
    if (!bad) {
      const unmatched = t.c.pairs.find((p) => !routerAccepts(t, p));
      if (unmatched) t.latentIf("traffic-selectors", `the cloud initiates: it proposes ${ts(unmatched)}, for which the router has no policy`);
      return undefined;
    }
    if (v1) {
      t.swan("IKE", "no matching CHILD_SA config found");
      t.swan("ENC", `generating INFORMATIONAL_V1 request ${t.msgId("ts")} [ HASH N(INVAL_ID) ]`);
      t.error("notification INVALID-ID-INFORMATION received");
    } else {
      t.swan("IKE", `traffic selectors ${ts(bad)} inacceptable`);
      t.swan("IKE", "failed to establish CHILD_SA, keeping IKE_SA");
      t.swan("ENC", "generating IKE_AUTH response 1 [ IDr AUTH N(TS_UNACCEPT) ]");
      t.error("got fatal error: TS_UNACCEPTABLE");
    }
    return "traffic-selectors";
  }
  if (t.c.pairs.length === 0) return "traffic-selectors"; // an empty SPD: the cloud never starts phase 2
  const bad = t.c.pairs.find((p) => !routerAccepts(t, p));
  if (!bad) {
    const unmatched = t.r.pairs.find((p) => !cloudAccepts(t, p));
    if (unmatched) t.latentIf("traffic-selectors", `the router initiates: it proposes ${ts(unmatched)}, which the cloud's SPD does not hold`);
    return undefined;
  }
  if (v1) {
    t.error(`${t.G} failed to pre-process ph2 packet (side: 1, status 1).`);
    if (t.mode === "aggressive") t.swan("IKE", "received HASH payload does not match integrity check failed");
    else {
      t.swan("ENC", `parsed INFORMATIONAL_V1 request ${t.msgId("ts")} [ HASH N(INVAL_ID) ]`);
      t.swan("IKE", "received INVALID_ID_INFORMATION error notify");
    }
  } else {
    t.error("policy not found");
    t.error("no policy found/generated");
    t.debug("adding notify: TS_UNACCEPTABLE");
    t.swan("ENC", "parsed IKE_AUTH response 1 [ IDr AUTH N(TS_UNACCEPT) ]");
    t.swan("IKE", "received TS_UNACCEPTABLE notify, no CHILD_SA built");
  }
  return "traffic-selectors";
};

/** strongSwan's ESP proposal text; `withDh` false for an IKEv2 IKE_AUTH child, which carries no key exchange. */
function espText(encs: readonly string[], integs: readonly string[], pfs: number, withDh: boolean): string {
  const integ = encs.every(aead) ? [] : integs.map((i) => named(SWAN_INTEG, i)).filter(Boolean);
  const dh = withDh && pfs !== 0 ? [namedDh(SWAN_DH, pfs)] : [];
  return `ESP:${[...encs.map((e) => named(SWAN_ENC, e)), ...integ, ...dh, "NO_EXT_SEQ"].join("/")}`;
}

/** The router's offer as strongSwan lists it: one proposal per combination under IKEv1, one combined under IKEv2. */
function routerEsp(t: Transcript, withDh: boolean): string[] {
  const p = t.r.phase2;
  if (t.r.version === 2) return [espText(p.enc, p.auth, p.pfs, withDh)];
  return p.enc.flatMap((e) => p.auth.map((a) => espText([e], [a], p.pfs, withDh)));
}
const cloudEsp = (t: Transcript, withDh: boolean): string => espText([t.c.phase2.enc], [t.c.phase2.integ], t.c.phase2.pfs, withDh);

/** The cloud (responder) found none of the router's ESP proposals acceptable. */
function cloudRefusesEsp(t: Transcript, missing: string): void {
  const withDh = t.r.version === 1;
  const received = routerEsp(t, withDh);
  const configured = cloudEsp(t, withDh);
  t.swan("CFG", `received proposals: ${received.join(", ")}`);
  t.swan("CFG", `configured proposals: ${configured}`);
  if (t.r.version === 1) {
    t.swan("IKE", `${received[0] ?? ""} no matching proposal found, sending NO_PROPOSAL_CHOSEN`);
    t.error("notification NO-PROPOSAL-CHOSEN received");
  } else {
    t.swan("CFG", `no acceptable ${missing} found`);
    t.swan("IKE", "failed to establish CHILD_SA, keeping IKE_SA");
    t.swan("ENC", "generating IKE_AUTH response 1 [ IDr AUTH N(NO_PROP) ]");
    t.error("got fatal error: NO_PROPOSAL_CHOSEN");
  }
  t.tencent("IKE_NEGO", `no matching proposal, configured [${configured}], received [${received.join(", ")}]`);
}

/** The router (responder) refused the cloud's ESP proposal with these lines first. */
function routerRefusesEsp(t: Transcript, lines: () => void): void {
  if (t.r.version === 1) {
    lines();
    t.error(`${t.G} failed to pre-process ph2 packet (side: 1, status 1).`);
    t.swan("ENC", `parsed INFORMATIONAL_V1 request ${t.msgId("ph2")} [ HASH N(NO_PROP) ]`);
    t.swan("IKE", "received NO_PROPOSAL_CHOSEN error notify");
  } else {
    t.debug("reply notify: NO_PROPOSAL_CHOSEN");
    t.error("no suitable proposal found");
    t.swan("ENC", "parsed IKE_AUTH response 1 [ IDr AUTH N(NO_PROP) ]");
    t.swan("IKE", "received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built");
  }
}

export const espProposal: Check = (t) => {
  const { r, c } = t;
  const encOk = r.phase2.enc.includes(c.phase2.enc);
  const integOk = aead(c.phase2.enc) || r.phase2.auth.includes(c.phase2.integ);
  if (encOk && integOk) return undefined;
  if (t.init === "router") cloudRefusesEsp(t, encOk ? "INTEGRITY_ALGORITHM" : "ENCRYPTION_ALGORITHM");
  else {
    routerRefusesEsp(t, () => {
      const mine = r.phase2.enc[0] ?? "null";
      const theirs = c.phase2.enc;
      if (!encOk && named(RACOON_ESP, mine) !== named(RACOON_ESP, theirs)) t.debug(`trns_id mismatched: my:${named(RACOON_ESP, mine)} peer:${named(RACOON_ESP, theirs)}`);
      else if (!encOk) t.debug(`keylen mismatched: my:${keyLength(mine)} peer:${keyLength(theirs)}`);
      else t.debug(`authtype mismatched: my:${named(RACOON_AUTH, r.phase2.auth[0] ?? "null")} peer:${named(RACOON_AUTH, c.phase2.integ)}`);
      t.error("no suitable proposal found");
    });
  }
  return "ipsec-algorithm";
};

/** IKEv1 negotiates the PFS group in quick mode; IKEv2 only at the first rekey (see rekey). */
export const pfsGroupV1: Check = (t) => {
  if (t.r.version !== 1 || t.r.phase2.pfs === t.c.phase2.pfs) return undefined;
  if (t.init === "router") cloudRefusesEsp(t, "DIFFIE_HELLMAN_GROUP");
  else routerRefusesEsp(t, () => t.error(`pfs group mismatched: my:${t.r.phase2.pfs} peer:${t.c.phase2.pfs}`));
  return "pfs-group";
};

/** IKEv1 phase-2 lifetimes under the router profile's proposal-check (IKEv2 ignores it and never negotiates them). */
export const lifetimes: Check = (t) => {
  const mine = t.r.phase2.lifetime;
  const peer = t.c.phase2.lifetime;
  if (t.r.version !== 1 || mine === peer) return undefined;
  const check = t.r.phase1.proposalCheck;
  const line = check === "strict" && peer > mine ? `long lifetime proposed: my:${mine} peer:${peer}` : check === "exact" ? `lifetime mismatched: my:${mine} peer:${peer}` : undefined;
  if (!line) {
    const would = peer > mine ? "strict or exact" : "exact";
    t.latentIf("lifetime", `the router profile's proposal-check is ${would} (phase-2 lifetimes: router ${mine}s, cloud ${peer}s)`);
    return undefined;
  }
  if (t.init === "cloud") routerRefusesEsp(t, () => t.error(line));
  else {
    t.error(line);
    t.error(`${t.G} failed to pre-process ph2 packet (side: 0, status 5).`);
  }
  return "lifetime";
};

/** Both ends install one SA pair per proposed selector. */
export function childrenEstablished(t: Transcript): ChildSa[] {
  const lifetime = t.r.version === 2 ? t.r.phase2.lifetime : negotiatedLifetime(t);
  return proposedPairs(t).map((pair, i) => {
    const out = t.hex(`spi/out/${i}`, 8);
    const inbound = t.hex(`spi/in/${i}`, 8);
    t.info(`IPsec-SA established: ${t.R}[${t.port}]->${t.G}[${t.port}] spi=0x${out}`);
    t.info(`IPsec-SA established: ${t.G}[${t.port}]->${t.R}[${t.port}] spi=0x${inbound}`);
    t.swan("IKE", `CHILD_SA ${t.c.name}{${i + 1}} established with SPIs ${out}_i ${inbound}_o and TS ${ts(pair)}`);
    return { routerSubnet: pair.router, cloudSubnet: pair.cloud, outboundSpi: `0x${out}`, inboundSpi: `0x${inbound}`, encryption: t.c.phase2.enc, integrity: t.c.phase2.integ, lifetimeSeconds: lifetime };
  });
}

/** IKEv1: obey takes the initiator's lifetime, claim the shorter; strict/exact got here only when acceptable. */
function negotiatedLifetime(t: Transcript): number {
  const mine = t.r.phase2.lifetime;
  const peer = t.c.phase2.lifetime;
  if (t.r.phase1.proposalCheck === "claim") return Math.min(mine, peer);
  return t.init === "router" ? mine : peer;
}

/**
 * IKEv2: the first CHILD_SA comes out of IKE_AUTH without a key exchange, so a PFS-group difference shows only when
 * the side whose phase-2 lifetime runs out first starts CREATE_CHILD_SA. Returns "pfs-group" when the rekey fails.
 */
export function rekey(t: Transcript): "pfs-group" | undefined {
  if (t.r.version !== 2 || t.r.phase2.pfs === t.c.phase2.pfs) return undefined;
  const r = t.r.phase2.lifetime;
  const c = t.c.phase2.lifetime;
  const rekeyer = r < c ? "router" : c < r ? "cloud" : t.init;
  if (!t.s.rekey) {
    t.latentIf("pfs-group", `the first phase-2 rekey (after ${Math.min(r, c)}s, started by the ${rekeyer}): the first IKEv2 CHILD_SA has no key exchange`);
    return undefined;
  }
  if (rekeyer === "router") {
    t.swan("CFG", `received proposals: ${routerEsp(t, true).join(", ")}`);
    t.swan("CFG", `configured proposals: ${cloudEsp(t, true)}`);
    t.swan("CFG", "no acceptable DIFFIE_HELLMAN_GROUP found");
    t.swan("ENC", "generating CREATE_CHILD_SA response 2 [ N(NO_PROP) ]");
    t.error("got fatal error: NO_PROPOSAL_CHOSEN");
    t.killing();
  } else {
    t.debug("reply notify: NO_PROPOSAL_CHOSEN");
    t.killing();
    t.swan("ENC", "parsed CREATE_CHILD_SA response 2 [ N(NO_PROP) ]");
    t.swan("IKE", "received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built");
  }
  return "pfs-group";
}
