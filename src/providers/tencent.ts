// The Tencent providers' implementation as the serialized shims load it: "ros-vpc-ipsec/providers/tencent".
// One provider object per resource kind; each is configured (credentials) by the host, never serialized.
import { CustomerGatewayProvider } from "../tencent/customer-gateway";
import { VpnConnectionProvider } from "../tencent/connection";
import { VpnGatewayProvider } from "../tencent/gateway";
import { VpnGatewayRoutesProvider } from "../tencent/gateway-routes";
import { VpcRoutesProvider } from "../tencent/vpc-routes";

export const gateway = new VpnGatewayProvider();
export const customerGateway = new CustomerGatewayProvider();
export const connection = new VpnConnectionProvider();
export const vpcRoutes = new VpcRoutesProvider();
export const gatewayRoutes = new VpnGatewayRoutesProvider();
