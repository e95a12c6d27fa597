// The Alibaba Cloud emulator seeded with a tunnel's VPN gateway, customer gateway and connection as AlicloudVpnSide
// (through @pulumi/alicloud) would have created them from a spec, and the config that points doctor at it.
import { alicloudConnectionSettings } from "../../src/alicloud/dialect";
import type { TunnelSpec } from "../../src/spec/types";
import { AlicloudVpcEmulator, type AliTunnelOptions, type AliVpnConnection } from "../emulators/alicloud";

export interface SeededTunnel {
  vpnGatewayId: string;
  customerGatewayId: string;
  vpnConnectionId: string;
}

/** The connection's fields as DescribeVpnConnections shows them for what the spec renders (PascalCase, CIDRs joined). */
export function apiConnectionOf(spec: TunnelSpec, ids: { vpnGatewayId: string; customerGatewayId: string }, gatewayIp: string): Omit<AliVpnConnection, "VpnConnectionId" | "CreateTime" | "State" | "EffectImmediately"> {
  const s = alicloudConnectionSettings(spec);
  return {
    Name: spec.name,
    VpnGatewayId: ids.vpnGatewayId,
    CustomerGatewayId: ids.customerGatewayId,
    LocalSubnet: s.localSubnets.join(","),
    RemoteSubnet: s.remoteSubnets.join(","),
    Status: "ipsec_sa_established",
    EnableDpd: s.enableDpd,
    EnableNatTraversal: s.enableNatTraversal,
    IkeConfig: {
      IkeVersion: s.ikeConfig.ikeVersion,
      // Alibaba answers a mode under IKEv2 too (it ignores it there).
      IkeMode: s.ikeConfig.ikeMode ?? "main",
      IkeEncAlg: s.ikeConfig.ikeEncAlg,
      IkeAuthAlg: s.ikeConfig.ikeAuthAlg,
      IkePfs: s.ikeConfig.ikePfs,
      IkeLifetime: s.ikeConfig.ikeLifetime,
      // AlicloudVpnSide sends the gateway's real address when the spec names no cloud identity.
      LocalId: s.ikeConfig.ikeLocalId ?? gatewayIp,
      RemoteId: s.ikeConfig.ikeRemoteId,
      Psk: s.ikeConfig.psk,
    },
    IpsecConfig: {
      IpsecEncAlg: s.ipsecConfig.ipsecEncAlg,
      IpsecAuthAlg: s.ipsecConfig.ipsecAuthAlg,
      IpsecPfs: s.ipsecConfig.ipsecPfs,
      IpsecLifetime: s.ipsecConfig.ipsecLifetime,
    },
  };
}

/** A gateway at `gatewayIp`, a customer gateway at the spec's routerPublicIp, and the connection between them. */
export function seedTunnel(emu: AlicloudVpcEmulator, spec: TunnelSpec, gatewayIp: string, change: Partial<Pick<AliVpnConnection, "Status" | "Name">> = {}): SeededTunnel {
  const vpnGatewayId = emu.addVpnGateway({ InternetIp: gatewayIp, Name: `${spec.name}-gateway` });
  const customerGatewayId = emu.addCustomerGateway({ IpAddress: spec.routerPublicIp, Name: spec.name });
  const vpnConnectionId = emu.addVpnConnection({ ...apiConnectionOf(spec, { vpnGatewayId, customerGatewayId }, gatewayIp), ...change });
  return { vpnGatewayId, customerGatewayId, vpnConnectionId };
}

/**
 * A dual-tunnel gateway (active at `gatewayIp`, standby at `standbyIp`) and a connection whose settings are per
 * tunnel, as AlicloudVpnSide creates it there: both tunnels the same, each with its own address as local id.
 */
export function seedDualTunnel(emu: AlicloudVpcEmulator, spec: TunnelSpec, gatewayIp: string, standbyIp: string, status: { master?: string; slave?: string } = {}): SeededTunnel {
  const vpnGatewayId = emu.addVpnGateway({ InternetIp: gatewayIp, Name: `${spec.name}-gateway` });
  const customerGatewayId = emu.addCustomerGateway({ IpAddress: spec.routerPublicIp, Name: spec.name });
  const { IkeConfig, IpsecConfig, EnableDpd, EnableNatTraversal, Status: _single, CustomerGatewayId: _cgw, ...connection } = apiConnectionOf(spec, { vpnGatewayId, customerGatewayId }, gatewayIp);
  const tunnel = (role: AliTunnelOptions["Role"], ip: string, index: number): AliTunnelOptions => ({
    TunnelId: `tun-${role}${index}`,
    Role: role,
    CustomerGatewayId: customerGatewayId,
    InternetIp: ip,
    Status: status[role] ?? (role === "master" ? "ipsec_sa_established" : "ike_sa_not_established"),
    State: "active",
    EnableDpd: EnableDpd!,
    EnableNatTraversal: EnableNatTraversal!,
    TunnelIkeConfig: { ...IkeConfig!, LocalId: spec.identities.cloud?.value ?? ip },
    TunnelIpsecConfig: { ...IpsecConfig! },
  });
  const vpnConnectionId = emu.addVpnConnection({ ...connection, TunnelOptionsSpecification: { TunnelOptions: [tunnel("master", gatewayIp, 1), tunnel("slave", standbyIp, 2)] } });
  return { vpnGatewayId, customerGatewayId, vpnConnectionId };
}

/** Stack config that points doctor at the emulator (fast retries: tests wait for no real throttling). */
export function alicloudConfig(emu: AlicloudVpcEmulator): Record<string, string> {
  return {
    "alicloud:accessKey": emu.accessKeyId,
    "alicloud:secretKey": emu.accessKeySecret,
    "alicloud:region": emu.region,
    "ros-vpc-ipsec:alicloudEndpoint": emu.endpoint,
    "ros-vpc-ipsec:alicloudBackoffInitialMs": "5",
    "ros-vpc-ipsec:alicloudBackoffMaxMs": "20",
  };
}
