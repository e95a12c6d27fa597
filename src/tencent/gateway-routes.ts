// The VPN gateway routes dynamic provider: the destination routes a route-based (StaticRoute) tunnel needs, one per
// destination, next hop one VPN connection. create/update: CreateVpnGatewayRoutes and DeleteVpnGatewayRoutes;
// read: DescribeVpnGatewayRoutes. Deletes only the routes it created (by RouteId).
import type * as pulumi from "@pulumi/pulumi";
import type { VpnGatewayRoute } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { describeAll, type TencentVpcApi } from "./api";
import { isGone, step } from "./errors";
import { diffFields, engineDiff, hasUnknowns, normalise, type FieldRule } from "./fields";
import { Failures, isId, TencentProviderBase } from "./provider-base";

export interface VpnGatewayRoutesInputs {
  vpnGatewayId: string;
  vpnConnectionId: string;
  /** IPv4 CIDR blocks sent into the tunnel (the site's networks). */
  destinations: string[];
  /** 0 (default) or 100; a lower value wins. */
  priority?: number;
}

export interface GatewayRouteRecord {
  destination: string;
  routeId: string;
}

export interface VpnGatewayRoutesOutputs extends VpnGatewayRoutesInputs {
  routes: GatewayRouteRecord[];
}

const RULES: ReadonlyArray<FieldRule<VpnGatewayRoutesInputs>> = [
  { field: "vpnGatewayId", replaces: true },
  { field: "vpnConnectionId", replaces: true },
  { field: "destinations", normalise: normalise.set },
  { field: "priority", normalise: (v) => v ?? 0 },
];

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

export class VpnGatewayRoutesProvider extends TencentProviderBase implements pulumi.dynamic.ResourceProvider<VpnGatewayRoutesInputs, VpnGatewayRoutesOutputs> {
  async check(_olds: VpnGatewayRoutesInputs, news: VpnGatewayRoutesInputs): Promise<pulumi.dynamic.CheckResult<VpnGatewayRoutesInputs>> {
    const failures = new Failures();
    if (!hasUnknowns(news.vpnGatewayId) && !isId("vpngw", news.vpnGatewayId)) failures.add("vpnGatewayId", "is not a VPN gateway id (vpngw-…)");
    if (!hasUnknowns(news.vpnConnectionId) && !isId("vpnx", news.vpnConnectionId)) failures.add("vpnConnectionId", "is not a VPN connection id (vpnx-…)");
    if (news.priority !== undefined && news.priority !== 0 && news.priority !== 100) failures.add("priority", "must be 0 or 100");
    if (!hasUnknowns(news.destinations)) {
      if (!Array.isArray(news.destinations) || news.destinations.length === 0) failures.add("destinations", "must list at least one IPv4 CIDR block");
      else news.destinations.forEach((d, i) => !hasUnknowns(d) && !CIDR.test(String(d)) && failures.add(`destinations[${i}]`, "is not an IPv4 CIDR block"));
    }
    return { inputs: news, failures: failures.list };
  }

  async diff(_id: string, olds: VpnGatewayRoutesOutputs, news: VpnGatewayRoutesInputs): Promise<pulumi.dynamic.DiffResult> {
    return engineDiff(diffFields(RULES, olds, news));
  }

  async create(inputs: VpnGatewayRoutesInputs): Promise<pulumi.dynamic.CreateResult<VpnGatewayRoutesOutputs>> {
    const routes = await step(`adding routes to ${inputs.vpnConnectionId} on ${inputs.vpnGatewayId}`, "Nothing was added; rerunning is safe.", () =>
      addRoutes(this.api(), inputs, [...new Set(inputs.destinations)]),
    );
    return { id: `${inputs.vpnGatewayId}:${inputs.vpnConnectionId}`, outs: { ...inputs, routes } };
  }

  async read(id: string, props?: VpnGatewayRoutesOutputs): Promise<pulumi.dynamic.ReadResult<VpnGatewayRoutesOutputs>> {
    if (!props) return {};
    const live = await step(`reading routes ${id}`, "Nothing was changed; rerunning is safe.", () => gatewayRoutes(this.api(), props));
    if (!live) return {};
    const ids = new Set((props.routes ?? []).map((r) => r.routeId));
    const routes = live.filter((r) => r.RouteId !== undefined && ids.has(r.RouteId)).map(record);
    const priority = live.find((r) => r.RouteId !== undefined && ids.has(r.RouteId))?.Priority;
    return { id, props: { ...props, destinations: routes.map((r) => r.destination), routes, ...(priority === undefined ? {} : { priority }) } };
  }

