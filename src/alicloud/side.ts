// AlicloudVpnSide: the Alibaba Cloud end of the tunnel as @pulumi/alicloud resources (gateway, customer gateway,
// connection, routes), ordered one change at a time per gateway. Never registers anything for args that fail the
// checks in plan.ts, and never lets the pre-shared key leave a secret Output.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { ownerMarker } from "../routeros/render";
import { checkDeferredKey } from "../spec/side-spec";
import { errors, formatProblem, SpecError, type Problem } from "../spec/problems";
import { alicloudConnectionSettings, alicloudTunnelOptions, type AlicloudIkeConfig, type AlicloudTunnelOptions } from "./dialect";
import {
  checkExistingGateway,
  requireAlicloudSidePlan,
  routeSuffix,
  type AlicloudSidePlan,
  type AlicloudVpnSideArgs,
  type ExistingGatewayFacts,
} from "./plan";

export const ALICLOUD_VPN_SIDE_TYPE = "ros-vpc-ipsec:alicloud:VpnSide";

/**
 * Creation order (deletion runs in reverse), so one gateway never gets two changes at once
 * (Alibaba refuses them with VpnGateway.Configuring):
 *   gateway ‖ customer gateway → connection → route for siteCidrs[0] → route for siteCidrs[1] → …
 * Each route depends on the connection and on the route before it; routes are deleted before they are replaced
 * (a table cannot hold two routes to one destination). On a dual-tunnel gateway the connection carries its settings
 * per tunnel (active and standby); the router peers the active tunnel's address.
 */
export class AlicloudVpnSide extends pulumi.ComponentResource {
  /** The gateway's public address: the router's peer (and its remote-id when the identity is an address). */
  public readonly gatewayPublicIp: pulumi.Output<string>;
  /** A dual-tunnel gateway's standby address ("" on a single-tunnel gateway); the router does not peer it. */
  public readonly standbyGatewayPublicIp: pulumi.Output<string>;
  public readonly gatewayId: pulumi.Output<string>;
  public readonly customerGatewayId: pulumi.Output<string>;
  public readonly connectionId: pulumi.Output<string>;
  /** One per site CIDR, in the spec's order. */
  public readonly routeEntryIds: pulumi.Output<string[]>;
  /** The connection's status as Alibaba reports it (e.g. ike_sa_not_established, ipsec_sa_established). */
  public readonly connectionStatus: pulumi.Output<string>;
  /** What the checks accepted with a warning (also logged to the Pulumi log). */
  public readonly warnings: readonly Problem[];

