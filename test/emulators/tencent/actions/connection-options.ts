// The VPN connection's option vocabulary as data: IKE and IPsec enums, ranges and defaults from the SDK model
// comments (vpc_models.d.ts, IKEOptionsSpecification / IPSECOptionsSpecification), and how defaults are filled.
// Pure: no store access.
import type { IKEOptionsSpecification, IPSECOptionsSpecification } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { ApiError, fail, say } from "../errors";
import type { FieldSpec, Schema } from "../validate";

export const GCM_ALGORITHMS = ["AES128GCM128", "AES192GCM128", "AES256GCM128"] as const;
/** GCM ciphers are offered on gateways of this version only. */
export const GCM_GATEWAY_VERSION = "4.0";

export const VOCABULARY = {
  ikeEncryption: ["3DES-CBC", "AES-CBC-128", "AES-CBC-192", "AES-CBC-256", "DES-CBC", "SM4", ...GCM_ALGORITHMS],
  /** "SHA" is SHA-1 in phase 1. */
  ikeAuthentication: ["MD5", "SHA", "SHA-256", "SHA-512"],
  exchangeMode: ["AGGRESSIVE", "MAIN"],
  identity: ["ADDRESS", "FQDN"],
  dhGroup: ["GROUP1", "GROUP2", "GROUP5", "GROUP14", "GROUP15", "GROUP16", "GROUP19", "GROUP20", "GROUP21", "GROUP24"],
  ikeVersion: ["IKEV1", "IKEV2"],
  ipsecEncryption: ["3DES-CBC", "AES-CBC-128", "AES-CBC-192", "AES-CBC-256", "DES-CBC", "SM4", "NULL", ...GCM_ALGORITHMS],
  /** IntegrityAlgorith (sic, deprecated) takes the long list; IntegrityAlgorithm the SDK's shorter one. */
  ipsecIntegrityLegacy: ["MD5", "SHA1", "SHA-256", "SHA-512", "SHA-384", "SM3"],
  ipsecIntegrity: ["MD5", "SHA1", "SHA-256"],
  pfsGroup: ["NULL", "DH-GROUP1", "DH-GROUP2", "DH-GROUP5", "DH-GROUP14", "DH-GROUP15", "DH-GROUP16", "DH-GROUP19", "DH-GROUP20", "DH-GROUP21", "DH-GROUP24"],
  routeType: ["STATIC", "StaticRoute", "Policy", "Bgp"],
  negotiationType: ["active", "passive", "flowTrigger"],
  dpdAction: ["clear", "restart"],
} as const;

export const RANGES = {
  ikeSaLifetimeSeconds: { min: 60, max: 604800 },
  ipsecSaLifetimeSeconds: { min: 180, max: 604800 },
  ipsecSaLifetimeTraffic: { min: 2560, max: 4294967295 },
  dpdTimeoutSeconds: { min: 30, max: 60 },
} as const;

export const ikeSchema: Schema = {
  PropoEncryAlgorithm: { type: "string", oneOf: VOCABULARY.ikeEncryption },
  PropoAuthenAlgorithm: { type: "string", oneOf: VOCABULARY.ikeAuthentication },
  ExchangeMode: { type: "string", oneOf: VOCABULARY.exchangeMode },
  LocalIdentity: { type: "string", oneOf: VOCABULARY.identity },
  RemoteIdentity: { type: "string", oneOf: VOCABULARY.identity },
  LocalAddress: { type: "string", format: "ipv4" },
  RemoteAddress: { type: "string", format: "ipv4" },
  LocalFqdnName: { type: "string", maxChars: 255 },
  RemoteFqdnName: { type: "string", maxChars: 255 },
  DhGroupName: { type: "string", oneOf: VOCABULARY.dhGroup },
  IKESaLifetimeSeconds: { type: "integer", ...RANGES.ikeSaLifetimeSeconds },
  IKEVersion: { type: "string", oneOf: VOCABULARY.ikeVersion },
};

export const ipsecSchema: Schema = {
  EncryptAlgorithm: { type: "string", oneOf: VOCABULARY.ipsecEncryption },
  IntegrityAlgorith: { type: "string", oneOf: VOCABULARY.ipsecIntegrityLegacy },
  IPSECSaLifetimeSeconds: { type: "integer", ...RANGES.ipsecSaLifetimeSeconds },
  PfsDhGroup: { type: "string", oneOf: VOCABULARY.pfsGroup },
  IPSECSaLifetimeTraffic: { type: "integer", ...RANGES.ipsecSaLifetimeTraffic },
  IntegrityAlgorithm: { type: "string", oneOf: VOCABULARY.ipsecIntegrity },
};

const spdSchema: FieldSpec = {
  type: "array",
  items: {
    type: "object",
    fields: {
      LocalCidrBlock: { type: "string", required: true, format: "cidr" },
      RemoteCidrBlock: { type: "array", required: true, items: { type: "string", format: "cidr" } },
    },
  },
};

export const connectionName = { type: "string", maxChars: 60 } as const;
export const preShareKey = { type: "string", maxChars: 128 } as const;

