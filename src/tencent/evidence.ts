// What doctor and status need from Tencent Cloud: the tunnel's connection (found by name), its State and NetStatus,
// its actual IKE/IPsec settings, and the addresses of its gateway and customer gateway. Read-only API calls.
import type { CloudEvidence } from "../diagnose/verdict";
import type { TunnelSpec } from "../spec/types";
import { describeAll, type TencentVpcApi } from "./api";
import { tencentEndView } from "./readback";

export async function readTencentEvidence(api: TencentVpcApi, spec: TunnelSpec, log: string[] = []): Promise<CloudEvidence> {
  const connections = await describeAll(api, "DescribeVpnConnections", { Filters: [{ Name: "vpn-connection-name", Values: [spec.name] }] }, (r) => r.VpnConnectionSet);
  if (connections.length === 0) return { platform: "tencent", read: true, log };
  const customerGatewayIds = [...new Set(connections.map((c) => c.CustomerGatewayId).filter((id): id is string => !!id))];
  const customerGateways = customerGatewayIds.length > 0 ? ((await api.call("DescribeCustomerGateways", { CustomerGatewayIds: customerGatewayIds })).CustomerGatewaySet ?? []) : [];
  const addressOf = (id: string | undefined) => customerGateways.find((g) => g.CustomerGatewayId === id)?.IpAddress;
  // Names repeat across sites and stacks: the tunnel of this site is the one whose customer gateway is this router.
  const connection = connections.find((c) => addressOf(c.CustomerGatewayId) === spec.routerPublicIp) ?? connections[0]!;
  const gateways = connection.VpnGatewayId ? await api.call("DescribeVpnGateways", { VpnGatewayIds: [connection.VpnGatewayId] }) : undefined;
  const gatewayIp = gateways?.VpnGatewaySet?.[0]?.PublicIpAddress;
  const customerGatewayIp = addressOf(connection.CustomerGatewayId);
  return {
    platform: "tencent",
    read: true,
    ...(connection.VpnConnectionId ? { connectionId: connection.VpnConnectionId } : {}),
    ...(connection.State ? { state: connection.State } : {}),
    ...(connection.NetStatus ? { netStatus: connection.NetStatus } : {}),
    view: tencentEndView(connection, customerGatewayIp),
    ...(gatewayIp ? { gatewayIp } : {}),
    ...(customerGatewayIp ? { customerGatewayIp } : {}),
    log,
  };
}
