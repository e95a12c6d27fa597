// The VPC routes dynamic provider: one route per destination in one route table, next hop one VPN gateway.
// create/update: CreateRoutes and DeleteRoutes; read: DescribeRouteTables; delete: DeleteRoutes of the routes it
// created (by RouteId), never any other route of the table.
import type * as pulumi from "@pulumi/pulumi";
import type { Route } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import type { TencentVpcApi } from "./api";
import { isGone, step, TencentApiError } from "./errors";
import { diffFields, engineDiff, hasUnknowns, normalise, type FieldRule } from "./fields";
import { Failures, isId, TencentProviderBase } from "./provider-base";

export interface VpcRoutesInputs {
  routeTableId: string;
  vpnGatewayId: string;
  /** IPv4 CIDR blocks sent to the gateway (the site's networks). */
  destinations: string[];
  /** RouteDescription of every route (e.g. the tunnel's owner marker). */
  description?: string;
}

export interface VpcRouteRecord {
  destination: string;
  routeId: number;
  routeItemId: string;
}

export interface VpcRoutesOutputs extends VpcRoutesInputs {
  /** The routes this resource created and still finds, one per destination. */
  routes: VpcRouteRecord[];
}

const RULES: ReadonlyArray<FieldRule<VpcRoutesInputs>> = [
  { field: "routeTableId", replaces: true },
  { field: "vpnGatewayId", replaces: true },
  { field: "destinations", normalise: normalise.set },
  { field: "description", normalise: (v) => v ?? "" },
];

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

export class VpcRoutesProvider extends TencentProviderBase implements pulumi.dynamic.ResourceProvider<VpcRoutesInputs, VpcRoutesOutputs> {
  async check(_olds: VpcRoutesInputs, news: VpcRoutesInputs): Promise<pulumi.dynamic.CheckResult<VpcRoutesInputs>> {
    const failures = new Failures();
    if (!hasUnknowns(news.routeTableId) && !isId("rtb", news.routeTableId)) failures.add("routeTableId", "is not a route table id (rtb-…)");
    if (!hasUnknowns(news.vpnGatewayId) && !isId("vpngw", news.vpnGatewayId)) failures.add("vpnGatewayId", "is not a VPN gateway id (vpngw-…)");
    if (!hasUnknowns(news.destinations)) checkDestinations(news.destinations, failures);
    return { inputs: news, failures: failures.list };
  }

  async diff(_id: string, olds: VpcRoutesOutputs, news: VpcRoutesInputs): Promise<pulumi.dynamic.DiffResult> {
    return engineDiff(diffFields(RULES, olds, news));
  }

  async create(inputs: VpcRoutesInputs): Promise<pulumi.dynamic.CreateResult<VpcRoutesOutputs>> {
    const api = this.api();
    const routes = await step(`adding routes to ${inputs.vpnGatewayId} in ${inputs.routeTableId}`, "Nothing was added; rerunning is safe.", () =>
      addRoutes(api, inputs, unique(inputs.destinations)),
    );
    return { id: `${inputs.routeTableId}:${inputs.vpnGatewayId}`, outs: { ...inputs, routes } };
  }

  async read(id: string, props?: VpcRoutesOutputs): Promise<pulumi.dynamic.ReadResult<VpcRoutesOutputs>> {
    if (!props) return {};
    const live = await step(`reading routes ${id}`, "Nothing was changed; rerunning is safe.", () => tableRoutes(this.api(), props.routeTableId));
    if (!live) return {};
    const routes = ours(live, props);
    return { id, props: { ...props, destinations: routes.map((r) => r.destination), routes } };
  }

  async update(_id: string, olds: VpcRoutesOutputs, news: VpcRoutesInputs): Promise<pulumi.dynamic.UpdateResult<VpcRoutesOutputs>> {
    const api = this.api();
    const wanted = unique(news.destinations);
    const redo = (olds.description ?? "") !== (news.description ?? "");
    const stale = olds.routes.filter((r) => redo || !wanted.includes(r.destination));
    const kept = olds.routes.filter((r) => !stale.includes(r));
    const missing = wanted.filter((d) => !kept.some((r) => r.destination === d));
    const what = `changing routes to ${news.vpnGatewayId} in ${news.routeTableId}`;
    await step(what, "Rerunning is safe: it converges on the destinations asked for.", () => removeRoutes(api, news.routeTableId, stale));
    const added = await step(what, "The routes removed stay removed; rerunning adds the missing ones.", () => addRoutes(api, news, missing));
    return { outs: { ...news, routes: [...kept, ...added] } };
  }

