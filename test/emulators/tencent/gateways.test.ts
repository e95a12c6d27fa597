// Specification: VPN gateway actions — CreateVpnGateway, DescribeVpnGateways, ResetVpnGatewayInternetMaxBandwidth,
// ModifyVpnGatewayAttribute, DeleteVpnGateway — through the real SDK, happy paths and Tencent's refusals.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parseCidr, parseIpv4, ipInCidr } from "./cidr";
import { rejectsWith } from "./sdk-client";
import { world, type World } from "./world";

describe("CreateVpnGateway", () => {
  let w: World;
  before(async () => (w = await world()));
  after(() => w.stop());

  test("answers the new gateway PENDING, without an address yet, with documented defaults", async () => {
    const r = await w.client.CreateVpnGateway({ VpcId: w.vpcId, VpnGatewayName: "office-gw", InternetMaxBandwidthOut: 10 });
    assert.match(r.VpnGateway?.VpnGatewayId ?? "", /^vpngw-[a-z0-9]{8}$/);
    assert.equal(r.VpnGateway?.State, "PENDING");
    assert.equal(r.VpnGateway?.PublicIpAddress, "");
    assert.equal(r.VpnGateway?.Type, "IPSEC");
    assert.equal(r.VpnGateway?.InstanceChargeType, "POSTPAID_BY_HOUR");
    assert.equal(r.VpnGateway?.Zone, "ap-guangzhou-3");
    assert.equal(r.VpnGateway?.InternetMaxBandwidthOut, 10);
  });

  test("the gateway then reads AVAILABLE with a public address from a TEST-NET range", async () => {
    const id = await w.gateway("readable");
    const [g] = (await w.client.DescribeVpnGateways({ VpnGatewayIds: [id] })).VpnGatewaySet ?? [];
    assert.equal(g?.State, "AVAILABLE");
    const ip = parseIpv4(g?.PublicIpAddress ?? "") ?? -1;
    assert.ok(["203.0.113.0/24", "198.51.100.0/24"].some((net) => ipInCidr(ip, parseCidr(net)!)), g?.PublicIpAddress);
  });

  test("tags are stored and returned", async () => {
    const id = await w.gateway("tagged", { Tags: [{ Key: "owner", Value: "ros-vpc-ipsec" }] });
    const [g] = (await w.client.DescribeVpnGateways({ VpnGatewayIds: [id] })).VpnGatewaySet ?? [];
    assert.deepEqual(g?.TagSet, [{ Key: "owner", Value: "ros-vpc-ipsec" }]);
  });

  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ["VpcId missing", { VpcId: undefined }, "MissingParameter"],
    ["VpcId malformed", { VpcId: "vpc-123" }, "InvalidVpcId.Malformed"],
    ["VpcId unknown", { VpcId: "vpc-00000000" }, "InvalidVpcId.NotFound"],
    ["name missing", { VpnGatewayName: "" }, "MissingParameter"],
    ["name over 60 bytes", { VpnGatewayName: "网".repeat(21) }, "InvalidParameterValue.TooLong"],
    ["bandwidth not offered", { InternetMaxBandwidthOut: 7 }, "InvalidParameterValue"],
    ["bandwidth as a string", { InternetMaxBandwidthOut: "5" }, "InvalidParameter"],
    ["charge type unknown", { InstanceChargeType: "MONTHLY" }, "InvalidParameterValue"],
    ["PREPAID without InstanceChargePrepaid", { InstanceChargeType: "PREPAID" }, "MissingParameter"],
    ["zone of another region", { Zone: "ap-shanghai-2" }, "InvalidParameterValue.UnavailableZone"],
    ["an SSL gateway (not modelled)", { Type: "SSL" }, "UnsupportedOperation"],
    ["a tag key twice", { Tags: [{ Key: "a", Value: "1" }, { Key: "a", Value: "2" }] }, "InvalidParameterValue.TagDuplicateKey"],
    ["a reserved BGP ASN", { BgpAsn: 45090 }, "InvalidParameterValue.Reserved"],
    ["an unknown parameter", { VpnGatewayNmae: "typo" }, "UnknownParameter"],
  ];
  for (const [what, change, code] of refusals) {
    test(`${what} → ${code}`, async () => {
      const req = { VpcId: w.vpcId, VpnGatewayName: "gw", InternetMaxBandwidthOut: 5, ...change };
      await rejectsWith(w.client.request("CreateVpnGateway", req), code);
    });
  }

  test("a 60-byte name (20 CJK characters) is accepted", async () => {
    await w.gateway("网".repeat(20));
  });
});