  constructor(name: string, args: AlicloudVpnSideArgs, opts?: pulumi.ComponentResourceOptions) {
    // Before super(): invalid args register nothing, not even this component.
    const plan = requireAlicloudSidePlan(name, args);
    super(ALICLOUD_VPN_SIDE_TYPE, name, {}, opts);
    const { spec } = plan;
    this.warnings = plan.warnings;
    for (const problem of this.warnings) pulumi.log.warn(formatProblem(problem), this);

    const key = secretKey(name, args, plan, this);
    const gateway = this.gateway(name, args, plan, key.verdict);
    const tags = args.tags === undefined ? {} : { tags: args.tags };

    const customerGateway = new alicloud.vpn.CustomerGateway(
      `${name}-customer-gateway`,
      {
        ipAddress: after(gateway.verdict, spec.routerPublicIp),
        customerGatewayName: spec.name,
        description: ownerMarker(spec.name),
        ...tags,
      },
      { parent: this },
    );

    const settings = alicloudConnectionSettings(spec);
    // The dialect's psk is the spec's (a stand-in when the key is an Output) and its local id the spec's address:
    // both are replaced, the key by the secret Output and an address identity by the gateway's real address.
    const { psk: _standIn, ikeLocalId: _specLocalId, ...ike } = settings.ikeConfig;
    const cloudIdentity = spec.identities.cloud;
    // Explicit even for the default (the gateway's own address), so both ends name the same identity.
    const localId = cloudIdentity?.type === "fqdn" ? cloudIdentity.value : gateway.publicIp;
    const ikeConfig = pulumi
      .all([key.value, localId])
      .apply(([psk, local]): AlicloudIkeConfig => ({ ...ike, ...(local === undefined ? {} : { ikeLocalId: local }), psk }));
    const standbyLocalId = cloudIdentity?.type === "fqdn" ? cloudIdentity.value : gateway.standbyIp;
    const tunnelOptions = pulumi
      .all([key.value, customerGateway.id, localId, standbyLocalId])
      .apply(([psk, customerGatewayId, master, slave]): AlicloudTunnelOptions[] =>
        alicloudTunnelOptions({ ...settings, ikeConfig: { ...settings.ikeConfig, psk } }, customerGatewayId, { master, slave }),
      );
    // A dual-tunnel gateway takes the settings per tunnel only; a single-tunnel one only at the connection's level.
    // Returned from apply (not combined with all), a value keeps its own secrecy and an unused one is plain undefined.
    const when = <T>(wanted: boolean, value: pulumi.Input<T>): pulumi.Output<T | undefined> =>
      gateway.dual.apply((dual): pulumi.Output<unknown> => (dual === wanted ? pulumi.output(value) : pulumi.output(undefined))) as pulumi.Output<T | undefined>;
    const single = <T>(value: pulumi.Input<T>) => when(false, value);
    const dualOnly = <T>(value: pulumi.Input<T>) => when(true, value);
    const connection = new alicloud.vpn.Connection(
      `${name}-connection`,
      {
        vpnGatewayId: gateway.id,
        customerGatewayId: single(customerGateway.id),
        vpnConnectionName: spec.name,
        localSubnets: settings.localSubnets,
        remoteSubnets: settings.remoteSubnets,
        effectImmediately: settings.effectImmediately,
        // The component creates the VPC routes itself; Alibaba's automatic ones would collide with them.
        autoConfigRoute: false,
        enableDpd: single(settings.enableDpd),
        enableNatTraversal: single(settings.enableNatTraversal),
        ikeConfig: single(ikeConfig),
        ipsecConfig: single(settings.ipsecConfig),
        tunnelOptionsSpecifications: dualOnly(tunnelOptions),
        ...tags,
      },
      {
        parent: this,
        dependsOn: gateway.resource ? [gateway.resource, customerGateway] : [customerGateway],
        // Alibaba reads the key back inside ikeConfig (and tunnelOptionsSpecifications on dual-tunnel gateways).
        additionalSecretOutputs: ["ikeConfig", "tunnelOptionsSpecifications"],
      },
    );

    const routes: pulumi.CustomResource[] = [];
    for (const cidr of spec.siteCidrs) {
      const previous = routes.at(-1);
      const routeOpts: pulumi.CustomResourceOptions = {
        parent: this,
        dependsOn: previous ? [connection, previous] : [connection],
        deleteBeforeReplace: true,
      };
      const routeName = `${name}-route-${routeSuffix(cidr)}`;
      routes.push(
        plan.routing.mode === "policy"
          ? new alicloud.vpc.RouteEntry(
              routeName,
              {
                routeTableId: plan.routing.routeTableId,
                destinationCidrblock: cidr,
                nexthopType: "VpnGateway",
                nexthopId: gateway.id,
                description: ownerMarker(spec.name),
              },
              routeOpts,
            )
          : new alicloud.vpn.RouteEntry(
              routeName,
              { vpnGatewayId: gateway.id, routeDest: cidr, nextHop: connection.id, publishVpc: true, weight: 100 },
              routeOpts,
            ),
      );
    }

    this.gatewayPublicIp = gateway.publicIp;
    this.standbyGatewayPublicIp = gateway.standbyIp;
    this.gatewayId = gateway.id;
    this.customerGatewayId = customerGateway.id;
    this.connectionId = connection.id;
    this.routeEntryIds = pulumi.all(routes.map((r) => r.id));
    this.connectionStatus = connection.status;
    this.registerOutputs({
      gatewayPublicIp: this.gatewayPublicIp,
      standbyGatewayPublicIp: this.standbyGatewayPublicIp,
      gatewayId: this.gatewayId,
      customerGatewayId: this.customerGatewayId,
      connectionId: this.connectionId,
      routeEntryIds: this.routeEntryIds,
      connectionStatus: this.connectionStatus,
    });
  }

