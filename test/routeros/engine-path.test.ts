// The engine's path: the SDK's own dynamic-provider host, driven over gRPC as `pulumi up` drives it, with the
// serialized RouterOsIpsecTunnel shim, against the RouterOS emulator. Needs dist/ (npm test builds it first).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { routerOsProviderShim } from "../../src/routeros/tunnel";
import type { RouterOsEmulator } from "../emulators/routeros";
import { secret, serializedProvider, startProviderHost, type HostedResource, type ProviderHost, type Props } from "../helpers/provider-host";
import { PASSWORD, startRouter, tunnelInputs, writes } from "../helpers/router";

describe("RouterOsIpsecTunnel through the SDK's dynamic-provider host", () => {
  let router: RouterOsEmulator;
  let host: ProviderHost;
  let tunnel: HostedResource;
  let inputs: Props;
  let state: Props;
  let id: string;

  before(async () => {
    router = await startRouter({ version: "7.18.2" });
    host = await startProviderHost({ cwd: process.cwd() });
    await host.configure({ "ros-vpc-ipsec:routerPassword": secret(PASSWORD), "ros-vpc-ipsec:routerUser": "admin" });
    tunnel = host.resource(await serializedProvider(routerOsProviderShim), "pulumi-nodejs:dynamic/ros-vpc-ipsec:RouterOsIpsecTunnel");
    const { password: _password, ...rest } = tunnelInputs(router);
    inputs = rest as unknown as Props; // the password comes from the stack's config
  });
  after(async () => {
    await host.stop();
    await router.stop();
  });

  it("Check accepts the inputs and reports a bad field by name", async () => {
    assert.deepEqual((await tunnel.check({}, inputs)).failures, []);
    const bad = { ...inputs, spec: { ...(inputs.spec as Props), ike: { dhGroup: 24 } } };
    const { failures } = await tunnel.check({}, bad);
    assert.deepEqual(failures.map((f) => f.property), ["spec.ike.dhGroup"]);
  });

  it("Create writes the tunnel's rows and returns its id and outputs", async () => {
    const created = await tunnel.create(inputs);
    id = created.id;
    state = created.properties;
    assert.equal(id, `127.0.0.1:${router.port}/to_tencent`);
    assert.equal(state.routerVersion, "7.18.2");
    assert.ok(router.rows("/ip/ipsec/peer").some((r) => r.name === "to_tencent"));
  });

  it("Diff of the same inputs is no change, and contacts nothing", async () => {
    router.resetCounters();
    assert.deepEqual(await tunnel.diff(id, state, inputs), { changes: "none", replaces: [], deleteBeforeReplace: false });
    assert.equal(router.counters.sentencesReceived, 0);
  });

  it("Read returns the rows and the inputs; drift shows after an out-of-band change", async () => {
    const proposal = router.rows("/ip/ipsec/proposal").find((r) => r.name === "to_tencent")!;
    router.update("/ip/ipsec/proposal", proposal[".id"]!, { lifetime: "8h" });
    const read = await tunnel.read(id, state);
    assert.equal(read.id, id);
    assert.deepEqual(read.properties.drift, ["proposal to_tencent: lifetime changed on the router"]);
    assert.equal((read.inputs as Props).preSharedKey, inputs.preSharedKey);
    state = read.properties;
    assert.equal((await tunnel.diff(id, state, inputs)).changes, "some");
  });

  it("Update repairs the drift with one write", async () => {
    router.resetCounters();
    state = (await tunnel.update(id, state, inputs)).properties;
    assert.deepEqual(writes(router), { "/ip/ipsec/proposal/set": 1 });
    assert.equal((await tunnel.diff(id, state, inputs)).changes, "none");
  });

  it("Diff replaces the tunnel when its name changes", async () => {
    const renamed = { ...inputs, spec: { ...(inputs.spec as Props), name: "to_tencent_b" } };
    assert.deepEqual((await tunnel.diff(id, state, renamed)).replaces, ["spec"]);
  });

  it("Delete removes the rows, and a second Delete succeeds", async () => {
    await tunnel.delete(id, state);
    assert.ok(!router.rows("/ip/ipsec/peer").some((r) => r.name === "to_tencent"));
    await tunnel.delete(id, state);
    assert.equal(host.stderr().includes("Error"), false, host.stderr());
  });
});
