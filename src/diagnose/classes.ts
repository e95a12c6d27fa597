// The mismatch classes as data: what each means, the spec fields involved, the fix, and its direction/rekey caveats.
// Pure data; no I/O. Covers every row of the article's table (section 五) and the reference's further classes.
import { where } from "./fields";
import type { ClassInfo, MismatchClass } from "./types";

export const REKEY_NOTE =
  "IKEv2 creates the first CHILD_SA inside IKE_AUTH without a key exchange, so a PFS-group mismatch passes the first " +
  "negotiation and fails only at the first phase-2 rekey (after ipsec.lifetime): the tunnel works, then drops.";
export const EXCHANGE_MODE_DIRECTION_NOTE =
  "Fails in one direction only: when the main-mode side initiates, the other side usually answers in main mode and the " +
  "tunnel comes up; it fails when the aggressive-mode side initiates (e.g. after a reboot, a DPD restart or a rekey).";
export const LIFETIME_CHECK_NOTE =
  "Lifetimes only fail under RouterOS proposal-check=strict (`long lifetime proposed`: the peer's is longer) or " +
  "exact (`lifetime mismatched`); obey takes the initiator's, claim the shorter. So it can fail in one direction only.";
export const PSK_SILENCE_NOTE =
  "IKEv1 main mode: with a different key the responder cannot decrypt message 5 and stays silent, so the initiator " +
  "only sees retransmits and `time up`; look at the responder's log for the real reason.";
export const NAT_RESPONDER_NOTE =
  "Behind 1:1 NAT with my-id set to the public address, the router fails only when it answers (responder: " +
  "`identity not found for responder`); as initiator it may come up. Fix: my-id auto with remote-id ignore on RouterOS, " +
  "or FQDN identities on both ends.";

const SPECIFIC: readonly ClassInfo[] = [
  {
    id: "psk",
    title: "pre-shared key mismatch",
    generic: false,
    phase: 1,
    fields: ["preSharedKey"],
    cause: "The two ends have different pre-shared keys, so neither can decrypt or authenticate the other's messages.",
    fix: `Set the same key on both ends: ${where("preSharedKey")}. Watch for trailing spaces and characters a console strips.`,
    notes: [PSK_SILENCE_NOTE],
  },
  {
    id: "ike-version",
    title: "IKE version mismatch",
    generic: false,
    phase: 1,
    fields: ["ike.version"],
    cause: "One end speaks IKEv1 and the other IKEv2.",
    fix: `Use the same version on both ends: ${where("ike.version")}.`,
  },
  {
    id: "exchange-mode",
    title: "exchange mode mismatch (main vs aggressive)",
    generic: false,
    phase: 1,
    fields: ["ike.exchangeMode"],
    cause: "IKEv1 exchange mode differs: one end uses main mode (Identity Protection), the other aggressive mode.",
    fix: `Use the same mode on both ends, main unless an FQDN identity forces aggressive: ${where("ike.exchangeMode")}.`,
    notes: [EXCHANGE_MODE_DIRECTION_NOTE],
  },
  {
    id: "identity",
    title: "local/remote identity mismatch",
    generic: false,
    phase: 1,
    fields: ["identities.router", "identities.cloud"],
    cause: "The identity one end presents is not the one the other end expects for it.",
    fix:
      `Make the router's identity equal what the cloud expects, ${where("identities.router")}, and the cloud's identity ` +
      `equal what the router expects, ${where("identities.cloud")}. An FQDN identity is only a label: both ends must carry the same string.`,
  },
  {
    id: "customer-gateway-ip",
    title: "wrong customer-gateway public IP in the cloud",
    generic: false,
    phase: 1,
    fields: ["routerPublicIp"],
    cause: "The cloud's customer gateway has an address other than the one the router's packets come from.",
    fix:
      `Set ${where("routerPublicIp")} to the address the router's IKE packets really leave from (the NAT's public ` +
      "address if the router is behind NAT). On both clouds a customer gateway's address cannot be edited: create a new one.",
  },
  {
    id: "traffic-selectors",
    title: "traffic selectors (SPD subnets) mismatch",
    generic: false,
    phase: 2,
    fields: ["siteCidrs", "cloudCidrs"],
    cause: "The subnet pairs the two ends protect differ, so phase 2 cannot agree on what traffic the SA carries.",
    fix:
      `Make the router's policy mirror the cloud's SPD: ${where("siteCidrs")} and ${where("cloudCidrs")}; ` +
      "each router src/dst pair must equal a cloud remote/local pair exactly, not a superset or a subset.",
    notes: [
      "IKEv1 main mode shows this as INVALID_ID_INFORMATION; aggressive mode as a HASH mismatch (the article's table).",
    ],
  },
  {
    id: "ike-algorithm",
    title: "phase-1 encryption or integrity algorithm mismatch",
    generic: false,
    phase: 1,
    fields: ["ike.encryption", "ike.integrity"],
    cause: "The IKE (phase 1) encryption or integrity algorithms of the two ends have nothing in common.",
    fix: `Use the same phase-1 algorithms on both ends: ${where("ike.encryption")} and ${where("ike.integrity")}.`,
  },
  {
    id: "ipsec-algorithm",
    title: "phase-2 encryption or integrity algorithm mismatch",
    generic: false,
    phase: 2,
    fields: ["ipsec.encryption", "ipsec.integrity"],
    cause: "The IPsec (phase 2) encryption or integrity algorithms of the two ends have nothing in common.",
    fix: `Use the same phase-2 algorithms on both ends: ${where("ipsec.encryption")} and ${where("ipsec.integrity")}.`,
  },
  {
    id: "dh-group",
    title: "phase-1 DH group mismatch",
    generic: false,
    phase: 1,
    fields: ["ike.dhGroup"],
    cause: "The IKE (phase 1) Diffie-Hellman groups of the two ends differ.",
    fix: `Use the same DH group on both ends: ${where("ike.dhGroup")}.`,
  },
  {
    id: "pfs-group",
    title: "phase-2 PFS group mismatch",
    generic: false,
    phase: 2,
    fields: ["ipsec.pfsGroup"],
    cause: "Perfect forward secrecy differs in phase 2: one end asks for a DH group the other does not use (or uses none).",
    fix: `Use the same PFS group on both ends, or none on both: ${where("ipsec.pfsGroup")}.`,
    notes: [REKEY_NOTE],
  },
  {
    id: "lifetime",
    title: "SA lifetime rejected",
    generic: false,
    fields: ["ike.lifetime", "ipsec.lifetime"],
    cause: "One end's proposal check refuses the other's SA lifetime.",
    fix:
      `Use the same lifetimes on both ends, ${where("ike.lifetime")} and ${where("ipsec.lifetime")}, ` +
      "or relax RouterOS /ip ipsec profile proposal-check to obey or claim.",
    notes: [LIFETIME_CHECK_NOTE],
  },
  {
    id: "router-behind-nat",
    title: "router behind NAT presents its private address",
    generic: false,
    phase: 1,
    fields: ["identities.router", "routerPublicIp", "router.natTraversal"],
    cause: "The router is behind NAT (or CGNAT) and identifies itself by its private address, which the cloud does not expect.",
    fix:
      `Give the router an identity the cloud expects: an FQDN on both ends, or ${where("identities.router")} set to the ` +
      `public address; set ${where("routerPublicIp")} to the NAT's public address; keep ${where("router.natTraversal")} on.`,
    notes: [NAT_RESPONDER_NOTE],
  },
  {
    id: "nat-traversal",
    title: "NAT traversal mismatch",
    generic: false,
    phase: 1,
    fields: ["router.natTraversal"],
    cause: "One end encapsulates in UDP 4500 (NAT-T) and the other does not expect it.",
    fix: `Enable or disable NAT traversal on both ends alike (on, if anything between them translates): ${where("router.natTraversal")}.`,
  },
  {
    id: "dpd",
    title: "dead peer detection mismatch or timeout",
    generic: false,
    fields: ["ike.dpd"],
    cause: "Dead peer detection is configured differently on the two ends, or its probes go unanswered.",
    fix: `Enable DPD on both ends with compatible timers: ${where("ike.dpd")}; if probes are lost, check the path.`,
  },
];