describe("ResetVpnGatewayInternetMaxBandwidth and ModifyVpnGatewayAttribute", () => {
  let w: World;
  let id: string;
  before(async () => {
    w = await world();
    id = await w.gateway("resize", { InternetMaxBandwidthOut: 10 });
  });
  after(() => w.stop());

  const bandwidth = async () => (await w.client.DescribeVpnGateways({ VpnGatewayIds: [id] })).VpnGatewaySet?.[0]?.InternetMaxBandwidthOut;

  test("bandwidth grows within its band", async () => {
    await w.client.ResetVpnGatewayInternetMaxBandwidth({ VpnGatewayId: id, InternetMaxBandwidthOut: 100 });
    assert.equal(await bandwidth(), 100);
  });

  test("bandwidth may not shrink, nor cross from [5,100] to [200,1000]", async () => {
    await rejectsWith(w.client.ResetVpnGatewayInternetMaxBandwidth({ VpnGatewayId: id, InternetMaxBandwidthOut: 50 }), "UnsupportedOperation.VpnUnsupportedModifyBandwidth");
    await rejectsWith(w.client.ResetVpnGatewayInternetMaxBandwidth({ VpnGatewayId: id, InternetMaxBandwidthOut: 200 }), "UnsupportedOperation.VpnUnsupportedModifyBandwidth");
    assert.equal(await bandwidth(), 100);
  });

  test("3000 Mbps can be bought but not reset to; an unknown gateway is ResourceNotFound", async () => {
    await rejectsWith(w.client.ResetVpnGatewayInternetMaxBandwidth({ VpnGatewayId: id, InternetMaxBandwidthOut: 3000 }), "InvalidParameterValue");
    await rejectsWith(w.client.ResetVpnGatewayInternetMaxBandwidth({ VpnGatewayId: "vpngw-00000000", InternetMaxBandwidthOut: 100 }), "ResourceNotFound");
  });

  test("the name can be changed in place", async () => {
    await w.client.ModifyVpnGatewayAttribute({ VpnGatewayId: id, VpnGatewayName: "renamed" });
    assert.equal((await w.client.DescribeVpnGateways({ VpnGatewayIds: [id] })).VpnGatewaySet?.[0]?.VpnGatewayName, "renamed");
  });

  test("a pay-as-you-go gateway cannot be switched to another charge type", async () => {
    await rejectsWith(w.client.ModifyVpnGatewayAttribute({ VpnGatewayId: id, InstanceChargeType: "POSTPAID_BY_HOUR" }), "UnsupportedOperation");
    await rejectsWith(w.client.ModifyVpnGatewayAttribute({ VpnGatewayId: id, InstanceChargeType: "PREPAID" }), "InvalidParameterValue");
  });
});

describe("DeleteVpnGateway", () => {
  let w: World;
  before(async () => (w = await world()));
  after(() => w.stop());

  test("a deleted gateway is gone: Describe by its id is ResourceNotFound", async () => {
    const id = await w.gateway("doomed");
    await w.client.DeleteVpnGateway({ VpnGatewayId: id });
    await rejectsWith(w.client.DescribeVpnGateways({ VpnGatewayIds: [id] }), "ResourceNotFound");
    assert.equal(w.emu.state().vpnGateways.some((g) => g.VpnGatewayId === id), false);
  });

  test("a gateway with a connection is ResourceInUse", async () => {
    const id = await w.gateway("busy");
    await w.connection(id, await w.customerGateway("192.0.2.20"));
    await rejectsWith(w.client.DeleteVpnGateway({ VpnGatewayId: id }), "ResourceInUse");
  });

  test("a gateway a VPC route points to is ResourceInUse", async () => {
    const id = await w.gateway("routed");
    await w.client.CreateRoutes({ RouteTableId: w.routeTableId, Routes: [{ DestinationCidrBlock: "172.31.0.0/24", GatewayType: "VPN", GatewayId: id }] });
    await rejectsWith(w.client.DeleteVpnGateway({ VpnGatewayId: id }), "ResourceInUse");
  });

  test("a malformed id is InvalidVpnGatewayId.Malformed, an unknown one ResourceNotFound", async () => {
    await rejectsWith(w.client.DeleteVpnGateway({ VpnGatewayId: "vpngw_bad" }), "InvalidVpnGatewayId.Malformed");
    await rejectsWith(w.client.DeleteVpnGateway({ VpnGatewayId: "vpngw-00000000" }), "ResourceNotFound");
  });
});
