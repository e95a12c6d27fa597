// Dead peer detection and NAT traversal in the end-to-end comparison: each platform's readback shows them, the two
// ends are compared on them where both have them, and each end is compared with the spec always.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alicloudConnectionSettings } from "../../src/alicloud/dialect";
import { alicloudEndView } from "../../src/alicloud/readback";
import { routerOsEndView } from "../../src/routeros/readback";
import { renderRouterOsRows, type Fields } from "../../src/routeros/render";
import { compareEnds, sameEndDifferences, type EndView } from "../../src/spec/ends";
import type { TunnelSpec } from "../../src/spec/types";
import { createVpnConnectionRequest } from "../../src/tencent/dialect";
import { tencentEndView } from "../../src/tencent/readback";
import { exampleSpec } from "../helpers/specs";

type Overrides = Record<string, unknown>;
const ikev1 = (extra: Overrides = {}) => ({ version: "ikev1", exchangeMode: "main", ...extra });
const spec = (overrides: Overrides = {}) => exampleSpec("secure", overrides);
const addresses = (s: TunnelSpec) => ({ routerPublicIp: s.routerPublicIp, gatewayIp: s.cloudGatewayIp });

/** The router as the spec renders it, with some profile fields as a hand (or the API, which prints yes as "true") left them. */
function router(s: TunnelSpec, profile: Fields = {}): EndView {
  const rows = renderRouterOsRows(s);
  return routerOsEndView({ profile: { ...rows.profile[0], ...profile }, proposal: rows.proposal[0], peer: rows.peer[0], identity: rows.identity[0], policies: rows.policy });
}
function tencent(s: TunnelSpec, change: Overrides = {}): EndView {
  const request = createVpnConnectionRequest(s, { vpcId: "vpc-1", vpnGatewayId: "vpngw-1", customerGatewayId: "cgw-1" }, s.cloudGatewayIp!);
  return tencentEndView({ ...request, SecurityPolicyDatabaseSet: request.SecurityPolicyDatabases, ...change }, s.routerPublicIp);
}
function alicloud(s: TunnelSpec, change: { enableDpd?: boolean; enableNatTraversal?: boolean } = {}): EndView {
  return alicloudEndView({ ...alicloudConnectionSettings(s), ...change }, s.routerPublicIp);
}
const paths = (found: Array<{ path: string }>) => found.map((m) => m.path);

describe("each readback shows DPD and NAT traversal as the end runs them", () => {
  it("RouterOS: dpd-interval and, under IKEv1, interval × dpd-maximum-failures as the timeout; nat-traversal under IKEv1 only", () => {
    const v1 = spec({ ike: ikev1({ dpd: { interval: 10, timeout: 45 } }) });
    assert.deepEqual([router(v1).dpd, router(v1).natTraversal], [{ enabled: true, interval: 10, timeout: 50 }, true]);
    assert.equal(router(v1, { "nat-traversal": "false" }).natTraversal, false, "the API prints no as false");
    assert.deepEqual(router(v1, { "dpd-interval": "disable-dpd" }).dpd, { enabled: false });
    // IKEv2 ignores dpd-maximum-failures and nat-traversal: the view does not claim what the router will not do.
    const v2 = router(spec(), { "nat-traversal": "no", "dpd-maximum-failures": "50" });
    assert.deepEqual([v2.dpd, v2.natTraversal], [{ enabled: true, interval: 10 }, undefined]);
  });

  it("Tencent: DpdEnable and DpdTimeout, off when DpdEnable is absent (its default)", () => {
    const s = spec({ ike: { dpd: { interval: 10, timeout: 45 } } });
    assert.deepEqual(tencent(s).dpd, { enabled: true, timeout: 45 });
    assert.deepEqual(tencent(s, { DpdEnable: undefined, DpdTimeout: undefined }).dpd, { enabled: false });
    assert.equal(tencent(s).natTraversal, undefined, "Tencent has no NAT-T setting");
  });

  it("Alibaba: enableDpd and enableNatTraversal", () => {
    const s = spec({ cloud: "alicloud", router: { natTraversal: false } });
    assert.deepEqual([alicloud(s).dpd, alicloud(s).natTraversal], [{ enabled: true }, false]);
  });
});

