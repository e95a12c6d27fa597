// Specification: the emulator authenticates requests the way Tencent Cloud does (TC3-HMAC-SHA256), for the
// real SDK and for hand-built requests, and answers failures in Tencent's error format.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TencentVpcEmulator } from "./index";
import { rejectsWith, vpcClient } from "./sdk-client";
import { serviceFromHost, signTc3 } from "./signature";
import { manualClock } from "./world";

interface RawCall {
  action?: string;
  body?: string;
  service?: string;
  secretKey?: string;
  signedHost?: string;
  timestamp?: number;
  headers?: Record<string, string>;
  tamper?: (body: string) => string;
}

async function raw(emu: TencentVpcEmulator, call: RawCall = {}): Promise<{ status: number; json: any }> {
  const body = call.body ?? "{}";
  const timestamp = call.timestamp ?? Math.floor(Date.now() / 1000);
  const authorization = signTc3({
    secretId: emu.secretId,
    secretKey: call.secretKey ?? emu.secretKey,
    timestamp,
    service: call.service ?? "127",
    host: call.signedHost ?? "127.0.0.1",
    contentType: "application/json",
    body,
  });
  const res = await fetch(`http://${emu.endpoint}/`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-TC-Action": call.action ?? "DescribeVpnGateways",
      "X-TC-Version": "2017-03-12",
      "X-TC-Region": emu.region,
      "X-TC-Timestamp": String(timestamp),
      Authorization: authorization,
      ...call.headers,
    },
    body: call.tamper ? call.tamper(body) : body,
  });
  return { status: res.status, json: await res.json() };
}

describe("signing service", () => {
  test("is the first label of the host, as the SDK derives it from the endpoint", () => {
    assert.equal(serviceFromHost("vpc.tencentcloudapi.com"), "vpc");
    assert.equal(serviceFromHost("127.0.0.1:18080"), "127");
    assert.equal(serviceFromHost("localhost:18080"), "localhost:18080");
  });
});

describe("TC3 authentication", () => {
  let emu: TencentVpcEmulator;
  before(async () => (emu = await TencentVpcEmulator.start({ secretId: "AKIDexample", secretKey: "example" })));
  after(() => emu.stop());

  test("the SDK, aimed at 127.0.0.1:PORT, signs for service 127 and is accepted", async () => {
    const r = await vpcClient(emu).DescribeVpnGateways({});
    assert.equal(r.TotalCount, 0);
    assert.match(r.RequestId ?? "", /^[0-9a-f-]{36}$/);
  });

  test("the client built from the package root, exactly as the project builds it, is accepted too", async () => {
    const tencentcloud = require("tencentcloud-sdk-nodejs");
    const client = new tencentcloud.vpc.v20170312.Client({
      credential: { secretId: emu.secretId, secretKey: emu.secretKey },
      region: emu.region,
      profile: { httpProfile: { endpoint: emu.endpoint, protocol: "http://", reqTimeout: 5 } },
    });
    assert.equal((await client.DescribeCustomerGateways({})).TotalCount, 0);
  });

  test("a wrong SecretKey is refused with AuthFailure.SignatureFailure", async () => {
    await rejectsWith(vpcClient(emu, { secretKey: "not-the-key" }).DescribeVpnGateways({}), "AuthFailure.SignatureFailure");
  });

  test("an unknown SecretId is refused with AuthFailure.SecretIdNotFound", async () => {
    await rejectsWith(vpcClient(emu, { secretId: "AKIDother" }).DescribeVpnGateways({}), "AuthFailure.SecretIdNotFound");
  });

  test("a request signed for service vpc while the Host says 127 is refused", async () => {
    const r = await raw(emu, { service: "vpc" });
    assert.equal(r.json.Response.Error.Code, "AuthFailure.SignatureFailure");
  });

  test("a body changed after signing is refused", async () => {
    const r = await raw(emu, { body: '{"Limit":5}', tamper: () => '{"Limit":6}' });
    assert.equal(r.json.Response.Error.Code, "AuthFailure.SignatureFailure");
  });

  test("the host may be signed with or without its port", async () => {
    assert.equal((await raw(emu, { signedHost: "127.0.0.1" })).json.Response.TotalCount, 0);
    assert.equal((await raw(emu, { signedHost: emu.endpoint })).json.Response.TotalCount, 0);
  });

  test("a missing or malformed Authorization header is AuthFailure.InvalidAuthorization", async () => {
    assert.equal((await raw(emu, { headers: { Authorization: "" } })).json.Response.Error.Code, "AuthFailure.InvalidAuthorization");
    assert.equal((await raw(emu, { headers: { Authorization: "HMAC whatever" } })).json.Response.Error.Code, "AuthFailure.InvalidAuthorization");
  });

  test("errors are HTTP 200 with Response.Error {Code, Message} and a RequestId", async () => {
    const r = await raw(emu, { secretKey: "wrong" });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json.Response).sort(), ["Error", "RequestId"]);
    assert.deepEqual(Object.keys(r.json.Response.Error).sort(), ["Code", "Message"]);
    assert.match(r.json.Response.RequestId, /^[0-9a-f-]{36}$/);
  });

  test("a body that is not JSON is InvalidParameter", async () => {
    assert.equal((await raw(emu, { body: "{not json" })).json.Response.Error.Code, "InvalidParameter");
  });

  test("another API version is NoSuchVersion, another region UnsupportedRegion, an unknown action InvalidAction", async () => {
    assert.equal((await raw(emu, { headers: { "X-TC-Version": "2020-01-01" } })).json.Response.Error.Code, "NoSuchVersion");
    await rejectsWith(vpcClient(emu, { region: "ap-shanghai" }).DescribeVpnGateways({}), "UnsupportedRegion");
    await rejectsWith(vpcClient(emu).request("DescribeVpcs", {}), "InvalidAction");
  });
});

describe("signature expiry (the emulator's clock against the SDK's timestamp)", () => {
  const clock = manualClock();
  let emu: TencentVpcEmulator;
  before(async () => (emu = await TencentVpcEmulator.start({ clock: clock.now })));
  after(() => emu.stop());

  test("a timestamp 4 minutes old is accepted", async () => {
    clock.advance(4 * 60_000);
    assert.equal((await vpcClient(emu).DescribeVpnGateways({})).TotalCount, 0);
  });

  test("a timestamp over 5 minutes old is AuthFailure.SignatureExpire", async () => {
    clock.advance(2 * 60_000);
    await rejectsWith(vpcClient(emu).DescribeVpnGateways({}), "AuthFailure.SignatureExpire");
  });

  test("a timestamp over 5 minutes in the future is AuthFailure.SignatureExpire too", async () => {
    clock.advance(-12 * 60_000);
    await rejectsWith(vpcClient(emu).DescribeVpnGateways({}), "AuthFailure.SignatureExpire");
  });
});
