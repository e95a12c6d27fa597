// AlicloudVpnSide under mocks: the exact arguments of every resource it registers, their order, and the key's secrecy.
// Every resource is recorded by test/alicloud/helpers/mock-cloud.ts; nothing reaches Alibaba Cloud.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { exampleInput } from "../helpers/specs";
import { MOCK_GATEWAY_IP, isSecretEnvelope, resolve, revealSecret, startMockCloud, type RecordedResource } from "./helpers/mock-cloud";

const cloud = startMockCloud([{ id: "vpn-existing01", vpcId: "vpc-office01", internetIp: "47.98.20.2", enableIpsec: "enable" }]);
// Loaded after the mocks are in place.
const { AlicloudVpnSide } = require("../../src/alicloud") as typeof import("../../src/alicloud");
type Side = InstanceType<typeof AlicloudVpnSide>;

const article = { ...exampleInput("article"), cloud: "alicloud" } as Parameters<typeof sideOf>[1]["spec"];
const secure = { ...exampleInput("secure"), cloud: "alicloud" } as Parameters<typeof sideOf>[1]["spec"];
const VPC = { vpcId: "vpc-office01", routeTableId: "vtb-office01" };

function sideOf(name: string, args: ConstructorParameters<typeof AlicloudVpnSide>[1]): Side {
  return new AlicloudVpnSide(name, args);
}

/** Waits until every child is registered (the last route comes last) and returns them by role. */
async function children(name: string, side: Side) {
  await resolve(side.routeEntryIds);
  await resolve(side.connectionStatus);
  const all = cloud.named(`${name}-`);
  const ofType = (type: string) => all.filter((r) => r.type === type);
  return {
    all,
    gateway: ofType("alicloud:vpn/gateway:Gateway")[0],
    customerGateway: ofType("alicloud:vpn/customerGateway:CustomerGateway")[0]!,
    connection: ofType("alicloud:vpn/connection:Connection")[0]!,
    vpcRoutes: ofType("alicloud:vpc/routeEntry:RouteEntry"),
    vpnRoutes: ofType("alicloud:vpn/routeEntry:RouteEntry"),
  };
}

/** examples/secure.yaml's gateway and customer gateway inputs (the bandwidth is each test's own). */
const SECURE_GATEWAY = { vpcId: "vpc-office01", enableIpsec: true, enableSsl: false, vpnGatewayName: "to_tencent", description: "ros-vpc-ipsec:to_tencent" };
const SECURE_CUSTOMER_GATEWAY = { ipAddress: "113.87.48.200", customerGatewayName: "to_tencent", description: "ros-vpc-ipsec:to_tencent" };

/** examples/secure.yaml's crypto in Alibaba's spelling, written out by hand (not computed by the dialect under test). */
const SECURE_CRYPTO = {
  ikeConfig: {
    ikeVersion: "ikev2",
    ikeEncAlg: "aes256",
    ikeAuthAlg: "sha256",
    ikePfs: "group14",
    ikeLifetime: 86400,
    ikeLocalId: MOCK_GATEWAY_IP,
    ikeRemoteId: "113.87.48.200",
    psk: "example-only-9Lq2vT7xWm4RkP8s",
  },
  ipsecConfig: { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 },
};

/** The connection's inputs with the (secret) ikeConfig opened, for exact comparison. */
function connectionInputs(connection: RecordedResource): Record<string, unknown> {
  return { ...connection.inputs, ikeConfig: revealSecret(connection.inputs.ikeConfig) };
}

