// VPC route table actions: CreateRoutes, DescribeRouteTables, DeleteRoutes. Next hops of type VPN are checked
// against the emulated gateways; destinations may not fall inside the VPC or repeat. No HTTP.
import { cidrContains, parseCidr, type Cidr } from "../cidr";
import { ApiError, fail } from "../errors";
import { isWellFormedId } from "../ids";
import { selectPage, type ListSpec } from "../query";
import type { RouteRecord, RouteTableRecord } from "../store";
import { common, type Schema } from "../validate";
import { routeTableView } from "../views";
import { find, str, type ActionContext, type ActionDef } from "./context";

export const NEXT_HOP_TYPES = ["CVM", "VPN", "DIRECTCONNECT", "PEERCONNECTION", "HAVIP", "NAT", "NORMAL_CVM", "EIP", "LOCAL_GATEWAY", "INTRANAT", "USER_CCN", "GWLB_ENDPOINT"] as const;
/** User routes one table may hold (Tencent's default quota). */
export const MAX_ROUTES_PER_TABLE = 200;

interface RouteParam {
  DestinationCidrBlock?: string;
  GatewayType?: string;
  GatewayId?: string;
  RouteId?: number;
  RouteItemId?: string;
  RouteDescription?: string;
  DestinationIpv6CidrBlock?: string;
}

const routeTableId = { type: "string", required: true, id: "routeTable" } as const;

/** Every field of the SDK's Route model is accepted; which ones are required depends on the action. */
function routeItemSchema(required: readonly string[]): Schema {
  const fields: Schema = {
    DestinationCidrBlock: { type: "string", format: "cidr" },
    GatewayType: { type: "string", oneOf: NEXT_HOP_TYPES },
    GatewayId: { type: "string" },
    RouteId: { type: "integer", min: 0 },
    RouteDescription: { type: "string" },
    Enabled: { type: "boolean" },
    RouteType: { type: "string", oneOf: ["USER", "NETD", "CCN"] },
    RouteTableId: { type: "string" },
    DestinationIpv6CidrBlock: { type: "string" },
    RouteItemId: { type: "string" },
    PublishedToVbc: { type: "boolean" },
    CreatedTime: { type: "string" },
    CdcId: { type: "string" },
  };
  return Object.fromEntries(Object.entries(fields).map(([k, spec]) => [k, { ...spec, required: required.includes(k) }]));
}

function checkNextHop(ctx: ActionContext, table: RouteTableRecord, route: RouteParam, field: string): void {
  if (route.GatewayType !== "VPN") fail("UnsupportedOperation", `emulator: only GatewayType VPN next hops are modelled (${field}.GatewayType is ${route.GatewayType}).`);
  const gatewayId = route.GatewayId ?? "";
  if (!isWellFormedId("vpnGateway", gatewayId)) fail("InvalidParameter.NextHopMismatch", `${field}.GatewayId \`${gatewayId}\` is not a VPN gateway id, as GatewayType VPN requires.`);
  const gateway = find.gateway(ctx, gatewayId);
  if (gateway.vpcId !== table.vpcId) fail("UnsupportedOperation.VpcMismatch", `The VPN gateway \`${gatewayId}\` belongs to ${gateway.vpcId}, the route table to ${table.vpcId}.`);
  if (gateway.state !== "AVAILABLE") fail("UnsupportedOperation.InvalidState", `The VPN gateway \`${gatewayId}\` is ${gateway.state}, not AVAILABLE.`);
}

