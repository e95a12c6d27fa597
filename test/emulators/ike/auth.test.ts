// Specification of the model's authentication stage: pre-shared key, identities, the router's identity row, and a
// router behind NAT (its private address as identity; NAT-T off), each with the lines the reference gives.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { negotiate } from "../ike";
import { GATEWAY_IP as G, ROUTER_IP as R, articleCloud, articleRouter, cloud, cloudLines, ike2Cloud, ike2Router, outcome, router, routerLines } from "./fixtures";

const INITIATE = `ipsec,info initiate new phase 1 (Identity Protection): ${R}[500]<=>${G}[500]`;
const RESPOND = `ipsec,info respond new phase 1 (Identity Protection): ${R}[500]<=>${G}[500]`;
const PH2_WAITING = `ipsec,error phase2 negotiation failed due to time up waiting for phase1. ESP ${G}[0]->${R}[0]`;
const otherKey = () => cloud({ connection: { PreShareKey: "654321" } });
const fqdnExpected = () => cloud({ ike: { RemoteIdentity: "FQDN", RemoteFqdnName: "router.example" } });

describe("pre-shared key", () => {
  it("IKEv1, router initiating: the gateway cannot decrypt message 5 and stays silent; the router times up", () => {
    const result = negotiate(articleRouter(), otherKey());
    assert.deepEqual(outcome(result), { established: false, mismatch: "psk" });
    routerLines(result, [INITIATE, `ipsec,error phase1 negotiation failed due to time up ${R}[500]<=>${G}[500] <cookie>:<cookie>`, PH2_WAITING]);
    cloudLines(result, [
      `[IKE] ${R} is initiating a Main Mode IKE_SA`,
      "[ENC] invalid HASH_V1 payload length, decryption failed?",
      "[ENC] could not decrypt payloads",
      "[IKE] message parsing failed",
      "TANS_IKE_NEGO: invalid HASH_V1 payload length, decryption failed",
    ]);
  });
  it("IKEv1, router responding: wrong password per retransmit, then time up; the cloud only retransmits message 5", () => {
    const result = negotiate(articleRouter(), otherKey(), { initiator: "cloud" });
    const wrong = `ipsec,error ${G} parsing packet failed, possible cause: wrong password`;
    routerLines(result, [RESPOND, wrong, wrong, wrong, wrong, wrong, wrong, `ipsec,error phase1 negotiation failed due to time up ${R}[500]<=>${G}[500] <cookie>:<cookie>`]);
    cloudLines(result, [
      `[IKE] initiating Main Mode IKE_SA vpnx-3t5y7u9i[1] to ${R}`,
      ...[1, 2, 3, 4, 5].map((k) => `[IKE] sending retransmit ${k} of request message ID 0, seq 3`),
      "[IKE] giving up after 5 retransmits",
      "IKE_NEGO: retransmit IKEv1 Main Mode Initiator 5th message 5 times",
    ]);
  });
  it("IKEv2, router initiating: MAC mismatched on the gateway, AUTHENTICATION_FAILED on the router", () => {
    const result = negotiate(ike2Router(), ike2Cloud({ connection: { PreShareKey: "654321" } }));
    assert.deepEqual(outcome(result), { established: false, mismatch: "psk" });
    routerLines(result, ["ipsec,error got fatal error: AUTHENTICATION_FAILED"]);
    cloudLines(result, [
      `[IKE] ${R} is initiating an IKE_SA`,
      `[IKE] tried 1 shared key for '${G}' - '${R}', but MAC mismatched`,
      "[ENC] generating IKE_AUTH response 1 [ N(AUTH_FAILED) ]",
    ]);
  });
  it("an unreadable secret (no sensitive policy) is assumed equal, and said so", () => {
    const { secret: _hidden, ...identity } = articleRouter().identity ?? {};
    const result = negotiate(router(undefined, {}, { identity }), otherKey());
    assert.deepEqual(outcome(result), { established: true });
    assert.match(result.assumptions.join("\n"), /secret is not readable/);
  });
});

