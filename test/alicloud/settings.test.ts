// Specification of how doctor finds Alibaba Cloud: the stack's alicloud: keys first, then the environment variables the
// Alibaba provider plugin reads (in its order), the endpoint and its override, and every problem named by its key.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alicloudSettings } from "../../src/alicloud/settings";

const STACK = { "alicloud:accessKey": "LTAIstack", "alicloud:secretKey": "stack-secret-Kq3", "alicloud:region": "cn-hangzhou" };
const from = (config: Record<string, string>) => (key: string) => config[key];

describe("Alibaba Cloud settings for doctor", () => {
  it("reads the stack's keys and reaches https://vpc.<region>.aliyuncs.com by default", () => {
    const { settings, problems } = alicloudSettings(from(STACK), {});
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      credential: { accessKeyId: "LTAIstack", accessKeySecret: "stack-secret-Kq3" },
      region: "cn-hangzhou",
      endpoint: "https://vpc.cn-hangzhou.aliyuncs.com",
      requestTimeoutSeconds: 20,
      retryAttempts: 5,
      backoff: { initialMs: 500, maxMs: 5000 },
    });
  });

  it("prefers the stack to the environment, and takes the ALICLOUD_* variables before ALIBABA_CLOUD_*, as the provider plugin does", () => {
    const env = { ALICLOUD_ACCESS_KEY: "LTAIold", ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAInew", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret", ALIBABA_CLOUD_REGION: "ap-southeast-1", ALIBABA_CLOUD_SECURITY_TOKEN: "sts-token" };
    assert.deepEqual(alicloudSettings(from({}), env).settings?.credential, { accessKeyId: "LTAIold", accessKeySecret: "env-secret", securityToken: "sts-token" });
    assert.equal(alicloudSettings(from({}), env).settings?.region, "ap-southeast-1");
    assert.equal(alicloudSettings(from({ "alicloud:accessKey": "LTAIstack" }), env).settings?.credential.accessKeyId, "LTAIstack");
    assert.equal(alicloudSettings(from({}), { ...env, ALICLOUD_ACCESS_KEY: "" }).settings?.credential.accessKeyId, "LTAInew", "an empty variable counts as unset");
  });

  it("says, for a secret the stack keeps encrypted, which variable to export and how", () => {
    const { settings, problems } = alicloudSettings(from({ "alicloud:accessKey": "LTAIstack", "alicloud:region": "cn-hangzhou" }), {}, { encrypted: (key) => key === "alicloud:secretKey", stack: "office" });
    assert.equal(settings, undefined);
    assert.deepEqual(problems, ["alicloud:secretKey is encrypted in the stack: export ALICLOUD_SECRET_KEY=$(pulumi config get alicloud:secretKey --stack office)"]);
  });

  it("names every missing key with the ways to set it", () => {
    const { problems } = alicloudSettings(from({}), {});
    assert.deepEqual(problems, [
      "alicloud:accessKey is not set (pulumi config set alicloud:accessKey …, or the ALICLOUD_ACCESS_KEY or ALIBABA_CLOUD_ACCESS_KEY_ID or ALIBABACLOUD_ACCESS_KEY_ID environment variable)",
      "alicloud:secretKey is not set (pulumi config set --secret alicloud:secretKey …, or the ALICLOUD_SECRET_KEY or ALIBABA_CLOUD_ACCESS_KEY_SECRET or ALIBABACLOUD_ACCESS_KEY_SECRET environment variable)",
      "alicloud:region is not set (pulumi config set alicloud:region …, or the ALICLOUD_REGION or ALIBABA_CLOUD_REGION environment variable)",
    ]);
  });

  const ENDPOINTS: Array<[given: string, endpoint: string | RegExp]> = [
    ["127.0.0.1:18081", "http://127.0.0.1:18081"],
    ["http://127.0.0.1:18081/", "http://127.0.0.1:18081"],
    ["https://127.0.0.1:18081", "https://127.0.0.1:18081"],
    ["vpc.cn-shanghai.aliyuncs.com", "https://vpc.cn-shanghai.aliyuncs.com"],
    ["https://vpc-vpc.example.internal:8443", "https://vpc-vpc.example.internal:8443"],
    ["http://vpc.example.com", /plain http is allowed to the loopback address only \(requests and answers carry the pre-shared key\); write https:\/\/vpc\.example\.com/],
    ["http://192.0.2.10:80", /plain http is allowed to the loopback address only/],
    ["vpc.example.com/path?x=1", /is "vpc\.example\.com\/path\?x=1", not a host\[:port\]/],
    ["user@vpc.example.com", /not a host\[:port\]/],
  ];
  for (const [given, expected] of ENDPOINTS) {
    it(`ros-vpc-ipsec:alicloudEndpoint ${JSON.stringify(given)} → ${String(expected)}`, () => {
      const result = alicloudSettings(from({ ...STACK, "ros-vpc-ipsec:alicloudEndpoint": given }), {});
      if (typeof expected === "string") assert.equal(result.settings?.endpoint, expected, result.problems.join("; "));
      else {
        assert.equal(result.settings, undefined);
        assert.match(result.problems.join("\n"), new RegExp(`^ros-vpc-ipsec:alicloudEndpoint.*${expected.source}`, "m"));
      }
    });
  }

  it("takes the endpoint from ROS_VPC_IPSEC_ALICLOUD_ENDPOINT too", () => {
    assert.equal(alicloudSettings(from(STACK), { ROS_VPC_IPSEC_ALICLOUD_ENDPOINT: "127.0.0.1:1234" }).settings?.endpoint, "http://127.0.0.1:1234");
  });

  it("refuses a region that is no region id (it becomes part of the host name)", () => {
    const { problems } = alicloudSettings(from({ ...STACK, "alicloud:region": "evil.example.com/x" }), {});
    assert.deepEqual(problems, ['alicloud:region is "evil.example.com/x", not an Alibaba Cloud region id (e.g. cn-hangzhou)']);
  });

  it("reads the time budgets, refusing what is not a number, by key", () => {
    const ok = alicloudSettings(from({ ...STACK, "ros-vpc-ipsec:alicloudRequestTimeoutSeconds": "3", "ros-vpc-ipsec:alicloudRetryAttempts": "2", "ros-vpc-ipsec:alicloudBackoffInitialMs": "50", "ros-vpc-ipsec:alicloudBackoffMaxMs": "10" }), {});
    assert.deepEqual([ok.settings?.requestTimeoutSeconds, ok.settings?.retryAttempts, ok.settings?.backoff], [3, 2, { initialMs: 50, maxMs: 50 }]);
    const bad = alicloudSettings(from({ ...STACK, "ros-vpc-ipsec:alicloudRetryAttempts": "many" }), {});
    assert.deepEqual(bad.problems, ['ros-vpc-ipsec:alicloudRetryAttempts is "many", not a number ≥ 1']);
  });

  it("never puts the secret in a problem", () => {
    const { problems } = alicloudSettings(from({ ...STACK, "alicloud:region": "bad region" }), {});
    assert.ok(problems.length > 0 && !problems.join().includes("stack-secret-Kq3"));
  });
});
