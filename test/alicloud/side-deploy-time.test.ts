// What AlicloudVpnSide can only check once values resolve (a key from config.requireSecret, an existing gateway's
// facts): a failure stops every resource that waits on it, names the field, and never shows the key.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { exampleInput } from "../helpers/specs";
import { rejectionsDuring, resolve, revealSecret, startMockCloud } from "./helpers/mock-cloud";

const cloud = startMockCloud([
  { id: "vpn-office01", vpcId: "vpc-office01", internetIp: "47.98.20.2", enableIpsec: "enable" },
  { id: "vpn-sslonly01", vpcId: "vpc-office01", internetIp: "47.98.20.3", enableIpsec: "disable" },
]);
const { AlicloudVpnSide } = require("../../src/alicloud") as typeof import("../../src/alicloud");
type Args = ConstructorParameters<typeof AlicloudVpnSide>[1];

const secure = { ...exampleInput("secure"), cloud: "alicloud", cloudGatewayIp: undefined } as Args["spec"];
const VPC = { vpcId: "vpc-office01", routeTableId: "vtb-office01" };

/** Alibaba resources registered under a name (the component itself is not one of them). */
const sentToAlibaba = (prefix: string) => cloud.named(prefix).filter((r) => r.type.startsWith("alicloud:"));

describe("a pre-shared key from config.requireSecret", () => {
  it("that breaks Alibaba's rules stops the side before any resource is sent, naming the field and not the key", async () => {
    const key = pulumi.secret("has a space and is long enough");
    const messages = await rejectionsDuring(async () => {
      new AlicloudVpnSide("bad-secret", { spec: { ...secure, preSharedKey: key }, ...VPC, gateway: { bandwidth: 10 } });
    });
    assert.ok(messages.length > 0, "the failure is reported");
    for (const message of messages) {
      assert.match(message, /spec\.preSharedKey: "<redacted>" contains characters Alibaba Cloud does not accept/);
      assert.equal(message.includes("has a space"), false);
    }
    assert.deepEqual(sentToAlibaba("bad-secret"), []);
  });

  it("that is weak but allowed by allowWeakCrypto is used", async () => {
    const side = new AlicloudVpnSide("weak-secret", {
      spec: { ...secure, allowWeakCrypto: true, preSharedKey: pulumi.secret("123456") },
      ...VPC,
      gateway: { bandwidth: 10 },
    });
    await resolve(side.routeEntryIds);
    const connection = cloud.one("weak-secret-connection");
    assert.equal((revealSecret(connection.inputs.ikeConfig) as Record<string, unknown>).psk, "123456");
  });
});

describe("an existing gateway is checked against the args once it is looked up", () => {
  type Case = [description: string, args: Partial<Args>, message: RegExp];
  const CASES: Case[] = [
    ["a gateway that does not exist", { existingGatewayId: "vpn-missing01" }, /existingGatewayId: "vpn-missing01" is not a VPN gateway in this region/],
    ["a gateway of another VPC", { existingGatewayId: "vpn-office01", vpcId: "vpc-lab01" }, /vpcId: "vpc-lab01" is not the VPC of gateway vpn-office01 \(vpc-office01\)/],
    ["a gateway without IPsec-VPN", { existingGatewayId: "vpn-sslonly01" }, /existingGatewayId: "vpn-sslonly01" has IPsec-VPN disabled/],
    [
      "a spec whose cloudGatewayIp is another address",
      { existingGatewayId: "vpn-office01", spec: { ...secure, cloudGatewayIp: "47.98.99.99" } },
      /spec\.cloudGatewayIp: "47\.98\.99\.99" is not the address of gateway vpn-office01 \(47\.98\.20\.2\)/,
    ],
    [
      "a spec whose address identity is another address",
      { existingGatewayId: "vpn-office01", spec: { ...secure, identities: { cloud: "address:47.98.99.99" } } },
      /spec\.identities\.cloud: "address:47\.98\.99\.99" is not the address of gateway vpn-office01/,
    ],
  ];
  CASES.forEach(([description, overrides, message], i) => {
    it(`${description}: nothing is sent`, async () => {
      const name = `existing-${i}`;
      const messages = await rejectionsDuring(async () => {
        new AlicloudVpnSide(name, { spec: secure, ...VPC, ...overrides } as Args);
      });
      assert.ok(messages.length > 0, "the failure is reported");
      assert.ok(messages.every((m) => message.test(m)), `every report names the field: ${messages.join(" | ")}`);
      assert.deepEqual(sentToAlibaba(name), []);
    });
  });

  it("a gateway that fits, with the spec's address equal to its own, is used", async () => {
    const side = new AlicloudVpnSide("existing-fits", {
      spec: { ...secure, cloudGatewayIp: "47.98.20.2" },
      ...VPC,
      existingGatewayId: "vpn-office01",
    });
    assert.equal(await resolve(side.gatewayPublicIp), "47.98.20.2");
    await resolve(side.routeEntryIds);
    assert.deepEqual(
      sentToAlibaba("existing-fits").map((r) => r.type).sort(),
      ["alicloud:vpc/routeEntry:RouteEntry", "alicloud:vpn/connection:Connection", "alicloud:vpn/customerGateway:CustomerGateway"],
    );
  });
});
