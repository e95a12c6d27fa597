// Specification of the Alibaba Cloud VPC API emulator: Alibaba's documented signature, every request checked (and a
// bad one refused with Alibaba's error body), the Describe* actions doctor reads served from seeded state, and
// throttling on demand. Talks to 127.0.0.1 only.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import { AlicloudVpcEmulator, API_VERSION } from ".";
import { signRpc } from "./signature";

/** A request's parameters as a client signs them; `change` is applied after signing (to forge or break one). */
function signed(emu: AlicloudVpcEmulator, method: "GET" | "POST", params: Record<string, string>, change: Record<string, string | undefined> = {}, secret = emu.accessKeySecret): Record<string, string> {
  const all: Record<string, string> = {
    Format: "JSON",
    Version: API_VERSION,
    AccessKeyId: emu.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    RegionId: emu.region,
    ...params,
  };
  const out: Record<string, string> = { ...all, Signature: signRpc(secret, method, all) };
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

async function send(emu: AlicloudVpcEmulator, method: "GET" | "POST", params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new URLSearchParams(params).toString();
  const response =
    method === "GET"
      ? await fetch(`http://${emu.endpoint}/?${form}`)
      : await fetch(`http://${emu.endpoint}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the Alibaba Cloud VPC API emulator", () => {
  let emu: AlicloudVpcEmulator;
  let gatewayId: string;
  before(async () => {
    emu = await AlicloudVpcEmulator.start({ accessKeyId: "LTAIemulatortest01", accessKeySecret: "emulator-secret-Qz81" });
    gatewayId = emu.addVpnGateway({ InternetIp: "203.0.113.20" });
  });
  after(() => emu.stop());
  beforeEach(() => {
    emu.clearFaults();
    emu.resetCalls();
  });

  it("signs as Alibaba's documentation does (its DescribeRegions example, testid/testsecret)", () => {
    // The example of the RPC signature documentation, as republished at developer.aliyun.com/ask/210168.
    const params = { AccessKeyId: "testid", Action: "DescribeRegions", Format: "XML", SignatureMethod: "HMAC-SHA1", SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", SignatureVersion: "1.0", TimeStamp: "2016-02-23T12:46:24Z", Version: "2014-05-26" };
    assert.equal(signRpc("testsecret", "GET", params), "CT9X0VtwR86fNWSnsc6v8YGOjuE=");
  });

  it("listens on 127.0.0.1 at an ephemeral port", () => {
    assert.match(emu.endpoint, /^127\.0\.0\.1:\d+$/);
    assert.notEqual(emu.port, 0);
  });

  for (const method of ["GET", "POST"] as const) {
    it(`serves a signed ${method}`, async () => {
      const { status, body } = await send(emu, method, signed(emu, method, { Action: "DescribeVpnGateway", VpnGatewayId: gatewayId }));
      assert.equal(status, 200);
      assert.deepEqual([body.VpnGatewayId, body.InternetIp], [gatewayId, "203.0.113.20"]);
      assert.match(String(body.RequestId), /^[0-9A-F-]{36}$/);
    });
  }

  const REFUSALS: Array<[what: string, make: (e: AlicloudVpcEmulator) => Record<string, string>, status: number, code: string, message: RegExp]> = [
    ["a signature made with another secret", (e) => signed(e, "GET", { Action: "DescribeVpnGateway", VpnGatewayId: "vpn-x" }, {}, "not-the-secret"), 400, "SignatureDoesNotMatch", /^Specified signature is not matched with our calculation\. server string to sign is:GET&%2F&AccessKeyId/],
    ["a parameter changed after signing", (e) => signed(e, "GET", { Action: "DescribeVpnGateway", VpnGatewayId: "vpn-x" }, { VpnGatewayId: "vpn-y" }), 400, "SignatureDoesNotMatch", /not matched/],
    ["an unknown AccessKey ID", (e) => signed(e, "GET", { Action: "DescribeVpnGateway" }, { AccessKeyId: "LTAIsomeoneelse" }), 404, "InvalidAccessKeyId.NotFound", /access key is not found/],
    ["no signature", (e) => signed(e, "GET", { Action: "DescribeVpnGateway" }, { Signature: undefined }), 400, "MissingParameter", /"Signature"/],
    ["SignatureVersion 2.0", (e) => signed(e, "GET", { Action: "DescribeVpnGateway", SignatureVersion: "2.0" }), 400, "IncompleteSignature", /does not conform/],
    ["a Timestamp an hour old", (e) => signed(e, "GET", { Action: "DescribeVpnGateway", Timestamp: new Date(Date.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z") }), 400, "InvalidTimeStamp.Expired", /expired/],
    ["another API version", (e) => signed(e, "GET", { Action: "DescribeVpnGateway", Version: "2014-05-26" }), 400, "InvalidVersion", /Version/],
    ["an action it does not serve", (e) => signed(e, "GET", { Action: "DeleteVpnGateway" }), 404, "InvalidAction.NotFound", /api is not found/],
    ["another region", (e) => signed(e, "GET", { Action: "DescribeVpnGateway", RegionId: "cn-beijing" }), 400, "InvalidRegionId.NotFound", /cn-beijing/],
    ["no gateway id", (e) => signed(e, "GET", { Action: "DescribeVpnGateway" }), 400, "MissingParameter", /"VpnGatewayId"/],
    ["a gateway that does not exist", (e) => signed(e, "GET", { Action: "DescribeVpnGateway", VpnGatewayId: "vpn-nothere" }), 404, "InvalidVpnGatewayInstanceId.NotFound", /does not exist/],
    ["a page of 51", (e) => signed(e, "GET", { Action: "DescribeVpnConnections", PageSize: "51" }), 400, "InvalidParameter", /PageSize/],
  ];
  for (const [what, make, status, code, message] of REFUSALS) {
    it(`refuses ${what} with Alibaba's error body (${status} ${code})`, async () => {
      const reply = await send(emu, "GET", make(emu));
      assert.equal(reply.status, status);
      assert.equal(reply.body.Code, code);
      assert.match(String(reply.body.Message), message);
      assert.deepEqual(Object.keys(reply.body).sort(), ["Code", "HostId", "Message", "Recommend", "RequestId"]);
    });
  }

  it("refuses a nonce used before, even with a valid signature", async () => {
    const params = signed(emu, "GET", { Action: "DescribeVpnGateway", VpnGatewayId: gatewayId });
    assert.equal((await send(emu, "GET", params)).status, 200);
    const again = await send(emu, "GET", params);
    assert.deepEqual([again.status, again.body.Code], [400, "SignatureNonceUsed"]);
  });

  it("pages and filters DescribeVpnConnections and DescribeCustomerGateways", async () => {
    const local = await AlicloudVpcEmulator.start();
    try {
      const cgw = Array.from({ length: 3 }, (_, i) => local.addCustomerGateway({ IpAddress: `198.51.100.${i + 1}` }));
      const ike = { IkeVersion: "ikev2", IkeMode: "main", IkeEncAlg: "aes256", IkeAuthAlg: "sha256", IkePfs: "group14", IkeLifetime: 86400, LocalId: "203.0.113.20", RemoteId: "198.51.100.1", Psk: "k" };
      const ipsec = { IpsecEncAlg: "aes256", IpsecAuthAlg: "sha256", IpsecPfs: "group14", IpsecLifetime: 86400 };
      const gw = local.addVpnGateway({ InternetIp: "203.0.113.20" });
      for (let i = 0; i < 12; i++) {
        local.addVpnConnection({ Name: `t${i}`, VpnGatewayId: gw, CustomerGatewayId: cgw[i % 3]!, LocalSubnet: "10.0.0.0/24", RemoteSubnet: "192.168.1.0/24", Status: "ike_sa_not_established", EnableDpd: true, EnableNatTraversal: true, IkeConfig: ike, IpsecConfig: ipsec });
      }
      const page = async (params: Record<string, string>) => (await send(local, "GET", signed(local, "GET", { Action: "DescribeVpnConnections", ...params }))).body;
      const second = await page({ PageNumber: "2", PageSize: "5" });
      assert.deepEqual([second.TotalCount, second.PageNumber, second.PageSize], [12, 2, 5]);
      assert.deepEqual((second.VpnConnections as { VpnConnection: Array<{ Name: string }> }).VpnConnection.map((c) => c.Name), ["t5", "t6", "t7", "t8", "t9"]);
      const first = await page({});
      assert.equal((first.VpnConnections as { VpnConnection: unknown[] }).VpnConnection.length, 10, "10 a page by default");
      const one = await page({ CustomerGatewayId: cgw[1]! });
      assert.equal(one.TotalCount, 4);
      const gateways = (await send(local, "GET", signed(local, "GET", { Action: "DescribeCustomerGateways", CustomerGatewayId: cgw[2]! }))).body;
      assert.deepEqual((gateways.CustomerGateways as { CustomerGateway: Array<{ IpAddress: string }> }).CustomerGateway.map((g) => g.IpAddress), ["198.51.100.3"]);
    } finally {
      await local.stop();
    }
  });

  it("throttles on demand with Alibaba's codes, then answers; counts every request", async () => {
    emu.injectFault({ action: "DescribeVpnGateway", kind: "Throttling.User", times: 2 });
    emu.injectFault({ action: "*", kind: "ServiceUnavailable" });
    const call = () => send(emu, "GET", signed(emu, "GET", { Action: "DescribeVpnGateway", VpnGatewayId: gatewayId }));
    const replies = [await call(), await call(), await call(), await call()];
    assert.deepEqual(replies.map((r) => [r.status, r.body.Code ?? "ok"]), [[400, "Throttling.User"], [400, "Throttling.User"], [503, "ServiceUnavailable"], [200, "ok"]]);
    assert.deepEqual(emu.calls, { DescribeVpnGateway: 4 });
  });
});