const GENERIC: readonly ClassInfo[] = [
  {
    id: "peer-not-answering",
    title: "peer not answering",
    generic: true,
    fields: ["cloudGatewayIp", "routerPublicIp", "router.natBypass"],
    cause: "No answer came back: UDP 500/4500 blocked, a wrong peer address, or the other end silently dropping.",
    fix:
      `Check ${where("cloudGatewayIp")} and ${where("routerPublicIp")}; allow UDP 500 and 4500 both ways on every firewall ` +
      `in between; make sure tunnel traffic is not masqueraded before the policy sees it, ${where("router.natBypass")}.`,
    // The causes that make the other end silent rather than talkative (wrong address, key, NAT-T, identity, mode).
    standsFor: ["customer-gateway-ip", "psk", "nat-traversal", "router-behind-nat", "identity", "exchange-mode"],
    notes: ["A timeout says only that no answer came; the other end's log usually says why it did not answer."],
  },
  {
    id: "proposal-rejected",
    title: "proposal rejected (reason not given)",
    generic: true,
    fields: [],
    cause: "One end rejected the other's proposal without saying which part (NO_PROPOSAL_CHOSEN).",
    fix: "The other end's log, or the RouterOS `ipsec` debug topic, names the part that differs.",
    standsFor: ["ike-version", "ike-algorithm", "dh-group", "ipsec-algorithm", "pfs-group", "lifetime"],
  },
  {
    id: "phase1-rejected",
    title: "phase 1 failed (reason not given)",
    generic: true,
    phase: 1,
    fields: [],
    cause: "Phase 1 (IKE SA) failed without a reason on this end.",
    fix: "Enable the RouterOS `ipsec` debug topic for the `rejected ...` detail lines that name the part.",
    standsFor: ["ike-algorithm", "dh-group", "exchange-mode", "ike-version", "lifetime", "identity", "psk"],
  },
  {
    id: "phase2-rejected",
    title: "phase 2 failed (reason not given)",
    generic: true,
    phase: 2,
    fields: [],
    cause: "Phase 1 came up but phase 2 (the IPsec SA) was refused without a reason on this end.",
    fix: "The cloud's log usually names the part that differs.",
    standsFor: ["traffic-selectors", "ipsec-algorithm", "pfs-group", "lifetime"],
  },
  {
    id: "authentication-failed",
    title: "authentication failed (reason not given)",
    generic: true,
    phase: 1,
    fields: [],
    cause: "One end refused the other's authentication (AUTHENTICATION_FAILED) without saying why.",
    fix: "Start with the key, then both identities.",
    standsFor: ["psk", "identity", "router-behind-nat", "exchange-mode", "ike-version"],
  },
];

export const CLASSES: readonly ClassInfo[] = [...SPECIFIC, ...GENERIC];

const BY_ID = new Map<MismatchClass, ClassInfo>(CLASSES.map((c) => [c.id, c]));

export function classInfo(id: MismatchClass): ClassInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`diagnose: unknown mismatch class ${id}`);
  return info;
}

export function isGeneric(id: MismatchClass): boolean {
  return classInfo(id).generic;
}
