// Specification of the Tencent providers' pure parts: settings from config and environment, error classification
// and redaction, backoff bounds, canonical connection options and the field diff. No emulator, no I/O.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { backoffDelay, waitUntil, WaitTimeoutError } from "../../src/common/backoff";
import { canonicalIke, canonicalIpsec, canonicalSpd } from "../../src/tencent/connection-options";
import { apiError, isTransient, TencentOperationError } from "../../src/tencent/errors";
import { canonicalJson, diffFields, UNKNOWN } from "../../src/tencent/fields";
import { tencentSettings } from "../../src/tencent/settings";
import { VpnConnectionProvider } from "../../src/tencent/connection";
import { VpcRoutesProvider } from "../../src/tencent/vpc-routes";
import { VpnGatewayProvider } from "../../src/tencent/gateway";

describe("settings", () => {
  const credentials = { "tencentcloud:secretId": "AKIDconfig", "tencentcloud:secretKey": "config-key", "tencentcloud:region": "ap-guangzhou" };
  const from = (config: Record<string, string>, env: Record<string, string> = {}) => tencentSettings((k) => config[k], env);

  test("stack config wins over the environment, which is the fallback", () => {
    const env = { TENCENTCLOUD_SECRET_ID: "AKIDenv", TENCENTCLOUD_SECRET_KEY: "env-key", TENCENTCLOUD_REGION: "ap-shanghai" };
    assert.deepEqual(from(credentials, env).settings?.credential, { secretId: "AKIDconfig", secretKey: "config-key" });
    const fallback = from({}, env).settings;
    assert.deepEqual([fallback?.credential.secretId, fallback?.region, fallback?.endpoint, fallback?.protocol], ["AKIDenv", "ap-shanghai", undefined, "https://"]);
  });

  test("missing credentials are named with the way to set them, and no value appears", () => {
    const { settings, problems } = from({ "tencentcloud:secretKey": "do-not-show-me" });
    assert.equal(settings, undefined);
    assert.deepEqual(problems, [
      "tencentcloud:secretId is not set (pulumi config set --secret tencentcloud:secretId …, or the TENCENTCLOUD_SECRET_ID environment variable)",
      "tencentcloud:region is not set (pulumi config set tencentcloud:region …, or the TENCENTCLOUD_REGION environment variable)",
    ]);
  });

  test("the emulator endpoint 127.0.0.1:PORT is reached over http; any other host only over https", () => {
    const at = (endpoint: string) => from({ ...credentials, "ros-vpc-ipsec:tencentEndpoint": endpoint });
    assert.deepEqual([at("127.0.0.1:18080").settings?.endpoint, at("127.0.0.1:18080").settings?.protocol], ["127.0.0.1:18080", "http://"]);
    assert.deepEqual([at("vpc.ap-guangzhou.tencentcloudapi.com").settings?.protocol], ["https://"]);
    assert.match(at("http://198.51.100.7:80").problems[0] ?? "", /plain http is allowed to the loopback address only/);
  });

  test("time budgets come from config, and a bad number is reported", () => {
    const s = from({ ...credentials, "ros-vpc-ipsec:tencentWaitTimeoutSeconds": "60", "ros-vpc-ipsec:tencentRetryAttempts": "3" }).settings;
    assert.deepEqual([s?.waitTimeoutMs, s?.retryAttempts, s?.requestTimeoutSeconds], [60_000, 3, 30]);
    assert.match(from({ ...credentials, "ros-vpc-ipsec:tencentRetryAttempts": "many" }).problems[0] ?? "", /tencentRetryAttempts is "many", not a number/);
  });
});

