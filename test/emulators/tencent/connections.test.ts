// Specification: VPN connection actions — CreateVpnConnection, DescribeVpnConnections,
// ModifyVpnConnectionAttribute, DeleteVpnConnection — with the IKE/IPsec vocabulary, SPD rules and NetStatus hook.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { rejectsWith } from "./sdk-client";
import { ROUTER_IP, ROUTER_LAN, VPC_CIDR, world, type World } from "./world";

const IKE = {
  PropoEncryAlgorithm: "AES-CBC-256",
  PropoAuthenAlgorithm: "SHA-256",
  ExchangeMode: "MAIN",
  LocalIdentity: "ADDRESS",
  RemoteIdentity: "FQDN",
  LocalAddress: "203.0.113.77",
  RemoteAddress: "",
  LocalFqdnName: "",
  RemoteFqdnName: "router.example",
  DhGroupName: "GROUP14",
  IKESaLifetimeSeconds: 28800,
  IKEVersion: "IKEV2",
};
const IPSEC = {
  EncryptAlgorithm: "AES-CBC-256",
  IntegrityAlgorith: "SHA-256",
  IPSECSaLifetimeSeconds: 3600,
  PfsDhGroup: "DH-GROUP14",
  IPSECSaLifetimeTraffic: 2560,
  IntegrityAlgorithm: "SHA-256",
};

