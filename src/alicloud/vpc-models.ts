// The VPC API (2016-04-28) actions doctor calls, with the requests it sends and the parts of the answers it reads,
// spelt as Alibaba's JSON spells them. Types only. Every answer field is optional: what Alibaba leaves out is not
// compared.

export interface Paged {
  RegionId: string;
  PageNumber: number;
  /** 1–50 for these actions. */
  PageSize: number;
}

export interface PageOf {
  RequestId?: string;
  TotalCount?: number;
  PageNumber?: number;
  PageSize?: number;
}

export interface IkeConfig {
  IkeVersion?: string;
  IkeMode?: string;
  IkeEncAlg?: string;
  IkeAuthAlg?: string;
  IkePfs?: string;
  /** Seconds; a number in the JSON (tolerated as a numeric string). */
  IkeLifetime?: number | string;
  /** Alibaba's own identity (its gateway); ikeLocalId in the provider. */
  LocalId?: string;
  /** The router's identity; ikeRemoteId in the provider. */
  RemoteId?: string;
  /** The pre-shared key, in clear: compared, never printed. */
  Psk?: string;
}

export interface IpsecConfig {
  IpsecEncAlg?: string;
  IpsecAuthAlg?: string;
  IpsecPfs?: string;
  IpsecLifetime?: number | string;
}

export interface VpnConnection {
  VpnConnectionId?: string;
  Name?: string;
  VpnGatewayId?: string;
  CustomerGatewayId?: string;
  /** Alibaba's side, comma-separated CIDRs. */
  LocalSubnet?: string;
  /** The router's side, comma-separated CIDRs. */
  RemoteSubnet?: string;
  /** Negotiation: ike_sa_not_established, ike_sa_established, ipsec_sa_not_established, ipsec_sa_established. */
  Status?: string;
  /** The object's life: active, updating, deleting, … */
  State?: string;
  EnableDpd?: boolean | string;
  EnableNatTraversal?: boolean | string;
  IkeConfig?: IkeConfig;
  IpsecConfig?: IpsecConfig;
  /** Present on dual-tunnel connections, whose settings are per tunnel (then read from the active tunnel). */
  TunnelOptionsSpecification?: { TunnelOptions?: TunnelOptions[] };
}

/** One tunnel of a dual-tunnel connection (the layout terraform-provider-alicloud reads). */
export interface TunnelOptions {
  TunnelId?: string;
  /** "master" (active) or "slave" (standby). */
  Role?: string;
  CustomerGatewayId?: string;
  /** This tunnel's address on the gateway. */
  InternetIp?: string;
  Status?: string;
  State?: string;
  EnableDpd?: boolean | string;
  EnableNatTraversal?: boolean | string;
  TunnelIkeConfig?: IkeConfig;
  TunnelIpsecConfig?: IpsecConfig;
}

export interface CustomerGateway {
  CustomerGatewayId?: string;
  Name?: string;
  IpAddress?: string;
}

export interface VpnGateway {
  VpnGatewayId?: string;
  Name?: string;
  /** The gateway's public address: the router's peer. */
  InternetIp?: string;
  Status?: string;
}

/** Request and answer of each action doctor calls. */
export interface VpcActions {
  DescribeVpnConnections: {
    request: Paged & { VpnGatewayId?: string; CustomerGatewayId?: string; VpnConnectionId?: string };
    response: PageOf & { VpnConnections?: { VpnConnection?: VpnConnection[] } };
  };
  DescribeCustomerGateways: {
    request: Paged & { CustomerGatewayId?: string };
    response: PageOf & { CustomerGateways?: { CustomerGateway?: CustomerGateway[] } };
  };
  DescribeVpnGateway: {
    request: { RegionId: string; VpnGatewayId: string };
    response: VpnGateway & { RequestId?: string };
  };
}

export type VpcAction = keyof VpcActions;