describe("errors", () => {
  const sdk = (fields: object) => Object.assign(new Error((fields as { message?: string }).message ?? ""), fields);

  test("Tencent's code, message and RequestId make the message; HTTP and network failures say which they are", () => {
    assert.equal(apiError("CreateVpnGateway", sdk({ code: "InvalidVpcId.NotFound", message: "no such VPC", requestId: "r-1" })).message, "CreateVpnGateway: InvalidVpcId.NotFound: no such VPC (RequestId r-1)");
    assert.equal(apiError("DescribeVpnGateways", sdk({ httpCode: 502, message: "Bad Gateway" })).message, "DescribeVpnGateways: HTTP 502: Bad Gateway");
    assert.equal(apiError("DeleteRoutes", sdk({ message: "socket hang up" })).kind, "network");
  });

  test("a secret in Tencent's message is cut out", () => {
    const error = apiError("ModifyVpnConnectionAttribute", sdk({ code: "InvalidParameterValue", message: "PreShareKey `hunter2-secret` is bad" }), ["hunter2-secret"]);
    assert.equal(error.message, "ModifyVpnConnectionAttribute: InvalidParameterValue: PreShareKey `[secret]` is bad");
  });

  test("only transient failures are retried; an unanswered call only when repeating it is harmless", () => {
    const code = (c: string) => apiError("X", sdk({ code: c, message: "" }));
    const idempotent = { idempotent: true };
    for (const c of ["RequestLimitExceeded", "InternalError", "ResourceUnavailable", "UnsupportedOperation.InvalidState", "UnsupportedOperation.VpnConnInvalidState", "UnsupportedOperation.MutexOperationTaskRunning"]) {
      assert.equal(isTransient(code(c), idempotent), true, c);
    }
    for (const c of ["InvalidParameterValue", "AuthFailure.SignatureFailure", "UnsupportedOperation", "LimitExceeded"]) assert.equal(isTransient(code(c), idempotent), false, c);
    assert.deepEqual([isTransient(code("ResourceInUse"), idempotent), isTransient(code("ResourceInUse"), { idempotent: true, inUseIsBusy: true })], [false, true]);
    const network = apiError("X", sdk({ message: "ECONNRESET" }));
    assert.deepEqual([isTransient(network, { idempotent: true }), isTransient(network, { idempotent: false })], [true, false]);
    assert.deepEqual([isTransient(apiError("X", sdk({ httpCode: 503 })), idempotent), isTransient(apiError("X", sdk({ httpCode: 404 })), idempotent)], [true, false]);
  });

  test("an operation error keeps the code and RequestId and ends with the rerun advice", () => {
    const error = new TencentOperationError("creating VPN gateway gw", apiError("CreateVpnGateway", sdk({ code: "LimitExceeded", message: "quota", requestId: "r-2" })), "Nothing was created; rerunning is safe.");
    assert.deepEqual([error.code, error.requestId], ["LimitExceeded", "r-2"]);
    assert.equal(error.message, "creating VPN gateway gw failed: CreateVpnGateway: LimitExceeded: quota (RequestId r-2). Nothing was created; rerunning is safe.");
  });
});

describe("backoff", () => {
  const backoff = { initialMs: 100, maxMs: 1000 };

  test("each delay lies between half and all of the doubling ceiling, which is capped", () => {
    assert.deepEqual([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, backoff, () => 0)), [50, 100, 200, 400, 500, 500]);
    assert.deepEqual([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, backoff, () => 1)), [100, 200, 400, 800, 1000, 1000]);
  });

  test("a wait with no time left probes once and reports the last state seen", async () => {
    let probes = 0;
    const error = await waitUntil("gateway vpngw-1", async () => ((probes += 1), { done: false, state: "PENDING" }), 0, backoff).catch((e: unknown) => e);
    assert.ok(error instanceof WaitTimeoutError);
    assert.equal(probes, 1);
    assert.equal(error.message, "gateway vpngw-1: after 0 s, still PENDING");
  });
});

