// Specification: what the Tencent resources store as `__provider` (twice per resource, in clear, in the state) is a
// few KB that load the implementation by name, and carries no credential, no key, no SDK and no client.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exampleInput } from "../helpers/specs";
import { serializedProvider } from "../helpers/provider-host";
import { resolve, startMockEngine } from "../helpers/mock-engine";

const engine = startMockEngine();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TencentVpnSide } = require("../../src/tencent") as typeof import("../../src/tencent");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TENCENT_SHIMS } = require("../../src/tencent/shim") as typeof import("../../src/tencent/shim");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const implementations = require("../../src/providers/tencent") as typeof import("../../src/providers/tencent");

const CREDENTIALS = { "tencentcloud:secretId": "AKIDserializedTestId", "tencentcloud:secretKey": "serialized-test-secret-key", "tencentcloud:region": "ap-guangzhou" };
const PSK = "serialized-psk-Wq83nVb2Lk";
const LIMIT = 16 * 1024;

describe("the serialized Tencent providers", () => {
  // The implementations in this process hold credentials, as they would in a program that also runs them.
  for (const provider of Object.values(implementations)) provider.useConfig((key) => CREDENTIALS[key as keyof typeof CREDENTIALS], {});

  it("each kind's shim is under 16 KB and names the implementation it loads", async () => {
    for (const [kind, shim] of Object.entries(TENCENT_SHIMS)) {
      const text = await serializedProvider(shim);
      assert.ok(text.length < LIMIT, `${kind}: ${text.length} bytes`);
      assert.ok(text.includes('"ros-vpc-ipsec/providers/tencent"'), kind);
      assert.ok(text.includes(`"${kind}"`), kind);
    }
  });

  it("the __provider of every resource TencentVpnSide registers is small and holds no credential, key, SDK or client", async () => {
    const side = new TencentVpnSide("serialized", {
      spec: { ...exampleInput("secure"), mode: "route", preSharedKey: PSK } as ConstructorParameters<typeof TencentVpnSide>[1]["spec"],
      vpcId: "vpc-office01",
      routeTableId: "rtb-office01",
      gateway: { bandwidthMbps: 5 },
    });
    await resolve(side.vpcRouteIds);
    const resources = engine.named("serialized-");
    assert.equal(resources.length, 5);
    for (const resource of resources) {
      const text = resource.inputs.__provider;
      assert.equal(typeof text, "string", resource.name);
      assert.ok((text as string).length < LIMIT, `${resource.name}: ${(text as string).length} bytes`);
      for (const forbidden of [...Object.values(CREDENTIALS).slice(0, 2), PSK, "tencentcloud-sdk-nodejs", "TencentVpcApi", "TC3-HMAC-SHA256"]) {
        assert.equal((text as string).includes(forbidden), false, `${resource.name} carries ${forbidden}`);
      }
    }
  });
});
