import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readSiteSettings } from "../../src/stack/config";
import { exampleInput } from "../helpers/specs";

const { preSharedKey: _psk, cloudGatewayIp: _gw, cloud: _cloud, ...tunnel } = exampleInput("secure");
const base: Record<string, unknown> = {
  "ros-vpc-ipsec:tunnel": tunnel,
  "ros-vpc-ipsec:cloud": { provider: "tencent", vpcId: "vpc-12345678", routeTableId: "rtb-12345678", gateway: { bandwidthMbps: 5 } },
  "ros-vpc-ipsec:router": { host: "192.0.2.1", tls: { mode: "fingerprint", fingerprint: "ab".repeat(32) } },
};
const read = (overrides: Record<string, unknown> = {}) => readSiteSettings((key) => ({ ...base, ...overrides })[key]);
const paths = (overrides: Record<string, unknown>) => read(overrides).problems.filter((p) => p.severity === "error").map((p) => p.path);

describe("site stack settings", () => {
  it("reads a complete site", () => {
    const { settings, problems } = read();
    assert.deepEqual(problems, []);
    assert.equal(settings?.tunnel.cloud, "tencent");
    assert.equal(settings?.router.host, "192.0.2.1");
  });

  it("names each missing section by its config key", () => {
    const { problems } = readSiteSettings(() => undefined);
    assert.deepEqual(problems.map((p) => p.path), ["ros-vpc-ipsec:tunnel", "ros-vpc-ipsec:cloud", "ros-vpc-ipsec:router"]);
  });

  it("names a bad spec field by its full config key", () => {
    assert.deepEqual(paths({ "ros-vpc-ipsec:tunnel": { ...tunnel, ike: { dhGroup: 24 } } }), ["ros-vpc-ipsec:tunnel.ike.dhGroup"]);
  });

  it("refuses a pre-shared key in the plain tunnel config, pointing at config set --secret", () => {
    const { problems } = read({ "ros-vpc-ipsec:tunnel": { ...tunnel, preSharedKey: "plain-text-key-1234" } });
    const found = problems.find((p) => p.path === "ros-vpc-ipsec:tunnel.preSharedKey");
    assert.match(found?.hint ?? "", /pulumi config set --secret ros-vpc-ipsec:preSharedKey/);
    assert.ok(!JSON.stringify(problems).includes("plain-text-key-1234"));
  });

  it("checks the spec against the cloud the stack uses", () => {
    assert.deepEqual(paths({ "ros-vpc-ipsec:cloud": { provider: "alicloud", vpcId: "vpc-1", routeTableId: "vtb-1", gateway: { bandwidthMbps: 10 } }, "ros-vpc-ipsec:tunnel": { ...tunnel, ike: { dhGroup: 19 } } }), [
      "ros-vpc-ipsec:tunnel.ike.dhGroup",
    ]);
  });

  it("needs a gateway to create or an existing one, not both", () => {
    assert.deepEqual(paths({ "ros-vpc-ipsec:cloud": { provider: "tencent", vpcId: "vpc-1", routeTableId: "rtb-1" } }), ["ros-vpc-ipsec:cloud.gateway"]);
    assert.deepEqual(paths({ "ros-vpc-ipsec:cloud": { provider: "tencent", vpcId: "vpc-1", routeTableId: "rtb-1", gateway: { bandwidthMbps: 5 }, existingGatewayId: "vpngw-1" } }), [
      "ros-vpc-ipsec:cloud.existingGatewayId",
    ]);
  });

  it("refuses a gateway setting of the other cloud instead of ignoring it, and checks Tencent's charge type", () => {
    const tencentCloud = base["ros-vpc-ipsec:cloud"] as Record<string, unknown>;
    const errorsOf = (cloud: Record<string, unknown>) => read({ "ros-vpc-ipsec:cloud": cloud }).problems.filter((p) => p.severity === "error");
    const onTencent = errorsOf({ ...tencentCloud, gateway: { bandwidthMbps: 5, paymentType: "Subscription" } });
    assert.deepEqual(onTencent.map((p) => [p.path, p.message, p.hint]), [
      ["ros-vpc-ipsec:cloud.gateway.paymentType", "is an Alibaba Cloud setting, and this site's cloud is Tencent Cloud", "remove it; Tencent's is cloud.gateway.chargeType"],
    ]);
    const onAlibaba = errorsOf({ provider: "alicloud", vpcId: "vpc-1", routeTableId: "vtb-1", gateway: { bandwidthMbps: 10, zone: "cn-hangzhou-h", chargeType: "POSTPAID_BY_HOUR" } });
    assert.deepEqual(onAlibaba.map((p) => p.path), ["ros-vpc-ipsec:cloud.gateway.zone", "ros-vpc-ipsec:cloud.gateway.chargeType"]);
    const prepaid = errorsOf({ ...tencentCloud, gateway: { bandwidthMbps: 5, chargeType: "PREPAID" } });
    assert.deepEqual(prepaid.map((p) => [p.path, p.value]), [["ros-vpc-ipsec:cloud.gateway.chargeType", "PREPAID"]]);
    assert.match(prepaid[0]!.hint ?? "", /existingGatewayId/);
    assert.deepEqual(errorsOf({ ...tencentCloud, gateway: { bandwidthMbps: 5, chargeType: "POSTPAID_BY_HOUR" } }), []);
    assert.deepEqual(errorsOf({ ...tencentCloud, vswitchId: "vsw-1", gateway: { bandwidthMbps: 5, paymentType: "Bogus" } }).map((p) => [p.path, p.hint]), [
      ["ros-vpc-ipsec:cloud.vswitchId", "remove it; Tencent places the gateway by cloud.gateway.zone"],
      ["ros-vpc-ipsec:cloud.gateway.paymentType", "remove it; Tencent's is cloud.gateway.chargeType"],
    ]);
  });

  it("passes Alibaba's disaster-recovery vSwitch on, checked as the side checks it, and refuses it on Tencent", () => {
    const alibaba = { provider: "alicloud", vpcId: "vpc-1", routeTableId: "vtb-1", vswitchId: "vsw-a1", gateway: { bandwidthMbps: 10 } };
    const ok = read({ "ros-vpc-ipsec:cloud": { ...alibaba, disasterRecoveryVswitchId: "vsw-b1" } });
    assert.equal(ok.settings?.cloud.disasterRecoveryVswitchId, "vsw-b1");
    assert.deepEqual(paths({ "ros-vpc-ipsec:cloud": { ...alibaba, disasterRecoveryVswitchId: "vsw-a1" } }), ["ros-vpc-ipsec:cloud.disasterRecoveryVswitchId"]);
    const { vswitchId: _active, ...withoutActive } = alibaba;
    assert.deepEqual(paths({ "ros-vpc-ipsec:cloud": { ...withoutActive, disasterRecoveryVswitchId: "vsw-b1" } }), ["ros-vpc-ipsec:cloud.vswitchId"]);
    const tencentCloud = base["ros-vpc-ipsec:cloud"] as Record<string, unknown>;
    assert.deepEqual(paths({ "ros-vpc-ipsec:cloud": { ...tencentCloud, disasterRecoveryVswitchId: "vsw-b1" } }), ["ros-vpc-ipsec:cloud.disasterRecoveryVswitchId"]);
  });

  it("needs a route table on Tencent, and on Alibaba in policy mode only, named by its key", () => {
    const noTable = (provider: string, mode?: string) =>
      paths({
        "ros-vpc-ipsec:cloud": { provider, vpcId: "vpc-1", gateway: { bandwidthMbps: provider === "tencent" ? 5 : 10 } },
        "ros-vpc-ipsec:tunnel": { ...tunnel, ...(mode ? { mode } : {}) },
      });
    assert.deepEqual(noTable("tencent"), ["ros-vpc-ipsec:cloud.routeTableId"]);
    assert.deepEqual(noTable("tencent", "route"), ["ros-vpc-ipsec:cloud.routeTableId"]);
    assert.deepEqual(noTable("alicloud"), ["ros-vpc-ipsec:cloud.routeTableId"]);
    assert.deepEqual(noTable("alicloud", "route"), []);
  });

  it("names unknown and mistyped settings", () => {
    assert.deepEqual(paths({ "ros-vpc-ipsec:router": { host: "192.0.2.1", prot: 8729 } }), ["ros-vpc-ipsec:router.prot"]);
    assert.deepEqual(paths({ "ros-vpc-ipsec:router": { host: "192.0.2.1", port: "8729" } }), ["ros-vpc-ipsec:router.port"]);
    assert.deepEqual(paths({ "ros-vpc-ipsec:cloud": { provider: "aws", vpcId: "vpc-1", gateway: { bandwidthMbps: 5 } } }), ["ros-vpc-ipsec:cloud.provider"]);
  });

  it("refuses a tunnel.cloud that contradicts cloud.provider", () => {
    assert.deepEqual(paths({ "ros-vpc-ipsec:tunnel": { ...tunnel, cloud: "alicloud" } }), ["ros-vpc-ipsec:tunnel.cloud"]);
  });
});

describe("the router's TLS setting", () => {
  it("takes verify as a shorthand, like insecure and off", () => {
    assert.deepEqual(read({ "ros-vpc-ipsec:router": { host: "192.0.2.1", tls: "verify" } }).problems, []);
  });

  it("says how to write it when it is malformed", () => {
    const { problems } = read({ "ros-vpc-ipsec:router": { host: "192.0.2.1", tls: "pinned" } });
    const found = problems.find((p) => p.path === "ros-vpc-ipsec:router.tls");
    assert.match(found?.hint ?? "", /mode: fingerprint, fingerprint: <sha256>/);
  });
});
