// TencentVpnSide: the Tencent Cloud end of the tunnel as dynamic resources — gateway → customer gateway → connection
// → routes — from one validated spec. Registers nothing for args that fail the checks in side-args.ts, and never
// lets the pre-shared key leave a secret Output.
import * as pulumi from "@pulumi/pulumi";
import { ownerMarker } from "../routeros/render";
import { checkDeferredKey } from "../spec/side-spec";
import { errors, formatProblem, SpecError, type Problem } from "../spec/problems";
import type { TunnelSpec } from "../spec/types";
import { connectionInputsOf } from "./connection";
import { createVpnConnectionRequest } from "./dialect";
import { TencentCustomerGateway, TencentVpcRoutes, TencentVpnConnection, TencentVpnGateway, TencentVpnGatewayRoutes } from "./resources";
import { checkGatewayAddress, requireTencentSidePlan, type TencentSidePlan, type TencentVpnSideArgs } from "./side-args";

export const TENCENT_VPN_SIDE_TYPE = "ros-vpc-ipsec:tencent:VpnSide";

/**
 * Creation order (deletion runs in reverse), one change at a time per gateway:
 *   gateway ‖ customer gateway → connection → [route mode: gateway routes →] VPC routes
 */
export class TencentVpnSide extends pulumi.ComponentResource {
  /** The gateway's public address: the router's peer (and its remote-id when the identity is an address). */
  public readonly gatewayPublicIp: pulumi.Output<string>;
  public readonly gatewayId: pulumi.Output<string>;
  public readonly customerGatewayId: pulumi.Output<string>;
  public readonly connectionId: pulumi.Output<string>;
  /** VPC route ids (RouteId), one per site CIDR. */
  public readonly vpcRouteIds: pulumi.Output<number[]>;
  /** Route mode: the gateway's destination route ids, one per site CIDR; empty in policy mode. */
  public readonly gatewayRouteIds: pulumi.Output<string[]>;
  /** AVAILABLE when Tencent reports the tunnel up (as of the last deploy or refresh). */
  public readonly netStatus: pulumi.Output<string>;
  /** What the checks accepted with a warning (also logged to the Pulumi log). */
  public readonly warnings: readonly Problem[];