describe("AlicloudVpnSide for examples/article.yaml (policy mode, the article's weak crypto opted in)", () => {
  const name = "article";
  const side = sideOf(name, { spec: article, ...VPC, gateway: { bandwidth: 10 } });

  it("creates a 10 Mbps IPsec gateway in the VPC, named and marked after the tunnel", async () => {
    const { gateway } = await children(name, side);
    assert.equal(gateway?.name, "article-gateway");
    assert.deepEqual(gateway?.inputs, {
      vpcId: "vpc-office01",
      bandwidth: 10,
      enableIpsec: true,
      enableSsl: false,
      vpnGatewayName: "to_tencent",
      description: "ros-vpc-ipsec:to_tencent",
    });
  });

  it("creates the customer gateway at the router's public address", async () => {
    const { customerGateway } = await children(name, side);
    assert.equal(customerGateway.name, "article-customer-gateway");
    assert.deepEqual(customerGateway.inputs, {
      ipAddress: "113.87.48.200",
      customerGatewayName: "to_tencent",
      description: "ros-vpc-ipsec:to_tencent",
    });
  });

  it("creates the connection with the article's algorithms in Alibaba's spelling, VPC CIDRs local and site CIDRs remote", async () => {
    const { connection } = await children(name, side);
    assert.equal(connection.name, "article-connection");
    assert.deepEqual(connectionInputs(connection), {
      vpnGatewayId: "vpn-articlegateway",
      customerGatewayId: "cgw-articlecustomergateway",
      vpnConnectionName: "to_tencent",
      localSubnets: ["10.100.1.0/24"],
      remoteSubnets: ["192.168.1.0/24"],
      effectImmediately: true,
      autoConfigRoute: false,
      enableDpd: true,
      enableNatTraversal: true,
      ikeConfig: {
        ikeVersion: "ikev1",
        ikeMode: "main",
        ikeEncAlg: "aes",
        ikeAuthAlg: "md5",
        ikePfs: "group1",
        ikeLifetime: 86400,
        // The spec's cloudGatewayIp belongs to another gateway: the address identity is the created gateway's own.
        ikeLocalId: MOCK_GATEWAY_IP,
        ikeRemoteId: "113.87.48.200",
        psk: "123456",
      },
      ipsecConfig: { ipsecEncAlg: "aes", ipsecAuthAlg: "md5", ipsecPfs: "disabled", ipsecLifetime: 3600 },
    });
  });

  it("routes the site CIDR in the VPC route table to the gateway", async () => {
    const { vpcRoutes, vpnRoutes } = await children(name, side);
    assert.deepEqual(vpnRoutes, []);
    assert.deepEqual(
      vpcRoutes.map((r) => [r.name, r.inputs]),
      [
        [
          "article-route-192.168.1.0-24",
          {
            routeTableId: "vtb-office01",
            destinationCidrblock: "192.168.1.0/24",
            nexthopType: "VpnGateway",
            nexthopId: "vpn-articlegateway",
            description: "ros-vpc-ipsec:to_tencent",
          },
        ],
      ],
    );
  });

  it("registers exactly these four resources, all children of the component", async () => {
    const { all } = await children(name, side);
    assert.deepEqual(
      all.map((r) => [r.name, r.type, r.parent]).sort(),
      [
        ["article-connection", "alicloud:vpn/connection:Connection", "article"],
        ["article-customer-gateway", "alicloud:vpn/customerGateway:CustomerGateway", "article"],
        ["article-gateway", "alicloud:vpn/gateway:Gateway", "article"],
        ["article-route-192.168.1.0-24", "alicloud:vpc/routeEntry:RouteEntry", "article"],
      ],
    );
    assert.equal(cloud.one("article").type, "ros-vpc-ipsec:alicloud:VpnSide");
  });

  it("outputs the gateway's address, every id and the connection status", async () => {
    await children(name, side);
    assert.deepEqual(
      await resolve(
        pulumi.all<string | string[]>({
          gatewayPublicIp: side.gatewayPublicIp,
          gatewayId: side.gatewayId,
          customerGatewayId: side.customerGatewayId,
          connectionId: side.connectionId,
          routeEntryIds: side.routeEntryIds,
          connectionStatus: side.connectionStatus,
        }),
      ),
      {
        gatewayPublicIp: MOCK_GATEWAY_IP,
        gatewayId: "vpn-articlegateway",
        customerGatewayId: "cgw-articlecustomergateway",
        connectionId: "vco-articleconnection",
        routeEntryIds: ["vtb-office01:vrt-mock:192.168.1.0/24:VpnGateway:vpn-articlegateway"],
        connectionStatus: "ike_sa_not_established",
      },
    );
  });

  it("reports the weak-crypto opt-in and the unused cloudGatewayIp as warnings, not errors", () => {
    assert.ok(side.warnings.every((w) => w.severity === "warning"));
    const paths = side.warnings.map((w) => w.path);
    for (const path of ["spec.cloudGatewayIp", "spec.preSharedKey", "spec.ike.integrity", "spec.ike.dhGroup"]) {
      assert.ok(paths.includes(path), `${path} is among the warnings: ${paths.join(", ")}`);
    }
  });
});

