// Specification, end to end on the engine's path: the serialized Tencent shims, run by the SDK's dynamic-provider
// host (as `pulumi up` runs them), load the compiled providers (dist/, `npm run build` first) and drive the emulator.
// Credentials reach the host only through Configure, as the engine sends the stack's config.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { TENCENT_SHIMS } from "../../src/tencent/shim";
import { secret, serializedProvider, startProviderHost, UNKNOWN, type HostedResource, type ProviderHost } from "../helpers/provider-host";
import { TencentVpcEmulator } from "../emulators/tencent";
import { vpcClient } from "../emulators/tencent/sdk-client";
import { articleConnection, FAST_SETTINGS, SECRET_PSK, VPC_CIDR } from "./helpers/cloud";

const PROJECT = join(__dirname, "..", "..");

describe("the Tencent providers in the dynamic-provider host", () => {
  let emu: TencentVpcEmulator;
  let host: ProviderHost;
  let vpcId: string;
  let gateway: HostedResource;
  let customerGateway: HostedResource;
  let connection: HostedResource;

  before(async () => {
    assert.ok(existsSync(join(PROJECT, "dist", "providers", "tencent.js")), "dist/providers/tencent.js is missing: run npm run build first");
    emu = await TencentVpcEmulator.start();
    ({ vpcId } = emu.addVpc({ cidrBlock: VPC_CIDR }));
    // No TENCENTCLOUD_* variables: the credentials must come from Configure.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TENCENTCLOUD_") && !k.startsWith("ROS_VPC_IPSEC_")));
    host = await startProviderHost({ cwd: PROJECT, env });
    const { acceptSecrets } = await host.configure({
      "tencentcloud:secretId": emu.secretId,
      "tencentcloud:secretKey": secret(emu.secretKey),
      "tencentcloud:region": emu.region,
      "ros-vpc-ipsec:tencentEndpoint": emu.endpoint,
      ...FAST_SETTINGS,
    });
    assert.equal(acceptSecrets, false, "the host takes secrets opened, so the engine sends inputs in clear to it");
    gateway = host.resource(await serializedProvider(TENCENT_SHIMS.gateway), "pulumi-nodejs:dynamic/ros-vpc-ipsec:TencentVpnGateway");
    customerGateway = host.resource(await serializedProvider(TENCENT_SHIMS.customerGateway), "pulumi-nodejs:dynamic/ros-vpc-ipsec:TencentCustomerGateway");
    connection = host.resource(await serializedProvider(TENCENT_SHIMS.connection), "pulumi-nodejs:dynamic/ros-vpc-ipsec:TencentVpnConnection");
  });
  after(async () => {
    await host?.stop();
    await emu?.stop();
  });

  test("a gateway's whole life: check, create, no-op diff, in-place update, refresh, delete", async () => {
    const news = { vpcId, name: "engine-gw", bandwidthMbps: 5 };
    const checked = await gateway.check({}, news);
    assert.deepEqual(checked, { inputs: news, failures: [] });
    const { id, properties } = await gateway.create(checked.inputs);
    assert.equal(emu.state().vpnGateways.find((g) => g.VpnGatewayId === id)?.State, "AVAILABLE");
    assert.match(String(properties.publicIpAddress), /^\d+\.\d+\.\d+\.\d+$/);

    const calls = Object.values(emu.calls).reduce((a, b) => a + b, 0);
    assert.deepEqual(await gateway.diff(id, properties, news), { changes: "none", replaces: [], deleteBeforeReplace: false });
    assert.equal(Object.values(emu.calls).reduce((a, b) => a + b, 0), calls, "diff made no API call");
    assert.deepEqual(await gateway.diff(id, properties, { ...news, bandwidthMbps: 10 }), { changes: "some", replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(await gateway.diff(id, properties, { ...news, vpcId: UNKNOWN }), { changes: "some", replaces: ["vpcId"], deleteBeforeReplace: true });

    const { properties: updated } = await gateway.update(id, properties, { ...news, name: "engine-gw-2" });
    assert.equal(updated.name, "engine-gw-2");
    const read = await gateway.read(id, updated);
    assert.deepEqual([read.id, read.properties.name], [id, "engine-gw-2"]);

    await gateway.delete(id, updated);
    assert.equal(emu.state().vpnGateways.some((g) => g.VpnGatewayId === id), false);
  });

  test("state written with an older serialized provider is diffed by the new one without a change", async () => {
    const news = { vpcId, name: "engine-versions", bandwidthMbps: 5 };
    const { id, properties } = await gateway.create(news);
    // The engine sends the state's __provider with the olds and the program's with the news; only the code differs.
    const diff = await gateway.diff(id, { ...properties, __provider: "exports.handler = () => ({}); // an older version" }, news);
    assert.deepEqual(diff, { changes: "none", replaces: [], deleteBeforeReplace: false });
    await gateway.delete(id, properties);
  });

  test("refreshing a gateway deleted behind Pulumi's back answers an empty id: the engine drops it from the state", async () => {
    const { id, properties } = await gateway.create({ vpcId, name: "engine-vanished", bandwidthMbps: 5 });
    await vpcClient(emu).DeleteVpnGateway({ VpnGatewayId: id });
    const read = await gateway.read(id, properties);
    assert.equal(read.id, "");
  });

  test("a tunnel through the host: the key change is an in-place update; errors carry Tencent's code", async () => {
    const gw = await gateway.create({ vpcId, name: "engine-tunnel-gw", bandwidthMbps: 5 });
    const cgw = await customerGateway.create({ name: "engine", ipAddress: "113.87.48.200" });
    const inputs = articleConnection({ vpcId, vpnGatewayId: gw.id, customerGatewayId: cgw.id }, String(gw.properties.publicIpAddress));
    const sent = { ...inputs, preSharedKey: secret(inputs.preSharedKey) };
    const { id, properties } = await connection.create(sent);
    assert.equal(emu.state().vpnConnections.find((c) => c.VpnConnectionId === id)?.PreShareKey, SECRET_PSK);
    assert.deepEqual(await connection.diff(id, properties, sent), { changes: "none", replaces: [], deleteBeforeReplace: false });
    const rotated = { ...sent, preSharedKey: secret("rotated-by-engine-1234") };
    assert.deepEqual(await connection.diff(id, properties, rotated), { changes: "some", replaces: [], deleteBeforeReplace: false });
    const { properties: after } = await connection.update(id, properties, rotated);
    assert.equal(emu.state().vpnConnections.find((c) => c.VpnConnectionId === id)?.PreShareKey, "rotated-by-engine-1234");

    const refused = await connection.create({ ...sent, name: "clash" }).catch((e: Error) => e);
    assert.ok(refused instanceof Error);
    assert.match(refused.message, /InvalidParameterValue\.VpnConnCidrConflict.*RequestId/);
    assert.equal(refused.message.includes(SECRET_PSK), false);

    await connection.delete(id, after);
    await customerGateway.delete(cgw.id, cgw.properties);
    await gateway.delete(gw.id, gw.properties);
    assert.deepEqual([emu.state().vpnConnections.length, emu.state().customerGateways.length], [0, 0]);
  });

  test("check reports bad inputs with their property paths before anything is sent", async () => {
    const { failures } = await gateway.check({}, { vpcId: "vpc_bad", name: "x", bandwidthMbps: 7 });
    assert.deepEqual(failures.map((f) => f.property), ["vpcId", "bandwidthMbps"]);
  });
});
