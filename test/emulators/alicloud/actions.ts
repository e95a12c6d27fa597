// The VPC API actions the emulator serves, over its seeded state: DescribeVpnConnections, DescribeCustomerGateways
// (paged, filtered by id) and DescribeVpnGateway, answering in Alibaba's JSON shapes. Pure: state in, answer out.

export interface AliVpnGateway {
  VpnGatewayId: string;
  Name: string;
  VpcId: string;
  InternetIp: string;
  Status: string;
  Spec: string;
  IpsecVpn: string;
  SslVpn: string;
  CreateTime: number;
}

export interface AliCustomerGateway {
  CustomerGatewayId: string;
  Name: string;
  IpAddress: string;
  Description: string;
  CreateTime: number;
}

export interface AliIkeConfig {
  IkeVersion: string;
  IkeMode: string;
  IkeEncAlg: string;
  IkeAuthAlg: string;
  IkePfs: string;
  IkeLifetime: number;
  LocalId: string;
  RemoteId: string;
  Psk: string;
}

export interface AliIpsecConfig {
  IpsecEncAlg: string;
  IpsecAuthAlg: string;
  IpsecPfs: string;
  IpsecLifetime: number;
}

/** One tunnel of a dual-tunnel connection, as DescribeVpnConnections lists it. */
export interface AliTunnelOptions {
  TunnelId: string;
  Role: "master" | "slave";
  CustomerGatewayId: string;
  InternetIp: string;
  Status: string;
  State: string;
  EnableDpd: boolean;
  EnableNatTraversal: boolean;
  TunnelIkeConfig: AliIkeConfig;
  TunnelIpsecConfig: AliIpsecConfig;
}

/**
 * A single-tunnel connection carries its customer gateway, status, DPD, NAT traversal and IKE/IPsec settings itself;
 * a dual-tunnel one carries them per tunnel (TunnelOptionsSpecification) instead.
 */
export interface AliVpnConnection {
  VpnConnectionId: string;
  Name: string;
  VpnGatewayId: string;
  CustomerGatewayId?: string;
  LocalSubnet: string;
  RemoteSubnet: string;
  Status?: string;
  State: string;
  EffectImmediately: boolean;
  EnableDpd?: boolean;
  EnableNatTraversal?: boolean;
  CreateTime: number;
  IkeConfig?: AliIkeConfig;
  IpsecConfig?: AliIpsecConfig;
  TunnelOptionsSpecification?: { TunnelOptions: AliTunnelOptions[] };
}

export interface AliState {
  vpnGateways: AliVpnGateway[];
  customerGateways: AliCustomerGateway[];
  vpnConnections: AliVpnConnection[];
}

/** An answer with Alibaba's error body: HTTP status, Code, Message. */
export class AliError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const missing = (name: string) => new AliError(400, "MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);

export const ACTIONS = ["DescribeVpnConnections", "DescribeCustomerGateways", "DescribeVpnGateway"] as const;
export type AliAction = (typeof ACTIONS)[number];

/** The answer to one action, without RequestId (the dispatcher adds it). */
export function perform(action: AliAction, params: Readonly<Record<string, string>>, state: AliState): Record<string, unknown> {
  switch (action) {
    case "DescribeVpnConnections": {
      const rows = state.vpnConnections.filter(
        (c) =>
          (params.VpnGatewayId === undefined || c.VpnGatewayId === params.VpnGatewayId) &&
          (params.CustomerGatewayId === undefined || c.CustomerGatewayId === params.CustomerGatewayId) &&
          (params.VpnConnectionId === undefined || c.VpnConnectionId === params.VpnConnectionId),
      );
      const page = paged(params, rows);
      return { ...page.counts, VpnConnections: { VpnConnection: page.items } };
    }
    case "DescribeCustomerGateways": {
      const rows = state.customerGateways.filter((g) => params.CustomerGatewayId === undefined || g.CustomerGatewayId === params.CustomerGatewayId);
      const page = paged(params, rows);
      return { ...page.counts, CustomerGateways: { CustomerGateway: page.items } };
    }
    case "DescribeVpnGateway": {
      if (params.VpnGatewayId === undefined) throw missing("VpnGatewayId");
      const gateway = state.vpnGateways.find((g) => g.VpnGatewayId === params.VpnGatewayId);
      if (!gateway) throw new AliError(404, "InvalidVpnGatewayInstanceId.NotFound", "The specified VPN gateway instance ID does not exist.");
      return { ...gateway };
    }
  }
}

/** PageNumber (from 1, default 1) and PageSize (1–50, default 10), as Alibaba pages its Describe* lists. */
function paged<T>(params: Readonly<Record<string, string>>, rows: readonly T[]): { counts: Record<string, number>; items: T[] } {
  const number = (name: string, fallback: number, max: number) => {
    const text = params[name];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > max) throw new AliError(400, `InvalidParameter`, `The specified ${name} "${text}" is invalid.`);
    return n;
  };
  const pageNumber = number("PageNumber", 1, Number.MAX_SAFE_INTEGER);
  const pageSize = number("PageSize", 10, 50);
  const items = rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((r) => structuredClone(r));
  return { counts: { TotalCount: rows.length, PageNumber: pageNumber, PageSize: pageSize }, items };
}
