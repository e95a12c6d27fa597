// Renders stored records as the API returns them (typed with the SDK's own models): what Describe* answers and
// what state() exposes. Pure: reads records, never changes them.
import type {
  CustomerGateway,
  Route,
  RouteTable,
  VpnConnection,
  VpnGateway,
  VpnGatewayRoute,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import type { ConnectionRecord, CustomerGatewayRecord, GatewayRecord, GatewayRouteRecord, RouteRecord, RouteTableRecord } from "./store";

/** Tencent's time format, `2024-05-01 12:34:56` (the emulator's clock, in UTC). */
export function apiTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

export function gatewayView(g: GatewayRecord): VpnGateway {
  return {
    VpnGatewayId: g.vpnGatewayId,
    VpcId: g.vpcId,
    VpnGatewayName: g.name,
    Type: g.type,
    State: g.state,
    PublicIpAddress: g.state === "PENDING" || g.state === "PENDING_ERROR" ? "" : g.publicIp,
    RenewFlag: g.chargeType === "PREPAID" ? "NOTIFY_AND_AUTO_RENEW" : "",
    InstanceChargeType: g.chargeType,
    InternetMaxBandwidthOut: g.bandwidth,
    CreatedTime: apiTime(g.createdAt),
    ExpiredTime: "0000-00-00 00:00:00",
    IsAddressBlocked: false,
    NewPurchasePlan: "",
    RestrictState: "NORMAL",
    Zone: g.zone,
    VpnGatewayQuotaSet: [],
    Version: g.version,
    NetworkInstanceId: "",
    CdcId: "",
    MaxConnection: 0,
    BgpAsn: g.bgpAsn,
    TagSet: g.tags.map((t) => ({ ...t })),
  };
}

export function customerGatewayView(c: CustomerGatewayRecord): CustomerGateway {
  return {
    CustomerGatewayId: c.customerGatewayId,
    CustomerGatewayName: c.name,
    IpAddress: c.ipAddress,
    CreatedTime: apiTime(c.createdAt),
    BgpAsn: c.bgpAsn,
  };
}

/** Like the real API, the pre-shared key is returned in clear text. */
export function connectionView(c: ConnectionRecord): VpnConnection {
  const netStatus = c.state === "AVAILABLE" ? c.netStatus : "UNAVAILABLE";
  const cfg = c.config;
  return {
    VpnConnectionId: c.vpnConnectionId,
    VpnConnectionName: cfg.name,
    VpcId: c.vpcId,
    VpnGatewayId: c.vpnGatewayId,
    CustomerGatewayId: cfg.customerGatewayId,
    PreShareKey: cfg.preShareKey,
    VpnProto: "UDP",
    EncryptProto: "IKE/IPSec",
    RouteType: c.routeType,
    CreatedTime: apiTime(c.createdAt),
    State: c.state,
    NetStatus: netStatus,
    SecurityPolicyDatabaseSet: cfg.spd.map((s) => ({ LocalCidrBlock: s.LocalCidrBlock, RemoteCidrBlock: [...s.RemoteCidrBlock] })),
    IKEOptionsSpecification: { ...cfg.ike },
    IPSECOptionsSpecification: { ...cfg.ipsec },
    EnableHealthCheck: cfg.enableHealthCheck,
    HealthCheckLocalIp: cfg.healthCheckLocalIp,
    HealthCheckRemoteIp: cfg.healthCheckRemoteIp,
    ...(cfg.enableHealthCheck ? { HealthCheckStatus: netStatus } : {}),
    DpdEnable: cfg.dpdEnable,
    DpdTimeout: cfg.dpdTimeout,
    DpdAction: cfg.dpdAction,
    TagSet: c.tags.map((t) => ({ ...t })),
    NegotiationType: cfg.negotiationType,
  };
}

export function routeView(r: RouteRecord, routeTableId: string): Route {
  return {
    DestinationCidrBlock: r.destination,
    GatewayType: r.gatewayType,
    GatewayId: r.gatewayId,
    RouteId: r.routeId,
    RouteDescription: r.description,
    Enabled: true,
    RouteType: "USER",
    RouteTableId: routeTableId,
    DestinationIpv6CidrBlock: "",
    RouteItemId: r.routeItemId,
    PublishedToVbc: false,
    CreatedTime: apiTime(r.createdAt),
  };
}

export function routeTableView(t: RouteTableRecord, routes: readonly RouteRecord[] = t.routes): RouteTable {
  return {
    VpcId: t.vpcId,
    RouteTableId: t.routeTableId,
    RouteTableName: t.name,
    AssociationSet: [],
    RouteSet: routes.map((r) => routeView(r, t.routeTableId)),
    Main: t.main,
    CreatedTime: apiTime(t.createdAt),
    TagSet: t.tags.map((tag) => ({ ...tag })),
    LocalCidrForCcn: [],
  };
}

export function gatewayRouteView(r: GatewayRouteRecord): VpnGatewayRoute {
  return {
    DestinationCidrBlock: r.destination,
    InstanceType: r.instanceType,
    InstanceId: r.instanceId,
    Priority: r.priority,
    Status: r.status,
    RouteId: r.routeId,
    Type: "Static",
    CreateTime: apiTime(r.createdAt),
    UpdateTime: apiTime(r.updatedAt),
  };
}
