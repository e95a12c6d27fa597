// What RouterOsIpsecTunnel puts into state: a tiny provider shim with no secret, and secret inputs kept secret.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";

const PSK = "psk-never-in-state-7Hq";
const PASSWORD = "router-password-never-in-state-4Kd";
const registered: pulumi.runtime.MockResourceArgs[] = [];
/** What the SDK sends the engine, before the mocks strip secrets: the raw request fields. */
const requests: Array<{ object: Record<string, unknown>; additionalSecretOutputs: string[] }> = [];

// The mock monitor hands newResource plain values; wrap it to see the request as the engine would.
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as { MockMonitor: { prototype: Record<string, (...a: unknown[]) => unknown> } };
const register = MockMonitor.prototype.registerResource!;
MockMonitor.prototype.registerResource = function (this: unknown, req: unknown, callback: unknown) {
  const request = req as { getObject(): { toJavaScript(): Record<string, unknown> }; getAdditionalsecretoutputsList(): string[] };
  requests.push({ object: request.getObject().toJavaScript(), additionalSecretOutputs: request.getAdditionalsecretoutputsList() });
  return register.call(this, req, callback);
};

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push(args);
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  },
  "ros-vpc-ipsec",
  "test",
  false,
);

describe("RouterOsIpsecTunnel in state", async () => {
  const { RouterOsIpsecTunnel } = await import("../../src/routeros/tunnel");
  const tunnel = new RouterOsIpsecTunnel("office", {
    spec: { name: "to_tencent", cloudCidrs: ["10.100.1.0/24"], siteCidrs: ["192.168.1.0/24"], routerPublicIp: "113.87.48.200" },
    preSharedKey: PSK,
    gatewayIp: "119.91.254.122",
    router: { host: "192.0.2.1" },
    password: PASSWORD,
  });
  await new Promise((resolve) => tunnel.urn.apply(resolve));

  it("registers the dynamic type token ros-vpc-ipsec:RouterOsIpsecTunnel", () => {
    assert.equal(registered[0]?.type, "pulumi-nodejs:dynamic/ros-vpc-ipsec:RouterOsIpsecTunnel");
  });

  it("serializes a provider shim under 16 KB that holds neither the key nor the password", () => {
    const serialized = String(registered[0]?.inputs.__provider ?? "");
    assert.ok(serialized.length > 100, "the provider was serialized");
    assert.ok(serialized.length < 16 * 1024, `${serialized.length} bytes`);
    assert.ok(serialized.includes("ros-vpc-ipsec/providers/routeros"), "the shim loads the installed implementation");
    assert.ok(!serialized.includes(PSK) && !serialized.includes(PASSWORD));
  });

  it("sends the key and the password to the engine as secrets, and asks for their outputs to stay secret", () => {
    const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    const { object, additionalSecretOutputs } = requests[0]!;
    for (const key of ["preSharedKey", "password"]) {
      const value = object[key] as Record<string, unknown>;
      assert.equal(value["4dabf18193072939515e22adb298388d"], SECRET_SIG, `${key} is not sent as a secret`);
    }
    assert.deepEqual(additionalSecretOutputs.sort(), ["password", "preSharedKey"]);
    assert.ok(!JSON.stringify(object.__provider).includes(PSK));
  });
});