describe("CreateVpnConnection and DescribeVpnConnections", () => {
  let w: World;
  let gateway: string;
  let cgw: string;
  before(async () => {
    w = await world();
    gateway = await w.gateway();
    cgw = await w.customerGateway();
  });
  after(() => w.stop());

  const create = (extra: Record<string, unknown>) =>
    w.client.request("CreateVpnConnection", {
      VpnGatewayId: gateway,
      CustomerGatewayId: cgw,
      VpcId: w.vpcId,
      VpnConnectionName: "t",
      PreShareKey: "k",
      ...extra,
    });

  test("every option given is described back as given, and the pre-shared key in clear text", async () => {
    const id = await w.connection(gateway, cgw, {
      VpnConnectionName: "full",
      PreShareKey: "clear-text-psk",
      SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.1.0/24", RemoteCidrBlock: ["172.16.1.0/24", "172.16.2.0/24"] }],
      IKEOptionsSpecification: IKE,
      IPSECOptionsSpecification: IPSEC,
      RouteType: "StaticRoute",
      NegotiationType: "passive",
      DpdEnable: 1,
      DpdTimeout: "45",
      DpdAction: "clear",
      Tags: [{ Key: "owner", Value: "test" }],
    });
    const [c] = (await w.client.DescribeVpnConnections({ VpnConnectionIds: [id] })).VpnConnectionSet ?? [];
    assert.equal(c?.PreShareKey, "clear-text-psk");
    assert.deepEqual(c?.IKEOptionsSpecification, IKE);
    assert.deepEqual(c?.IPSECOptionsSpecification, IPSEC);
    assert.deepEqual(c?.SecurityPolicyDatabaseSet, [{ LocalCidrBlock: "10.0.1.0/24", RemoteCidrBlock: ["172.16.1.0/24", "172.16.2.0/24"] }]);
    assert.deepEqual([c?.RouteType, c?.NegotiationType, c?.DpdEnable, c?.DpdTimeout, c?.DpdAction], ["StaticRoute", "passive", 1, "45", "clear"]);
    assert.deepEqual([c?.State, c?.NetStatus, c?.VpnGatewayId, c?.CustomerGatewayId, c?.VpcId], ["AVAILABLE", "UNAVAILABLE", gateway, cgw, w.vpcId]);
  });

  test("options left out take the documented defaults; identities default to the two public addresses", async () => {
    const r = await create({ VpnConnectionName: "defaults", SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.2.0/24", RemoteCidrBlock: ["172.17.0.0/24"] }] });
    const gatewayIp = (await w.client.DescribeVpnGateways({ VpnGatewayIds: [gateway] })).VpnGatewaySet?.[0]?.PublicIpAddress;
    assert.deepEqual(r.VpnConnection.IKEOptionsSpecification, {
      PropoEncryAlgorithm: "3DES-CBC", PropoAuthenAlgorithm: "SHA", ExchangeMode: "MAIN", LocalIdentity: "ADDRESS", RemoteIdentity: "ADDRESS",
      LocalAddress: gatewayIp, RemoteAddress: ROUTER_IP, LocalFqdnName: "", RemoteFqdnName: "", DhGroupName: "GROUP1", IKESaLifetimeSeconds: 86400, IKEVersion: "IKEV1",
    });
    assert.deepEqual(r.VpnConnection.IPSECOptionsSpecification, {
      EncryptAlgorithm: "AES-CBC-128", IntegrityAlgorith: "SHA1", IPSECSaLifetimeSeconds: 14400, PfsDhGroup: "NULL", IPSECSaLifetimeTraffic: 4096000000, IntegrityAlgorithm: "SHA1",
    });
    assert.deepEqual([r.VpnConnection.RouteType, r.VpnConnection.NegotiationType, r.VpnConnection.DpdEnable, r.VpnConnection.DpdTimeout, r.VpnConnection.DpdAction], ["STATIC", "active", 0, "30", "restart"]);
  });

  const badOptions: Array<[string, Record<string, unknown>, string]> = [
    ["IKE cipher", { IKEOptionsSpecification: { PropoEncryAlgorithm: "AES-CBC-512" } }, "InvalidParameterValue"],
    ["IKE authentication SHA1 (phase 1 calls it SHA)", { IKEOptionsSpecification: { PropoAuthenAlgorithm: "SHA1" } }, "InvalidParameterValue"],
    ["exchange mode", { IKEOptionsSpecification: { ExchangeMode: "main" } }, "InvalidParameterValue"],
    ["identity type", { IKEOptionsSpecification: { LocalIdentity: "USER_FQDN" } }, "InvalidParameterValue"],
    ["DH group 18", { IKEOptionsSpecification: { DhGroupName: "GROUP18" } }, "InvalidParameterValue"],
    ["IKE version", { IKEOptionsSpecification: { IKEVersion: "IKEV3" } }, "InvalidParameterValue"],
    ["IKE lifetime 59 s", { IKEOptionsSpecification: { IKESaLifetimeSeconds: 59 } }, "InvalidParameterValue.Range"],
    ["IKE lifetime 604801 s", { IKEOptionsSpecification: { IKESaLifetimeSeconds: 604801 } }, "InvalidParameterValue.Range"],
    ["IKE local address", { IKEOptionsSpecification: { LocalAddress: "203.0.113" } }, "InvalidParameterValue.Malformed"],
    ["FQDN identity without its name", { IKEOptionsSpecification: { RemoteIdentity: "FQDN" } }, "MissingParameter"],
    ["IPsec cipher", { IPSECOptionsSpecification: { EncryptAlgorithm: "AES-CTR" } }, "InvalidParameterValue"],
    ["IntegrityAlgorith outside its list", { IPSECOptionsSpecification: { IntegrityAlgorith: "SHA-224" } }, "InvalidParameterValue"],
    ["IntegrityAlgorithm SHA-512 (the SDK lists MD5, SHA1, SHA-256)", { IPSECOptionsSpecification: { IntegrityAlgorithm: "SHA-512" } }, "InvalidParameterValue"],
    ["the two integrity fields disagreeing", { IPSECOptionsSpecification: { IntegrityAlgorith: "SHA1", IntegrityAlgorithm: "SHA-256" } }, "InvalidParameterValue.Combination"],
    ["PFS group name without DH-", { IPSECOptionsSpecification: { PfsDhGroup: "GROUP14" } }, "InvalidParameterValue"],
    ["IPsec lifetime 179 s", { IPSECOptionsSpecification: { IPSECSaLifetimeSeconds: 179 } }, "InvalidParameterValue.Range"],
    ["IPsec lifetime 2559 KB", { IPSECOptionsSpecification: { IPSECSaLifetimeTraffic: 2559 } }, "InvalidParameterValue.Range"],
    ["GCM on a 2.0 gateway", { IPSECOptionsSpecification: { EncryptAlgorithm: "AES128GCM128" } }, "InvalidParameterValue"],
    ["an unknown IKE field", { IKEOptionsSpecification: { DhGroup: "GROUP14" } }, "UnknownParameter"],
    ["route type", { RouteType: "Route" }, "InvalidParameterValue"],
    ["negotiation type", { NegotiationType: "Active" }, "InvalidParameterValue"],
    ["DpdEnable 2", { DpdEnable: 2 }, "InvalidParameterValue"],
    ["DpdTimeout as a number", { DpdTimeout: 30 }, "InvalidParameter"],
    ["DpdTimeout 29 s", { DpdTimeout: "29" }, "InvalidParameterValue.Range"],
    ["DpdTimeout 61 s", { DpdTimeout: "61" }, "InvalidParameterValue.Range"],
    ["DPD action", { DpdAction: "hold" }, "InvalidParameterValue"],
    ["Bgp without BgpConfig", { RouteType: "Bgp" }, "MissingParameter"],
    ["health-check address outside 169.254.128.0/17", { EnableHealthCheck: true, HealthCheckLocalIp: "169.254.1.1" }, "InvalidParameterValue"],
    ["a name over 60 characters", { VpnConnectionName: "n".repeat(61) }, "InvalidParameterValue.TooLong"],
    ["no pre-shared key", { PreShareKey: "" }, "MissingParameter"],
  ];
  for (const [what, extra, code] of badOptions) {
    test(`${what} → ${code}`, async () => {
      await rejectsWith(create(extra), code);
    });
  }

  const badPlacement: Array<[string, Record<string, unknown>, string]> = [
    ["no VpcId for a VPC gateway", { VpcId: undefined }, "UnsupportedOperation.VpnGwVpcIdMustHave"],
    ["an unknown customer gateway", { CustomerGatewayId: "cgw-00000000" }, "ResourceNotFound"],
    ["a malformed gateway id", { VpnGatewayId: "vpngw-0000000" }, "InvalidParameterValue.Malformed"],
    ["an SPD local block outside the VPC", { SecurityPolicyDatabases: [{ LocalCidrBlock: "10.1.0.0/24", RemoteCidrBlock: ["172.18.0.0/24"] }] }, "InvalidParameterValue"],
    ["an SPD remote block overlapping the VPC", { SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.3.0/24", RemoteCidrBlock: ["10.0.0.0/8"] }] }, "InvalidParameterValue.VpcCidrConflict"],
    ["two SPD entries with overlapping local blocks", { SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.4.0/24", RemoteCidrBlock: ["172.19.0.0/24"] }, { LocalCidrBlock: "10.0.4.0/25", RemoteCidrBlock: ["172.19.1.0/24"] }] }, "UnsupportedOperation.VpnConnSPDOverlap"],
    ["a malformed SPD block", { SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.5.0/33", RemoteCidrBlock: ["172.20.0.0/24"] }] }, "InvalidParameterValue.Malformed"],
  ];
  for (const [what, extra, code] of badPlacement) {
    test(`${what} → ${code}`, async () => {
      await rejectsWith(create(extra), code);
    });
  }

  test("an SPD pair clashing with another tunnel of the same gateway is InvalidParameterValue.VpnConnCidrConflict", async () => {
    await w.connection(gateway, await w.customerGateway("192.0.2.30"), { SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.8.0/24", RemoteCidrBlock: ["172.21.0.0/24"] }] });
    await rejectsWith(create({ SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.8.0/23", RemoteCidrBlock: ["172.21.0.128/25"] }] }), "InvalidParameterValue.VpnConnCidrConflict");
  });

  test("a gateway of another VPC is UnsupportedOperation.VpcMismatch", async () => {
    const other = w.emu.addVpc({ cidrBlock: "10.9.0.0/16" });
    await rejectsWith(create({ VpcId: other.vpcId }), "UnsupportedOperation.VpcMismatch");
  });

  test("GCM ciphers are accepted on a 4.0 gateway", async () => {
    const w4 = await world({ gatewayVersion: "4.0" });
    try {
      const id = await w4.connection(await w4.gateway(), await w4.customerGateway(), { IPSECOptionsSpecification: { EncryptAlgorithm: "AES256GCM128" } });
      assert.equal(w4.emu.state().vpnConnections.find((c) => c.VpnConnectionId === id)?.IPSECOptionsSpecification?.EncryptAlgorithm, "AES256GCM128");
    } finally {
      await w4.stop();
    }
  });

  test("health checks get addresses from 169.254.128.0/17 when enabled without them", async () => {
    const r = await create({ VpnConnectionName: "hc", EnableHealthCheck: true, SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.9.0/24", RemoteCidrBlock: ["172.22.0.0/24"] }] });
    assert.match(r.VpnConnection.HealthCheckLocalIp, /^169\.254\.(1(2[89]|[3-9][0-9])|2[0-5][0-9])\.\d+$/);
    assert.notEqual(r.VpnConnection.HealthCheckLocalIp, r.VpnConnection.HealthCheckRemoteIp);
  });
});

describe("ModifyVpnConnectionAttribute, DeleteVpnConnection and the NetStatus hook", () => {
  let w: World;
  let gateway: string;
  let cgw: string;
  before(async () => {
    w = await world();
    gateway = await w.gateway();
    cgw = await w.customerGateway();
  });
  after(() => w.stop());
  const describeOne = async (id: string) => (await w.client.DescribeVpnConnections({ VpnConnectionIds: [id] })).VpnConnectionSet?.[0];

  test("a modified IKE block replaces the old one; fields left out return to their defaults", async () => {
    const id = await w.connection(gateway, cgw, { IKEOptionsSpecification: { ...IKE, RemoteIdentity: "ADDRESS" } });
    await w.client.ModifyVpnConnectionAttribute({ VpnConnectionId: id, PreShareKey: "new-psk", IKEOptionsSpecification: { DhGroupName: "GROUP2" } });
    const c = await describeOne(id);
    assert.equal(c?.PreShareKey, "new-psk");
    assert.equal(c?.IKEOptionsSpecification?.DhGroupName, "GROUP2");
    assert.equal(c?.IKEOptionsSpecification?.PropoEncryAlgorithm, "3DES-CBC");
    assert.deepEqual(c?.SecurityPolicyDatabaseSet, [{ LocalCidrBlock: VPC_CIDR, RemoteCidrBlock: [ROUTER_LAN] }]);
  });

  test("the gateway, VPC and route type cannot be modified: they are not parameters of the action", async () => {
    const id = await w.connection(gateway, await w.customerGateway("192.0.2.41"), { SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.10.0/24", RemoteCidrBlock: ["172.23.0.0/24"] }] });
    for (const field of ["VpnGatewayId", "VpcId", "RouteType"]) {
      await rejectsWith(w.client.request("ModifyVpnConnectionAttribute", { VpnConnectionId: id, [field]: "x" }), "UnknownParameter");
    }
  });

  test("changing the customer gateway needs a 4.0 gateway", async () => {
    const id = await w.connection(gateway, await w.customerGateway("192.0.2.42"), { SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.11.0/24", RemoteCidrBlock: ["172.24.0.0/24"] }] });
    await rejectsWith(w.client.ModifyVpnConnectionAttribute({ VpnConnectionId: id, CustomerGatewayId: cgw }), "UnsupportedOperation");
  });

  test("setNetStatus reports the tunnel up or down in DescribeVpnConnections", async () => {
    const id = await w.connection(gateway, await w.customerGateway("192.0.2.43"), { SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.12.0/24", RemoteCidrBlock: ["172.25.0.0/24"] }] });
    w.emu.setNetStatus(id, "AVAILABLE");
    assert.equal((await describeOne(id))?.NetStatus, "AVAILABLE");
    w.emu.setNetStatus(id, "UNAVAILABLE");
    assert.equal((await describeOne(id))?.NetStatus, "UNAVAILABLE");
    assert.throws(() => w.emu.setNetStatus("vpnx-00000000", "AVAILABLE"), /no VPN connection/);
  });

  test("a connection is deleted through its own gateway only", async () => {
    const id = await w.connection(gateway, await w.customerGateway("192.0.2.44"), { SecurityPolicyDatabases: [{ LocalCidrBlock: "10.0.13.0/24", RemoteCidrBlock: ["172.26.0.0/24"] }] });
    const otherGateway = await w.gateway("other");
    await rejectsWith(w.client.DeleteVpnConnection({ VpnGatewayId: otherGateway, VpnConnectionId: id }), "ResourceNotFound");
    await w.client.DeleteVpnConnection({ VpnGatewayId: gateway, VpnConnectionId: id });
    await rejectsWith(w.client.DescribeVpnConnections({ VpnConnectionIds: [id] }), "ResourceNotFound");
  });
});
