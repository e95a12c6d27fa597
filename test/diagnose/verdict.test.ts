// The pure verdict: how logs, both ends' settings and the router's checks combine into one answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alicloudConnectionSettings } from "../../src/alicloud/dialect";
import { alicloudEndView } from "../../src/alicloud/readback";
import { cloudReportsUp, sinceLastEstablished, verdict, type CloudEvidence, type RouterEvidence } from "../../src/diagnose/verdict";
import { routerOsEndView } from "../../src/routeros/readback";
import { renderRouterOsRows } from "../../src/routeros/render";
import { createVpnConnectionRequest } from "../../src/tencent/dialect";
import { tencentEndView } from "../../src/tencent/readback";
import { exampleSpec } from "../helpers/specs";

const spec = exampleSpec("secure");
const GW = spec.cloudGatewayIp!;
const rows = renderRouterOsRows(spec);
const routerView = () => routerOsEndView({ profile: rows.profile[0], proposal: rows.proposal[0], peer: rows.peer[0], identity: rows.identity[0], policies: rows.policy });
const cloudView = () => {
  const request = createVpnConnectionRequest(spec, { vpcId: "vpc-1", vpnGatewayId: "vpngw-1", customerGatewayId: "cgw-1" }, GW);
  return tencentEndView({ ...request, SecurityPolicyDatabaseSet: request.SecurityPolicyDatabases }, spec.routerPublicIp);
};
const up = { peerState: "established", installedSas: 2, policies: [{ src: "192.168.1.0/24", dst: "10.100.1.0/24", ph2State: "established", active: true, invalid: false }] };
const down = { peerState: "down", installedSas: 0, policies: [{ src: "192.168.1.0/24", dst: "10.100.1.0/24", ph2State: "no-phase2", active: false, invalid: false }] };
const router = (extra: Partial<RouterEvidence> = {}): RouterEvidence => ({
  endpoint: "192.0.2.1:8729",
  version: "7.16",
  view: routerView(),
  status: up,
  missing: [],
  natBypass: "above-masquerade",
  fastTrack: { rule: true, bypassed: false },
  log: [],
  ...extra,
});
const cloud = (extra: Partial<CloudEvidence> = {}): CloudEvidence => ({ platform: "tencent", read: true, connectionId: "vpnx-1", netStatus: "AVAILABLE", view: cloudView(), gatewayIp: GW, log: [], ...extra });

describe("verdict", () => {
  it("is healthy when the peer is up, phase 2 is up, the cloud says AVAILABLE and nothing disagrees", () => {
    const v = verdict(spec, router(), cloud());
    assert.equal(v.healthy, true);
    assert.deepEqual(v.causes, []);
    assert.match(v.warnings.join(), /FastTrack rule is active/);
  });

  it("names a field the two ends disagree on even when no log says anything", () => {
    const view = routerView();
    view.ike.dhGroup = [2];
    const v = verdict(spec, router({ view, status: down }), cloud({ netStatus: "UNAVAILABLE" }));
    assert.equal(v.healthy, false);
    assert.deepEqual([v.causes[0]?.class, v.causes[0]?.basis, v.causes[0]?.fields], ["dh-group", "settings", ["ike.dhGroup"]]);
    assert.deepEqual(v.settings.map((m) => m.path), ["ike.dhGroup"]);
  });

  it("confirms a log finding the settings agree with, and rules out one they contradict", () => {
    const view = routerView();
    view.ike.dhGroup = [2];
    const log = ["12[IKE] received KE type 2,expected 14", "13[IKE] no IKE config found for 1.2.3.4...5.6.7.8, sending NO_PROPOSAL_CHOSEN"];
    const v = verdict(spec, router({ view, status: down }), cloud({ netStatus: "UNAVAILABLE", log }));
    assert.equal(v.causes[0]?.class, "dh-group");
    assert.equal(v.causes[0]?.basis, "confirmed");
    const version = v.causes.find((c) => c.class === "ike-version");
    assert.equal(version?.basis, "unlikely", "both ends run IKEv2: a version mismatch is ruled out");
  });

  it("reports a NAT bypass that is missing or below masquerade", () => {
    const v = verdict(spec, router({ natBypass: "below-masquerade", status: down }), cloud());
    assert.ok(v.causes.some((c) => c.class === "nat-bypass" && /below a rule that rewrites the source/.test(c.cause)));
  });

  it("says so when it is down and nothing explains it", () => {
    const v = verdict(spec, router({ status: down }), cloud({ netStatus: "UNAVAILABLE" }));
    assert.equal(v.causes[0]?.class, "peer-not-answering");
    assert.match(v.causes[0]?.cause ?? "", /no cloud log was given/);
  });

  it("reads only what happened since the tunnel was last established, that success included", () => {
    const lines = ["old failure", "13[IKE] CHILD_SA to_tencent{1} established with SPIs", "new failure"];
    assert.deepEqual(sinceLastEstablished(lines, (l) => l), ["13[IKE] CHILD_SA to_tencent{1} established with SPIs", "new failure"]);
    assert.deepEqual(sinceLastEstablished(["only failures"], (l) => l), ["only failures"]);
  });
});

