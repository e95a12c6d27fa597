// The Tencent Cloud domain's public face: the side component, the dynamic resources, their argument and output
// types, and the dialect. Re-exports only; no logic here.
export { TencentVpnSide, TENCENT_VPN_SIDE_TYPE } from "./side";
export {
  checkTencentSideArgs,
  type TencentVpnSideArgs,
  type TencentGatewayArgs,
  type TencentSideSpec,
} from "./side-args";
export {
  TencentVpnGateway,
  TencentCustomerGateway,
  TencentVpnConnection,
  TencentVpcRoutes,
  TencentVpnGatewayRoutes,
  TENCENT_DYNAMIC_MODULE,
  type TencentVpnGatewayArgs,
  type TencentCustomerGatewayArgs,
  type TencentVpnConnectionArgs,
  type TencentVpcRoutesArgs,
  type TencentVpnGatewayRoutesArgs,
} from "./resources";
export type { VpnGatewayInputs, VpnGatewayOutputs } from "./gateway";
export type { CustomerGatewayInputs, CustomerGatewayOutputs } from "./customer-gateway";
export { connectionInputsOf, type VpnConnectionInputs, type VpnConnectionOutputs } from "./connection";
export type { VpcRoutesInputs, VpcRoutesOutputs } from "./vpc-routes";
export type { VpnGatewayRoutesInputs, VpnGatewayRoutesOutputs } from "./gateway-routes";
export { GATEWAY_BANDWIDTHS } from "./gateway";
export { TENCENT_CONFIG } from "./settings";
export { TencentOperationError, TencentApiError } from "./errors";
export { createVpnConnectionRequest, modifyVpnConnectionRequest, tencentTunnelOptions, ROUTE_TYPE } from "./dialect";
export { tencentEndView } from "./readback";
