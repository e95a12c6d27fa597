// The Alibaba Cloud domain's public face: the side component, its argument types and checks, and the dialect.
// Re-exports only; no logic here.
export { AlicloudVpnSide, ALICLOUD_VPN_SIDE_TYPE } from "./side";
export {
  checkAlicloudSideArgs,
  ALICLOUD_GATEWAY_BANDWIDTHS,
  ALICLOUD_PAYMENT_TYPES,
  ALICLOUD_ID_FORMATS,
  ALICLOUD_TAG_RULES,
  type AlicloudVpnSideArgs,
  type AlicloudGatewayArgs,
  type AlicloudPaymentType,
  type AlicloudSideSpec,
  type WithSecretKey,
} from "./plan";
export { alicloudConnectionSettings, type AlicloudConnectionSettings, type AlicloudIkeConfig, type AlicloudIpsecConfig } from "./dialect";
export { alicloudEndView } from "./readback";
