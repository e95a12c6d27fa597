// Phase-1 checks up to authentication, in the order the first IKE packets meet them: path, addresses, IKE version,
// exchange mode, proposal (encryption/integrity/DH), NAT detection. Each writes both sides' lines; none looks further.
import type { Transcript } from "./transcript";
import type { MismatchClass } from "./types";
import {
  RACOON_DH, RACOON_ENC, RACOON_HASH, RACOON_MODE, SWAN_DH, SWAN_ENC, SWAN_INTEG, SWAN_MODE, SWAN_PRF, keyLength, named, namedDh,
} from "./vocabulary";

export type Check = (t: Transcript) => MismatchClass | undefined;

/** UDP 500/4500 dropped: the initiator retransmits into silence. */
export const path: Check = (t) => {
  if (!t.s.blocked) return undefined;
  if (t.init === "router") t.routerTimeUp(false);
  else t.cloudRetransmits(1);
  return "peer-not-answering";
};

/** The initiator must reach the other end, and the other end must recognise where the packets come from. */
export const addresses: Check = (t) => {
  if (t.init === "router") {
    if (t.A !== t.G) {
      t.routerTimeUp(false);
      return "wrong-peer-address";
    }
    if (t.C !== t.P) {
      t.swan("IKE", `no IKE config found for ${t.G}...${t.P}, sending NO_PROPOSAL_CHOSEN`);
      if (t.r.version === 2) t.error("got fatal error: NO_PROPOSAL_CHOSEN");
      else {
        t.debug("notification NO-PROPOSAL-CHOSEN received");
        t.routerTimeUp(false);
      }
      return "customer-gateway-ip";
    }
    return undefined;
  }
  if (t.C !== t.P) {
    t.swan("IKE", "received UNSUPPORTED_CRITICAL_PAYLOAD error notify");
    return "customer-gateway-ip";
  }
  if (t.A !== t.G) {
    // The router has no peer for the gateway's address and drops its packets without a default-topic line.
    t.cloudRetransmits(1);
    return "wrong-peer-address";
  }
  return undefined;
};

export const version: Check = (t) => {
  const { r, c } = t;
  if (r.version === c.version) return undefined;
  if (t.init === "router") {
    t.swan("IKE", `no IKE config found for ${t.G}...${t.P}, sending NO_PROPOSAL_CHOSEN`);
    if (r.version === 2) t.error("got fatal error: NO_PROPOSAL_CHOSEN");
    else {
      t.debug("notification NO-PROPOSAL-CHOSEN received");
      t.routerTimeUp(false);
    }
  } else if (c.version === 2) {
    t.debug("reply notify: NO_PROPOSAL_CHOSEN");
    t.swan("ENC", "parsed IKE_SA_INIT response 0 [ N(NO_PROP) ]");
    t.swan("IKE", "received NO_PROPOSAL_CHOSEN notify error");
  } else {
    // An IKEv2-only router has no IKEv1 configuration for the gateway: Main Mode goes unanswered.
    t.cloudRetransmits(1);
  }
  return "ike-version";
};

/** IKEv1 only. A responder configured for aggressive mode still answers main mode, so only one direction fails. */
export const exchangeMode: Check = (t) => {
  const { r, c } = t;
  if (r.version !== 1 || r.mode === c.mode) return undefined;
  const other = t.init === "router" ? "cloud" : "router";
  if (t.mode === "main" && (t.init === "router" ? c.mode : r.mode) === "aggressive") {
    t.latentIf("exchange-mode", `the ${other} initiates: its aggressive mode is refused by the ${t.init}'s main-mode configuration`);
    return undefined;
  }
  if (t.init === "router") {
    t.swan("IKE", `${t.P} is initiating a ${SWAN_MODE[t.mode]} IKE_SA`);
    t.swan("CFG", "no peer config found");
    t.swan("ENC", `generating INFORMATIONAL_V1 request ${t.msgId("mode")} [ N(AUTH_FAILED) ]`);
    t.tencent("IKE_NEGO", "responder no peer config found by ID payload");
    t.debug("notification AUTHENTICATION-FAILED received");
    t.routerTimeUp(false);
  } else {
    t.error(`exchange ${RACOON_MODE[t.mode]} not allowed in any applicable rmconf.`);
    t.swan("ENC", `parsed INFORMATIONAL_V1 request ${t.msgId("mode")} [ N(AUTH_FAILED) ]`);
    t.swan("IKE", "received AUTHENTICATION_FAILED error notify");
  }
  return "exchange-mode";
};

interface Transform {
  enc: string;
  integ: string;
  dh: number;
}

/** strongSwan's proposal text: `IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_768`. */
function ikeText(encs: readonly string[], integ: string, dhs: readonly number[]): string {
  return ["IKE", [...encs.map((e) => named(SWAN_ENC, e)), named(SWAN_INTEG, integ), named(SWAN_PRF, integ), ...dhs.map((d) => namedDh(SWAN_DH, d))].join("/")].join(":");
}

