// SiteToSiteVpn: both ends of one site's tunnel from one spec: the cloud side (Tencent or Alibaba) and the
// router's RouterOsIpsecTunnel, wired so the cloud gateway's public IP becomes the router's peer and remote id.
import * as pulumi from "@pulumi/pulumi";
import { AlicloudVpnSide } from "./alicloud/side";
import type { TunnelStatus } from "./routeros/device";
import type { RouterConnectionInputs } from "./routeros/inputs";
import { RouterOsIpsecTunnel } from "./routeros/tunnel";
import type { TunnelSpecInput } from "./spec/input";
import { TencentVpnSide } from "./tencent/side";

export interface CloudGatewayArgs {
  bandwidthMbps: number;
  name?: string;
  /** Tencent: the zone (e.g. ap-guangzhou-3). */
  zone?: string;
  /** Alibaba: PayAsYouGo or Subscription. */
  paymentType?: "PayAsYouGo" | "Subscription";
}

export interface SiteCloudArgs {
  provider: "tencent" | "alicloud";
  vpcId: pulumi.Input<string>;
  /** The route table that gets a route per site CIDR toward the gateway (required in policy mode). */
  routeTableId?: pulumi.Input<string>;
  /** Alibaba: the vSwitch of the gateway. */
  vswitchId?: pulumi.Input<string>;
  /** Create a gateway of this size, or... */
  gateway?: CloudGatewayArgs;
  /** ...use an existing gateway: it is read, never modified or deleted. */
  existingGatewayId?: pulumi.Input<string>;
  tags?: Record<string, string>;
}

export interface SiteRouterArgs extends RouterConnectionInputs {
  /** Take over a tunnel made by hand on the router. */
  adopt?: boolean;
  /** Wait for the peer to be established after create/update (seconds). */
  waitForEstablishedSeconds?: number;
}

export interface SiteToSiteVpnArgs {
  /** The tunnel's spec without its key; `cloud` defaults to cloud.provider. */
  spec: Omit<TunnelSpecInput, "preSharedKey">;
  /** The pre-shared key: made secret if it is not already. */
  preSharedKey: pulumi.Input<string>;
  cloud: SiteCloudArgs;
  router: SiteRouterArgs;
  /** The router API user's password; default: the stack's ros-vpc-ipsec:routerPassword. */
  routerPassword?: pulumi.Input<string>;
}

export const SITE_TO_SITE_VPN_TYPE = "ros-vpc-ipsec:index:SiteToSiteVpn";

export class SiteToSiteVpn extends pulumi.ComponentResource {
  /** The cloud VPN gateway's public address: the router's peer. */
  public readonly gatewayPublicIp: pulumi.Output<string>;
  public readonly cloudIds: pulumi.Output<Record<string, string>>;
  /** Tencent's NetStatus or Alibaba's connection status. */
  public readonly cloudStatus: pulumi.Output<string>;
  /** Active peer state, installed SAs and each policy's phase 2, as the router reports them. */
  public readonly routerStatus: pulumi.Output<TunnelStatus>;
  /** The router's half as a RouterOS script, without the key. */
  public readonly routerScript: pulumi.Output<string>;
  public readonly routerDrift: pulumi.Output<string[]>;

  constructor(name: string, args: SiteToSiteVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SITE_TO_SITE_VPN_TYPE, name, {}, opts);
    const spec = { ...args.spec, cloud: args.cloud.provider };
    const preSharedKey = pulumi.secret(args.preSharedKey);
    const side = cloudSide(name, args.cloud, { ...spec, preSharedKey }, this);

    const { adopt, waitForEstablishedSeconds, ...router } = args.router;
    const tunnel = new RouterOsIpsecTunnel(
      `${name}-router`,
      {
        spec,
        preSharedKey,
        gatewayIp: side.gatewayPublicIp,
        router,
        ...(args.routerPassword === undefined ? {} : { password: args.routerPassword }),
        ...(adopt === undefined ? {} : { adopt }),
        ...(waitForEstablishedSeconds === undefined ? {} : { waitForEstablishedSeconds }),
      },
      // The router is configured once the cloud end exists, so the tunnel can come up at once.
      { parent: this, dependsOn: [side.resource] },
    );

    this.gatewayPublicIp = side.gatewayPublicIp;
    this.cloudIds = side.ids;
    this.cloudStatus = side.status;
    this.routerStatus = tunnel.status;
    this.routerScript = tunnel.script;
    this.routerDrift = tunnel.drift;
    this.registerOutputs({
      gatewayPublicIp: this.gatewayPublicIp,
      cloudIds: this.cloudIds,
      cloudStatus: this.cloudStatus,
      routerStatus: this.routerStatus,
      routerScript: this.routerScript,
      routerDrift: this.routerDrift,
    });
  }
}

interface CloudSide {
  resource: pulumi.Resource;
  gatewayPublicIp: pulumi.Output<string>;
  ids: pulumi.Output<Record<string, string>>;
  status: pulumi.Output<string>;
}

function cloudSide(
  name: string,
  cloud: SiteCloudArgs,
  spec: Omit<TunnelSpecInput, "preSharedKey"> & { preSharedKey: pulumi.Input<string> },
  parent: pulumi.Resource,
): CloudSide {
  const { vpcId, routeTableId, existingGatewayId, tags, gateway } = cloud;
  if (cloud.provider === "tencent") {
    if (routeTableId === undefined) throw new pulumi.RunError(`${name}: cloud.routeTableId is required for Tencent Cloud (the VPC route table that gets the routes toward the site)`);
    const tencentGateway = gateway && { bandwidthMbps: gateway.bandwidthMbps, name: gateway.name, zone: gateway.zone };
    const side = new TencentVpnSide(`${name}-tencent`, { spec, vpcId, routeTableId, gateway: tencentGateway, existingGatewayId, tags }, { parent });
    return { resource: side, gatewayPublicIp: side.gatewayPublicIp, ids: idsOf(side), status: side.netStatus };
  }
  const alicloudGateway = gateway && { bandwidth: gateway.bandwidthMbps, paymentType: gateway.paymentType, name: gateway.name };
  const side = new AlicloudVpnSide(
    `${name}-alicloud`,
    { spec, vpcId, routeTableId, vswitchId: cloud.vswitchId, gateway: alicloudGateway, existingGatewayId, tags },
    { parent },
  );
  return { resource: side, gatewayPublicIp: side.gatewayPublicIp, ids: idsOf(side), status: side.connectionStatus };
}

const idsOf = (side: { gatewayId: pulumi.Output<string>; customerGatewayId: pulumi.Output<string>; connectionId: pulumi.Output<string> }) =>
  pulumi.all({ gatewayId: side.gatewayId, customerGatewayId: side.customerGatewayId, connectionId: side.connectionId });
