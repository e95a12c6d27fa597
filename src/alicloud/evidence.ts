// What doctor and status need from Alibaba Cloud: the tunnel's connection (found by name, or by this router's
// customer gateway), its Status and State, its actual IKE/IPsec settings, and the addresses of its VPN gateway and
// customer gateway. Read-only API calls; the mapping of Alibaba's answer to an EndView is pure.
import type { CloudEvidence } from "../diagnose/verdict";
import type { EndView } from "../spec/ends";
import type { TunnelSpec } from "../spec/types";
import { describeAll, type AlicloudVpcApi } from "./api";
import { alicloudEndView } from "./readback";
import type { TunnelOptions, VpnConnection } from "./vpc-models";

export interface AlicloudLookup {
  /** The stack's existingGatewayId: only that gateway's connections are read. */
  vpnGatewayId?: string;
}

export async function readAlicloudEvidence(api: AlicloudVpcApi, spec: TunnelSpec, log: string[] = [], lookup: AlicloudLookup = {}): Promise<CloudEvidence> {
  const connections = await describeAll(api, "DescribeVpnConnections", lookup.vpnGatewayId ? { VpnGatewayId: lookup.vpnGatewayId } : {}, (r) => r.VpnConnections?.VpnConnection);
  const scope = lookup.vpnGatewayId ? { gatewayIdRead: lookup.vpnGatewayId } : {};
  const none: CloudEvidence = { platform: "alicloud", read: true, ...scope, log };
  if (connections.length === 0) return none;
  const customerGateways = await describeAll(api, "DescribeCustomerGateways", {}, (r) => r.CustomerGateways?.CustomerGateway);
  const addressOf = (id: string | undefined) => (id === undefined ? undefined : customerGateways.find((g) => g.CustomerGatewayId === id)?.IpAddress);
  const connection = pickConnection(connections, addressOf, spec);
  if (!connection) return none;
  const gateway = connection.VpnGatewayId ? await api.call("DescribeVpnGateway", { RegionId: api.settings.region, VpnGatewayId: connection.VpnGatewayId }) : undefined;
  const customerGatewayIp = addressOf(customerGatewayIdOf(connection));
  const view = connectionView(connection, customerGatewayIp);
  // On a dual-tunnel connection the router's tunnel is the active one: its status and address are the tunnel's.
  const active = activeTunnel(connection);
  const netStatus = active?.Status || connection.Status;
  const gatewayIp = active?.InternetIp || gateway?.InternetIp;
  return {
    platform: "alicloud",
    read: true,
    ...scope,
    ...(connection.VpnConnectionId ? { connectionId: connection.VpnConnectionId } : {}),
    ...(connection.State ? { state: connection.State } : {}),
    ...(netStatus ? { netStatus } : {}),
    ...(view ? { view } : {}),
    ...(gatewayIp ? { gatewayIp } : {}),
    ...(customerGatewayIp ? { customerGatewayIp } : {}),
    log,
  };
}

/**
 * The site's connection: the one named as the spec whose customer gateway is this router (names repeat across
 * sites), else the first so named, else the only connection whose customer gateway is this router (renamed by hand).
 */
export function pickConnection(connections: readonly VpnConnection[], addressOf: (customerGatewayId: string | undefined) => string | undefined, spec: TunnelSpec): VpnConnection | undefined {
  const mine = (c: VpnConnection) => addressOf(customerGatewayIdOf(c)) === spec.routerPublicIp;
  const named = connections.filter((c) => c.Name === spec.name);
  const byAddress = connections.filter(mine);
  return named.find(mine) ?? named[0] ?? (byAddress.length === 1 ? byAddress[0] : undefined);
}

/** A dual-tunnel connection's active tunnel (the one the router peers); undefined on a single-tunnel connection. */
export function activeTunnel(c: VpnConnection): TunnelOptions | undefined {
  const tunnels = c.TunnelOptionsSpecification?.TunnelOptions ?? [];
  return tunnels.find((t) => t.Role === "master") ?? tunnels[0];
}

/** The customer gateway: the connection's, or on a dual-tunnel connection its active tunnel's. */
const customerGatewayIdOf = (c: VpnConnection): string | undefined => c.CustomerGatewayId || activeTunnel(c)?.CustomerGatewayId;

/**
 * Alibaba's end as DescribeVpnConnections shows it, through the same readback as the spec's rendering: a dual-tunnel
 * connection's is its active tunnel's. What the answer leaves out is left out of the view.
 */
export function connectionView(c: VpnConnection, customerGatewayIp?: string): EndView | undefined {
  const active = activeTunnel(c);
  const ike = active ? active.TunnelIkeConfig : c.IkeConfig;
  const ipsec = active ? active.TunnelIpsecConfig : c.IpsecConfig;
  if (!ike || !ipsec) return undefined;
  const ikeLifetime = seconds(ike.IkeLifetime);
  const ipsecLifetime = seconds(ipsec.IpsecLifetime);
  const dpd = flag(active ? active.EnableDpd : c.EnableDpd);
  const natTraversal = flag(active ? active.EnableNatTraversal : c.EnableNatTraversal);
  const view = alicloudEndView(
    {
      localSubnets: cidrs(c.LocalSubnet),
      remoteSubnets: cidrs(c.RemoteSubnet),
      effectImmediately: true,
      enableDpd: dpd ?? false,
      enableNatTraversal: natTraversal ?? false,
      ikeConfig: {
        ikeVersion: ike.IkeVersion ?? "ikev1",
        ...(ike.IkeMode ? { ikeMode: ike.IkeMode } : {}),
        ikeEncAlg: ike.IkeEncAlg ?? "aes",
        ikeAuthAlg: ike.IkeAuthAlg ?? "md5",
        ikePfs: ike.IkePfs ?? "group2",
        ikeLifetime: ikeLifetime ?? 0,
        ...(ike.LocalId ? { ikeLocalId: ike.LocalId } : {}),
        // Alibaba's default remote id is the customer gateway's address.
        ikeRemoteId: ike.RemoteId || customerGatewayIp || "",
        psk: ike.Psk ?? "",
      },
      ipsecConfig: {
        ipsecEncAlg: ipsec.IpsecEncAlg ?? "aes",
        ipsecAuthAlg: ipsec.IpsecAuthAlg ?? "md5",
        ipsecPfs: ipsec.IpsecPfs ?? "group2",
        ipsecLifetime: ipsecLifetime ?? 0,
      },
    },
    customerGatewayIp,
  );
  if (!ike.Psk) delete view.preSharedKey;
  if (!ike.RemoteId && !customerGatewayIp) delete view.remoteId;
  if (ikeLifetime === undefined) delete view.ike.lifetime;
  if (ipsecLifetime === undefined) delete view.ipsec.lifetime;
  if (dpd === undefined) delete view.dpd;
  if (natTraversal === undefined) delete view.natTraversal;
  return view;
}

/** "10.0.0.0/24,10.0.1.0/24" → the list (Alibaba separates CIDRs with commas). */
const cidrs = (text: string | undefined): string[] => (text ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");

const seconds = (value: number | string | undefined): number | undefined => {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
};

/** A JSON boolean, or "true"/"false" as the dual-tunnel answer spells them. */
const flag = (value: boolean | string | undefined): boolean | undefined => (typeof value === "boolean" ? value : value === "true" ? true : value === "false" ? false : undefined);
