// Phase-1 authentication: the router's identity row, the pre-shared key, and the identities each end presents and
// expects (including the private address a router behind NAT presents). Writes both sides' lines; pure otherwise.
import { rosIdText, sameId, tencentIdText, type Id } from "./ends";
import type { Check } from "./phase1";
import { RETRANSMITS, type Transcript } from "./transcript";
import type { MismatchClass } from "./types";

/** What the router presents: my-id, or with `auto` its own address (the private one behind NAT). */
export function routerId(t: Transcript): Id {
  const my = t.r.identity?.myId ?? "auto";
  return my === "auto" ? { type: "address", value: t.R } : my;
}

/** strongSwan prints an identity as its bare value. */
const swanId = (id: Id): string => id.value;

/** A RouterOS initiator with no identity for the peer never sends a packet. */
export const identityRowForInitiator: Check = (t) => {
  if (t.init !== "router" || t.r.identity) return undefined;
  t.error(`initiator can't find identity for peer: ${t.r.peerName}`);
  return "identity";
};

/** As responder, the router looks the identity up when it needs the key (IKEv1) or the peer's ID (IKEv2). */
const identityRowForResponder: Check = (t) => {
  if (t.r.identity) return undefined;
  if (t.r.version === 1) {
    t.error(`couldn't find the pskey for ${t.G}.`);
    t.cloudRetransmits(2);
  } else {
    t.error(`identity not found for server:${t.R} peer: ${rosIdText(t.c.localId)}`);
    routerRefusedIke2Auth(t);
  }
  return "identity";
};

/** The router, as IKEv2 responder, answered IKE_AUTH with AUTHENTICATION_FAILED. */
function routerRefusedIke2Auth(t: Transcript): void {
  t.debug("reply notify: AUTHENTICATION_FAILED");
  t.killing();
  t.swan("ENC", "parsed IKE_AUTH response 1 [ N(AUTH_FAILED) ]");
  t.swan("IKE", "received AUTHENTICATION_FAILED notify error");
}

export const psk: Check = (t) => {
  const secret = t.r.identity?.secret;
  if (secret === undefined) {
    t.assumptions.push("the router's identity secret is not readable (no sensitive policy): the pre-shared keys are assumed equal");
    return undefined;
  }
  if (secret === t.c.psk) return undefined;
  if (t.r.version === 2) {
    if (t.init === "router") {
      t.swan("IKE", `tried 1 shared key for '${swanId(t.c.localId)}' - '${swanId(routerId(t))}', but MAC mismatched`);
      t.swan("ENC", "generating IKE_AUTH response 1 [ N(AUTH_FAILED) ]");
      t.error("got fatal error: AUTHENTICATION_FAILED");
    } else {
      routerRefusedIke2Auth(t);
    }
    return "psk";
  }
  // IKEv1: the responder cannot decrypt the initiator's first encrypted message and stays silent.
  if (t.init === "router") {
    t.swan("ENC", "invalid HASH_V1 payload length, decryption failed?");
    t.swan("ENC", "could not decrypt payloads");
    t.swan("IKE", "message parsing failed");
    t.tencent("TANS_IKE_NEGO", "invalid HASH_V1 payload length, decryption failed");
    t.routerTimeUp(true, t.G);
  } else {
    for (let i = 0; i <= RETRANSMITS; i++) t.error(`${t.G} parsing packet failed, possible cause: wrong password`);
    t.routerTimeUp(true, t.G);
    t.cloudRetransmits(3, `retransmit IKEv1 Main Mode Initiator 5th message ${RETRANSMITS} times`);
  }
  return "psk";
};

/** Behind NAT with my-id auto, the router presents its private address where the cloud expects the public one. */
function cloudRejectionClass(t: Transcript, presented: Id): MismatchClass {
  const expected = t.c.remoteId;
  const natted = !!t.s.routerBehindNat && t.R !== t.P;
  return natted && (t.r.identity?.myId ?? "auto") === "auto" && expected.type === "address" && expected.value === t.P && presented.value === t.R
    ? "router-behind-nat"
    : "identity";
}

/** IKEv2 behind 1:1 NAT with my-id = the public address: RouterOS finds no identity when it answers. */
function oneToOneResponderTrap(t: Transcript): boolean {
  const my = t.r.identity?.myId;
  return t.s.routerBehindNat === "one-to-one" && t.r.version === 2 && my !== undefined && my !== "auto" && my.type === "address" && my.value === t.P && t.P !== t.R;
}