function createRoutes(ctx: ActionContext, p: Record<string, unknown>) {
  const table = find.routeTable(ctx, str(p, "RouteTableId") ?? "");
  const vpc = find.vpc(ctx, table.vpcId);
  const routes = p["Routes"] as RouteParam[];
  if (table.routes.length + routes.length > MAX_ROUTES_PER_TABLE) {
    fail("LimitExceeded", `The route table \`${table.routeTableId}\` would hold ${table.routes.length + routes.length} routes; at most ${MAX_ROUTES_PER_TABLE}.`);
  }
  routes.forEach((route, i) => {
    const field = `Routes.${i}`;
    if (route.DestinationIpv6CidrBlock) fail("UnsupportedOperation", `emulator: IPv6 routes are not modelled (${field}.DestinationIpv6CidrBlock).`);
    const destination = parseCidr(route.DestinationCidrBlock ?? "") as Cidr;
    if (cidrContains(vpc.cidr, destination)) {
      fail("InvalidParameterValue.VpcCidrConflict", `${field}.DestinationCidrBlock ${route.DestinationCidrBlock} lies inside the VPC ${vpc.vpcId} (${vpc.cidr.text}).`);
    }
    checkNextHop(ctx, table, route, field);
    const earlier = routes.slice(0, i).findIndex((r) => r.DestinationCidrBlock === route.DestinationCidrBlock);
    if (earlier >= 0) fail("InvalidParameterValue.Duplicate", `Routes.${earlier} and ${field} have the same destination ${route.DestinationCidrBlock}.`);
    const existing = table.routes.find((r) => r.destination === route.DestinationCidrBlock);
    if (existing && existing.gatewayId === route.GatewayId) {
      fail("InvalidParameterValue.Duplicate", `The route ${existing.routeId} already sends ${existing.destination} to \`${existing.gatewayId}\`.`);
    }
    if (existing) fail("UnsupportedOperation.EcmpWithUserRoute", `${field} would form ECMP with the route ${existing.routeId} (${existing.destination} → \`${existing.gatewayId}\`).`);
  });
  const created: RouteRecord[] = routes.map((route) => ({
    routeId: ctx.store.newRouteId(),
    routeItemId: ctx.store.newId("routeItem"),
    destination: route.DestinationCidrBlock ?? "",
    gatewayType: route.GatewayType ?? "",
    gatewayId: route.GatewayId ?? "",
    description: route.RouteDescription ?? "",
    createdAt: ctx.now,
  }));
  table.routes.push(...created);
  return { TotalCount: created.length, RouteTableSet: [routeTableView(table, created)] };
}

export const routeTableListSpec: ListSpec<RouteTableRecord> = {
  idsParam: "RouteTableIds",
  idOf: (t) => t.routeTableId,
  kindName: "route table",
  filters: {
    "route-table-id": (t) => [t.routeTableId],
    "route-table-name": (t) => [t.name],
    "vpc-id": (t) => [t.vpcId],
    "association.main": (t) => [String(t.main)],
  },
  tags: (t) => t.tags,
};

function deleteRoutes(ctx: ActionContext, p: Record<string, unknown>) {
  const table = find.routeTable(ctx, str(p, "RouteTableId") ?? "");
  const wanted = p["Routes"] as RouteParam[];
  const doomed = wanted.map((route, i) => {
    const itemId = route.RouteItemId || undefined;
    if (route.RouteId === undefined && itemId === undefined) {
      throw new ApiError("MissingParameter", `The request is missing a required parameter \`Routes.${i}.RouteId\` (or RouteItemId).`);
    }
    const found = table.routes.find((r) => (route.RouteId !== undefined ? r.routeId === route.RouteId : r.routeItemId === itemId));
    if (!found) fail("InvalidRouteId.NotFound", `The route ${route.RouteId ?? itemId} is not in the route table \`${table.routeTableId}\`.`);
    return found as RouteRecord;
  });
  table.routes = table.routes.filter((r) => !doomed.includes(r));
  return { RouteSet: routeTableView(table, doomed).RouteSet };
}

export const routeActions: Record<string, ActionDef> = {
  CreateRoutes: {
    schema: {
      RouteTableId: routeTableId,
      Routes: { type: "array", required: true, maxItems: 100, items: { type: "object", fields: routeItemSchema(["DestinationCidrBlock", "GatewayType", "GatewayId"]) } },
    },
    run: createRoutes,
  },
  DescribeRouteTables: {
    schema: {
      Filters: common.filters(),
      RouteTableIds: { type: "array", maxItems: 100, items: { type: "string", id: "routeTable" } },
      Offset: { type: "string", digits: { min: 0, max: Number.MAX_SAFE_INTEGER } },
      Limit: { type: "string", digits: { min: 1, max: 100 } },
      NeedRouterInfo: { type: "boolean" },
    },
    run: (ctx, p) => {
      const { total, page } = selectPage([...ctx.store.routeTables.values()], p, routeTableListSpec);
      const withRoutes = p["NeedRouterInfo"] !== false;
      return { TotalCount: total, RouteTableSet: page.map((t) => routeTableView(t, withRoutes ? t.routes : [])) };
    },
  },
  DeleteRoutes: {
    schema: { RouteTableId: routeTableId, Routes: { type: "array", required: true, maxItems: 100, items: { type: "object", fields: routeItemSchema([]) } } },
    run: deleteRoutes,
  },
};
