// check() and diff(): validation per field before anything is sent, and an offline, exact diff.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UNKNOWN, type TunnelInputs, type TunnelOutputs } from "../../src/routeros/inputs";
import { RouterOsTunnelProvider } from "../../src/routeros/provider";
import { ownerMarker, renderRouterOsRows } from "../../src/routeros/render";
import { MENU_ORDER } from "../../src/routeros/schema";
import { exampleInput, exampleSpec } from "../helpers/specs";

const provider = new RouterOsTunnelProvider();
const { preSharedKey, cloudGatewayIp, ...spec } = exampleInput("article") as Record<string, unknown> & { preSharedKey: string; cloudGatewayIp: string };
const inputs: TunnelInputs = {
  spec: spec as unknown as TunnelInputs["spec"],
  preSharedKey,
  gatewayIp: cloudGatewayIp,
  router: { host: "192.0.2.1", tls: { mode: "fingerprint", fingerprint: "ab".repeat(32) } },
  password: "router-secret-1",
};

/** Outputs as a create would have left them (the rows as rendered, with ids). */
function outputsOf(i: TunnelInputs): TunnelOutputs {
  const rows = renderRouterOsRows(exampleSpec("article"));
  let n = 1;
  const byMenu = Object.fromEntries(MENU_ORDER.map((m) => [m, rows[m].map((fields) => ({ id: `*${n++}`, fields }))])) as TunnelOutputs["rows"];
  return { ...i, routerVersion: "7.16", rows: byMenu, outOfOrder: [], drift: [], status: { peerState: "down", installedSas: 0, policies: [] }, script: "" };
}

const failures = async (news: TunnelInputs) => (await provider.check(inputs, news)).failures ?? [];