/** Options CreateVpnConnection and ModifyVpnConnectionAttribute share (besides name and key). */
export const connectionOptionSchema: Schema = {
  SecurityPolicyDatabases: spdSchema,
  IKEOptionsSpecification: { type: "object", fields: ikeSchema },
  IPSECOptionsSpecification: { type: "object", fields: ipsecSchema },
  EnableHealthCheck: { type: "boolean" },
  HealthCheckLocalIp: { type: "string", format: "ipv4" },
  HealthCheckRemoteIp: { type: "string", format: "ipv4" },
  NegotiationType: { type: "string", oneOf: VOCABULARY.negotiationType },
  DpdEnable: { type: "integer", oneOf: [0, 1] },
  DpdTimeout: { type: "string", digits: RANGES.dpdTimeoutSeconds },
  DpdAction: { type: "string", oneOf: VOCABULARY.dpdAction },
  BgpConfig: {
    type: "object",
    fields: {
      TunnelCidr: { type: "string", required: true, format: "cidr" },
      LocalBgpIp: { type: "string", required: true, format: "ipv4" },
      RemoteBgpIp: { type: "string", required: true, format: "ipv4" },
    },
  },
  HealthCheckConfig: {
    type: "object",
    fields: {
      ProbeType: { type: "string", oneOf: ["NQA"] },
      ProbeInterval: { type: "integer", min: 1000, max: 5000 },
      ProbeThreshold: { type: "integer", min: 3, max: 8 },
      ProbeTimeout: { type: "integer", min: 10, max: 5000 },
    },
  },
};

/** The IKE block as stored: every field filled, a missing one taking its documented default. */
export function resolveIke(
  given: IKEOptionsSpecification | undefined,
  ends: { gatewayIp: string; customerGatewayIp: string; gatewayVersion: string },
): Required<IKEOptionsSpecification> {
  const ike: Required<IKEOptionsSpecification> = {
    PropoEncryAlgorithm: given?.PropoEncryAlgorithm ?? "3DES-CBC",
    PropoAuthenAlgorithm: given?.PropoAuthenAlgorithm ?? "SHA",
    ExchangeMode: given?.ExchangeMode ?? "MAIN",
    LocalIdentity: given?.LocalIdentity ?? "ADDRESS",
    RemoteIdentity: given?.RemoteIdentity ?? "ADDRESS",
    LocalAddress: given?.LocalAddress ?? "",
    RemoteAddress: given?.RemoteAddress ?? "",
    LocalFqdnName: given?.LocalFqdnName ?? "",
    RemoteFqdnName: given?.RemoteFqdnName ?? "",
    DhGroupName: given?.DhGroupName ?? "GROUP1",
    IKESaLifetimeSeconds: given?.IKESaLifetimeSeconds ?? 86400,
    IKEVersion: given?.IKEVersion ?? "IKEV1",
  };
  for (const [side, address, fallback] of [["Local", "LocalAddress", ends.gatewayIp], ["Remote", "RemoteAddress", ends.customerGatewayIp]] as const) {
    const fqdnField = `${side}FqdnName` as const;
    if (ike[`${side}Identity`] === "FQDN") {
      if (!ike[fqdnField]) fail("MissingParameter", say.missing(`IKEOptionsSpecification.${fqdnField}`) + ` It is required when ${side}Identity is FQDN.`);
    } else if (!ike[address]) {
      ike[address] = fallback;
    }
  }
  if (ends.gatewayVersion !== GCM_GATEWAY_VERSION && (GCM_ALGORITHMS as readonly string[]).includes(ike.PropoEncryAlgorithm)) {
    throw gcmRefused("IKEOptionsSpecification.PropoEncryAlgorithm", ike.PropoEncryAlgorithm, ends.gatewayVersion);
  }
  return ike;
}

export function resolveIpsec(given: IPSECOptionsSpecification | undefined, gatewayVersion: string): Required<IPSECOptionsSpecification> {
  const legacy = given?.IntegrityAlgorith;
  const modern = given?.IntegrityAlgorithm;
  if (legacy !== undefined && modern !== undefined && legacy !== modern) {
    fail("InvalidParameterValue.Combination", `IPSECOptionsSpecification.IntegrityAlgorith (${legacy}) and IntegrityAlgorithm (${modern}) disagree; give one of them.`);
  }
  const integrity = modern ?? legacy ?? "SHA1";
  const ipsec: Required<IPSECOptionsSpecification> = {
    EncryptAlgorithm: given?.EncryptAlgorithm ?? "AES-CBC-128",
    IntegrityAlgorith: integrity,
    IPSECSaLifetimeSeconds: given?.IPSECSaLifetimeSeconds ?? 14400,
    PfsDhGroup: given?.PfsDhGroup ?? "NULL",
    IPSECSaLifetimeTraffic: given?.IPSECSaLifetimeTraffic ?? 4096000000,
    IntegrityAlgorithm: integrity,
  };
  if (gatewayVersion !== GCM_GATEWAY_VERSION && (GCM_ALGORITHMS as readonly string[]).includes(ipsec.EncryptAlgorithm)) {
    throw gcmRefused("IPSECOptionsSpecification.EncryptAlgorithm", ipsec.EncryptAlgorithm, gatewayVersion);
  }
  return ipsec;
}

function gcmRefused(field: string, value: string, version: string): ApiError {
  return new ApiError("InvalidParameterValue", `The value \`${value}\` of parameter \`${field}\` needs a ${GCM_GATEWAY_VERSION} gateway; this gateway is version ${version}.`);
}