describe("identities", () => {
  it("IKEv1, router initiating: the gateway finds no peer config for the address the router presents", () => {
    const result = negotiate(articleRouter(), fqdnExpected());
    assert.deepEqual(outcome(result), { established: false, mismatch: "identity" });
    routerLines(result, [INITIATE, "ipsec,error notification AUTHENTICATION-FAILED received", `ipsec,error phase1 negotiation failed due to time up ${R}[500]<=>${G}[500] <cookie>:<cookie>`, PH2_WAITING]);
    cloudLines(result, [
      `[IKE] ${R} is initiating a Main Mode IKE_SA`,
      `[CFG] looking for peer configs matching ${G}[${G}]...${R}[${R}]`,
      "[CFG] no matching peer config found",
      `IKE_NEGO: no peer config found by ID payload, received[ID_IPV4_ADDR:${R}]`,
      "[ENC] generating INFORMATIONAL_V1 request <msgid> [ HASH N(AUTH_FAILED) ]",
    ]);
  });
  it("cloud initiating: the article's IDir line on the gateway; the router saw phase 1 up, then deleted", () => {
    const result = negotiate(articleRouter(), fqdnExpected(), { initiator: "cloud" });
    cloudLines(result, [`[IKE] initiating Main Mode IKE_SA vpnx-3t5y7u9i[1] to ${R}`, `[IKE] IDir '${R}' does not match to 'router.example'`]);
    routerLines(result, [RESPOND, `ipsec,info ISAKMP-SA established ${R}[500]-${G}[500] spi:<cookie>:<cookie>`, `ipsec,info ISAKMP-SA deleted ${R}[500]-${G}[500] spi:<cookie>:<cookie>`]);
  });
  it("the router's my-id set to the cloud's FQDN label fixes it", () => {
    assert.deepEqual(outcome(negotiate(router("identity", { "my-id": "fqdn:router.example" }), fqdnExpected())), { established: true });
  });
  it("IKEv2, router responding with a remote-id the gateway does not present: identity not found, killing the SA", () => {
    const result = negotiate(ike2Router("identity", { "remote-id": "fqdn:vpn.example" }), ike2Cloud(), { initiator: "cloud", debug: true });
    assert.deepEqual(outcome(result), { established: false, mismatch: "identity" });
    routerLines(result, [
      `ipsec,error identity not found for server:${R} peer: ADDR4:${G}`,
      "ipsec reply notify: AUTHENTICATION_FAILED",
      `ipsec,info killing ike2 SA: to_tencent ${R}[500]-${G}[500] spi:<cookie>:<cookie>`,
    ]);
    cloudLines(result, [`[IKE] initiating IKE_SA vpnx-3t5y7u9i[1] to ${R}`, "[ENC] parsed IKE_AUTH response 1 [ N(AUTH_FAILED) ]", "[IKE] received AUTHENTICATION_FAILED notify error"]);
  });
  it("no identity row for the peer: the router never initiates", () => {
    const result = negotiate(router(undefined, {}, { identity: undefined }), articleCloud());
    assert.deepEqual(outcome(result), { established: false, mismatch: "identity" });
    routerLines(result, ["ipsec,error initiator can't find identity for peer: to_tencent"]);
    cloudLines(result, []);
  });
});

