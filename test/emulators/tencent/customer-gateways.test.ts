// Specification: customer gateway actions — CreateCustomerGateway, DescribeCustomerGateways,
// DeleteCustomerGateway — through the real SDK: one gateway per public IP, no deleting one in use.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { rejectsWith } from "./sdk-client";
import { world, type World } from "./world";

describe("customer gateways", () => {
  let w: World;
  before(async () => (w = await world()));
  after(() => w.stop());

  test("a created customer gateway is described with its name and address", async () => {
    const r = await w.client.CreateCustomerGateway({ CustomerGatewayName: "branch-router", IpAddress: "198.18.0.1" });
    const id = r.CustomerGateway?.CustomerGatewayId ?? "";
    assert.match(id, /^cgw-[a-z0-9]{8}$/);
    const [found] = (await w.client.DescribeCustomerGateways({ CustomerGatewayIds: [id] })).CustomerGatewaySet ?? [];
    assert.equal(found?.CustomerGatewayName, "branch-router");
    assert.equal(found?.IpAddress, "198.18.0.1");
    assert.match(found?.CreatedTime ?? "", /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  test("the same IP twice is InvalidParameterValue.Duplicate", async () => {
    await w.customerGateway("198.18.0.2", "first");
    await rejectsWith(w.client.CreateCustomerGateway({ CustomerGatewayName: "second", IpAddress: "198.18.0.2" }), "InvalidParameterValue.Duplicate");
  });

  test("the same name twice is accepted (Tencent does not key customer gateways by name)", async () => {
    await w.customerGateway("198.18.0.3", "twin");
    await w.customerGateway("198.18.0.4", "twin");
  });

  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ["IpAddress missing", { IpAddress: undefined }, "MissingParameter"],
    ["IpAddress not an address", { IpAddress: "198.18.0.256" }, "InvalidParameterValue.Malformed"],
    ["IpAddress loopback", { IpAddress: "127.0.0.1" }, "InvalidParameterValue"],
    ["IpAddress multicast", { IpAddress: "224.0.0.5" }, "InvalidParameterValue"],
    ["name over 60 characters", { CustomerGatewayName: "r".repeat(61) }, "InvalidParameterValue.TooLong"],
    ["a reserved BGP ASN", { BgpAsn: 139341 }, "InvalidParameterValue.Reserved"],
  ];
  for (const [what, change, code] of refusals) {
    test(`${what} → ${code}`, async () => {
      await rejectsWith(w.client.request("CreateCustomerGateway", { CustomerGatewayName: "r", IpAddress: "198.18.1.1", ...change }), code);
    });
  }

  test("a customer gateway used by a connection is ResourceInUse; once free it is deleted", async () => {
    const gateway = await w.gateway();
    const cgw = await w.customerGateway("198.18.0.9");
    const tunnel = await w.connection(gateway, cgw);
    await rejectsWith(w.client.DeleteCustomerGateway({ CustomerGatewayId: cgw }), "ResourceInUse");
    await w.client.DeleteVpnConnection({ VpnGatewayId: gateway, VpnConnectionId: tunnel });
    await w.client.DeleteCustomerGateway({ CustomerGatewayId: cgw });
    await rejectsWith(w.client.DescribeCustomerGateways({ CustomerGatewayIds: [cgw] }), "ResourceNotFound");
  });

  test("a malformed id is InvalidParameterValue.Malformed", async () => {
    await rejectsWith(w.client.DeleteCustomerGateway({ CustomerGatewayId: "cgw-ABCDEFGH" }), "InvalidParameterValue.Malformed");
    await rejectsWith(w.client.DescribeCustomerGateways({ CustomerGatewayIds: ["gw-12345678"] }), "InvalidParameterValue.Malformed");
  });
});