  async delete(_id: string, props: VpcRoutesOutputs): Promise<void> {
    await step(`deleting routes to ${props.vpnGatewayId} in ${props.routeTableId}`, "Rerunning is safe: routes already gone count as deleted.", () =>
      removeRoutes(this.api(), props.routeTableId, props.routes ?? []),
    );
  }
}

function checkDestinations(destinations: unknown, failures: Failures): void {
  if (!Array.isArray(destinations) || destinations.length === 0) return failures.add("destinations", "must list at least one IPv4 CIDR block");
  if (destinations.length > 100) failures.add("destinations", "lists more than 100 blocks (one CreateRoutes call)");
  destinations.forEach((d, i) => {
    if (!hasUnknowns(d) && !(typeof d === "string" && CIDR.test(d))) failures.add(`destinations[${i}]`, "is not an IPv4 CIDR block");
  });
}

const unique = (list: readonly string[]): string[] => [...new Set(list)];

/** The table's routes, or undefined when the table is gone. */
async function tableRoutes(api: TencentVpcApi, routeTableId: string): Promise<Route[] | undefined> {
  try {
    const r = await api.call("DescribeRouteTables", { RouteTableIds: [routeTableId] });
    const table = r.RouteTableSet?.find((t) => t.RouteTableId === routeTableId);
    return table ? (table.RouteSet ?? []) : undefined;
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

/** Live routes this resource created (by RouteId) that still go to its gateway. */
function ours(live: Route[], props: Pick<VpcRoutesOutputs, "routes" | "vpnGatewayId">): VpcRouteRecord[] {
  const ids = new Set((props.routes ?? []).map((r) => r.routeId));
  return live.filter((r) => r.RouteId !== undefined && ids.has(r.RouteId) && r.GatewayId === props.vpnGatewayId).map(record);
}

const record = (r: Route): VpcRouteRecord => ({ destination: r.DestinationCidrBlock, routeId: r.RouteId ?? 0, routeItemId: r.RouteItemId ?? "" });

async function addRoutes(api: TencentVpcApi, inputs: VpcRoutesInputs, destinations: string[]): Promise<VpcRouteRecord[]> {
  if (destinations.length === 0) return [];
  const got = await api.createOnce(
    async () => {
      const r = await api.once("CreateRoutes", {
        RouteTableId: inputs.routeTableId,
        Routes: destinations.map((d) => ({ DestinationCidrBlock: d, GatewayType: "VPN", GatewayId: inputs.vpnGatewayId, RouteDescription: inputs.description ?? "" })),
      });
      const created = (r.RouteTableSet ?? []).flatMap((t) => t.RouteSet ?? []);
      return created.filter((route) => route.GatewayId === inputs.vpnGatewayId && destinations.includes(route.DestinationCidrBlock)).map(record);
    },
    // After an unanswered CreateRoutes: the routes it made are the ones to this gateway for these destinations.
    async () => {
      const found = ((await tableRoutes(api, inputs.routeTableId)) ?? []).filter((r) => r.GatewayId === inputs.vpnGatewayId && destinations.includes(r.DestinationCidrBlock));
      return found.length > 0 ? found.map(record) : undefined;
    },
  );
  const rest = destinations.filter((d) => !got.some((r) => r.destination === d));
  if (rest.length === destinations.length) throw new Error(`CreateRoutes created none of ${destinations.join(", ")}`);
  return [...got, ...(await addRoutes(api, inputs, rest))];
}

/** Deletes these routes by RouteId; routes (or the table) already gone count as deleted. */
async function removeRoutes(api: TencentVpcApi, routeTableId: string, routes: VpcRouteRecord[]): Promise<void> {
  if (routes.length === 0) return;
  const request = (list: VpcRouteRecord[]) =>
    api.call("DeleteRoutes", {
      RouteTableId: routeTableId,
      Routes: list.map((r) => ({ RouteId: r.routeId, DestinationCidrBlock: r.destination, GatewayType: "VPN", GatewayId: "" }) satisfies Route),
    });
  try {
    await request(routes);
  } catch (error) {
    if (!(error instanceof TencentApiError && isGone(error))) throw error;
    // One of them (or the table) is gone: delete those still there.
    const live = await tableRoutes(api, routeTableId);
    const present = routes.filter((r) => live?.some((l) => l.RouteId === r.routeId));
    if (present.length > 0) await request(present);
  }
}