describe("check", () => {
  it("accepts the article's tunnel", async () => {
    assert.deepEqual(await failures(inputs), []);
  });

  it("reports each spec problem under its field", async () => {
    const bad = { ...inputs, spec: { ...inputs.spec, siteCidrs: ["192.168.1.1/24"], ike: { dhGroup: 24 } } };
    const found = await failures(bad as TunnelInputs);
    assert.deepEqual(found.map((f) => f.property).sort(), ["spec.ike.dhGroup", "spec.siteCidrs[0]"]);
    assert.match(found.find((f) => f.property === "spec.ike.dhGroup")!.reason, /not offered by RouterOS/);
  });

  it("names an unknown field with an unusual name as spec[\"…\"], not spec.[\"…\"]", async () => {
    const found = await failures({ ...inputs, spec: { ...inputs.spec, "bad key": 1 } as TunnelInputs["spec"] });
    assert.equal(found.length, 1);
    assert.match(found[0]!.property, /^spec\[/);
  });

  it("tolerates values not known until the cloud gateway exists (preview)", async () => {
    assert.deepEqual(await failures({ ...inputs, gatewayIp: UNKNOWN }), []);
  });

  it("still reports the spec's problems while the key is unknown (preview), and accepts a good spec then", async () => {
    assert.deepEqual(await failures({ ...inputs, preSharedKey: UNKNOWN }), []);
    const bad = { ...inputs, preSharedKey: UNKNOWN, spec: { ...inputs.spec, siteCidrs: ["192.168.1.1/24"] } } as TunnelInputs;
    assert.deepEqual((await failures(bad)).map((f) => f.property), ["spec.siteCidrs[0]"]);
  });

  it("checks the known part of a spec whose other values are unknown (preview), and the whole spec is unknown is no failure", async () => {
    const partly = { ...inputs, spec: { ...inputs.spec, cloudCidrs: [UNKNOWN], siteCidrs: ["192.168.1.1/24"], ike: { ...(inputs.spec as { ike?: object }).ike, lifetime: UNKNOWN } } } as TunnelInputs;
    assert.deepEqual((await failures(partly)).map((f) => f.property), ["spec.siteCidrs[0]"]);
    assert.deepEqual(await failures({ ...inputs, spec: UNKNOWN as unknown as TunnelInputs["spec"] }), []);
  });

  it("refuses the plain API to a router on the network unless asked, and allows it on loopback", async () => {
    assert.deepEqual((await failures({ ...inputs, router: { host: "192.0.2.1", tls: "off" } })).map((f) => f.property), ["router.tls"]);
    assert.deepEqual(await failures({ ...inputs, router: { host: "192.0.2.1", tls: "off", allowPlaintext: true } }), []);
    assert.deepEqual(await failures({ ...inputs, router: { host: "127.0.0.1", tls: "off" } }), []);
  });

  it("refuses a malformed fingerprint, a bad port and a missing password", async () => {
    const found = await failures({ ...inputs, router: { host: "192.0.2.1", port: 70000, tls: { mode: "fingerprint", fingerprint: "zz" } }, password: undefined });
    assert.deepEqual(found.map((f) => f.property).sort(), ["password", "router.port", "router.tls.fingerprint"]);
  });

  it("takes the password from the stack's config", async () => {
    const configured = new RouterOsTunnelProvider();
    await configured.configure({ config: { get: (k: string) => (k === "ros-vpc-ipsec:routerPassword" ? "from-config" : undefined), require: () => "" } });
    assert.deepEqual((await configured.check(inputs, { ...inputs, password: undefined })).failures, []);
  });

  it("never puts a secret into a failure", async () => {
    const found = await failures({ ...inputs, preSharedKey: "short key!" });
    assert.ok(found.length > 0);
    assert.ok(!JSON.stringify(found).includes("short key!"));
  });
});

describe("diff", () => {
  const olds = outputsOf(inputs);

  it("is no change for the same inputs, even when the provider's code changed", async () => {
    const withProvider = { ...olds, __provider: "old code" } as TunnelOutputs;
    const news = { ...inputs, __provider: "new code" } as TunnelInputs;
    assert.deepEqual(await provider.diff("id", withProvider, news), { changes: false, replaces: [] });
  });

  it("is no change when only the spelling differs (a single CIDR instead of a list, 1d instead of 24h)", async () => {
    const before = { ...olds, spec: { ...olds.spec, siteCidrs: ["192.168.1.0/24"], ike: { ...olds.spec.ike, lifetime: "24h" } } } as TunnelOutputs;
    const after = { ...inputs, spec: { ...inputs.spec, siteCidrs: "192.168.1.0/24", ike: { ...inputs.spec.ike, lifetime: "1d" } } } as TunnelInputs;
    assert.equal((await provider.diff("id", before, after)).changes, false);
    const longer = { ...after, spec: { ...after.spec, ike: { ...after.spec.ike, lifetime: "2d" } } } as TunnelInputs;
    assert.equal((await provider.diff("id", before, longer)).changes, true, "a real lifetime change is still a change");
  });

  it("is an in-place change for algorithms, addresses and the key", async () => {
    for (const news of [
      { ...inputs, preSharedKey: "another-key-123" },
      { ...inputs, gatewayIp: "198.51.100.77" },
      { ...inputs, spec: { ...inputs.spec, ipsec: { encryption: "aes-256-cbc", integrity: "md5", pfsGroup: "none" } } },
    ]) {
      assert.deepEqual(await provider.diff("id", olds, news as TunnelInputs), { changes: true, replaces: [] });
    }
  });

  it("replaces the tunnel, deleting the old one first, when its name or its router changes", async () => {
    const renamed = await provider.diff("id", olds, { ...inputs, spec: { ...inputs.spec, name: "to_tencent_2" } });
    assert.deepEqual([renamed.replaces, renamed.deleteBeforeReplace], [["spec"], true]);
    const moved = await provider.diff("id", olds, { ...inputs, router: { ...inputs.router, host: "192.0.2.9" } });
    assert.deepEqual([moved.replaces, moved.deleteBeforeReplace], [["router"], true]);
  });

  it("refuses a tunnel with no gateway address at all, naming the input to wire", async () => {
    const { gatewayIp: _none, ...rest } = inputs;
    const found = await failures(rest as TunnelInputs);
    assert.deepEqual(found.map((f) => f.property), ["gatewayIp"]);
    assert.match(found[0]!.reason, /gatewayPublicIp output, or set spec\.cloudGatewayIp/);
  });

  it("is a change while the gateway address is unknown (preview before the gateway exists)", async () => {
    assert.equal((await provider.diff("id", olds, { ...inputs, gatewayIp: UNKNOWN })).changes, true);
  });

  it("is a change when the last refresh found drift, even drift the rows do not show (order, a changed key)", async () => {
    const order = [`nat ${ownerMarker("to_tencent")}: no longer above the rule it must precede`];
    assert.equal((await provider.diff("id", { ...olds, outOfOrder: [`nat ${ownerMarker("to_tencent")}`], drift: order }, inputs)).changes, true);
    assert.equal((await provider.diff("id", { ...olds, drift: ["identity to_tencent: secret changed on the router"] }, inputs)).changes, true);
  });
});

describe("the router endpoint", () => {
  it("always has an explicit port: 8729 for api-ssl, 8728 only for the plain API (node-routeros defaulted TLS to 8728)", async () => {
    const { endpointOf } = await import("../../src/routeros/inputs");
    assert.equal(endpointOf({ ...inputs, router: { host: "192.0.2.1" } }, {}).port, 8729);
    assert.equal(endpointOf({ ...inputs, router: { host: "192.0.2.1", tls: { mode: "verify" } } }, {}).port, 8729);
    assert.equal(endpointOf({ ...inputs, router: { host: "127.0.0.1", tls: "off" } }, {}).port, 8728);
    assert.equal(endpointOf({ ...inputs, router: { host: "192.0.2.1", port: 18729 } }, {}).port, 18729);
  });

  it("defaults to verifying the certificate, and takes the user and password from the stack when not given", async () => {
    const { endpointOf } = await import("../../src/routeros/inputs");
    const endpoint = endpointOf({ ...inputs, router: { host: "192.0.2.1" }, password: undefined }, { routerUser: "automation", routerPassword: "from-config" });
    assert.deepEqual([endpoint.tls, endpoint.user, endpoint.password], [{ mode: "verify" }, "automation", "from-config"]);
  });
});
