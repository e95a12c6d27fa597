// The Tencent dynamic resources as a program declares them: typed args, typed outputs, and the tiny serialized
// shim (shim.ts) as their provider. No I/O here; the implementation runs in the provider host.
import * as pulumi from "@pulumi/pulumi";
import type { IKEOptionsSpecification, IPSECOptionsSpecification, SecurityPolicyDatabase } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import type { VpnConnectionInputs } from "./connection";
import type { CustomerGatewayInputs } from "./customer-gateway";
import type { VpnGatewayInputs } from "./gateway";
import type { GatewayRouteRecord, VpnGatewayRoutesInputs } from "./gateway-routes";
import { TENCENT_SHIMS } from "./shim";
import type { VpcRouteRecord, VpcRoutesInputs } from "./vpc-routes";

/** Type tokens are `pulumi-nodejs:dynamic/ros-vpc-ipsec:<Type>`; renaming one orphans deployed resources. */
export const TENCENT_DYNAMIC_MODULE = "ros-vpc-ipsec";

export type InputsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> };

export type TencentVpnGatewayArgs = InputsOf<VpnGatewayInputs>;

/** A VPN gateway created here (or, with existingGatewayId, an existing one only read). */
export class TencentVpnGateway extends pulumi.dynamic.Resource {
  declare readonly vpnGatewayId: pulumi.Output<string>;
  /** The gateway's public address: the router's peer. */
  declare readonly publicIpAddress: pulumi.Output<string>;
  declare readonly state: pulumi.Output<string>;
  declare readonly version: pulumi.Output<string>;
  declare readonly zone: pulumi.Output<string | undefined>;
  declare readonly bandwidthMbps: pulumi.Output<number | undefined>;
  /** False for an existing gateway, which is never modified or deleted. */
  declare readonly managed: pulumi.Output<boolean>;

  constructor(name: string, args: TencentVpnGatewayArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { vpnGatewayId: undefined, publicIpAddress: undefined, state: undefined, version: undefined, managed: undefined };
    super(TENCENT_SHIMS.gateway, name, { zone: undefined, bandwidthMbps: undefined, ...args, ...outputs }, opts, TENCENT_DYNAMIC_MODULE, "TencentVpnGateway");
  }
}

export type TencentCustomerGatewayArgs = InputsOf<CustomerGatewayInputs>;

/** The router's public address registered with Tencent (one per address per account). */
export class TencentCustomerGateway extends pulumi.dynamic.Resource {
  declare readonly customerGatewayId: pulumi.Output<string>;
  declare readonly ipAddress: pulumi.Output<string>;

  constructor(name: string, args: TencentCustomerGatewayArgs, opts?: pulumi.CustomResourceOptions) {
    super(TENCENT_SHIMS.customerGateway, name, { ...args, customerGatewayId: undefined, createdTime: undefined }, opts, TENCENT_DYNAMIC_MODULE, "TencentCustomerGateway");
  }
}

export type TencentVpnConnectionArgs = Omit<InputsOf<VpnConnectionInputs>, "securityPolicyDatabases" | "ikeOptions" | "ipsecOptions"> & {
  securityPolicyDatabases?: pulumi.Input<SecurityPolicyDatabase[]>;
  ikeOptions?: pulumi.Input<IKEOptionsSpecification>;
  ipsecOptions?: pulumi.Input<IPSECOptionsSpecification>;
};

/** The IPsec tunnel. Its pre-shared key is a secret input and a secret output (additionalSecretOutputs). */
export class TencentVpnConnection extends pulumi.dynamic.Resource {
  declare readonly vpnConnectionId: pulumi.Output<string>;
  declare readonly state: pulumi.Output<string>;
  /** AVAILABLE when the tunnel is up, as of the last create, update or refresh. */
  declare readonly netStatus: pulumi.Output<string>;
  declare readonly preSharedKey: pulumi.Output<string>;

  constructor(name: string, args: TencentVpnConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, preSharedKey: pulumi.secret(args.preSharedKey), vpnConnectionId: undefined, state: undefined, netStatus: undefined, createdTime: undefined };
    const secretOutputs = [...new Set([...(opts?.additionalSecretOutputs ?? []), "preSharedKey"])];
    super(TENCENT_SHIMS.connection, name, props, { ...opts, additionalSecretOutputs: secretOutputs }, TENCENT_DYNAMIC_MODULE, "TencentVpnConnection");
  }
}

export type TencentVpcRoutesArgs = Omit<InputsOf<VpcRoutesInputs>, "destinations"> & { destinations: pulumi.Input<pulumi.Input<string>[]> };

/** VPC routes in one route table, one per destination, toward one VPN gateway. */
export class TencentVpcRoutes extends pulumi.dynamic.Resource {
  declare readonly routes: pulumi.Output<VpcRouteRecord[]>;

  constructor(name: string, args: TencentVpcRoutesArgs, opts?: pulumi.CustomResourceOptions) {
    super(TENCENT_SHIMS.vpcRoutes, name, { ...args, routes: undefined }, opts, TENCENT_DYNAMIC_MODULE, "TencentVpcRoutes");
  }
}

export type TencentVpnGatewayRoutesArgs = Omit<InputsOf<VpnGatewayRoutesInputs>, "destinations"> & { destinations: pulumi.Input<pulumi.Input<string>[]> };

/** The VPN gateway's destination routes into one (route-based) connection. */
export class TencentVpnGatewayRoutes extends pulumi.dynamic.Resource {
  declare readonly routes: pulumi.Output<GatewayRouteRecord[]>;

  constructor(name: string, args: TencentVpnGatewayRoutesArgs, opts?: pulumi.CustomResourceOptions) {
    super(TENCENT_SHIMS.gatewayRoutes, name, { ...args, routes: undefined }, opts, TENCENT_DYNAMIC_MODULE, "TencentVpnGatewayRoutes");
  }
}
