// Where each spec field lives on each end: RouterOS menu and field, Tencent API field, Alibaba (@pulumi/alicloud) argument.
// Pure data and one formatter, so every fix names the same places; no I/O.
import type { SpecField } from "./types";

export interface FieldPlaces {
  readonly routeros: string;
  /** Tencent VPC API (CreateVpnConnection and friends); undefined where Tencent has no such setting. */
  readonly tencent?: string;
  /** Alibaba vpn.Connection / vpn.CustomerGateway arguments; undefined where Alibaba has no such setting. */
  readonly alicloud?: string;
}

export const FIELD_PLACES: Readonly<Record<SpecField, FieldPlaces>> = {
  preSharedKey: { routeros: "/ip ipsec identity secret", tencent: "PreShareKey", alicloud: "ikeConfig.psk" },
  "ike.version": {
    routeros: "/ip ipsec peer exchange-mode (ike2 = IKEv2; main/aggressive = IKEv1)",
    tencent: "IKEOptionsSpecification.IKEVersion",
    alicloud: "ikeConfig.ikeVersion",
  },
  "ike.exchangeMode": {
    routeros: "/ip ipsec peer exchange-mode",
    tencent: "IKEOptionsSpecification.ExchangeMode",
    alicloud: "ikeConfig.ikeMode",
  },
  "ike.encryption": {
    routeros: "/ip ipsec profile enc-algorithm",
    tencent: "IKEOptionsSpecification.PropoEncryAlgorithm",
    alicloud: "ikeConfig.ikeEncAlg",
  },
  "ike.integrity": {
    routeros: "/ip ipsec profile hash-algorithm",
    tencent: "IKEOptionsSpecification.PropoAuthenAlgorithm",
    alicloud: "ikeConfig.ikeAuthAlg",
  },
  "ike.dhGroup": {
    routeros: "/ip ipsec profile dh-group",
    tencent: "IKEOptionsSpecification.DhGroupName",
    alicloud: "ikeConfig.ikePfs",
  },
  "ike.lifetime": {
    routeros: "/ip ipsec profile lifetime",
    tencent: "IKEOptionsSpecification.IKESaLifetimeSeconds",
    alicloud: "ikeConfig.ikeLifetime",
  },
  "ike.dpd": {
    routeros: "/ip ipsec profile dpd-interval, dpd-maximum-failures",
    tencent: "DpdEnable, DpdTimeout",
    alicloud: "enableDpd",
  },
  "ipsec.encryption": {
    routeros: "/ip ipsec proposal enc-algorithms",
    tencent: "IPSECOptionsSpecification.EncryptAlgorithm",
    alicloud: "ipsecConfig.ipsecEncAlg",
  },
  "ipsec.integrity": {
    routeros: "/ip ipsec proposal auth-algorithms",
    tencent: "IPSECOptionsSpecification.IntegrityAlgorith (and IntegrityAlgorithm for MD5, SHA1, SHA-256)",
    alicloud: "ipsecConfig.ipsecAuthAlg",
  },
  "ipsec.pfsGroup": {
    routeros: "/ip ipsec proposal pfs-group",
    tencent: "IPSECOptionsSpecification.PfsDhGroup",
    alicloud: "ipsecConfig.ipsecPfs",
  },
  "ipsec.lifetime": {
    routeros: "/ip ipsec proposal lifetime",
    tencent: "IPSECOptionsSpecification.IPSECSaLifetimeSeconds",
    alicloud: "ipsecConfig.ipsecLifetime",
  },
  "identities.router": {
    routeros: "/ip ipsec identity my-id",
    tencent: "IKEOptionsSpecification.RemoteIdentity with RemoteAddress/RemoteFqdnName",
    alicloud: "ikeConfig.ikeRemoteId",
  },
  "identities.cloud": {
    routeros: "/ip ipsec identity remote-id",
    tencent: "IKEOptionsSpecification.LocalIdentity with LocalAddress/LocalFqdnName",
    alicloud: "ikeConfig.ikeLocalId",
  },
  routerPublicIp: {
    routeros: "/ip ipsec peer local-address (and the address the router's traffic leaves from)",
    tencent: "customer gateway IpAddress",
    alicloud: "customer gateway ipAddress",
  },
  cloudGatewayIp: {
    routeros: "/ip ipsec peer address",
    tencent: "the VPN gateway's PublicIpAddress",
    alicloud: "the VPN gateway's internetIp",
  },
  siteCidrs: {
    routeros: "/ip ipsec policy src-address",
    tencent: "SecurityPolicyDatabases[].RemoteCidrBlock",
    alicloud: "remoteSubnets",
  },
  cloudCidrs: {
    routeros: "/ip ipsec policy dst-address",
    tencent: "SecurityPolicyDatabases[].LocalCidrBlock",
    alicloud: "localSubnets",
  },
  "router.natTraversal": { routeros: "/ip ipsec profile nat-traversal", alicloud: "enableNatTraversal" },
  "router.natBypass": { routeros: "/ip firewall nat chain=srcnat action=accept above masquerade" },
};

/** "`ike.dhGroup` (RouterOS /ip ipsec profile dh-group; Tencent IKEOptionsSpecification.DhGroupName; Alibaba ikeConfig.ikePfs)" */
export function where(field: SpecField): string {
  const places = FIELD_PLACES[field];
  const parts = [`RouterOS ${places.routeros}`];
  if (places.tencent) parts.push(`Tencent ${places.tencent}`);
  if (places.alicloud) parts.push(`Alibaba ${places.alicloud}`);
  return `\`${field}\` (${parts.join("; ")})`;
}