describe("verdict without the cloud's settings (Alibaba, --no-cloud)", () => {
  it("reads a proposal refused after phase 2 was up as the IKEv2 rekey: the PFS group", () => {
    const log = [
      { topics: "ipsec,info", message: "IPsec-SA established: 198.51.100.2[4500]->203.0.113.1[4500] spi=0x1" },
      { topics: "ipsec,error", message: "got fatal error: NO_PROPOSAL_CHOSEN" },
      { topics: "ipsec,info", message: "killing ike2 SA: to_tencent 198.51.100.2[4500]-203.0.113.1[4500] spi:1" },
    ];
    const v = verdict(spec, router({ status: down, log }), undefined);
    assert.equal(v.causes[0]?.class, "pfs-group", JSON.stringify(v.causes.map((c) => [c.class, c.basis])));
  });
});

describe("verdict when the logs and the settings pull apart", () => {
  it("says nothing explains it when every log suspicion is ruled out by the settings", () => {
    const log = ["2024-01-02 10:12:05 IKE_NEGO: no matching proposal, configured [IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1024], received [IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048]"];
    const v = verdict(spec, router({ status: down }), cloud({ netStatus: "UNAVAILABLE", log }));
    assert.equal(v.causes[0]?.class, "peer-not-answering");
    assert.match(v.summary, /^DOWN: down, and neither the logs nor the settings say why/);
    assert.ok(v.causes.some((c) => c.class === "dh-group" && c.basis === "unlikely"));
  });

  it("keeps a router behind NAT as a cause when its my-id is automatic, though the settings look alike", () => {
    const view = routerView();
    view.localId = "auto";
    const log = ["2024-01-02 10:12:05 IKE_NEGO: no peer config found by ID payload, received[ID_IPV4_ADDR:192.168.88.2]"];
    const v = verdict(spec, router({ view, status: down }), cloud({ netStatus: "UNAVAILABLE", log }));
    assert.equal(v.causes[0]?.class, "router-behind-nat");
    assert.notEqual(v.causes[0]?.basis, "unlikely");
  });
});