  constructor(name: string, args: TencentVpnSideArgs, opts?: pulumi.ComponentResourceOptions) {
    // Before super(): invalid args register nothing, not even this component.
    const plan = requireTencentSidePlan(name, args);
    super(TENCENT_VPN_SIDE_TYPE, name, {}, opts);
    const { spec } = plan;
    this.warnings = plan.warnings.filter((p) => p.severity === "warning");
    for (const problem of this.warnings) pulumi.log.warn(formatProblem(problem), this);

    const key = secretKey(name, args, plan, this);
    // Nothing is created before a key given as an Output passes its checks: the first inputs wait for the verdict.
    const vpcId = pulumi.all([key.verdict, args.vpcId]).apply(([, id]) => id);
    const gateway = new TencentVpnGateway(
      `${name}-gateway`,
      "existingId" in plan.gateway
        ? { existingGatewayId: plan.gateway.existingId, vpcId }
        : {
            vpcId,
            name: plan.gateway.create.name ?? spec.name,
            bandwidthMbps: plan.gateway.create.bandwidthMbps,
            type: "IPSEC",
            ...(plan.gateway.create.zone === undefined ? {} : { zone: plan.gateway.create.zone }),
            ...(plan.gateway.create.chargeType === undefined ? {} : { chargeType: plan.gateway.create.chargeType }),
            ...(args.tags === undefined ? {} : { tags: args.tags }),
          },
      { parent: this },
    );
    const gatewayIp = pulumi.all([gateway.id, gateway.publicIpAddress]).apply(([id, address]) => {
      const problems = checkGatewayAddress(plan, id, address);
      if (errors(problems).length > 0) throw new SpecError(problems, `TencentVpnSide "${name}": the existing gateway does not fit`);
      return address;
    });

    const customerGateway = new TencentCustomerGateway(
      `${name}-customer-gateway`,
      { name: spec.name, ipAddress: key.verdict.apply(() => spec.routerPublicIp) },
      { parent: this },
    );

    const rendered = pulumi
      .all([args.vpcId, gateway.id, customerGateway.id, gatewayIp, key.verdict])
      .apply(([vpcId, vpnGatewayId, customerGatewayId, address]) =>
        connectionInputsOf(createVpnConnectionRequest(specFor(plan, address), { vpcId, vpnGatewayId, customerGatewayId }, address)),
      );
    const connection = new TencentVpnConnection(
      `${name}-connection`,
      {
        vpcId: rendered.vpcId,
        vpnGatewayId: rendered.vpnGatewayId,
        customerGatewayId: rendered.customerGatewayId,
        name: rendered.name,
        preSharedKey: key.value,
        routeType: rendered.routeType,
        securityPolicyDatabases: rendered.apply((r) => r.securityPolicyDatabases ?? []),
        ikeOptions: rendered.apply((r) => r.ikeOptions ?? {}),
        ipsecOptions: rendered.apply((r) => r.ipsecOptions ?? {}),
        dpdEnable: rendered.apply((r) => r.dpdEnable ?? 0),
        dpdTimeout: rendered.apply((r) => r.dpdTimeout ?? "30"),
        dpdAction: rendered.apply((r) => r.dpdAction ?? "restart"),
      },
      { parent: this, dependsOn: [gateway, customerGateway] },
    );

    const gatewayRoutes =
      spec.mode === "route"
        ? new TencentVpnGatewayRoutes(
            `${name}-gateway-routes`,
            { vpnGatewayId: gateway.id, vpnConnectionId: connection.id, destinations: spec.siteCidrs },
            { parent: this, dependsOn: [connection] },
          )
        : undefined;
    const vpcRoutes = new TencentVpcRoutes(
      `${name}-vpc-routes`,
      { routeTableId: args.routeTableId, vpnGatewayId: gateway.id, destinations: spec.siteCidrs, description: ownerMarker(spec.name) },
      { parent: this, dependsOn: [gatewayRoutes ?? connection] },
    );

    this.gatewayPublicIp = gatewayIp;
    this.gatewayId = gateway.id;
    this.customerGatewayId = customerGateway.id;
    this.connectionId = connection.id;
    this.vpcRouteIds = vpcRoutes.routes.apply((routes) => (routes ?? []).map((r) => r.routeId));
    this.gatewayRouteIds = gatewayRoutes ? gatewayRoutes.routes.apply((routes) => (routes ?? []).map((r) => r.routeId)) : pulumi.output([]);
    this.netStatus = connection.netStatus;
    this.registerOutputs({
      gatewayPublicIp: this.gatewayPublicIp,
      gatewayId: this.gatewayId,
      customerGatewayId: this.customerGatewayId,
      connectionId: this.connectionId,
      vpcRouteIds: this.vpcRouteIds,
      gatewayRouteIds: this.gatewayRouteIds,
      netStatus: this.netStatus,
    });
  }
}

/** The spec as this gateway presents it: its own address, and as its identity unless an FQDN identity is given. */
function specFor(plan: TencentSidePlan, address: string): TunnelSpec {
  const identity = plan.spec.identities.cloud;
  const cloud = identity?.type === "fqdn" ? identity : { type: "address" as const, value: address };
  return { ...plan.spec, cloudGatewayIp: address, identities: { ...plan.spec.identities, cloud } };
}

/**
 * The key as a secret Output, whatever form it was given in. A key that was an Output when the args were checked
 * is checked when it resolves; `verdict` (not secret: it carries no part of the key) gates every resource.
 */
function secretKey(name: string, args: TencentVpnSideArgs, plan: TencentSidePlan, parent: pulumi.Resource) {
  const value = pulumi.secret(plan.preSharedKey);
  if (!plan.keyIsDeferred) return { value, verdict: pulumi.output(true) };
  const checked = value.apply((key) => {
    const problems = checkDeferredKey(args.spec, key, "tencent");
    for (const problem of problems.filter((p) => p.severity === "warning")) pulumi.log.warn(formatProblem(problem), parent);
    if (errors(problems).length > 0) throw new SpecError(problems, `invalid TencentVpnSide "${name}" arguments`);
    return key;
  });
  return { value: checked, verdict: pulumi.unsecret(checked.apply(() => true)) };
}