describe("canonical connection options", () => {
  test("Tencent's defaults written out or left out are the same block", () => {
    assert.deepEqual(canonicalIke({}), canonicalIke({ PropoEncryAlgorithm: "3DES-CBC", PropoAuthenAlgorithm: "SHA", ExchangeMode: "MAIN", DhGroupName: "GROUP1", IKESaLifetimeSeconds: 86400, IKEVersion: "IKEV1", LocalIdentity: "ADDRESS", RemoteIdentity: "ADDRESS" }));
    assert.deepEqual(canonicalIpsec({}), canonicalIpsec({ EncryptAlgorithm: "AES-CBC-128", IntegrityAlgorith: "SHA1", IntegrityAlgorithm: "SHA1", IPSECSaLifetimeSeconds: 14400, PfsDhGroup: "NULL", IPSECSaLifetimeTraffic: 4096000000 }));
  });

  test("fields that do not apply are ignored: ExchangeMode under IKEv2, the address of an FQDN identity", () => {
    assert.deepEqual(canonicalIke({ IKEVersion: "IKEV2", ExchangeMode: "AGGRESSIVE" }), canonicalIke({ IKEVersion: "IKEV2", ExchangeMode: "MAIN" }));
    assert.deepEqual(
      canonicalIke({ RemoteIdentity: "FQDN", RemoteFqdnName: "office.example.com", RemoteAddress: "" }),
      canonicalIke({ RemoteIdentity: "FQDN", RemoteFqdnName: "office.example.com", RemoteAddress: "113.87.48.200" }),
    );
    assert.notDeepEqual(canonicalIke({ IKEVersion: "IKEV1", ExchangeMode: "AGGRESSIVE" }), canonicalIke({ IKEVersion: "IKEV1" }));
  });

  test("SPD entries compare as sets", () => {
    assert.deepEqual(
      canonicalSpd([{ LocalCidrBlock: "10.0.2.0/24", RemoteCidrBlock: ["192.168.2.0/24", "192.168.1.0/24"] }, { LocalCidrBlock: "10.0.1.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }]),
      canonicalSpd([{ LocalCidrBlock: "10.0.1.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }, { LocalCidrBlock: "10.0.2.0/24", RemoteCidrBlock: ["192.168.1.0/24", "192.168.2.0/24"] }]),
    );
  });
});

describe("field diff", () => {
  const rules = [{ field: "id" as const, replaces: true }, { field: "name" as const }];

  test("equal values in any key order are no change; an unknown replace field is a replacement", () => {
    assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    assert.deepEqual(diffFields(rules, { id: "a", name: "n" }, { id: "a", name: "n" }), { changed: [], replaces: [] });
    assert.deepEqual(diffFields(rules, { id: "a", name: "n" }, { id: UNKNOWN, name: "n" }), { changed: ["id"], replaces: ["id"] });
    assert.deepEqual(diffFields(rules, { id: "a", name: "n" }, { id: "a", name: "m" }), { changed: ["name"], replaces: [] });
  });
});

describe("check (offline: nothing is sent)", () => {
  const properties = (r: { failures?: Array<{ property: string }> }) => (r.failures ?? []).map((f) => f.property);

  test("a gateway needs a VPC, a name and a size Tencent sells; an existing one takes none of those", async () => {
    const gateway = new VpnGatewayProvider();
    assert.deepEqual(properties(await gateway.check({}, { bandwidthMbps: 7 })), ["vpcId", "name", "bandwidthMbps"]);
    assert.deepEqual(properties(await gateway.check({}, { existingGatewayId: "vpngw-abc12345", bandwidthMbps: 5 })), ["bandwidthMbps"]);
    assert.deepEqual(properties(await gateway.check({}, { vpcId: UNKNOWN, name: "gw", bandwidthMbps: 5 })), []);
  });

  test("a policy-based tunnel needs its SPD; ids must look like Tencent's", async () => {
    const connection = new VpnConnectionProvider();
    const inputs = { vpcId: "vpc-a1", vpnGatewayId: "vpngw-a1", customerGatewayId: "cgw-a1", name: "t", preSharedKey: "k", routeType: "STATIC" };
    assert.deepEqual(properties(await connection.check({} as never, inputs)), ["securityPolicyDatabases"]);
    assert.deepEqual(properties(await connection.check({} as never, { ...inputs, routeType: "StaticRoute", customerGatewayId: "vpngw-a1" })), ["customerGatewayId"]);
  });

  test("routes need IPv4 CIDR destinations", async () => {
    const routes = new VpcRoutesProvider();
    const result = await routes.check({} as never, { routeTableId: "rtb-a1", vpnGatewayId: "vpngw-a1", destinations: ["192.168.1.0/24", "192.168.1.1"] });
    assert.deepEqual(properties(result), ["destinations[1]"]);
  });
});