describe("verdict on DPD and NAT traversal", () => {
  const v1 = exampleSpec("secure", { ike: { version: "ikev1", exchangeMode: "main" } });
  const routerOf = (s: typeof spec, profile: Record<string, string> = {}) => {
    const r = renderRouterOsRows(s);
    return routerOsEndView({ profile: { ...r.profile[0], ...profile }, proposal: r.proposal[0], peer: r.peer[0], identity: r.identity[0], policies: r.policy });
  };
  const tencentOf = (s: typeof spec, change: Record<string, unknown> = {}) => {
    const request = createVpnConnectionRequest(s, { vpcId: "vpc-1", vpnGatewayId: "vpngw-1", customerGatewayId: "cgw-1" }, GW);
    return tencentEndView({ ...request, SecurityPolicyDatabaseSet: request.SecurityPolicyDatabases, ...change }, s.routerPublicIp);
  };
  const PAYLOAD_130 = { topics: "ipsec,error", message: "received unexpecting payload type 130" };

  it("a DPD difference between the ends is a warning naming ike.dpd with its fix; the tunnel stays healthy", () => {
    const v = verdict(spec, router(), cloud({ view: tencentOf(spec, { DpdEnable: 0 }) }));
    assert.equal(v.healthy, true);
    assert.deepEqual(v.settings.map((m) => m.path), ["ike.dpd"]);
    const line = v.warnings.find((w) => w.startsWith("ike.dpd"));
    assert.match(line ?? "", /^ike\.dpd: router on, interval 10s, cloud off \(negotiates, but only one end notices a dead peer[^)]*\)\. Fix: Enable DPD on both ends .*dpd-interval, dpd-maximum-failures.*DpdEnable, DpdTimeout/);
    assert.equal(verdict(spec, router(), cloud()).warnings.some((w) => w.startsWith("ike.dpd")), false, "equal DPD: no warning");
  });

  it("names a hand-changed DPD against the spec by its spec paths", () => {
    const v = verdict(v1, router({ view: routerOf(v1, { "dpd-interval": "disable-dpd" }) }), cloud({ view: tencentOf(v1, { DpdTimeout: "60" }) }), { router: routerOf(v1), cloud: tencentOf(v1) });
    assert.deepEqual(v.specDifferences, [
      { end: "router", path: "ike.dpd.enabled", expected: true, actual: false },
      { end: "cloud", path: "ike.dpd.timeout", expected: 30, actual: 60 },
    ]);
  });

  it("names the router's nat-traversal=no against the spec, and a healthy tunnel stays healthy", () => {
    const v = verdict(v1, router({ view: routerOf(v1, { "nat-traversal": "false" }) }), cloud({ view: tencentOf(v1) }), { router: routerOf(v1) });
    assert.deepEqual(v.specDifferences, [{ end: "router", path: "router.natTraversal", expected: true, actual: false }]);
    assert.equal(v.healthy, true, "no NAT between the ends: the difference is drift, not the cause of anything");
    assert.deepEqual(verdict(v1, router({ view: routerOf(v1) }), cloud({ view: tencentOf(v1) }), { router: routerOf(v1) }).specDifferences, []);
  });

  it("puts the router's NAT-T difference from the spec in the evidence of the log's NAT-T finding (Tencent has no NAT-T setting)", () => {
    const view = routerOf(v1, { "nat-traversal": "false" });
    const v = verdict(v1, router({ view, status: down, log: [PAYLOAD_130] }), cloud({ view: tencentOf(v1), netStatus: "UNAVAILABLE" }), { router: routerOf(v1) });
    assert.deepEqual([v.causes[0]?.class, v.causes[0]?.fields, v.causes[0]?.basis], ["nat-traversal", ["router.natTraversal"], "logs"]);
    assert.equal(v.causes[0]?.evidence[0], "spec: router: router.natTraversal: spec true, actual false");
    assert.match(v.causes[0]?.fix ?? "", /RouterOS \/ip ipsec profile nat-traversal/);
    const asSpec = verdict(v1, router({ view: routerOf(v1), status: down, log: [PAYLOAD_130] }), cloud({ view: tencentOf(v1), netStatus: "UNAVAILABLE" }), { router: routerOf(v1) });
    assert.equal(asSpec.causes.find((c) => c.class === "nat-traversal")?.evidence.some((e) => e.startsWith("spec:")), false);
  });

  describe("against Alibaba, which shows enableNatTraversal", () => {
    const ali = exampleSpec("secure", { cloud: "alicloud", ike: { version: "ikev1", exchangeMode: "main" } });
    const aliView = (enableNatTraversal: boolean) => alicloudEndView({ ...alicloudConnectionSettings(ali), enableNatTraversal }, ali.routerPublicIp);
    const CLOUD_130 = "2024-03-14 10:02:11 ignore the packet, received unexpecting payload type 130.";
    const run = (routerNatT: "true" | "false", cloudNatT: boolean, log: string[]) =>
      verdict(ali, router({ view: routerOf(ali, { "nat-traversal": routerNatT }), status: down }), { platform: "alicloud", read: true, connectionId: "vco-1", netStatus: "ipsec_sa_not_established", view: aliView(cloudNatT), gatewayIp: GW, log });

    it("a NAT-T difference alone is a warning naming router.natTraversal with its fix", () => {
      const v = run("false", true, []);
      assert.match(v.warnings.find((w) => w.startsWith("router.natTraversal")) ?? "", /^router\.natTraversal: router false, cloud true \(fails only when a NAT is between the ends\)\. Fix: Enable or disable NAT traversal on both ends alike/);
      assert.equal(run("true", true, []).warnings.some((w) => w.startsWith("router.natTraversal")), false);
    });

    it("the difference confirms the log's NAT-T finding; agreement rules it out", () => {
      const differ = run("false", true, [CLOUD_130]);
      assert.deepEqual([differ.causes[0]?.class, differ.causes[0]?.basis], ["nat-traversal", "confirmed"]);
      assert.ok(differ.causes[0]?.evidence.includes("settings: router.natTraversal: router false, cloud true"));
      assert.equal(differ.warnings.some((w) => w.startsWith("router.natTraversal")), false, "said once, in the cause");
      const agree = run("true", true, [CLOUD_130]);
      assert.equal(agree.causes.find((c) => c.class === "nat-traversal")?.basis, "unlikely");
    });
  });
});

