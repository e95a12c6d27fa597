// The site program (src/program.ts) under mocks, for each example stack in stacks/: the resource graph it builds,
// the gateway address flowing into the router's inputs, and configuration errors named by their key.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { asPulumiConfig, fillLabConfig, labTemplate } from "../helpers/lab";
import { DYNAMIC, isSecret, MOCK_ALICLOUD_GATEWAY_IP, MOCK_ALICLOUD_STANDBY_IP, MOCK_GATEWAY_IP, startMockEngine, type MockEngine } from "../helpers/mock-engine";

const PSK = "example-psk-for-tests-3Jw9";
const stackConfig = (stack: string): Record<string, unknown> =>
  (parse(readFileSync(`stacks/Pulumi.${stack}.yaml`, "utf8")) as { config: Record<string, unknown> }).config;

async function run(config: Record<string, unknown>): Promise<{ engine: MockEngine; outputs: Record<string, unknown> }> {
  const engine = startMockEngine();
  pulumi.runtime.setAllConfig(asPulumiConfig({ "ros-vpc-ipsec:preSharedKey": PSK, "ros-vpc-ipsec:routerPassword": "router-pw-for-tests", ...config }), [
    "ros-vpc-ipsec:preSharedKey",
    "ros-vpc-ipsec:routerPassword",
  ]);
  const program = require("../../src/program") as () => Promise<Record<string, unknown>>;
  const result = await program();
  const outputs = await (pulumi.output(result) as unknown as { promise(): Promise<Record<string, unknown>> }).promise();
  return { engine, outputs };
}

/** Every registered resource as [type, name, parent], sorted: the graph's shape without registration order. */
const graph = (engine: MockEngine) => engine.all().map((r) => [r.type, r.name, r.parent]).sort();
/** What the router waits for, sorted (dependsOn the cloud component expands to all of its children). */
const routerWaitsFor = (engine: MockEngine, name: string) => [...engine.one(name).dependsOn].sort();

/** The Tencent graph both stacks/Pulumi.office-tencent.yaml and the lab stack build: one tunnel named to_tencent. */
const TENCENT_GRAPH = [
  [DYNAMIC("RouterOsIpsecTunnel"), "to_tencent-router", "to_tencent"],
  [DYNAMIC("TencentCustomerGateway"), "to_tencent-tencent-customer-gateway", "to_tencent-tencent"],
  [DYNAMIC("TencentVpcRoutes"), "to_tencent-tencent-vpc-routes", "to_tencent-tencent"],
  [DYNAMIC("TencentVpnConnection"), "to_tencent-tencent-connection", "to_tencent-tencent"],
  [DYNAMIC("TencentVpnGateway"), "to_tencent-tencent-gateway", "to_tencent-tencent"],
  ["ros-vpc-ipsec:index:SiteToSiteVpn", "to_tencent", ""],
  ["ros-vpc-ipsec:tencent:VpnSide", "to_tencent-tencent", "to_tencent"],
];
const TENCENT_CHILDREN = ["to_tencent-tencent-connection", "to_tencent-tencent-customer-gateway", "to_tencent-tencent-gateway", "to_tencent-tencent-vpc-routes"];

