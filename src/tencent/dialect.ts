// The cloud half for Tencent Cloud in the VPC API's own terms: CreateVpnConnection/ModifyVpnConnectionAttribute parameters.
// Pure; no I/O. Types are the SDK's request models, so a renamed field fails to compile.
import type {
  CreateVpnConnectionRequest,
  IKEOptionsSpecification,
  IPSECOptionsSpecification,
  ModifyVpnConnectionAttributeRequest,
  SecurityPolicyDatabase,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { dialectOf } from "../spec/algorithms";
import type { Identity, TunnelSpec } from "../spec/types";

/** Tencent's RouteType: STATIC is the SPD (policy-based) tunnel of the article, StaticRoute the route-based one. */
export const ROUTE_TYPE = { policy: "STATIC", route: "StaticRoute" } as const;

/** The newer IntegrityAlgorithm field accepts only these; the deprecated IntegrityAlgorith accepts them all. */
const INTEGRITY_ALGORITHM_VALUES = new Set(["MD5", "SHA1", "SHA-256"]);

/** The options both create and modify send: SPD, IKE, IPsec and DPD. */
export type TencentTunnelOptions = Required<
  Pick<CreateVpnConnectionRequest, "IKEOptionsSpecification" | "IPSECOptionsSpecification" | "DpdEnable" | "DpdTimeout" | "DpdAction">
> &
  Pick<CreateVpnConnectionRequest, "SecurityPolicyDatabases">;

export function tencentTunnelOptions(spec: TunnelSpec, gatewayIp: string): TencentTunnelOptions {
  return {
    ...(spec.mode === "policy" ? { SecurityPolicyDatabases: securityPolicyDatabases(spec) } : {}),
    IKEOptionsSpecification: ikeOptions(spec, gatewayIp),
    IPSECOptionsSpecification: ipsecOptions(spec),
    DpdEnable: spec.ike.dpd.enabled ? 1 : 0,
    DpdTimeout: String(spec.ike.dpd.timeout),
    DpdAction: "restart",
  };
}

export interface TencentConnectionIds {
  vpcId: string;
  vpnGatewayId: string;
  customerGatewayId: string;
}

export function createVpnConnectionRequest(spec: TunnelSpec, ids: TencentConnectionIds, gatewayIp: string): CreateVpnConnectionRequest {
  return {
    VpcId: ids.vpcId,
    VpnGatewayId: ids.vpnGatewayId,
    CustomerGatewayId: ids.customerGatewayId,
    VpnConnectionName: spec.name,
    PreShareKey: spec.preSharedKey,
    RouteType: ROUTE_TYPE[spec.mode],
    ...tencentTunnelOptions(spec, gatewayIp),
  };
}

export function modifyVpnConnectionRequest(spec: TunnelSpec, vpnConnectionId: string, gatewayIp: string): ModifyVpnConnectionAttributeRequest {
  return {
    VpnConnectionId: vpnConnectionId,
    VpnConnectionName: spec.name,
    PreShareKey: spec.preSharedKey,
    ...tencentTunnelOptions(spec, gatewayIp),
  };
}

/** One SPD entry per VPC network, each allowing every site network (as the console's SPD table does). */
export function securityPolicyDatabases(spec: TunnelSpec): SecurityPolicyDatabase[] {
  return spec.cloudCidrs.map((cloud) => ({ LocalCidrBlock: cloud, RemoteCidrBlock: [...spec.siteCidrs] }));
}

function ikeOptions(spec: TunnelSpec, gatewayIp: string): IKEOptionsSpecification {
  const { ike } = spec;
  // Tencent's "local" is its gateway; "remote" is the router.
  const local = spec.identities.cloud ?? { type: "address", value: gatewayIp };
  return {
    IKEVersion: ike.version === "ikev2" ? "IKEV2" : "IKEV1",
    ...(ike.version === "ikev1" ? { ExchangeMode: ike.exchangeMode === "aggressive" ? "AGGRESSIVE" : "MAIN" } : {}),
    PropoEncryAlgorithm: tencent("encryption", ike.encryption, "ike"),
    PropoAuthenAlgorithm: tencent("integrity", ike.integrity, "ike"),
    DhGroupName: tencent("dhGroup", ike.dhGroup, "ike"),
    IKESaLifetimeSeconds: ike.lifetime,
    ...identityFields("Local", local),
    ...identityFields("Remote", spec.identities.router),
  };
}

function ipsecOptions(spec: TunnelSpec): IPSECOptionsSpecification {
  const { ipsec } = spec;
  const integrity = tencent("integrity", ipsec.integrity, "ipsec");
  return {
    EncryptAlgorithm: tencent("encryption", ipsec.encryption, "ipsec"),
    IntegrityAlgorith: integrity,
    ...(INTEGRITY_ALGORITHM_VALUES.has(integrity) ? { IntegrityAlgorithm: integrity } : {}),
    PfsDhGroup: tencent("pfsGroup", ipsec.pfsGroup, "ipsec"),
    IPSECSaLifetimeSeconds: ipsec.lifetime,
  };
}

function identityFields(side: "Local" | "Remote", id: Identity): IKEOptionsSpecification {
  return id.type === "address"
    ? { [`${side}Identity`]: "ADDRESS", [`${side}Address`]: id.value }
    : { [`${side}Identity`]: "FQDN", [`${side}FqdnName`]: id.value };
}

function tencent(vocabulary: "encryption" | "integrity" | "dhGroup" | "pfsGroup", value: string | number, phase: "ike" | "ipsec"): string {
  const spelled = dialectOf(vocabulary, value, "tencent", phase);
  // validate.ts refuses specs with values Tencent lacks; reaching this is a bug, not bad input.
  if (spelled === undefined) throw new Error(`Tencent Cloud has no ${phase} spelling for ${vocabulary} ${value}`);
  return spelled;
}
