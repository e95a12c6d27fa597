// Test support (not a test): a real tencentcloud-sdk-nodejs VPC client aimed at an emulator, and a helper that
// awaits an API failure and returns its code. Never talks to Tencent Cloud.
import assert from "node:assert/strict";
// The VPC service module alone: the same Client class as require("tencentcloud-sdk-nodejs").vpc.v20170312.Client,
// without loading the SDK's other ~250 services (a third of a second per test file).
import { vpc } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc";

export type VpcClient = InstanceType<typeof vpc.v20170312.Client>;

export interface ClientTarget {
  endpoint: string;
  secretId: string;
  secretKey: string;
  region: string;
}

/** The SDK client exactly as the project configures it: endpoint 127.0.0.1:PORT over http://. */
export function vpcClient(target: ClientTarget, overrides: Partial<ClientTarget> & { reqTimeout?: number } = {}): VpcClient {
  // Read field by field: the emulator exposes endpoint and port as getters, which a spread would drop.
  const t = { endpoint: target.endpoint, secretId: target.secretId, secretKey: target.secretKey, region: target.region, ...overrides };
  return new vpc.v20170312.Client({
    credential: { secretId: t.secretId, secretKey: t.secretKey },
    region: t.region,
    profile: { httpProfile: { endpoint: t.endpoint, protocol: "http://", reqTimeout: overrides.reqTimeout ?? 5 } },
  });
}

export interface SdkFailure {
  code?: string;
  message: string;
  requestId?: string;
  httpCode?: number;
}

/** Awaits a call that must fail and returns what the SDK's TencentCloudSDKHttpException carried. */
export async function failure(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (error) {
    const e = error as SdkFailure;
    return { code: e.code, message: e.message, requestId: e.requestId, httpCode: e.httpCode };
  }
  assert.fail("expected the call to fail, but it succeeded");
}

/** Awaits a call that must fail with this Tencent error code; returns the message for further checks. */
export async function rejectsWith(call: Promise<unknown>, code: string): Promise<string> {
  const f = await failure(call);
  assert.equal(f.code, code, `expected ${code}, got ${f.code ?? "no code"}: ${f.message}`);
  return f.message;
}
