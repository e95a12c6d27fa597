// The catalog rows for Tencent Cloud's VPN gateway log (lines prefixed IKE_NEGO:, TANS_IKE_NEGO:, IKE_SA_ESTABLISH_FAIL:).
// Its gateway is strongSwan-based: a Tencent line no row here matches is read with the strongSwan rows. Pure data; no I/O.
import { PSK_SILENCE_NOTE } from "./classes";
import { entry } from "./entry";
import type { CatalogEntry } from "./types";

/** Tencent's identity spelling: `[ID_IPV4_ADDR:203.0.113.10]` or `[ID_FQDN:router.example]`. */
const ID = String.raw`\s*\[(?:ID_\w+:)?`;

export const TENCENT_ENTRIES: readonly CatalogEntry[] = [
  entry({
    id: "tc.psk.invalid-hash-v1",
    dialect: "tencent",
    class: "psk",
    pattern: /TANS_IKE_NEGO:\s*invalid HASH_V1 payload length, decryption failed/,
    cause: "The cloud could not decrypt the router's encrypted message: the pre-shared keys differ.",
    weight: 8,
    basis: "vendor-doc",
    example: "2024-03-14 10:02:11 TANS_IKE_NEGO: invalid HASH_V1 payload length, decryption failed",
  }),
  entry({
    id: "tc.psk.no-matching-secret",
    dialect: "tencent",
    class: "psk",
    pattern: /for the reason of no matching secret/,
    cause: "Tencent says so: the pre-shared keys differ.",
    weight: 9,
    basis: "vendor-doc",
    example:
      "2024-03-14 10:02:11 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of no matching secret. ike connection: vpnx-3k2m9q1f, my ip: 198.51.100.7, peer ip: 203.0.113.10.",
  }),
  entry({
    id: "tc.peer.retransmit-message-5",
    dialect: "tencent",
    class: "peer-not-answering",
    pattern: /retransmit IKEv1 (?:Main Mode )?Initiator 5th message/,
    // Message 5 is the first encrypted one and, with NAT-T, the first on UDP 4500: silence after it is a key mismatch
    // or a blocked 4500 alike (the reference lists this line under "peer silent").
    standsFor: ["psk", "nat-traversal", "router-behind-nat", "identity"],
    cause: "The cloud keeps resending main-mode message 5 (the first encrypted one, the first on UDP 4500 with NAT-T): the router answered 1–4, then fell silent.",
    weight: 3,
    basis: "seen",
    notes: [PSK_SILENCE_NOTE],
    example: "2024-03-14 10:02:19 IKE_NEGO: retransmit IKEv1 Main Mode Initiator 5th message 2 times, message ID 0",
  }),
  entry({
    id: "tc.ike-algorithm.no-matching-proposal",
    dialect: "tencent",
    class: "ike-algorithm",
    // The same pair appears after "for the reason of" (IKE_SA_ESTABLISH_FAIL) and bare (IKE_NEGO:).
    pattern: /no matching proposal, configured\s*\[(?<cloud>[^\]]*)\],\s*received\s*\[(?<router>[^\]]*)\]/,
    fields: ["ike.encryption", "ike.integrity", "ike.dhGroup"],
    refine: "proposal-diff",
    cause: "The phase-1 proposals differ: configured is the cloud's, received the router's.",
    weight: 10,
    basis: "vendor-doc",
    example:
      "2024-03-14 10:02:11 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of no matching proposal, configured [IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1024], received [IKE:AES_CBC_256/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024]. ike connection: vpnx-3k2m9q1f, my ip: 198.51.100.7, peer ip: 203.0.113.10.",
  }),
  entry({
    id: "tc.identity.initiator-no-peer-config",
    dialect: "tencent",
    class: "identity",
    pattern: new RegExp(
      String.raw`initiator no peer config found by ID payload,\s*configured${ID}(?<cloud>[^\]]*)\],\s*received${ID}(?<router>[^\]]*)\]`,
    ),
    captures: "identities.router",
    refine: "private-identity",
    cause: "The router answered with an identity (received) other than the one the cloud expects for it (configured).",
    weight: 10,
    basis: "vendor-doc",
    example:
      "2024-03-14 10:02:11 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of initiator no peer config found by ID payload, configured[ID_IPV4_ADDR:203.0.113.10], received[ID_FQDN:router.example]. ike connection: vpnx-3k2m9q1f, my ip: 198.51.100.7, peer ip: 203.0.113.10.",
  }),
  entry({
    id: "tc.identity.responder-no-peer-config",
    dialect: "tencent",
    class: "identity",
    // "responder" is not always written; the received identity, when there, is what the router presented.
    pattern: new RegExp(String.raw`(?:responder )?no peer config found by ID payload,\s*received${ID}(?<router>[^\]]*)\]`),
    captures: "identities.router",
    refine: "private-identity",
    alsoFits: ["exchange-mode"],
    cause: "No cloud tunnel matches the identity the router (initiator) presented: a different identity, or a different exchange mode.",
    weight: 7,
    basis: "vendor-doc",
    example:
      "2024-03-14 10:02:11 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of responder no peer config found by ID payload, received[ID_IPV4_ADDR:203.0.113.10]. ike connection: vpnx-3k2m9q1f, my ip: 198.51.100.7, peer ip: 203.0.113.10.",
  }),
  entry({
    id: "tc.identity.no-peer-config",
    dialect: "tencent",
    class: "identity",
    pattern: /for the reason of no peer config found by ID payload/,
    alsoFits: ["exchange-mode"],
    cause: "No cloud tunnel matches the identity the router presented.",
    weight: 6,
    basis: "seen",
    example: "TANS/IKE_SA_ESTABLISH_FAIL: Failed to establish IKE SA for the reason of no peer config found by ID payload.",
  }),
  entry({
    id: "tc.peer.no-response",
    dialect: "tencent",
    class: "peer-not-answering",
    pattern: /for the reason of peer no response/,
    cause: "The cloud never got an answer from the router.",
    weight: 2,
    basis: "vendor-doc",
    example:
      "2024-03-14 10:03:11 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of peer no response. ike connection: vpnx-3k2m9q1f, my ip: 198.51.100.7, peer ip: 203.0.113.10.",
  }),
  entry({
    id: "tc.peer.retransmit",
    dialect: "tencent",
    class: "peer-not-answering",
    pattern: /IKE_NEGO:\s*retransmit\b/,
    cause: "The cloud resent a negotiation message the router did not answer.",
    weight: 1,
    basis: "vendor-doc",
    example: "2024-03-14 10:02:15 IKE_NEGO: retransmit IKEv1 Main Mode Initiator 1st message 3 times, message ID 0",
  }),
  entry({
    id: "tc.proposal.no-proposal-chosen",
    dialect: "tencent",
    class: "proposal-rejected",
    pattern: /IKE_NEGO:\s*received NO_PROPOSAL_CHOSEN error notify/,
    standsFor: ["ike-algorithm", "dh-group", "ike-version", "lifetime"],
    cause: "The router refused the cloud's phase-1 proposal (Tencent: the IKE settings differ).",
    weight: 2,
    basis: "vendor-doc",
    example: "2024-03-14 10:02:11 IKE_NEGO: received NO_PROPOSAL_CHOSEN error notify",
  }),
  entry({
    id: "tc.phase1.establish-fail",
    dialect: "tencent",
    class: "phase1-rejected",
    pattern: /IKE_SA_ESTABLISH_FAIL:\s*Failed to establish IKE SA for the reason of (?<reason>.+?)(?:\.\s*ike connection|\.?\s*$)/,
    cause: "Phase 1 failed for a reason this catalog does not know yet (see the line).",
    weight: 1,
    basis: "vendor-doc",
    example: "2024-03-14 10:02:11 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of internal error. ike connection: vpnx-3k2m9q1f, my ip: 198.51.100.7, peer ip: 203.0.113.10.",
  }),
];
