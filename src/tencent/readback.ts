// Tencent's end as it will negotiate, from a DescribeVpnConnections item, in canonical values.
// Pure; no I/O. The inverse of dialect.ts.
import type { VpnConnection } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { canonicalOf, type Vocabulary } from "../spec/algorithms";
import type { DpdView, EndView } from "../spec/ends";
import { CONNECTION_DEFAULTS } from "./connection-options";

export function tencentEndView(connection: VpnConnection, customerGatewayIp?: string): EndView {
  const ike = connection.IKEOptionsSpecification ?? {};
  const ipsec = connection.IPSECOptionsSpecification ?? {};
  const spd = connection.SecurityPolicyDatabaseSet ?? [];
  const route = connection.RouteType === "StaticRoute";
  return {
    platform: "tencent",
    ikeVersion: ike.IKEVersion === "IKEV2" ? "ikev2" : "ikev1",
    exchangeMode: ike.IKEVersion === "IKEV2" ? undefined : ike.ExchangeMode === "AGGRESSIVE" ? "aggressive" : "main",
    ike: {
      encryption: one("encryption", ike.PropoEncryAlgorithm ?? "3DES-CBC", "ike"),
      integrity: one("integrity", ike.PropoAuthenAlgorithm ?? "SHA", "ike"),
      dhGroup: one("dhGroup", ike.DhGroupName ?? "GROUP1", "ike"),
      lifetime: ike.IKESaLifetimeSeconds ?? 86400,
    },
    ipsec: {
      encryption: one("encryption", ipsec.EncryptAlgorithm ?? "AES-CBC-128", "ipsec"),
      integrity: one("integrity", ipsec.IntegrityAlgorith ?? ipsec.IntegrityAlgorithm ?? "SHA1", "ipsec"),
      pfsGroup: one("pfsGroup", ipsec.PfsDhGroup ?? "NULL", "ipsec"),
      lifetime: ipsec.IPSECSaLifetimeSeconds ?? 14400,
    },
    preSharedKey: connection.PreShareKey,
    localId: identity(ike.LocalIdentity, ike.LocalAddress, ike.LocalFqdnName),
    remoteId: identity(ike.RemoteIdentity, ike.RemoteAddress, ike.RemoteFqdnName),
    localSubnets: route ? ["0.0.0.0/0"] : [...new Set(spd.map((s) => s.LocalCidrBlock))],
    remoteSubnets: route ? ["0.0.0.0/0"] : [...new Set(spd.flatMap((s) => s.RemoteCidrBlock))],
    peerAddress: customerGatewayIp,
    dpd: dpd(connection),
  };
}

/** DpdEnable 1 probes, with DpdTimeout seconds of silence before the peer is dead; Tencent has no interval setting. */
function dpd(connection: VpnConnection): DpdView {
  if (Number(connection.DpdEnable ?? CONNECTION_DEFAULTS.dpdEnable) !== 1) return { enabled: false };
  const timeout = Number(connection.DpdTimeout ?? CONNECTION_DEFAULTS.dpdTimeout);
  return { enabled: true, ...(Number.isFinite(timeout) ? { timeout } : {}) };
}

function one(vocabulary: Vocabulary, value: string, phase: "ike" | "ipsec"): Array<string | number> {
  return [canonicalOf(vocabulary, value, "tencent", phase) ?? `tencent:${value}`];
}

function identity(type: string | undefined, address: string | undefined, fqdn: string | undefined): string | undefined {
  if (type === "FQDN") return fqdn ? `fqdn:${fqdn}` : undefined;
  return address ? `address:${address}` : undefined;
}
