// Table: TencentVpnSide arguments that break Tencent's rules, each refused with the field named and a fix, all at
// once in one error, before any resource (not even the component) is registered.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SpecError } from "../../src/spec/problems";
import { exampleInput, exampleSpec } from "../helpers/specs";
import { startMockEngine } from "../helpers/mock-engine";

const engine = startMockEngine();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TencentVpnSide, checkTencentSideArgs } = require("../../src/tencent") as typeof import("../../src/tencent");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkGatewayAddress } = require("../../src/tencent/side-args") as typeof import("../../src/tencent/side-args");
type Args = ConstructorParameters<typeof TencentVpnSide>[1];

const secure = { ...exampleInput("secure"), cloudGatewayIp: undefined } as Args["spec"];
const valid: Args = { spec: secure, vpcId: "vpc-office01", routeTableId: "rtb-office01", gateway: { bandwidthMbps: 5 } };
const withSpec = (spec: Record<string, unknown>): Args => ({ ...valid, spec: { ...secure, ...spec } as Args["spec"] });

type Case = [description: string, args: Args, path: string, message: RegExp];
const CASES: Case[] = [
  // Tencent's limits on the spec, checked by the foundation's parseTunnelSpec with cloud: tencent.
  ["a spec for Alibaba", withSpec({ cloud: "alicloud" }), "spec.cloud", /not tencent/],
  ["an IKE lifetime of ten days", withSpec({ ike: { lifetime: "10d" } }), "spec.ike.lifetime", /outside Tencent Cloud's/],
  ["a DPD timeout of two minutes", withSpec({ ike: { dpd: { timeout: 120 } } }), "spec.ike.dpd.timeout", /outside Tencent Cloud's DPD timeout range/],
  ["a DPD timeout of two minutes with DPD off (Tencent checks it anyway)", withSpec({ ike: { dpd: { enabled: false, timeout: 120 } } }), "spec.ike.dpd.timeout", /outside Tencent Cloud's DPD timeout range.*even with DPD off/],
  ["a key over Tencent's 128 characters", withSpec({ preSharedKey: "k".repeat(129) }), "spec.preSharedKey", /longer than Tencent Cloud accepts/],
  // The Tencent-side arguments.
  ["a 15 Mbps gateway", { ...valid, gateway: { bandwidthMbps: 15 } }, "gateway.bandwidthMbps", /not a size Tencent sells/],
  ["a prepaid gateway", { ...valid, gateway: { bandwidthMbps: 5, chargeType: "PREPAID" as "POSTPAID_BY_HOUR" } }, "gateway.chargeType", /not offered here/],
  ["a zone that is a region", { ...valid, gateway: { bandwidthMbps: 5, zone: "ap-guangzhou" } }, "gateway.zone", /not a zone name/],
  ["a 61-byte gateway name", { ...valid, gateway: { bandwidthMbps: 5, name: "g".repeat(61) } }, "gateway.name", /not a VPN gateway name/],
  ["an Alibaba VPC id", { ...valid, vpcId: "vpc_office01" }, "vpcId", /not a VPC id/],
  ["an Alibaba route table id", { ...valid, routeTableId: "vtb-office01" }, "routeTableId", /not a route table id/],
  ["no route table", { ...valid, routeTableId: undefined as unknown as string }, "routeTableId", /is required/],
  ["an Alibaba gateway id", { ...valid, gateway: undefined, existingGatewayId: "vpn-bp1q8" }, "existingGatewayId", /not a VPN gateway id/],
  ["neither a gateway nor an existing one", { ...valid, gateway: undefined }, "gateway", /required when existingGatewayId is not given/],
  ["both a gateway and an existing one", { ...valid, existingGatewayId: "vpngw-existing1" }, "existingGatewayId", /together with gateway/],
  ["tags for an existing gateway", { ...valid, gateway: undefined, existingGatewayId: "vpngw-existing1", tags: { a: "b" } }, "tags", /only to a gateway created here/],
  ["a tag key Tencent reserves", { ...valid, tags: { "qcs:owner": "me" } }, "tags.qcs:owner", /not a tag key Tencent accepts/],
];

describe("TencentVpnSide refuses arguments Tencent would refuse", () => {
  for (const [description, args, path, message] of CASES) {
    it(`${description}: ${path}`, () => {
      const { plan, problems } = checkTencentSideArgs(args);
      assert.equal(plan, undefined);
      const found = problems.find((p) => p.path === path && p.severity === "error");
      assert.ok(found, `expected an error at ${path}; got ${problems.map((p) => `${p.path} (${p.severity})`).join(", ")}`);
      assert.match(found.message, message);
      assert.ok(found.hint, "the problem says how to fix it");
    });
  }

  it("a DPD timeout out of range is reported once, DPD on or off; with DPD off and in range it is accepted", () => {
    for (const enabled of [true, false]) {
      const { problems } = checkTencentSideArgs(withSpec({ ike: { dpd: { enabled, timeout: 120 } } }));
      assert.equal(problems.filter((p) => p.path === "spec.ike.dpd.timeout").length, 1, `enabled: ${enabled}`);
    }
    assert.ok(checkTencentSideArgs(withSpec({ ike: { dpd: { enabled: false, timeout: 45 } } })).plan);
  });

  it("a key that breaks the rules is never shown in the problem", () => {
    const { problems } = checkTencentSideArgs(withSpec({ preSharedKey: `short "quoted" key` }));
    assert.equal(JSON.stringify(problems).includes("quoted"), false);
  });
});

describe("TencentVpnSide with invalid args", () => {
  it("throws one SpecError listing every problem with its path, and registers nothing", () => {
    const args: Args = { ...withSpec({ cloud: "alicloud", ike: { dhGroup: 3 } }), vpcId: "vpc_x", gateway: { bandwidthMbps: 7 } };
    const error = (() => {
      try {
        new TencentVpnSide("broken", args);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof SpecError);
    assert.deepEqual(
      error.problems.filter((p) => p.severity === "error").map((p) => p.path),
      ["spec.cloud", "spec.ike.dhGroup", "gateway.bandwidthMbps", "vpcId"],
    );
    assert.match(error.message, /^invalid TencentVpnSide "broken" arguments:\n {2}- spec\.cloud: "alicloud" is not tencent/);
    assert.deepEqual(engine.named("broken"), []);
  });
});

describe("an existing gateway's address, once known", () => {
  const plan = { spec: exampleSpec("article"), gateway: { existingId: "vpngw-existing1" } };

  it("must be the spec's cloudGatewayIp when one is given", () => {
    assert.deepEqual(checkGatewayAddress(plan, "vpngw-existing1", "119.91.254.122"), []);
    const [problem] = checkGatewayAddress(plan, "vpngw-existing1", "203.0.113.99");
    assert.deepEqual([problem?.path, problem?.message], ["spec.cloudGatewayIp", "is not the address of gateway vpngw-existing1 (203.0.113.99)"]);
  });

  it("is not checked against the spec for a gateway created here (it gets its own)", () => {
    assert.deepEqual(checkGatewayAddress({ ...plan, gateway: { create: { bandwidthMbps: 5 } } }, "vpngw-new", "203.0.113.99"), []);
  });
});