  /** A gateway created here, or an existing one looked up and checked against the args. */
  private gateway(name: string, args: AlicloudVpnSideArgs, plan: AlicloudSidePlan, keyVerdict: pulumi.Output<boolean>): GatewayEnd {
    const { spec } = plan;
    if ("create" in plan.gateway) {
      const wanted = plan.gateway.create;
      const resource = new alicloud.vpn.Gateway(
        `${name}-gateway`,
        {
          vpcId: after(keyVerdict, args.vpcId),
          bandwidth: wanted.bandwidth,
          ...(args.vswitchId === undefined ? {} : { vswitchId: args.vswitchId }),
          ...(args.disasterRecoveryVswitchId === undefined ? {} : { disasterRecoveryVswitchId: args.disasterRecoveryVswitchId }),
          ...(wanted.paymentType === undefined ? {} : { paymentType: wanted.paymentType }),
          enableIpsec: true,
          enableSsl: false,
          vpnGatewayName: wanted.name ?? spec.name,
          description: ownerMarker(spec.name),
          ...(args.tags === undefined ? {} : { tags: args.tags }),
        },
        // Alibaba's provider may keep the gateway when only this changes (it is computed): the kind of gateway must follow.
        { parent: this, replaceOnChanges: ["disasterRecoveryVswitchId"] },
      );
      // What the gateway is, not what was asked: a standby address is what makes it dual-tunnel.
      const standbyIp = resource.disasterRecoveryInternetIp.apply((ip) => ip ?? "");
      return { resource, id: resource.id, publicIp: resource.internetIp, dual: standbyIp.apply((ip) => ip !== ""), standbyIp, verdict: keyVerdict };
    }
    const existingId = plan.gateway.existingId;
    const lookup = alicloud.vpn.getGatewaysOutput({ ids: [existingId] }, { parent: this });
    const found = pulumi.all([lookup, args.vpcId, existingId]).apply(([result, vpcId, id]): ExistingGatewayFacts => {
      const match = result.gateways.find((g) => g.id === id);
      const problems = checkExistingGateway(plan, { id, vpcId }, match);
      if (errors(problems).length > 0 || !match) throw new SpecError(problems, `AlicloudVpnSide "${name}": the existing gateway does not fit`);
      return { id: match.id, vpcId: match.vpcId, internetIp: match.internetIp, enableIpsec: match.enableIpsec, disasterRecoveryInternetIp: match.disasterRecoveryInternetIp ?? "" };
    });
    return {
      id: found.id,
      publicIp: found.internetIp,
      // A gateway with a standby address is dual-tunnel: its connections take their settings per tunnel.
      dual: found.apply((g) => g.disasterRecoveryInternetIp !== ""),
      standbyIp: found.disasterRecoveryInternetIp,
      verdict: pulumi.all([keyVerdict, found]).apply(([keyOk]) => keyOk),
    };
  }
}

interface GatewayEnd {
  /** Only when the gateway is created here. */
  resource?: alicloud.vpn.Gateway;
  id: pulumi.Output<string>;
  publicIp: pulumi.Output<string>;
  /** Whether the gateway is dual-tunnel (an active and a standby tunnel, each with its own address). */
  dual: pulumi.Output<boolean>;
  /** The standby tunnel's address; "" on a single-tunnel gateway. */
  standbyIp: pulumi.Output<string>;
  /** Resolves once everything checked at deploy time passed; the first resources wait for it. */
  verdict: pulumi.Output<boolean>;
}

/**
 * The key as a secret Output, whatever form it was given in. A key that was an Output when the args were checked
 * is checked when it resolves; `verdict` (not secret: it carries no part of the key) gates the first resources.
 */
function secretKey(name: string, args: AlicloudVpnSideArgs, plan: AlicloudSidePlan, parent: pulumi.Resource) {
  const value = pulumi.secret(plan.preSharedKey);
  if (!plan.keyIsDeferred) return { value, verdict: pulumi.output(true) };
  const checked = value.apply((key) => {
    const problems = checkDeferredKey(args.spec, key, "alicloud");
    for (const problem of problems.filter((p) => p.severity === "warning")) pulumi.log.warn(formatProblem(problem), parent);
    if (errors(problems).length > 0) throw new SpecError(problems, `invalid AlicloudVpnSide "${name}" arguments`);
    return key;
  });
  return { value: checked, verdict: pulumi.unsecret(checked.apply(() => true)) };
}

/** The value, once the verdict is in: a failed check rejects it, so the resource taking it is never sent. */
function after(verdict: pulumi.Output<boolean>, value: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.all([value, verdict]).apply(([v]) => v);
}