describe("verdict on what the cloud reports", () => {
  const ali = exampleSpec("secure", { cloud: "alicloud" });
  const aliCloud = (extra: Partial<CloudEvidence> = {}): CloudEvidence => ({
    platform: "alicloud",
    read: true,
    connectionId: "vco-1",
    state: "active",
    netStatus: "ipsec_sa_established",
    view: alicloudEndView({ ...alicloudConnectionSettings(ali), ikeConfig: { ...alicloudConnectionSettings(ali).ikeConfig, ikeLocalId: GW } }, ali.routerPublicIp),
    gatewayIp: GW,
    log: [],
    ...extra,
  });

  it("Alibaba's ipsec_sa_established is up; ike_sa_established (phase 1 alone) and the rest are not", () => {
    assert.equal(verdict(ali, router(), aliCloud()).healthy, true);
    assert.match(verdict(ali, router(), aliCloud()).summary, /^UP: .* and the cloud reports ipsec_sa_established$/);
    for (const status of ["ike_sa_established", "ike_sa_not_established", "ipsec_sa_not_established"]) {
      assert.equal(verdict(ali, router(), aliCloud({ netStatus: status })).healthy, false, status);
      assert.equal(cloudReportsUp(aliCloud({ netStatus: status })), false, status);
    }
    assert.equal(cloudReportsUp(aliCloud()), true);
    assert.equal(cloudReportsUp(cloud({ netStatus: "UNAVAILABLE" })), false);
    assert.equal(cloudReportsUp(cloud()), true);
  });

  it("a cloud read that holds no connection for the tunnel is down, and says what to do", () => {
    const v = verdict(ali, router(), { platform: "alicloud", read: true, log: [] });
    assert.equal(v.healthy, false);
    assert.deepEqual([v.causes[0]?.class, v.causes[0]?.basis, v.causes[0]?.fields], ["cloud-connection", "cloud", ["name", "routerPublicIp"]]);
    assert.match(v.causes[0]?.cause ?? "", new RegExp(`^Alibaba Cloud holds no VPN connection named ${ali.name}, nor one alone whose customer gateway is ${ali.routerPublicIp.replace(/\./g, "\\.")}`));
    assert.match(v.causes[0]?.fix ?? "", /pulumi up.*alicloud:region/);
    assert.equal(cloudReportsUp({ platform: "tencent", read: true, log: [] }), false);
  });

  it("a read limited to the stack's existing gateway says so, and points at existingGatewayId, not the region", () => {
    const [cause] = verdict(ali, router(), { platform: "alicloud", read: true, gatewayIdRead: "vpn-existing01", log: [] }).causes;
    assert.match(cause?.cause ?? "", /, on the VPN gateway vpn-existing01\.$/);
    assert.match(cause?.fix ?? "", /cloud\.existingGatewayId \(only vpn-existing01's connections were read\)/);
    assert.doesNotMatch(cause?.fix ?? "", /alicloud:region/);
  });

  it("a cloud not read (--no-cloud, only its log) leaves the verdict to the router", () => {
    const notRead: CloudEvidence = { platform: "alicloud", read: false, log: [] };
    assert.equal(cloudReportsUp(notRead), undefined);
    assert.equal(verdict(ali, router(), notRead).healthy, true);
    assert.deepEqual(verdict(ali, router(), notRead).causes, []);
  });
});