describe("AlicloudVpnSide for examples/secure.yaml", () => {
  it("policy mode: IKEv2 with AES-256, SHA-256 and group 14 in both phases", async () => {
    const side = sideOf("secure", { spec: secure, ...VPC, gateway: { bandwidth: 5, paymentType: "PayAsYouGo", name: "office-vpn" }, vswitchId: "vsw-office01" });
    const { gateway, connection } = await children("secure", side);
    assert.deepEqual(gateway?.inputs, {
      vpcId: "vpc-office01",
      bandwidth: 5,
      vswitchId: "vsw-office01",
      paymentType: "PayAsYouGo",
      enableIpsec: true,
      enableSsl: false,
      vpnGatewayName: "office-vpn",
      description: "ros-vpc-ipsec:to_tencent",
    });
    assert.deepEqual(connectionInputs(connection), {
      vpnGatewayId: "vpn-securegateway",
      customerGatewayId: "cgw-securecustomergateway",
      vpnConnectionName: "to_tencent",
      localSubnets: ["10.100.1.0/24"],
      remoteSubnets: ["192.168.1.0/24"],
      effectImmediately: true,
      autoConfigRoute: false,
      enableDpd: true,
      enableNatTraversal: true,
      ikeConfig: {
        ikeVersion: "ikev2",
        ikeEncAlg: "aes256",
        ikeAuthAlg: "sha256",
        ikePfs: "group14",
        ikeLifetime: 86400,
        ikeLocalId: MOCK_GATEWAY_IP,
        ikeRemoteId: "113.87.48.200",
        psk: "example-only-9Lq2vT7xWm4RkP8s",
      },
      ipsecConfig: { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 },
    });
  });

  it("route mode: any-to-any selectors and a gateway route per site CIDR published to the VPC, weight 100", async () => {
    const side = sideOf("routed", { spec: { ...secure, mode: "route" }, vpcId: "vpc-office01", gateway: { bandwidth: 10 } });
    const { gateway, customerGateway, connection, vpcRoutes, vpnRoutes } = await children("routed", side);
    assert.deepEqual(gateway?.inputs, { ...SECURE_GATEWAY, bandwidth: 10 });
    assert.deepEqual(customerGateway.inputs, SECURE_CUSTOMER_GATEWAY);
    assert.deepEqual(connectionInputs(connection), {
      vpnGatewayId: "vpn-routedgateway",
      customerGatewayId: "cgw-routedcustomergateway",
      vpnConnectionName: "to_tencent",
      localSubnets: ["0.0.0.0/0"],
      remoteSubnets: ["0.0.0.0/0"],
      effectImmediately: true,
      autoConfigRoute: false,
      enableDpd: true,
      enableNatTraversal: true,
      ...SECURE_CRYPTO,
    });
    assert.deepEqual(vpcRoutes, []);
    assert.deepEqual(
      vpnRoutes.map((r) => [r.name, r.inputs]),
      [
        [
          "routed-route-192.168.1.0-24",
          { vpnGatewayId: "vpn-routedgateway", routeDest: "192.168.1.0/24", nextHop: "vco-routedconnection", publishVpc: true, weight: 100 },
        ],
      ],
    );
    assert.deepEqual(await resolve(side.routeEntryIds), ["vpn-routedgateway:vco-routedconnection:192.168.1.0/24"]);
  });

  it("an FQDN cloud identity is sent as the local id instead of the gateway's address", async () => {
    const spec = { ...secure, cloudGatewayIp: undefined, identities: { cloud: "fqdn:vpn.example.com", router: "fqdn:office.example.com" } };
    const side = sideOf("named-ids", { spec, ...VPC, gateway: { bandwidth: 10 } });
    const { connection } = await children("named-ids", side);
    const ike = revealSecret(connection.inputs.ikeConfig) as Record<string, unknown>;
    assert.equal(ike.ikeLocalId, "vpn.example.com");
    assert.equal(ike.ikeRemoteId, "office.example.com");
  });

  it("without a cloud identity, the local id is the gateway's own address, named explicitly", async () => {
    const spec = { ...secure, cloudGatewayIp: undefined };
    const side = sideOf("default-ids", { spec, ...VPC, gateway: { bandwidth: 10 } });
    const { connection } = await children("default-ids", side);
    const gatewayIp = await new Promise<string>((resolve) => side.gatewayPublicIp.apply(resolve));
    assert.match(gatewayIp, /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal((revealSecret(connection.inputs.ikeConfig) as { ikeLocalId?: string }).ikeLocalId, gatewayIp);
    assert.deepEqual(side.warnings, []);
  });
});

describe("tags", () => {
  it("go on the gateway, the customer gateway and the connection (route entries take none)", async () => {
    const tags = { site: "office", owner: "netops" };
    const side = sideOf("tagged", { spec: secure, ...VPC, gateway: { bandwidth: 10 }, tags });
    const { all } = await children("tagged", side);
    assert.deepEqual(
      all.map((r) => [r.name, r.inputs.tags]).sort(),
      [
        ["tagged-connection", tags],
        ["tagged-customer-gateway", tags],
        ["tagged-gateway", tags],
        ["tagged-route-192.168.1.0-24", undefined],
      ],
    );
  });
});

describe("AlicloudVpnSide with two site CIDRs", () => {
  const spec = { ...secure, siteCidrs: ["192.168.1.0/24", "192.168.2.0/24"] };

  it("policy mode: both CIDRs in the connection, one VPC route each", async () => {
    const side = sideOf("two-policy", { spec, ...VPC, gateway: { bandwidth: 10 } });
    const { gateway, customerGateway, connection, vpcRoutes, vpnRoutes } = await children("two-policy", side);
    assert.deepEqual(gateway?.inputs, { ...SECURE_GATEWAY, bandwidth: 10 });
    assert.deepEqual(customerGateway.inputs, SECURE_CUSTOMER_GATEWAY);
    assert.deepEqual(connectionInputs(connection), {
      vpnGatewayId: "vpn-twopolicygateway",
      customerGatewayId: "cgw-twopolicycustomergateway",
      vpnConnectionName: "to_tencent",
      localSubnets: ["10.100.1.0/24"],
      remoteSubnets: ["192.168.1.0/24", "192.168.2.0/24"],
      effectImmediately: true,
      autoConfigRoute: false,
      enableDpd: true,
      enableNatTraversal: true,
      ...SECURE_CRYPTO,
    });
    assert.deepEqual(vpnRoutes, []);
    assert.deepEqual(
      vpcRoutes.map((r) => [r.name, r.inputs]),
      [
        [
          "two-policy-route-192.168.1.0-24",
          {
            routeTableId: "vtb-office01",
            destinationCidrblock: "192.168.1.0/24",
            nexthopType: "VpnGateway",
            nexthopId: "vpn-twopolicygateway",
            description: "ros-vpc-ipsec:to_tencent",
          },
        ],
        [
          "two-policy-route-192.168.2.0-24",
          {
            routeTableId: "vtb-office01",
            destinationCidrblock: "192.168.2.0/24",
            nexthopType: "VpnGateway",
            nexthopId: "vpn-twopolicygateway",
            description: "ros-vpc-ipsec:to_tencent",
          },
        ],
      ],
    );
  });

  it("route mode: any-to-any selectors once, one published gateway route each, both through the connection", async () => {
    const side = sideOf("two-route", { spec: { ...spec, mode: "route" }, vpcId: "vpc-office01", gateway: { bandwidth: 10 } });
    const { gateway, customerGateway, connection, vpcRoutes, vpnRoutes } = await children("two-route", side);
    assert.deepEqual(gateway?.inputs, { ...SECURE_GATEWAY, bandwidth: 10 });
    assert.deepEqual(customerGateway.inputs, SECURE_CUSTOMER_GATEWAY);
    // A second site CIDR adds a route, not a selector: the connection is the same as with one.
    assert.deepEqual(connectionInputs(connection), {
      vpnGatewayId: "vpn-tworoutegateway",
      customerGatewayId: "cgw-tworoutecustomergateway",
      vpnConnectionName: "to_tencent",
      localSubnets: ["0.0.0.0/0"],
      remoteSubnets: ["0.0.0.0/0"],
      effectImmediately: true,
      autoConfigRoute: false,
      enableDpd: true,
      enableNatTraversal: true,
      ...SECURE_CRYPTO,
    });
    assert.deepEqual(vpcRoutes, []);
    assert.deepEqual(
      vpnRoutes.map((r) => [r.name, r.inputs]),
      [
        [
          "two-route-route-192.168.1.0-24",
          { vpnGatewayId: "vpn-tworoutegateway", routeDest: "192.168.1.0/24", nextHop: "vco-tworouteconnection", publishVpc: true, weight: 100 },
        ],
        [
          "two-route-route-192.168.2.0-24",
          { vpnGatewayId: "vpn-tworoutegateway", routeDest: "192.168.2.0/24", nextHop: "vco-tworouteconnection", publishVpc: true, weight: 100 },
        ],
      ],
    );
  });

  it("changes reach the gateway one at a time: customer gateway and gateway, then the connection, then each route after the one before", async () => {
    const side = sideOf("ordered", { spec, ...VPC, gateway: { bandwidth: 10 } });
    const { gateway, customerGateway, connection, vpcRoutes } = await children("ordered", side);
    const [first, second] = vpcRoutes;
    assert.deepEqual(gateway?.dependsOn, []);
    assert.deepEqual(customerGateway.dependsOn, []);
    assert.deepEqual([...connection.dependsOn].sort(), ["ordered-customer-gateway", "ordered-gateway"]);
    assert.deepEqual([...first!.dependsOn].sort(), ["ordered-connection", "ordered-gateway"]);
    assert.deepEqual([...second!.dependsOn].sort(), ["ordered-connection", "ordered-gateway", "ordered-route-192.168.1.0-24"]);
  });

  it("routes are deleted before they are replaced (a table holds one route per destination); nothing else is", async () => {
    const side = sideOf("replaced", { spec, ...VPC, gateway: { bandwidth: 10 } });
    const { all } = await children("replaced", side);
    assert.deepEqual(
      all.map((r) => [r.name, r.deleteBeforeReplace]).sort(),
      [
        ["replaced-connection", false],
        ["replaced-customer-gateway", false],
        ["replaced-gateway", false],
        ["replaced-route-192.168.1.0-24", true],
        ["replaced-route-192.168.2.0-24", true],
      ],
    );
  });
});

describe("the pre-shared key stays secret end to end", () => {
  it("a key written in the spec is sent as a secret ikeConfig, and the ikeConfig Alibaba reads back is secret too", async () => {
    const side = sideOf("plain-key", { spec: secure, ...VPC, gateway: { bandwidth: 10 } });
    const { connection } = await children("plain-key", side);
    assert.ok(isSecretEnvelope(connection.inputs.ikeConfig));
    assert.equal((revealSecret(connection.inputs.ikeConfig) as Record<string, unknown>).psk, "example-only-9Lq2vT7xWm4RkP8s");
    const { ikeConfig: _secret, ...openInputs } = connection.inputs;
    assert.equal(JSON.stringify(openInputs).includes("example-only"), false);
    assert.deepEqual(connection.additionalSecretOutputs, ["ikeConfig", "tunnelOptionsSpecifications"]);
  });

  it("a key from config.requireSecret is used as given and never appears outside the secret ikeConfig", async () => {
    const key = pulumi.secret("from-config-Hk3vR8qLx2Zp7Wd");
    const side = sideOf("secret-key", { spec: { ...secure, preSharedKey: key }, ...VPC, gateway: { bandwidth: 10 } });
    const { all, connection } = await children("secret-key", side);
    assert.equal((revealSecret(connection.inputs.ikeConfig) as Record<string, unknown>).psk, "from-config-Hk3vR8qLx2Zp7Wd");
    for (const resource of all.filter((r) => r !== connection)) {
      assert.equal(JSON.stringify(resource.inputs).includes("from-config"), false, `${resource.name} does not carry the key`);
    }
    const { ikeConfig: _secret, ...openInputs } = connection.inputs;
    assert.equal(JSON.stringify(openInputs).includes("from-config"), false);
  });

  it("no output of the component carries the key", async () => {
    const side = sideOf("outputs-key", { spec: secure, ...VPC, gateway: { bandwidth: 10 } });
    await children("outputs-key", side);
    const outputs = await resolve(
      pulumi.all([side.gatewayPublicIp, side.gatewayId, side.customerGatewayId, side.connectionId, side.routeEntryIds, side.connectionStatus]),
    );
    assert.equal(JSON.stringify(outputs).includes("example-only"), false);
    assert.equal(await pulumi.isSecret(side.connectionStatus), false);
  });
});

describe("AlicloudVpnSide on an existing gateway", () => {
  it("creates no gateway, looks the given one up, and uses its id and address", async () => {
    const spec = { ...secure, cloudGatewayIp: "47.98.20.2" };
    const side = sideOf("reuse", { spec, ...VPC, existingGatewayId: "vpn-existing01" });
    const { gateway, connection, vpcRoutes } = await children("reuse", side);
    assert.equal(gateway, undefined);
    assert.deepEqual(
      cloud.invokes.filter((i) => i.token === "alicloud:vpn/getGateways:getGateways").map((i) => i.inputs.ids),
      [["vpn-existing01"]],
    );
    assert.equal(connection.inputs.vpnGatewayId, "vpn-existing01");
    assert.equal((revealSecret(connection.inputs.ikeConfig) as Record<string, unknown>).ikeLocalId, "47.98.20.2");
    assert.equal(vpcRoutes[0]?.inputs.nexthopId, "vpn-existing01");
    assert.equal(await resolve(side.gatewayPublicIp), "47.98.20.2");
    assert.equal(await resolve(side.gatewayId), "vpn-existing01");
    assert.deepEqual([...connection.dependsOn], ["reuse-customer-gateway"]);
  });
});