export const identities: Check = (t) => {
  const presented = routerId(t);
  const cloudRejects = !sameId(presented, t.c.remoteId);
  const expected = t.r.identity?.remoteId ?? "auto";
  const routerRejects = expected !== "auto" && expected !== "ignore" && !sameId(expected, t.c.localId);
  const v1 = t.r.version === 1;

  if (t.init === "router") {
    if (cloudRejects) {
      t.swan("CFG", `looking for peer configs matching ${t.G}[${swanId(t.c.localId)}]...${t.P}[${swanId(presented)}]`);
      t.swan("CFG", "no matching peer config found");
      t.tencent("IKE_NEGO", `no peer config found by ID payload, received[${tencentIdText(presented)}]`);
      if (v1) {
        t.swan("ENC", `generating INFORMATIONAL_V1 request ${t.msgId("auth")} [ HASH N(AUTH_FAILED) ]`);
        t.error("notification AUTHENTICATION-FAILED received");
        t.routerTimeUp(true, t.G);
      } else {
        t.swan("ENC", "generating IKE_AUTH response 1 [ N(AUTH_FAILED) ]");
        t.error("got fatal error: AUTHENTICATION_FAILED");
      }
      return cloudRejectionClass(t, presented);
    }
    if (routerRejects) {
      t.swan("IKE", `IKE_SA ${t.c.name}[1] established between ${t.G}[${swanId(t.c.localId)}]...${t.P}[${swanId(presented)}]`);
      if (v1) t.error(`${t.G} ID value mismatched.`);
      else {
        t.error(`identity not found for server:${t.R} peer: ${rosIdText(t.c.localId)}`);
        t.killing();
      }
      t.swan("IKE", `received DELETE for IKE_SA ${t.c.name}[1]`);
      return "identity";
    }
    if (oneToOneResponderTrap(t)) {
      t.latentIf("router-behind-nat", "the cloud initiates: behind 1:1 NAT with my-id set to the public address, RouterOS finds no identity as responder");
    }
    return undefined;
  }

  if (oneToOneResponderTrap(t)) {
    t.error(`identity not found for responder: ADDR4:${t.P} peer: ${rosIdText(t.c.localId)}`);
    routerRefusedIke2Auth(t);
    return "router-behind-nat";
  }
  if (routerRejects) {
    if (v1) {
      t.error(`${t.G} ID value mismatched.`);
      t.error(`${t.G} phase1 negotiation failed.`);
      t.swan("ENC", `parsed INFORMATIONAL_V1 request ${t.msgId("auth")} [ HASH N(AUTH_FAILED) ]`);
      t.swan("IKE", "received AUTHENTICATION_FAILED error notify");
    } else {
      t.error(`identity not found for server:${t.R} peer: ${rosIdText(t.c.localId)}`);
      routerRefusedIke2Auth(t);
    }
    return "identity";
  }
  if (cloudRejects) {
    t.swan("IKE", `IDir '${swanId(presented)}' does not match to '${swanId(t.c.remoteId)}'`);
    if (v1) {
      t.info(`ISAKMP-SA established ${t.R}[${t.port}]-${t.G}[${t.port}] spi:${t.icookie}:${t.rcookie}`);
      t.info(`ISAKMP-SA deleted ${t.R}[${t.port}]-${t.G}[${t.port}] spi:${t.icookie}:${t.rcookie}`);
    } else {
      t.killing();
    }
    return cloudRejectionClass(t, presented);
  }
  return undefined;
};

/** Phase-1 authentication in the order the exchange meets it: IKEv1 main mode needs the key before it can read the
 *  identities; aggressive mode and IKEv2 pick the configuration by identity first, then verify the key. */
export const authentication: Check = (t) => {
  const keyFirst = t.r.version === 1 && t.mode === "main";
  if (t.init === "cloud" && !t.r.identity) return identityRowForResponder(t);
  return keyFirst ? (psk(t) ?? identities(t)) : (identities(t) ?? psk(t));
};

/** Both ends consider phase 1 up. */
export function phase1Established(t: Transcript): void {
  if (t.r.version === 1) t.info(`ISAKMP-SA established ${t.R}[${t.port}]-${t.G}[${t.port}] spi:${t.icookie}:${t.rcookie}`);
  t.swan("IKE", `IKE_SA ${t.c.name}[1] established between ${t.G}[${swanId(t.c.localId)}]...${t.P}[${swanId(routerId(t))}]`);
}