  async update(_id: string, olds: VpnGatewayRoutesOutputs, news: VpnGatewayRoutesInputs): Promise<pulumi.dynamic.UpdateResult<VpnGatewayRoutesOutputs>> {
    const api = this.api();
    const wanted = [...new Set(news.destinations)];
    const redo = (olds.priority ?? 0) !== (news.priority ?? 0);
    const stale = olds.routes.filter((r) => redo || !wanted.includes(r.destination));
    const kept = olds.routes.filter((r) => !stale.includes(r));
    const missing = wanted.filter((d) => !kept.some((r) => r.destination === d));
    const what = `changing routes to ${news.vpnConnectionId} on ${news.vpnGatewayId}`;
    await step(what, "Rerunning is safe: it converges on the destinations asked for.", () => removeRoutes(api, news, stale));
    const added = await step(what, "The routes removed stay removed; rerunning adds the missing ones.", () => addRoutes(api, news, missing));
    return { outs: { ...news, routes: [...kept, ...added] } };
  }

  async delete(_id: string, props: VpnGatewayRoutesOutputs): Promise<void> {
    await step(`deleting routes to ${props.vpnConnectionId} on ${props.vpnGatewayId}`, "Rerunning is safe: routes already gone count as deleted.", () =>
      removeRoutes(this.api(), props, props.routes ?? []),
    );
  }
}

const record = (r: VpnGatewayRoute): GatewayRouteRecord => ({ destination: r.DestinationCidrBlock, routeId: r.RouteId ?? "" });

/** The gateway's routes into this connection, or undefined when the gateway is gone. */
async function gatewayRoutes(api: TencentVpcApi, at: Pick<VpnGatewayRoutesInputs, "vpnGatewayId" | "vpnConnectionId">): Promise<VpnGatewayRoute[] | undefined> {
  try {
    return await describeAll(api, "DescribeVpnGatewayRoutes", { VpnGatewayId: at.vpnGatewayId, Filters: [{ Name: "InstanceId", Values: [at.vpnConnectionId] }] }, (r) => r.Routes);
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

async function addRoutes(api: TencentVpcApi, inputs: VpnGatewayRoutesInputs, destinations: string[]): Promise<GatewayRouteRecord[]> {
  if (destinations.length === 0) return [];
  const got = await api.createOnce(
    async () => {
      const r = await api.once("CreateVpnGatewayRoutes", {
        VpnGatewayId: inputs.vpnGatewayId,
        Routes: destinations.map((d) => ({ DestinationCidrBlock: d, InstanceType: "VPNCONN", InstanceId: inputs.vpnConnectionId, Priority: inputs.priority ?? 0, Status: "ENABLE" })),
      });
      return (r.Routes ?? []).filter((route) => destinations.includes(route.DestinationCidrBlock)).map(record);
    },
    // After an unanswered create: its routes are this connection's routes for these destinations.
    async () => {
      const found = ((await gatewayRoutes(api, inputs)) ?? []).filter((r) => destinations.includes(r.DestinationCidrBlock));
      return found.length > 0 ? found.map(record) : undefined;
    },
  );
  const rest = destinations.filter((d) => !got.some((r) => r.destination === d));
  if (rest.length === destinations.length) throw new Error(`CreateVpnGatewayRoutes created none of ${destinations.join(", ")}`);
  return [...got, ...(await addRoutes(api, inputs, rest))];
}

/** Deletes these routes by RouteId; routes (or the gateway) already gone count as deleted. */
async function removeRoutes(api: TencentVpcApi, at: Pick<VpnGatewayRoutesInputs, "vpnGatewayId" | "vpnConnectionId">, routes: GatewayRouteRecord[]): Promise<void> {
  if (routes.length === 0) return;
  const request = (list: GatewayRouteRecord[]) => api.call("DeleteVpnGatewayRoutes", { VpnGatewayId: at.vpnGatewayId, RouteIds: list.map((r) => r.routeId) });
  try {
    await request(routes);
  } catch (error) {
    if (!isGone(error)) throw error;
    const live = await gatewayRoutes(api, at);
    const present = routes.filter((r) => live?.some((l) => l.RouteId === r.routeId));
    if (present.length > 0) await request(present);
  }
}
