// The cloud half for Alibaba Cloud as @pulumi/alicloud vpn.Connection arguments (ikeConfig, ipsecConfig, subnets).
// Pure; no I/O. Typed against the provider package's own input types.
import type * as alicloud from "@pulumi/alicloud";
import { dialectOf } from "../spec/algorithms";
import type { TunnelSpec } from "../spec/types";

export interface AlicloudIkeConfig {
  ikeVersion: string;
  ikeMode?: string;
  ikeEncAlg: string;
  ikeAuthAlg: string;
  ikePfs: string;
  ikeLifetime: number;
  ikeLocalId?: string;
  ikeRemoteId: string;
  psk: string;
}

export interface AlicloudIpsecConfig {
  ipsecEncAlg: string;
  ipsecAuthAlg: string;
  ipsecPfs: string;
  ipsecLifetime: number;
}

// Compile-time proof that the plain settings are valid arguments of the provider package.
type Assignable<T extends U, U> = T;
export type CheckedIkeConfig = Assignable<AlicloudIkeConfig, alicloud.types.input.vpn.ConnectionIkeConfig>;
export type CheckedIpsecConfig = Assignable<AlicloudIpsecConfig, alicloud.types.input.vpn.ConnectionIpsecConfig>;
export type CheckedConnectionArgs = Assignable<
  AlicloudConnectionSettings & { vpnGatewayId: string; customerGatewayId: string; vpnConnectionName: string },
  alicloud.vpn.ConnectionArgs
>;

/** Everything of vpn.Connection's arguments that the spec decides (ids and name are added by the side component). */
export interface AlicloudConnectionSettings {
  localSubnets: string[];
  remoteSubnets: string[];
  effectImmediately: boolean;
  enableDpd: boolean;
  enableNatTraversal: boolean;
  ikeConfig: AlicloudIkeConfig;
  ipsecConfig: AlicloudIpsecConfig;
}

/** One tunnel of a dual-tunnel connection: the active ("master") or the standby ("slave"), in Alibaba's words. */
export interface AlicloudTunnelOptions {
  role: "master" | "slave";
  customerGatewayId: string;
  enableDpd: boolean;
  enableNatTraversal: boolean;
  /** The connection's IKE settings, with the ids named as a tunnel names them. */
  tunnelIkeConfig: Omit<AlicloudIkeConfig, "ikeLocalId" | "ikeRemoteId"> & { localId?: string; remoteId: string };
  tunnelIpsecConfig: AlicloudIpsecConfig;
}
export type CheckedTunnelOptions = Assignable<AlicloudTunnelOptions, alicloud.types.input.vpn.ConnectionTunnelOptionsSpecification>;

/**
 * Both tunnels of a dual-tunnel connection, with the connection's settings: Alibaba takes them per tunnel there
 * (TunnelOptionsSpecification) instead of IkeConfig/IpsecConfig. Each tunnel presents its own local id: the FQDN,
 * or the address of its own side of the gateway.
 */
export function alicloudTunnelOptions(
  settings: AlicloudConnectionSettings,
  customerGatewayId: string,
  localIds: Readonly<Record<AlicloudTunnelOptions["role"], string | undefined>>,
): AlicloudTunnelOptions[] {
  const { ikeLocalId: _single, ikeRemoteId, ...ike } = settings.ikeConfig;
  return (["master", "slave"] as const).map((role) => {
    const localId = localIds[role];
    return {
      role,
      customerGatewayId,
      enableDpd: settings.enableDpd,
      enableNatTraversal: settings.enableNatTraversal,
      tunnelIkeConfig: { ...ike, ...(localId === undefined ? {} : { localId }), remoteId: ikeRemoteId },
      tunnelIpsecConfig: { ...settings.ipsecConfig },
    };
  });
}

/** A route-based connection negotiates any-to-any selectors; routes decide what enters it. */
const ANY = ["0.0.0.0/0"];

export function alicloudConnectionSettings(spec: TunnelSpec): AlicloudConnectionSettings {
  const { ike, ipsec } = spec;
  const ikeConfig: AlicloudIkeConfig = {
    ikeVersion: ike.version,
    ...(ike.version === "ikev1" ? { ikeMode: ike.exchangeMode ?? "main" } : {}),
    ikeEncAlg: alibaba("encryption", ike.encryption, "ike"),
    ikeAuthAlg: alibaba("integrity", ike.integrity, "ike"),
    ikePfs: alibaba("dhGroup", ike.dhGroup, "ike"),
    ikeLifetime: ike.lifetime,
    // Alibaba's "local" is its gateway (defaults to the gateway's address); "remote" is the router.
    ...(spec.identities.cloud ? { ikeLocalId: spec.identities.cloud.value } : {}),
    ikeRemoteId: spec.identities.router.value,
    psk: spec.preSharedKey,
  };
  const ipsecConfig: AlicloudIpsecConfig = {
    ipsecEncAlg: alibaba("encryption", ipsec.encryption, "ipsec"),
    ipsecAuthAlg: alibaba("integrity", ipsec.integrity, "ipsec"),
    ipsecPfs: alibaba("pfsGroup", ipsec.pfsGroup, "ipsec"),
    ipsecLifetime: ipsec.lifetime,
  };
  return {
    localSubnets: spec.mode === "policy" ? [...spec.cloudCidrs] : ANY,
    remoteSubnets: spec.mode === "policy" ? [...spec.siteCidrs] : ANY,
    effectImmediately: true,
    enableDpd: ike.dpd.enabled,
    enableNatTraversal: spec.router.natTraversal,
    ikeConfig,
    ipsecConfig,
  };
}

function alibaba(vocabulary: "encryption" | "integrity" | "dhGroup" | "pfsGroup", value: string | number, phase: "ike" | "ipsec"): string {
  const spelled = dialectOf(vocabulary, value, "alicloud", phase);
  // validate.ts refuses specs with values Alibaba lacks; reaching this is a bug, not bad input.
  if (spelled === undefined) throw new Error(`Alibaba Cloud has no ${phase} spelling for ${vocabulary} ${value}`);
  return spelled;
}

