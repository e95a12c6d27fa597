// A spec built from other resources' outputs (cloudCidrs: [vpc.cidrBlock]) at preview, when they are not known yet:
// the engine hands the provider the known values and the unknown marker, and check still judges the known ones.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN, type TunnelInputs } from "../../src/routeros/inputs";
import { RouterOsTunnelProvider } from "../../src/routeros/provider";

/** The inputs as the engine receives them (and the dynamic-provider host hands to check): the wire form. */
const wire: Array<{ type: string; object: Record<string, unknown> }> = [];
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as { MockMonitor: { prototype: Record<string, (...a: unknown[]) => unknown> } };
const register = MockMonitor.prototype.registerResource!;
MockMonitor.prototype.registerResource = function (this: unknown, req: unknown, callback: unknown) {
  const request = req as { getType(): string; getObject(): { toJavaScript(): Record<string, unknown> } };
  wire.push({ type: request.getType(), object: request.getObject().toJavaScript() });
  return register.call(this, req, callback);
};

pulumi.runtime.setMocks(
  {
    // At preview, the VPC's outputs stay unknown: the mock state leaves them out.
    newResource: (args) => {
      return { id: `${args.name}-id`, state: args.type === "test:index:Vpc" ? {} : args.inputs };
    },
    call: (args) => args.inputs,
  },
  "ros-vpc-ipsec",
  "test",
  true,
);

class Vpc extends pulumi.CustomResource {
  declare readonly cidrBlock: pulumi.Output<string>;
  constructor(name: string) {
    super("test:index:Vpc", name, { cidrBlock: undefined });
  }
}

describe("a spec with outputs not known at preview", async () => {
  const { RouterOsIpsecTunnel } = await import("../../src/routeros/tunnel");
  const vpc = new Vpc("vpc");
  const tunnel = new RouterOsIpsecTunnel("office", {
    spec: { name: "to_tencent", cloudCidrs: [vpc.cidrBlock], siteCidrs: ["192.168.1.1/24"], routerPublicIp: "113.87.48.200" },
    preSharedKey: "example-only-9Lq2vT7xWm4RkP8s",
    gatewayIp: "119.91.254.122",
    router: { host: "192.0.2.1" },
    password: "router-password-for-this-test",
  });
  await new Promise((resolve) => tunnel.urn.apply(resolve));
  // The engine unwraps secrets for dynamic providers (they do not accept them) before calling check.
  const inputs = unwrapSecrets(wire.find((r) => r.type.endsWith("RouterOsIpsecTunnel"))!.object) as TunnelInputs;

  it("reaches the provider with the unknown value marked in place, the known ones as written", () => {
    const spec = inputs.spec as unknown as { cloudCidrs: unknown[]; siteCidrs: unknown[] };
    assert.deepEqual(spec.cloudCidrs, [UNKNOWN]);
    assert.deepEqual(spec.siteCidrs, ["192.168.1.1/24"]);
  });

  it("is refused for what is known to be wrong, naming the field", async () => {
    const { failures } = await new RouterOsTunnelProvider().check({} as TunnelInputs, inputs);
    assert.deepEqual(failures?.map((f) => f.property), ["spec.siteCidrs[0]"]);
    assert.match(failures?.[0]?.reason ?? "", /has host bits set/);
  });
});

/** Pulumi's special-signature key and the value that marks a secret. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[SIG_KEY] === SECRET_SIG) return unwrapSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
}
