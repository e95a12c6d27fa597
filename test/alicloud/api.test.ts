// Specification of the read-only VPC API client doctor uses, against the emulator: signed calls, every page read,
// throttling retried within a bound, other refusals not retried, a bounded wait, and errors that name Alibaba's Code,
// Message, RequestId and the fix while holding no secret.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { AlicloudVpcApi, describeAll } from "../../src/alicloud/api";
import { AlicloudApiError } from "../../src/alicloud/errors";
import { alicloudSettings, type AlicloudSettings } from "../../src/alicloud/settings";
import { AlicloudVpcEmulator } from "../emulators/alicloud";
import { alicloudConfig, seedTunnel } from "../helpers/alicloud";
import { exampleSpec } from "../helpers/specs";
import { findSecrets } from "../security/helpers";

const SECRET = "ApiTestSecret-Jx4Lw9Qe2";
const PSK = "ApiTestPsk-Vb7Nc3Hs8Tz1";

describe("the Alibaba Cloud VPC API client", () => {
  let emu: AlicloudVpcEmulator;
  let settings: AlicloudSettings;
  let gatewayId: string;
  before(async () => {
    emu = await AlicloudVpcEmulator.start({ accessKeyId: "LTAIapitest0001", accessKeySecret: SECRET });
    settings = alicloudSettings((key) => ({ ...alicloudConfig(emu), "ros-vpc-ipsec:alicloudRetryAttempts": "3" })[key], {}).settings!;
    gatewayId = seedTunnel(emu, exampleSpec("secure", { cloud: "alicloud", preSharedKey: PSK }), "203.0.113.20").vpnGatewayId;
  });
  after(() => emu.stop());
  beforeEach(() => {
    emu.clearFaults();
    emu.resetCalls();
  });

  const api = (change: Partial<AlicloudSettings> = {}) => new AlicloudVpcApi({ ...settings, ...change }, [PSK]);
  const failure = (p: Promise<unknown>) => p.then(() => assert.fail("the call succeeded"), (e: unknown) => e as AlicloudApiError);
  const gateway = (client = api()) => client.call("DescribeVpnGateway", { RegionId: settings.region, VpnGatewayId: gatewayId });

  it("reads with signed requests, and never sends the AccessKey secret", async () => {
    assert.equal((await gateway()).InternetIp, "203.0.113.20");
    assert.deepEqual(findSecrets({ SECRET }, "the wire", emu.received.join("\n")), []);
    assert.match(emu.received.join(), /SignatureMethod=HMAC-SHA1/);
  });

  it("retries Throttling and ServiceUnavailable, then answers", async () => {
    emu.injectFault({ action: "DescribeVpnGateway", kind: "Throttling.User" });
    emu.injectFault({ action: "DescribeVpnGateway", kind: "ServiceUnavailable" });
    assert.equal((await gateway()).VpnGatewayId, gatewayId);
    assert.equal(emu.calls.DescribeVpnGateway, 3);
  });

  it("gives up after the configured attempts with Alibaba's Code, Message, RequestId and what to do", async () => {
    emu.injectFault({ action: "*", kind: "Throttling", times: 10 });
    const error = await failure(gateway());
    assert.equal(emu.calls.DescribeVpnGateway, 3);
    assert.ok(error instanceof AlicloudApiError);
    assert.match(error.message, /^DescribeVpnGateway: Throttling: Request was denied due to request throttling\. \(RequestId [0-9A-F-]{36}\)\. Alibaba kept refusing for now: rerun in a minute$/);
  });

  it("does not retry a refusal that will not change, and names the key to check", async () => {
    const error = await failure(gateway(api({ credential: { ...settings.credential, accessKeySecret: "WrongSecret-Zp5" } })));
    assert.equal(emu.calls.DescribeVpnGateway, 1);
    assert.match(error.message, /^DescribeVpnGateway: SignatureDoesNotMatch: Specified signature is not matched .*\(RequestId [0-9A-F-]{36}\)\. Check alicloud:secretKey \(or ALICLOUD_SECRET_KEY\): it is not the secret of this AccessKey ID$/);
    assert.deepEqual(findSecrets({ SECRET, wrong: "WrongSecret-Zp5" }, "error", error.message), []);
    const unknown = await failure(gateway(api({ credential: { ...settings.credential, accessKeyId: "LTAInobody" } })));
    assert.match(unknown.message, /InvalidAccessKeyId\.NotFound: .*Check alicloud:accessKey \(or ALICLOUD_ACCESS_KEY\)/);
  });

  it("waits no longer than the request timeout, and says so", async () => {
    emu.injectFault({ action: "DescribeVpnGateway", kind: "slow", delayMs: 1500 });
    const started = Date.now();
    const error = await failure(gateway(api({ requestTimeoutSeconds: 0.2 })));
    assert.ok(Date.now() - started < 1400, `waited ${Date.now() - started} ms`);
    assert.match(error.message, /^DescribeVpnGateway: no answer in time: http:\/\/127\.0\.0\.1:\d+ did not answer within 0\.2 s\. Check the network to the VPC API, or raise ros-vpc-ipsec:alicloudRequestTimeoutSeconds$/);
  });

  it("says where it could not connect", async () => {
    const closed = await AlicloudVpcEmulator.start();
    const endpoint = `http://${closed.endpoint}`;
    await closed.stop();
    const error = await failure(gateway(api({ endpoint })));
    assert.equal(error.message, `DescribeVpnGateway: no answer: ${endpoint}: ECONNREFUSED. Check the network to the VPC API, and ros-vpc-ipsec:alicloudEndpoint if it is set`);
  });

  it("says so when the endpoint answers something other than Alibaba's JSON (a proxy's HTML page)", async () => {
    const proxy = createServer((_req, res) => res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>"));
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const error = await failure(gateway(api({ endpoint })));
      assert.equal(error.message, `DescribeVpnGateway: an answer that is not Alibaba's JSON: ${endpoint} answered with a body that does not parse as JSON. Check ros-vpc-ipsec:alicloudEndpoint: it must be Alibaba's VPC API`);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it("reads every page of a list", async () => {
    const local = await AlicloudVpcEmulator.start();
    try {
      const many = exampleSpec("secure", { cloud: "alicloud" });
      for (let i = 0; i < 60; i++) local.addCustomerGateway({ IpAddress: `198.51.100.${i + 1}`, Name: `${many.name}-${i}` });
      const localSettings = alicloudSettings((key) => alicloudConfig(local)[key], {}).settings!;
      const all = await describeAll(new AlicloudVpcApi(localSettings), "DescribeCustomerGateways", {}, (r) => r.CustomerGateways?.CustomerGateway);
      assert.equal(all.length, 60);
      assert.equal(new Set(all.map((g) => g.IpAddress)).size, 60);
      assert.equal(local.calls.DescribeCustomerGateways, 2);
    } finally {
      await local.stop();
    }
  });

  it("keeps the library's HTTP debug output off: with DEBUG=httpx:* the key in the answer is not printed", async () => {
    const debug = require("debug") as { enable(names: string): void; disable(): string; log: (...args: unknown[]) => void };
    const before = debug.disable();
    const printed: string[] = [];
    const log = debug.log;
    debug.log = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
    debug.enable("httpx:*");
    try {
      const connections = await describeAll(api(), "DescribeVpnConnections", {}, (r) => r.VpnConnections?.VpnConnection);
      assert.equal(connections[0]?.IkeConfig?.Psk, PSK, "the answer carries the key (so the check below can fail)");
      assert.deepEqual(findSecrets({ PSK }, "debug output", printed.join("\n")), []);
    } finally {
      debug.log = log;
      debug.enable(before);
    }
  });
});
