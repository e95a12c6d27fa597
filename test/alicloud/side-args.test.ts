// Table: AlicloudVpnSide arguments that break Alibaba's rules, each refused with the field named, all at once,
// before any resource (not even the component) is registered.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { SpecError } from "../../src/spec/problems";
import { exampleInput, exampleSpec } from "../helpers/specs";
import { quiet, startMockCloud } from "./helpers/mock-cloud";

const cloud = startMockCloud();
const { AlicloudVpnSide, checkAlicloudSideArgs } = require("../../src/alicloud") as typeof import("../../src/alicloud");
type Args = ConstructorParameters<typeof AlicloudVpnSide>[1];
type Spec = Args["spec"];

const secure = { ...exampleInput("secure"), cloud: "alicloud", cloudGatewayIp: undefined } as Spec;
const valid: Args = { spec: secure, vpcId: "vpc-office01", routeTableId: "vtb-office01", gateway: { bandwidth: 10 } };
const withSpec = (spec: Record<string, unknown>): Args => ({ ...valid, spec: { ...secure, ...spec } as Spec });
const subnets = (n: number, third: (i: number) => string) => Array.from({ length: n }, (_, i) => third(i));

type Case = [description: string, args: Args, path: string, message: RegExp];
const CASES: Case[] = [
  // Alibaba's limits on the spec, checked by the foundation's parseTunnelSpec with cloud: alicloud.
  ["eleven site CIDRs", withSpec({ siteCidrs: subnets(11, (i) => `192.168.${i}.0/24`) }), "spec.siteCidrs", /more subnets than Alibaba Cloud accepts/],
  ["eleven VPC CIDRs", withSpec({ cloudCidrs: subnets(11, (i) => `10.${i}.0.0/16`) }), "spec.cloudCidrs", /more subnets than Alibaba Cloud accepts/],
  ["an IKE lifetime of two days", withSpec({ ike: { lifetime: "2d" } }), "spec.ike.lifetime", /outside Alibaba Cloud's/],
  ["an IPsec lifetime over a day", withSpec({ ipsec: { lifetime: 90000 } }), "spec.ipsec.lifetime", /outside Alibaba Cloud's/],
  ["DH group 19 in phase 1", withSpec({ ike: { dhGroup: 19 } }), "spec.ike.dhGroup", /not offered by Alibaba/],
  ["PFS group 16 in phase 2", withSpec({ ipsec: { pfsGroup: 16 } }), "spec.ipsec.pfsGroup", /not offered by Alibaba/],
  ["a key over Alibaba's 100 characters", withSpec({ preSharedKey: "k".repeat(101) }), "spec.preSharedKey", /longer than Alibaba/],
  ["a spec for Tencent", withSpec({ cloud: "tencent" }), "spec.cloud", /not alicloud/],
  // The Alibaba-side arguments.
  ["a 15 Mbps gateway", { ...valid, gateway: { bandwidth: 15 } }, "gateway.bandwidth", /not a size Alibaba sells/],
  ["a 3000 Mbps gateway", { ...valid, gateway: { bandwidth: 3000 } }, "gateway.bandwidth", /not a size Alibaba sells/],
  ["a monthly payment type", { ...valid, gateway: { bandwidth: 10, paymentType: "Monthly" as "Subscription" } }, "gateway.paymentType", /not a payment type/],
  ["a gateway name that is a URL", { ...valid, gateway: { bandwidth: 10, name: "https://vpn" } }, "gateway.name", /not a VPN gateway name/],
  ["a one-letter gateway name", { ...valid, gateway: { bandwidth: 10, name: "v" } }, "gateway.name", /not a VPN gateway name/],
  ["a VPC id with an underscore", { ...valid, vpcId: "vpc_office01" }, "vpcId", /not a VPC id/],
  ["a vSwitch id given as the VPC id", { ...valid, vpcId: "vsw-office01" }, "vpcId", /not a VPC id/],
  ["a vSwitch id without its prefix", { ...valid, vswitchId: "office01" }, "vswitchId", /not a vSwitch id/],
  ["a Tencent gateway id", { ...valid, gateway: undefined, existingGatewayId: "vpngw-8ccsnclt" }, "existingGatewayId", /not a VPN gateway id/],
  ["an upper-case gateway id", { ...valid, gateway: undefined, existingGatewayId: "vpn-BP1Q8" }, "existingGatewayId", /not a VPN gateway id/],
  ["a Tencent route table id", { ...valid, routeTableId: "rtb-1a2b3c" }, "routeTableId", /not a route table id/],
  ["neither a gateway nor an existing one", { ...valid, gateway: undefined }, "gateway", /required when existingGatewayId is not given/],
  ["both a gateway and an existing one", { ...valid, existingGatewayId: "vpn-existing01" }, "existingGatewayId", /together with gateway/],
  ["a vSwitch for an existing gateway", { ...valid, gateway: undefined, existingGatewayId: "vpn-existing01", vswitchId: "vsw-office01" }, "vswitchId", /only when the gateway is created here/],
  ["policy mode without a route table", { ...valid, routeTableId: undefined }, "routeTableId", /required in policy mode/],
  ["21 tags", { ...valid, tags: Object.fromEntries(subnets(21, (i) => `k${i}`).map((k) => [k, "v"])) }, "tags", /more tags than Alibaba accepts/],
  ["a tag key Alibaba reserves", { ...valid, tags: { "aliyun:owner": "me" } }, "tags.aliyun:owner", /not a tag key/],
  ["a tag value that is a URL", { ...valid, tags: { site: "http://office" } }, "tags.site", /not a tag value/],
];

describe("AlicloudVpnSide refuses arguments Alibaba would refuse", () => {
  for (const [description, args, path, message] of CASES) {
    it(`${description}: ${path}`, () => {
      const { plan, problems } = checkAlicloudSideArgs(args);
      assert.equal(plan, undefined);
      const found = problems.find((p) => p.path === path && p.severity === "error");
      assert.ok(found, `expected an error at ${path}; got ${problems.map((p) => `${p.path} (${p.severity})`).join(", ")}`);
      assert.match(found.message, message);
      assert.ok(found.hint, "the problem says how to fix it");
    });
  }
});

describe("one error for every problem, before anything is registered", () => {
  it("lists each field with its value and fix, and registers nothing", async () => {
    const args: Args = { ...withSpec({ ike: { lifetime: 172800 } }), vpcId: "vpc_office01", gateway: { bandwidth: 15 } };
    let thrown: unknown;
    try {
      new AlicloudVpnSide("refused", args);
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown instanceof SpecError);
    assert.deepEqual(thrown.problems.filter((p) => p.severity === "error").map((p) => p.path).sort(), ["gateway.bandwidth", "spec.ike.lifetime", "vpcId"]);
    assert.match(thrown.message, /invalid AlicloudVpnSide "refused" arguments/);
    assert.match(thrown.message, /gateway\.bandwidth: 15 is not a size Alibaba sells for a public VPN gateway \(Mbps, one of 5, 10, 20, 50, 100, 200, 500, 1000\)/);
    assert.match(thrown.message, /vpcId: "vpc_office01" is not a VPC id/);
    assert.match(thrown.message, /spec\.ike\.lifetime: 172800 is outside Alibaba Cloud's IKE SA lifetime range \(0–86400 seconds\)/);
    await quiet();
    assert.deepEqual(cloud.named("refused"), []);
  });

  it("never prints the key, even when the key is the problem", () => {
    const key = `${"s3cret-".repeat(15)}x`;
    assert.throws(() => new AlicloudVpnSide("refused-key", withSpec({ preSharedKey: key })), (error: Error) => {
      assert.match(error.message, /spec\.preSharedKey: "<106 characters>" is longer than Alibaba Cloud accepts/);
      assert.equal(error.message.includes("s3cret"), false);
      return true;
    });
  });
});

describe("what is accepted", () => {
  it("an already validated TunnelSpec, as the foundation returns it", () => {
    const { plan, problems } = checkAlicloudSideArgs({ ...valid, spec: exampleSpec("secure", { cloud: "alicloud", cloudGatewayIp: undefined }) });
    assert.deepEqual(problems, []);
    assert.equal(plan?.spec.cloud, "alicloud");
  });

  it("a spec that leaves cloud out is read with Alibaba's rules", () => {
    const { cloud: _cloud, ...spec } = secure as Record<string, unknown>;
    const { plan } = checkAlicloudSideArgs({ ...valid, spec: spec as Spec });
    assert.equal(plan?.spec.cloud, "alicloud");
  });

  it("ids given as Outputs, whose format only Alibaba can check", () => {
    const { problems } = checkAlicloudSideArgs({ ...valid, vpcId: pulumi.output("not-checked-here"), routeTableId: pulumi.output("x") });
    assert.deepEqual(problems, []);
  });

  it("a route table in route mode, with a warning that it is not used", () => {
    const { plan, problems } = checkAlicloudSideArgs(withSpec({ mode: "route" }));
    assert.ok(plan);
    assert.deepEqual(
      problems.map((p) => [p.path, p.severity, p.message]),
      [["routeTableId", "warning", "is not used in route mode"]],
    );
  });

  it("more than ten site CIDRs in route mode, where the connection carries 0.0.0.0/0 each side", () => {
    const { plan, problems } = checkAlicloudSideArgs({ ...withSpec({ mode: "route", siteCidrs: subnets(11, (i) => `192.168.${i}.0/24`) }), routeTableId: undefined });
    assert.deepEqual(problems, []);
    assert.equal(plan?.spec.siteCidrs.length, 11);
  });

  it("an address identity with a gateway created here, with a warning that the gateway's own address replaces it", () => {
    const { plan, problems } = checkAlicloudSideArgs(withSpec({ identities: { cloud: "address:203.0.113.7" } }));
    assert.ok(plan);
    assert.deepEqual(problems.map((p) => [p.path, p.severity]), [["spec.identities.cloud", "warning"]]);
  });
});
