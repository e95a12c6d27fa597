// TencentVpnSide under mocks: the exact inputs of every resource it registers for the article's tunnel, their
// order and parents, the key's secrecy, route mode, and an existing gateway. Nothing reaches Tencent Cloud.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exampleInput } from "../helpers/specs";
import { DYNAMIC, isSecret, MOCK_GATEWAY_IP, plainInputs, resolve, startMockEngine } from "../helpers/mock-engine";

const engine = startMockEngine({ "vpngw-existing1": "119.91.254.122" });
// Loaded after the mocks are in place.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TencentVpnSide } = require("../../src/tencent") as typeof import("../../src/tencent");
type Args = ConstructorParameters<typeof TencentVpnSide>[1];

const article = exampleInput("article") as Args["spec"];
const VPC = { vpcId: "vpc-office01", routeTableId: "rtb-office01" };

/** Waits until the side's last child is registered and its outputs resolved. */
async function settled(side: InstanceType<typeof TencentVpnSide>) {
  return {
    gatewayPublicIp: await resolve(side.gatewayPublicIp),
    netStatus: await resolve(side.netStatus),
    vpcRouteIds: await resolve(side.vpcRouteIds),
    gatewayRouteIds: await resolve(side.gatewayRouteIds),
  };
}

describe("TencentVpnSide for examples/article.yaml (policy mode, the article's weak crypto opted in)", () => {
  const side = new TencentVpnSide("article", { spec: article, ...VPC, gateway: { bandwidthMbps: 5 } });

  it("registers gateway, customer gateway, connection and VPC routes, children of the component named from its name", async () => {
    await settled(side);
    // Gateway and customer gateway are independent (registered in either order); the rest follow in sequence.
    const children = engine.named("article-");
    assert.deepEqual(
      children.map((r) => [r.name, r.type, r.parent]).sort(),
      [
        ["article-connection", DYNAMIC("TencentVpnConnection"), "article"],
        ["article-customer-gateway", DYNAMIC("TencentCustomerGateway"), "article"],
        ["article-gateway", DYNAMIC("TencentVpnGateway"), "article"],
        ["article-vpc-routes", DYNAMIC("TencentVpcRoutes"), "article"],
      ],
    );
    assert.deepEqual(children.slice(2).map((r) => r.name), ["article-connection", "article-vpc-routes"]);
    assert.equal(engine.one("article").type, "ros-vpc-ipsec:tencent:VpnSide");
  });

  it("creates a 5 Mbps IPsec gateway in the VPC named after the tunnel", async () => {
    await settled(side);
    assert.deepEqual(plainInputs(engine.one("article-gateway")), { vpcId: "vpc-office01", name: "to_tencent", bandwidthMbps: 5, type: "IPSEC" });
  });

  it("registers the router's public address as the customer gateway", async () => {
    await settled(side);
    assert.deepEqual(plainInputs(engine.one("article-customer-gateway")), { name: "to_tencent", ipAddress: "113.87.48.200" });
  });

  it("renders the connection with the foundation's dialect: the article's algorithms, the new gateway's address as local identity", async () => {
    await settled(side);
    const connection = engine.one("article-connection");
    assert.deepEqual(plainInputs(connection), {
      vpcId: "vpc-office01",
      vpnGatewayId: "vpngw-articlegateway",
      customerGatewayId: "cgw-articlecustomergateway",
      name: "to_tencent",
      preSharedKey: { secret: "123456" },
      routeType: "STATIC",
      securityPolicyDatabases: [{ LocalCidrBlock: "10.100.1.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }],
      ikeOptions: {
        IKEVersion: "IKEV1",
        ExchangeMode: "MAIN",
        PropoEncryAlgorithm: "AES-CBC-128",
        PropoAuthenAlgorithm: "MD5",
        DhGroupName: "GROUP1",
        IKESaLifetimeSeconds: 86400,
        LocalIdentity: "ADDRESS",
        LocalAddress: MOCK_GATEWAY_IP,
        RemoteIdentity: "ADDRESS",
        RemoteAddress: "113.87.48.200",
      },
      ipsecOptions: { EncryptAlgorithm: "AES-CBC-128", IntegrityAlgorith: "MD5", IntegrityAlgorithm: "MD5", PfsDhGroup: "NULL", IPSECSaLifetimeSeconds: 3600 },
      dpdEnable: 1,
      dpdTimeout: "30",
      dpdAction: "restart",
    });
    assert.deepEqual(connection.additionalSecretOutputs, ["preSharedKey"]);
    assert.deepEqual(connection.dependsOn.sort(), ["article-customer-gateway", "article-gateway"]);
  });

  it("keeps the pre-shared key a secret in the graph: nowhere in clear in any resource's inputs", async () => {
    await settled(side);
    assert.ok(isSecret(engine.one("article-connection").inputs.preSharedKey));
    for (const resource of engine.named("article")) {
      const { preSharedKey: _key, ...rest } = resource.inputs;
      assert.equal(JSON.stringify(rest).includes('"123456"'), false, resource.name);
    }
  });

  it("routes each site network to the gateway in the given table, after the connection", async () => {
    await settled(side);
    const routes = engine.one("article-vpc-routes");
    assert.deepEqual(plainInputs(routes), {
      routeTableId: "rtb-office01",
      vpnGatewayId: "vpngw-articlegateway",
      destinations: ["192.168.1.0/24"],
      description: "ros-vpc-ipsec:to_tencent",
    });
    assert.ok(routes.dependsOn.includes("article-connection"));
  });

  it("outputs the gateway's public address (the router's peer), the route ids and the tunnel's status", async () => {
    assert.deepEqual(await settled(side), { gatewayPublicIp: MOCK_GATEWAY_IP, netStatus: "UNAVAILABLE", vpcRouteIds: [1000], gatewayRouteIds: [] });
  });

  it("warns that the spec's cloudGatewayIp is not used when the gateway is created here (besides the weak crypto it allows)", () => {
    const unused = side.warnings.find((w) => w.path === "spec.cloudGatewayIp");
    assert.equal(unused?.message, "is not used: the gateway created here gets its own address");
    assert.deepEqual(side.warnings.map((w) => w.path).sort(), ["spec.cloudGatewayIp", "spec.ike.dhGroup", "spec.ike.integrity", "spec.ipsec.integrity", "spec.preSharedKey"]);
  });
});

describe("TencentVpnSide in route mode", () => {
  const secure = { ...exampleInput("secure"), mode: "route", cloudGatewayIp: undefined } as Args["spec"];
  const side = new TencentVpnSide("routed", { spec: secure, ...VPC, gateway: { bandwidthMbps: 10, name: "office-vpn", zone: "ap-guangzhou-3" }, tags: { team: "net" } });

  it("adds the gateway's destination routes into the connection, then the VPC routes", async () => {
    await settled(side);
    assert.deepEqual(engine.named("routed-").slice(2).map((r) => r.name), ["routed-connection", "routed-gateway-routes", "routed-vpc-routes"]);
    assert.deepEqual(plainInputs(engine.one("routed-gateway-routes")), { vpnGatewayId: "vpngw-routedgateway", vpnConnectionId: "vpnx-routedconnection", destinations: ["192.168.1.0/24"] });
    assert.ok(engine.one("routed-vpc-routes").dependsOn.includes("routed-gateway-routes"));
    const connection = plainInputs(engine.one("routed-connection"));
    assert.deepEqual([connection.routeType, connection.securityPolicyDatabases], ["StaticRoute", []]);
  });

  it("passes the gateway's name, zone and tags through", async () => {
    await settled(side);
    assert.deepEqual(plainInputs(engine.one("routed-gateway")), { vpcId: "vpc-office01", name: "office-vpn", bandwidthMbps: 10, type: "IPSEC", zone: "ap-guangzhou-3", tags: { team: "net" } });
  });
});

describe("TencentVpnSide on an existing gateway", () => {
  const side = new TencentVpnSide("existing", { spec: article, ...VPC, existingGatewayId: "vpngw-existing1" });

  it("only reads the gateway and presents its address (the spec's cloudGatewayIp, which it matches)", async () => {
    const out = await settled(side);
    assert.deepEqual(plainInputs(engine.one("existing-gateway")), { existingGatewayId: "vpngw-existing1", vpcId: "vpc-office01" });
    assert.equal(out.gatewayPublicIp, "119.91.254.122");
    const ike = plainInputs(engine.one("existing-connection")).ikeOptions as Record<string, unknown>;
    assert.equal(ike.LocalAddress, "119.91.254.122");
    assert.equal(side.warnings.some((w) => w.path === "spec.cloudGatewayIp"), false);
  });
});