describe("the site program", () => {
  it("builds the Tencent office's graph: gateway, customer gateway, connection, routes, then the router", async () => {
    const { engine, outputs } = await run(stackConfig("office-tencent"));
    assert.deepEqual(graph(engine), TENCENT_GRAPH);
    const router = engine.one("to_tencent-router");
    assert.equal(router.inputs.gatewayIp, MOCK_GATEWAY_IP, "the gateway's address reaches the router's inputs");
    assert.deepEqual(routerWaitsFor(engine, "to_tencent-router"), TENCENT_CHILDREN);
    assert.ok(isSecret(router.inputs.preSharedKey), "the key reaches the router as a secret");
    assert.deepEqual((router.inputs.router as { host: string }).host, "192.168.88.1");
    assert.equal(outputs.gatewayPublicIp, MOCK_GATEWAY_IP);
  });

  it("builds the Alibaba office's graph over @pulumi/alicloud: gateway, customer gateway, connection, VPC route, then the router", async () => {
    const { engine, outputs } = await run(stackConfig("office-alicloud"));
    assert.deepEqual(graph(engine), [
      ["alicloud:vpc/routeEntry:RouteEntry", "to_aliyun-alicloud-route-192.168.1.0-24", "to_aliyun-alicloud"],
      ["alicloud:vpn/connection:Connection", "to_aliyun-alicloud-connection", "to_aliyun-alicloud"],
      ["alicloud:vpn/customerGateway:CustomerGateway", "to_aliyun-alicloud-customer-gateway", "to_aliyun-alicloud"],
      ["alicloud:vpn/gateway:Gateway", "to_aliyun-alicloud-gateway", "to_aliyun-alicloud"],
      [DYNAMIC("RouterOsIpsecTunnel"), "to_aliyun-router", "to_aliyun"],
      ["ros-vpc-ipsec:alicloud:VpnSide", "to_aliyun-alicloud", "to_aliyun"],
      ["ros-vpc-ipsec:index:SiteToSiteVpn", "to_aliyun", ""],
    ]);
    const router = engine.one("to_aliyun-router");
    assert.equal(router.inputs.gatewayIp, MOCK_ALICLOUD_GATEWAY_IP, "the gateway's address reaches the router's inputs");
    assert.deepEqual(routerWaitsFor(engine, "to_aliyun-router"), [
      "to_aliyun-alicloud-connection",
      "to_aliyun-alicloud-customer-gateway",
      "to_aliyun-alicloud-gateway",
      "to_aliyun-alicloud-route-192.168.1.0-24",
    ]);
    assert.ok(isSecret(router.inputs.preSharedKey), "the key reaches the router as a secret");
    assert.equal(outputs.gatewayPublicIp, MOCK_ALICLOUD_GATEWAY_IP);
    // The example's gateway is dual-tunnel: both vSwitches reach it, and the connection's settings go per tunnel.
    const gateway = engine.one("to_aliyun-alicloud-gateway");
    assert.deepEqual([gateway.inputs.vswitchId, gateway.inputs.disasterRecoveryVswitchId], ["vsw-xxxxxxxxxxxxxxxxxxxxx", "vsw-yyyyyyyyyyyyyyyyyyyyy"]);
    const connection = engine.one("to_aliyun-alicloud-connection");
    assert.ok(isSecret(connection.inputs.tunnelOptionsSpecifications), "the per-tunnel settings carry the key: secret");
    assert.equal(connection.inputs.ikeConfig, undefined);
    assert.equal(outputs.standbyGatewayPublicIp, MOCK_ALICLOUD_STANDBY_IP, "the standby address is a stack output");
  });

  it("builds the lab stack once its placeholders are filled: the Tencent graph, the router on the emulator", async () => {
    const config = fillLabConfig(labTemplate(), { routerPort: 18729, fingerprint: "AB".repeat(32), tencentEndpoint: "127.0.0.1:18080", vpcId: "vpc-lab00001", routeTableId: "rtb-lab00001" });
    const { engine, outputs } = await run(config);
    assert.deepEqual(graph(engine), TENCENT_GRAPH);
    const router = engine.one("to_tencent-router");
    assert.equal(router.inputs.gatewayIp, MOCK_GATEWAY_IP, "the gateway's address reaches the router's inputs");
    assert.deepEqual(routerWaitsFor(engine, "to_tencent-router"), TENCENT_CHILDREN);
    assert.deepEqual(router.inputs.router, { host: "127.0.0.1", port: 18729, tls: { mode: "fingerprint", fingerprint: "AB".repeat(32) } });
    assert.equal(router.inputs.waitForEstablishedSeconds, 30);
    assert.equal(outputs.gatewayPublicIp, MOCK_GATEWAY_IP);
  });

  it("refuses a weak stack key before anything is created, without printing it", async () => {
    const engine = startMockEngine();
    pulumi.runtime.setAllConfig(asPulumiConfig({ ...stackConfig("office-tencent"), "ros-vpc-ipsec:preSharedKey": "weak 12", "ros-vpc-ipsec:routerPassword": "x" }));
    const program = require("../../src/program") as () => Promise<unknown>;
    await assert.rejects(program(), (error: Error) => {
      assert.match(error.message, /ros-vpc-ipsec:preSharedKey: .*characters/);
      assert.ok(!error.message.includes("weak 12"));
      return true;
    });
    assert.deepEqual(engine.all(), []);
  });

  it("stops with every configuration problem named by its key, before registering anything", async () => {
    const config = stackConfig("office-tencent");
    const bad = { ...config, "ros-vpc-ipsec:tunnel": { ...(config["ros-vpc-ipsec:tunnel"] as object), siteCidrs: ["192.168.1.1/24"], ike: { dhGroup: 24 } } };
    delete (bad as Record<string, unknown>)["ros-vpc-ipsec:router"];
    const engine = startMockEngine();
    pulumi.runtime.setAllConfig(asPulumiConfig(bad));
    const program = require("../../src/program") as () => Promise<unknown>;
    await assert.rejects(program(), (error: Error) => {
      for (const key of ["ros-vpc-ipsec:router", "ros-vpc-ipsec:preSharedKey", "ros-vpc-ipsec:routerPassword"]) assert.ok(error.message.includes(key), `${key} not named`);
      return true;
    });
    assert.deepEqual(engine.all(), []);
    pulumi.runtime.setAllConfig(asPulumiConfig({ ...bad, "ros-vpc-ipsec:router": { host: "192.0.2.1" }, "ros-vpc-ipsec:preSharedKey": PSK, "ros-vpc-ipsec:routerPassword": "x" }));
    await assert.rejects(program(), /ros-vpc-ipsec:tunnel\.siteCidrs\[0\].*host bits[\s\S]*ros-vpc-ipsec:tunnel\.ike\.dhGroup/);
  });

  it("a missing key alone is reported like every other problem, named by its key, before anything is registered", async () => {
    const engine = startMockEngine();
    pulumi.runtime.setAllConfig(asPulumiConfig({ ...stackConfig("office-tencent"), "ros-vpc-ipsec:routerPassword": "x" }), ["ros-vpc-ipsec:routerPassword"]);
    const program = require("../../src/program") as () => Promise<unknown>;
    // The key is read with requireSecret only after validation, so its absence is one of the listed problems.
    await assert.rejects(program(), (error: Error) => {
      assert.equal(error.message, "the stack's configuration is not valid:\n  - ros-vpc-ipsec:preSharedKey: is not set (pulumi config set --secret ros-vpc-ipsec:preSharedKey <key>)");
      return true;
    });
    assert.deepEqual(engine.all(), []);
  });
});
