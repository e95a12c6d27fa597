// What doctor and status need from Tencent Cloud: the tunnel's connection (found by name), its State and NetStatus,
// its actual IKE/IPsec settings, and the addresses of its gateway and customer gateway. Read-only API calls.
import type { CloudEvidence } from "../diagnose/verdict";
import type { TunnelSpec } from "../spec/types";
import { describeAll, type TencentVpcApi } from "./api";
import { tencentEndView } from "./readback";

export async function readTencentEvidence(api: TencentVpcApi, spec: TunnelSpec, log: string[] = []): Promise<CloudEvidence> {
  const connections = await describeAll(api, "DescribeVpnConnections", { Filters: [{ Name: "vpn-connection-name", Values: [spec.name] }] }, (r) => r.VpnConnectionSet);
  const connection = connections[0];
  if (!connection) return { platform: "tencent", log };
  const [gateways, customerGateways] = await Promise.all([
    connection.VpnGatewayId ? api.call("DescribeVpnGateways", { VpnGatewayIds: [connection.VpnGatewayId] }) : undefined,
    connection.CustomerGatewayId ? api.call("DescribeCustomerGateways", { CustomerGatewayIds: [connection.CustomerGatewayId] }) : undefined,
  ]);
  const gatewayIp = gateways?.VpnGatewaySet?.[0]?.PublicIpAddress;
  const customerGatewayIp = customerGateways?.CustomerGatewaySet?.[0]?.IpAddress;
  return {
    platform: "tencent",
    ...(connection.VpnConnectionId ? { connectionId: connection.VpnConnectionId } : {}),
    ...(connection.State ? { state: connection.State } : {}),
    ...(connection.NetStatus ? { netStatus: connection.NetStatus } : {}),
    view: tencentEndView(connection, customerGatewayIp),
    ...(gatewayIp ? { gatewayIp } : {}),
    ...(customerGatewayIp ? { customerGatewayIp } : {}),
    log,
  };
}
