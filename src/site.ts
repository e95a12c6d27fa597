// SiteToSiteVpn: both ends of one site's tunnel from one spec: the cloud side (Tencent or Alibaba) and the
// router's RouterOsIpsecTunnel, wired so the cloud gateway's public IP becomes the router's peer and remote id.
import * as pulumi from "@pulumi/pulumi";
import { AlicloudVpnSide } from "./alicloud/side";
import type { TunnelStatus } from "./routeros/device";
import type { RouterConnectionInputs } from "./routeros/inputs";
import { RouterOsIpsecTunnel } from "./routeros/tunnel";
import { checkCloudSide, cloudSideArgs, type CloudSideArgs } from "./stack/cloud-side";
import type { TunnelSpecInput } from "./spec/input";
import { errors, SpecError } from "./spec/problems";
import { TencentVpnSide } from "./tencent/side";

export interface CloudGatewayArgs {
  bandwidthMbps: number;
  name?: string;
  /** Tencent: the zone (e.g. ap-guangzhou-3). */
  zone?: string;
  /** Tencent: POSTPAID_BY_HOUR, the only kind created here (buy a prepaid one and pass existingGatewayId). */
  chargeType?: "POSTPAID_BY_HOUR";
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
  /** Alibaba: a vSwitch in another zone, for a dual-tunnel gateway (needed in regions whose new gateways are dual-tunnel). */
  disasterRecoveryVswitchId?: pulumi.Input<string>;
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
  /** The tunnel's spec without its key; `cloud` defaults to cloud.provider (and must equal it when given). */
  spec: Omit<TunnelSpecInput, "preSharedKey">;
  /** The pre-shared key: made secret if it is not already. */
  preSharedKey: pulumi.Input<string>;
  cloud: SiteCloudArgs;
  router: SiteRouterArgs;
  /** The router API user's password; default: the stack's ros-vpc-ipsec:routerPassword. */
  routerPassword?: pulumi.Input<string>;
}

/** The spec both sides are built from: the site's, with the cloud it names and the key made secret. */
type SiteSpec = Omit<TunnelSpecInput, "preSharedKey"> & { preSharedKey: pulumi.Output<string> };

export const SITE_TO_SITE_VPN_TYPE = "ros-vpc-ipsec:index:SiteToSiteVpn";

export class SiteToSiteVpn extends pulumi.ComponentResource {
  /** The cloud VPN gateway's public address: the router's peer. */
  public readonly gatewayPublicIp: pulumi.Output<string>;
  /** An Alibaba dual-tunnel gateway's standby address, which the router does not peer; "" otherwise. */
  public readonly standbyGatewayPublicIp: pulumi.Output<string>;
  public readonly cloudIds: pulumi.Output<Record<string, string>>;
  /** Tencent's NetStatus or Alibaba's connection status. */
  public readonly cloudStatus: pulumi.Output<string>;
  /** Active peer state, installed SAs and each policy's phase 2, as the router reports them. */
  public readonly routerStatus: pulumi.Output<TunnelStatus>;
  /** The router's half as a RouterOS script, without the key. */
  public readonly routerScript: pulumi.Output<string>;
  public readonly routerDrift: pulumi.Output<string[]>;

  constructor(name: string, args: SiteToSiteVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    // Every argument the cloud side cannot build from is refused here, before anything is registered.
    const { spec, side: sideArgs } = checkedSideArgs(name, args);
    super(SITE_TO_SITE_VPN_TYPE, name, {}, opts);
    const { preSharedKey, ...routerSpec } = spec;
    const side = cloudSide(name, sideArgs, this);

    const { adopt, waitForEstablishedSeconds, ...router } = args.router;
    const tunnel = new RouterOsIpsecTunnel(
      `${name}-router`,
      {
        spec: routerSpec,
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
    this.standbyGatewayPublicIp = side.standbyGatewayPublicIp;
    this.cloudIds = side.ids;
    this.cloudStatus = side.status;
    this.routerStatus = tunnel.status;
    this.routerScript = tunnel.script;
    this.routerDrift = tunnel.drift;
    this.registerOutputs({
      gatewayPublicIp: this.gatewayPublicIp,
      standbyGatewayPublicIp: this.standbyGatewayPublicIp,
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
  standbyGatewayPublicIp: pulumi.Output<string>;
  ids: pulumi.Output<Record<string, string>>;
  status: pulumi.Output<string>;
}

/** The cloud side's arguments from the site's, checked: problems are named by the site's own argument paths. */
function checkedSideArgs(name: string, args: SiteToSiteVpnArgs): { spec: SiteSpec; side: CloudSideArgs } {
  const { cloud } = args;
  if (args.spec.cloud !== undefined && args.spec.cloud !== cloud.provider) {
    throw new pulumi.RunError(`${name}: spec.cloud is "${args.spec.cloud}" but cloud.provider is "${cloud.provider}": leave spec.cloud out (cloud.provider decides)`);
  }
  const spec = { ...args.spec, cloud: cloud.provider, preSharedKey: pulumi.secret(args.preSharedKey) };
  // A key given as text is checked now; one given as an Output when it resolves.
  const problems = checkCloudSide(cloud, cloudSideArgs(cloud, { ...spec, preSharedKey: args.preSharedKey }));
  if (errors(problems).length > 0) throw new SpecError(problems, `invalid SiteToSiteVpn "${name}" arguments`);
  return { spec, side: cloudSideArgs(cloud, spec) };
}

function cloudSide(name: string, side: CloudSideArgs, parent: pulumi.Resource): CloudSide {
  if (side.provider === "tencent") {
    const tencent = new TencentVpnSide(`${name}-tencent`, side.args, { parent });
    return { resource: tencent, gatewayPublicIp: tencent.gatewayPublicIp, standbyGatewayPublicIp: pulumi.output(""), ids: idsOf(tencent), status: tencent.netStatus };
  }
  const alicloud = new AlicloudVpnSide(`${name}-alicloud`, side.args, { parent });
  return {
    resource: alicloud,
    gatewayPublicIp: alicloud.gatewayPublicIp,
    standbyGatewayPublicIp: alicloud.standbyGatewayPublicIp,
    ids: idsOf(alicloud),
    status: alicloud.connectionStatus,
  };
}

const idsOf = (side: { gatewayId: pulumi.Output<string>; customerGatewayId: pulumi.Output<string>; connectionId: pulumi.Output<string> }) =>
  pulumi.all({ gatewayId: side.gatewayId, customerGatewayId: side.customerGatewayId, connectionId: side.connectionId });