/** The router's phase-1 offer: one transform per encryption × DH group (the hash is a single value). */
function routerTransforms(t: Transcript): Transform[] {
  const p = t.r.phase1;
  return p.enc.flatMap((enc) => p.dh.map((dh) => ({ enc, integ: p.hash, dh })));
}

/** racoon's debug line for the first difference between local (DB) transform `i` and the peer's only transform. */
function racoonRejection(mine: Transform, peer: Transform, psk: boolean, i: number): string | undefined {
  const what: Array<[string, string, string]> = [
    ["enctype", named(RACOON_ENC, mine.enc), named(RACOON_ENC, peer.enc)],
    ["encklen", String(keyLength(mine.enc)), String(keyLength(peer.enc))],
    ["hashtype", named(RACOON_HASH, mine.integ), named(RACOON_HASH, peer.integ)],
    ["authmethod", psk ? "pre-shared key" : "RSA signatures", "pre-shared key"],
    ["dh_group", namedDh(RACOON_DH, mine.dh), namedDh(RACOON_DH, peer.dh)],
  ];
  const diff = what.find(([, a, b]) => a !== b);
  return diff && `rejected ${diff[0]}: DB(prop#1:trns#${i + 1}):Peer(prop#1:trns#1) = ${diff[1]}:${diff[2]}`;
}

export const ikeProposal: Check = (t) => {
  const { r, c } = t;
  const cloud: Transform = { enc: c.phase1.enc, integ: c.phase1.integ, dh: c.phase1.dh };
  const psk = (r.identity?.authMethod ?? "pre-shared-key").startsWith("pre-shared-key");
  const encOk = r.phase1.enc.includes(cloud.enc);
  const integOk = r.phase1.hash === cloud.integ;
  const dhOk = r.phase1.dh.includes(cloud.dh);
  const authOk = psk || r.version === 2;
  if (encOk && integOk && dhOk && authOk) return undefined;
  const cls: MismatchClass = encOk && integOk && authOk ? "dh-group" : "ike-algorithm";
  const received = r.version === 1 ? routerTransforms(t).map((x) => ikeText([x.enc], x.integ, [x.dh])).join(", ") : ikeText(r.phase1.enc, r.phase1.hash, r.phase1.dh);
  const configured = ikeText([cloud.enc], cloud.integ, [cloud.dh]);
  if (t.init === "router") {
    t.swan("CFG", `received proposals: ${received}`);
    t.swan("CFG", `configured proposals: ${configured}`);
    if (r.version === 1) {
      t.swan("IKE", "no proposal found");
      t.swan("ENC", `generating INFORMATIONAL_V1 request ${t.msgId("ph1")} [ N(NO_PROP) ]`);
    } else {
      if (cls === "dh-group") t.swan("IKE", `received KE type ${r.phase1.dh[0] ?? 0},expected ${cloud.dh}`);
      const missing = !encOk ? "ENCRYPTION_ALGORITHM" : !integOk ? "INTEGRITY_ALGORITHM" : "DIFFIE_HELLMAN_GROUP";
      t.swan("CFG", `no acceptable ${missing} found`);
      t.swan("ENC", "generating IKE_SA_INIT response 0 [ N(NO_PROP) ]");
    }
    t.tencent("IKE_NEGO", `no matching proposal, configured [${configured}], received [${received}]`);
    if (r.version === 2) t.error("got fatal error: NO_PROPOSAL_CHOSEN");
    else {
      t.debug("notification NO-PROPOSAL-CHOSEN received");
      t.routerTimeUp(false);
    }
    return cls;
  }
  if (r.version === 1) {
    routerTransforms(t).forEach((mine, i) => {
      const line = racoonRejection(mine, cloud, psk, i);
      if (line) t.debug(line);
    });
    t.debug("no suitable proposal found.");
    t.error(`${t.G} failed to get valid proposal.`);
    t.error(`${t.G} failed to pre-process ph1 packet (side: 1, status 1).`);
    t.error(`${t.G} phase1 negotiation failed.`);
    t.swan("ENC", `parsed INFORMATIONAL_V1 request ${t.msgId("ph1")} [ N(NO_PROP) ]`);
    t.swan("IKE", "received NO_PROPOSAL_CHOSEN error notify");
  } else {
    t.debug("reply notify: NO_PROPOSAL_CHOSEN");
    t.error("no suitable proposal found");
    t.swan("ENC", "parsed IKE_SA_INIT response 0 [ N(NO_PROP) ]");
    t.swan("IKE", "received NO_PROPOSAL_CHOSEN notify error");
  }
  return cls;
};

/** NAT detection (IKEv1 messages 3/4, IKEv2 IKE_SA_INIT): floats to 4500, or fails when the router has NAT-T off. */
export const natDetection: Check = (t) => {
  if (!t.s.routerBehindNat) return undefined;
  if (t.r.version === 1 && !t.r.phase1.natTraversal) {
    t.swan("ENC", "ignore the packet, received unexpecting payload type 130");
    t.error("received unexpecting payload type 130");
    t.routerTimeUp(true, t.G);
    if (t.init === "cloud") t.cloudRetransmits(2);
    return "nat-traversal";
  }
  t.swan("IKE", "remote host is behind NAT");
  t.port = 4500;
  return undefined;
};