describe("router behind NAT", () => {
  const natted = { localAddress: "192.168.88.2" };
  const NAT_INITIATE = `ipsec,info initiate new phase 1 (Identity Protection): 192.168.88.2[500]<=>${G}[500]`;
  it("masquerade, my-id auto: the router presents its private address where the cloud expects the public one", () => {
    const result = negotiate(router(undefined, {}, natted), articleCloud(), { routerBehindNat: "masquerade" });
    assert.deepEqual(outcome(result), { established: false, mismatch: "router-behind-nat" });
    routerLines(result, [
      NAT_INITIATE,
      "ipsec,error notification AUTHENTICATION-FAILED received",
      `ipsec,error phase1 negotiation failed due to time up 192.168.88.2[4500]<=>${G}[4500] <cookie>:<cookie>`,
      `ipsec,error phase2 negotiation failed due to time up waiting for phase1. ESP ${G}[0]->192.168.88.2[0]`,
    ]);
    cloudLines(result, [
      `[IKE] ${R} is initiating a Main Mode IKE_SA`,
      "[IKE] remote host is behind NAT",
      `[CFG] looking for peer configs matching ${G}[${G}]...${R}[192.168.88.2]`,
      "[CFG] no matching peer config found",
      "IKE_NEGO: no peer config found by ID payload, received[ID_IPV4_ADDR:192.168.88.2]",
      "[ENC] generating INFORMATIONAL_V1 request <msgid> [ HASH N(AUTH_FAILED) ]",
    ]);
  });
  it("IKEv2 behind CGNAT: AUTHENTICATION_FAILED on the router", () => {
    const result = negotiate(ike2Router(undefined, {}, natted), ike2Cloud(), { routerBehindNat: "masquerade" });
    assert.deepEqual(outcome(result), { established: false, mismatch: "router-behind-nat" });
    routerLines(result, ["ipsec,error got fatal error: AUTHENTICATION_FAILED"]);
  });
  it("my-id = the public address: established over NAT-T on 4500, and the cloud cannot initiate through masquerade", () => {
    const fixed = router("identity", { "my-id": `address:${R}` }, natted);
    const result = negotiate(fixed, articleCloud(), { routerBehindNat: "masquerade", initiator: "cloud" });
    assert.deepEqual(outcome(result), { established: true });
    assert.equal(result.initiator, "router");
    assert.match(result.assumptions.join("\n"), /masquerade NAT/);
    assert.deepEqual([result.sas?.natTraversal, result.sas?.ike.port, result.sas?.ike.routerAddress], [true, 4500, "192.168.88.2"]);
    assert.ok(result.routerLog.some((l) => l.message === `ISAKMP-SA established 192.168.88.2[4500]-${G}[4500] spi:${result.sas?.ike.initiatorSpi}:${result.sas?.ike.responderSpi}`));
  });
  it("IKEv2 behind 1:1 NAT with my-id = the public address: fails only when the router answers", () => {
    const oneToOne = ike2Router("identity", { "my-id": `address:${R}` }, natted);
    const asInitiator = negotiate(oneToOne, ike2Cloud(), { routerBehindNat: "one-to-one" });
    assert.deepEqual(outcome(asInitiator), { established: true, mismatch: "router-behind-nat" });
    assert.match(asInitiator.failsOnlyWhen ?? "", /^the cloud initiates/);
    const asResponder = negotiate(oneToOne, ike2Cloud(), { routerBehindNat: "one-to-one", initiator: "cloud" });
    assert.deepEqual(outcome(asResponder), { established: false, mismatch: "router-behind-nat" });
    routerLines(asResponder, [`ipsec,error identity not found for responder: ADDR4:${R} peer: ADDR4:${G}`, `ipsec,info killing ike2 SA: to_tencent 192.168.88.2[4500]-${G}[4500] spi:<cookie>:<cookie>`]);
  });
  it("NAT-T off on the router's profile: unexpecting payload type 130 on both sides", () => {
    const result = negotiate(router("profile", { "nat-traversal": "false" }, natted), articleCloud(), { routerBehindNat: "masquerade" });
    assert.deepEqual(outcome(result), { established: false, mismatch: "nat-traversal" });
    routerLines(result, [
      NAT_INITIATE,
      "ipsec,error received unexpecting payload type 130",
      `ipsec,error phase1 negotiation failed due to time up 192.168.88.2[500]<=>${G}[500] <cookie>:<cookie>`,
      `ipsec,error phase2 negotiation failed due to time up waiting for phase1. ESP ${G}[0]->192.168.88.2[0]`,
    ]);
    cloudLines(result, [`[IKE] ${R} is initiating a Main Mode IKE_SA`, "[ENC] ignore the packet, received unexpecting payload type 130"]);
  });
});