describe("compareEnds on DPD and NAT traversal", () => {
  it("ends rendered from one spec agree, whatever the DPD timers, NAT-T, IKE version and cloud", () => {
    const dpds = [false, { interval: 10, timeout: 30 }, { interval: 7, timeout: 45 }, { interval: 30, timeout: 60 }, { interval: 1, timeout: 60 }];
    for (const cloud of ["tencent", "alicloud"] as const)
      for (const dpd of dpds)
        for (const natTraversal of [true, false])
          for (const ike of [{ dpd }, ikev1({ dpd })]) {
            const s = spec({ cloud, ike, router: { natTraversal } });
            const other = cloud === "tencent" ? tencent(s) : alicloud(s);
            assert.deepEqual(compareEnds(router(s), other, addresses(s)), [], JSON.stringify({ cloud, ike, natTraversal }));
          }
  });

  it("names ike.dpd when one end has DPD off, as a warning that says what it costs", () => {
    const s = spec({ ike: ikev1() });
    const found = compareEnds(router(s), tencent(s, { DpdEnable: 0 }), addresses(s));
    assert.deepEqual(found.map((m) => [m.path, m.router, m.cloud, m.severity]), [["ike.dpd", { enabled: true, interval: 10, timeout: 30 }, { enabled: false }, "warning"]]);
    assert.match(found[0]?.when ?? "", /only one end notices a dead peer/);
    assert.deepEqual(paths(compareEnds(router(s, { "dpd-interval": "disable-dpd" }), tencent(s), addresses(s))), ["ike.dpd"]);
    const ali = spec({ cloud: "alicloud" });
    assert.deepEqual(paths(compareEnds(router(ali), alicloud(ali, { enableDpd: false }), addresses(ali))), ["ike.dpd"]);
  });

  it("names ike.dpd when the timeouts differ by a probe interval or more, and not within RouterOS's rounding", () => {
    const s = spec({ ike: ikev1({ dpd: { interval: 10, timeout: 30 } }) });
    const found = compareEnds(router(s, { "dpd-maximum-failures": "6" }), tencent(s), addresses(s));
    assert.deepEqual(found.map((m) => [m.path, m.when]), [["ike.dpd", "negotiates, but the ends give up on a silent peer at different times"]]);
    assert.deepEqual(compareEnds(router(s), tencent(s, { DpdTimeout: "39" }), addresses(s)), [], "30 s against 39 s is within one 10 s interval");
    assert.deepEqual(paths(compareEnds(router(s), tencent(s, { DpdTimeout: "40" }), addresses(s))), ["ike.dpd"]);
  });

  it("names router.natTraversal when the router (IKEv1) and Alibaba differ, as a warning for when a NAT is between them", () => {
    const s = spec({ cloud: "alicloud", ike: ikev1() });
    const found = compareEnds(router(s, { "nat-traversal": "false" }), alicloud(s), addresses(s));
    assert.deepEqual(found, [{ path: "router.natTraversal", router: false, cloud: true, severity: "warning", when: "fails only when a NAT is between the ends" }]);
    assert.deepEqual(paths(compareEnds(router(s), alicloud(s, { enableNatTraversal: false }), addresses(s))), ["router.natTraversal"]);
  });

  it("says nothing of NAT-T where an end has no such setting: Tencent, or the router under IKEv2", () => {
    const v1 = spec({ ike: ikev1() });
    assert.deepEqual(compareEnds(router(v1, { "nat-traversal": "false" }), tencent(v1), addresses(v1)), []);
    const v2 = spec({ cloud: "alicloud" });
    assert.deepEqual(compareEnds(router(v2, { "nat-traversal": "false" }), alicloud(v2), addresses(v2)), []);
  });
});

describe("sameEndDifferences on DPD and NAT traversal (each end against the spec)", () => {
  const v1 = spec({ ike: ikev1() });

  it("is silent when the end is as the spec renders it", () => {
    assert.deepEqual(sameEndDifferences(router(v1), router(v1, { "nat-traversal": "true", "dpd-interval": "10s" })), []);
    assert.deepEqual(sameEndDifferences(tencent(v1), tencent(v1)), []);
    const ali = spec({ cloud: "alicloud" });
    assert.deepEqual(sameEndDifferences(alicloud(ali), alicloud(ali)), []);
  });

  it("names the router's hand-changed DPD by the spec's own paths", () => {
    assert.deepEqual(sameEndDifferences(router(v1), router(v1, { "dpd-interval": "disable-dpd" })), [{ path: "ike.dpd.enabled", expected: true, actual: false }]);
    assert.deepEqual(sameEndDifferences(router(v1), router(v1, { "dpd-interval": "2m" })), [
      { path: "ike.dpd.interval", expected: 10, actual: 120 },
      { path: "ike.dpd.timeout", expected: 30, actual: 360 },
    ]);
    assert.deepEqual(paths(sameEndDifferences(router(v1), router(v1, { "dpd-maximum-failures": "5" }))), ["ike.dpd.timeout"]);
  });

  it("names the router's nat-traversal=no as router.natTraversal", () => {
    assert.deepEqual(sameEndDifferences(router(v1), router(v1, { "nat-traversal": "no" })), [{ path: "router.natTraversal", expected: true, actual: false }]);
  });

  it("names Tencent's DPD switched off or retimed", () => {
    assert.deepEqual(sameEndDifferences(tencent(v1), tencent(v1, { DpdEnable: 0 })), [{ path: "ike.dpd.enabled", expected: true, actual: false }]);
    assert.deepEqual(sameEndDifferences(tencent(v1), tencent(v1, { DpdTimeout: "60" })), [{ path: "ike.dpd.timeout", expected: 30, actual: 60 }]);
  });

  it("names Alibaba's enableDpd and enableNatTraversal", () => {
    const ali = spec({ cloud: "alicloud" });
    assert.deepEqual(sameEndDifferences(alicloud(ali), alicloud(ali, { enableDpd: false, enableNatTraversal: false })), [
      { path: "ike.dpd.enabled", expected: true, actual: false },
      { path: "router.natTraversal", expected: true, actual: false },
    ]);
  });
});
