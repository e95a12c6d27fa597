// The cloud side's arguments from a site's cloud settings: one mapping for SiteToSiteVpn and for the site stack's
// config check, so the two cannot drift. Pure; problems are named by the site's own argument paths (cloud.…, spec.…).
import { checkAlicloudSideArgs, type AlicloudVpnSideArgs } from "../alicloud/plan";
import type { SiteCloudArgs } from "../site";
import type { Problem } from "../spec/problems";
import { checkTencentSideArgs, type TencentVpnSideArgs } from "../tencent/side-args";
import { foreignCloudFields } from "./cloud-fields";

export type CloudSideArgs = { provider: "tencent"; args: TencentVpnSideArgs } | { provider: "alicloud"; args: AlicloudVpnSideArgs };

/** TencentVpnSide's or AlicloudVpnSide's arguments for this site; the spec (and its key) as given. */
export function cloudSideArgs(cloud: SiteCloudArgs, spec: TencentVpnSideArgs["spec"]): CloudSideArgs {
  const { vpcId, routeTableId, existingGatewayId, tags, gateway } = cloud;
  if (cloud.provider === "tencent") {
    const tencentGateway = gateway && { bandwidthMbps: gateway.bandwidthMbps, name: gateway.name, zone: gateway.zone, chargeType: gateway.chargeType };
    // A missing route table is one of the problems checkTencentSideArgs reports, with the others.
    return { provider: "tencent", args: { spec, vpcId, routeTableId: routeTableId!, gateway: tencentGateway, existingGatewayId, tags } };
  }
  const alicloudGateway = gateway && { bandwidth: gateway.bandwidthMbps, paymentType: gateway.paymentType, name: gateway.name };
  return {
    provider: "alicloud",
    args: { spec, vpcId, routeTableId, vswitchId: cloud.vswitchId, disasterRecoveryVswitchId: cloud.disasterRecoveryVswitchId, gateway: alicloudGateway, existingGatewayId, tags },
  };
}

/** Every problem of the side's arguments, and settings of the other cloud, as `spec.…` or the site's `cloud.…` paths. */
export function checkCloudSide(cloud: SiteCloudArgs, side: CloudSideArgs): Problem[] {
  const { problems } = side.provider === "tencent" ? checkTencentSideArgs(side.args) : checkAlicloudSideArgs(side.args);
  return [...foreignCloudFields(cloud.provider, cloud, (field) => field), ...problems].map(sitePath);
}

/** "spec.…" stays; the side's own arguments are the site's cloud.… ones (Alibaba's gateway.bandwidth is bandwidthMbps). */
const sitePath = (p: Problem): Problem =>
  p.path === "spec" || p.path.startsWith("spec.") || p.path.startsWith("spec[") ? p : { ...p, path: `cloud.${p.path.replace(/^gateway\.bandwidth$/, "gateway.bandwidthMbps")}` };
