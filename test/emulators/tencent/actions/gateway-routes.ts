// VPN gateway (destination-based) route actions: CreateVpnGatewayRoutes, DescribeVpnGatewayRoutes,
// DeleteVpnGatewayRoutes. Next hops are VPN connections of the same gateway. No HTTP.
import { fail, say } from "../errors";
import { isWellFormedId } from "../ids";
import { selectPage, type ListSpec } from "../query";
import type { GatewayRouteRecord } from "../store";
import { common, type Schema } from "../validate";
import { gatewayRouteView } from "../views";
import { find, str, type ActionContext, type ActionDef } from "./context";

interface GatewayRouteParam {
  DestinationCidrBlock: string;
  InstanceType: string;
  InstanceId: string;
  Priority: number;
  Status: string;
}

const gatewayId = { type: "string", required: true, id: "vpnGateway" } as const;

const routeItem: Schema = {
  DestinationCidrBlock: { type: "string", required: true, format: "cidr" },
  InstanceType: { type: "string", required: true, oneOf: ["VPNCONN", "CCN"] },
  InstanceId: { type: "string", required: true },
  Priority: { type: "integer", required: true, oneOf: [0, 100] },
  Status: { type: "string", required: true, oneOf: ["ENABLE", "DISABLE"] },
  RouteId: { type: "string" },
  Type: { type: "string" },
  CreateTime: { type: "string" },
  UpdateTime: { type: "string" },
  Description: { type: "string" },
};

function createVpnGatewayRoutes(ctx: ActionContext, p: Record<string, unknown>) {
  const gateway = find.gateway(ctx, str(p, "VpnGatewayId") ?? "");
  if (gateway.state !== "AVAILABLE") fail("UnsupportedOperation.InvalidState", `The VPN gateway \`${gateway.vpnGatewayId}\` is ${gateway.state}, not AVAILABLE.`);
  const routes = p["Routes"] as GatewayRouteParam[];
  const existing = [...ctx.store.gatewayRoutes.values()].filter((r) => r.vpnGatewayId === gateway.vpnGatewayId);
  routes.forEach((route, i) => {
    const field = `Routes.${i}`;
    if (route.InstanceType !== "VPNCONN") fail("UnsupportedOperation", `emulator: only InstanceType VPNCONN is modelled (${field}.InstanceType is ${route.InstanceType}).`);
    if (!isWellFormedId("vpnConnection", route.InstanceId)) fail("InvalidParameterValue.Malformed", say.malformed(`${field}.InstanceId`, route.InstanceId, "a VPN connection id (vpnx-xxxxxxxx)"));
    const connection = find.connection(ctx, route.InstanceId);
    if (connection.vpnGatewayId !== gateway.vpnGatewayId) {
      fail("InvalidParameterValue", `${field}.InstanceId \`${route.InstanceId}\` is a tunnel of \`${connection.vpnGatewayId}\`, not of \`${gateway.vpnGatewayId}\`.`);
    }
    const same = (r: { destination: string; instanceId: string }) => r.destination === route.DestinationCidrBlock && r.instanceId === route.InstanceId;
    const twin = routes.slice(0, i).findIndex((r) => same({ destination: r.DestinationCidrBlock, instanceId: r.InstanceId }));
    if (twin >= 0) fail("InvalidParameterValue.Duplicate", `Routes.${twin} and ${field} are the same route (${route.DestinationCidrBlock} → ${route.InstanceId}).`);
    const clash = existing.find(same);
    if (clash) fail("InvalidParameterValue.Duplicate", `The route \`${clash.routeId}\` already sends ${clash.destination} to \`${clash.instanceId}\`.`);
  });
  const created: GatewayRouteRecord[] = routes.map((route) => ({
    routeId: ctx.store.newId("vpnGatewayRoute"),
    vpnGatewayId: gateway.vpnGatewayId,
    destination: route.DestinationCidrBlock,
    instanceType: route.InstanceType,
    instanceId: route.InstanceId,
    priority: route.Priority,
    status: route.Status,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }));
  for (const route of created) ctx.store.gatewayRoutes.set(route.routeId, route);
  return { Routes: created.map(gatewayRouteView) };
}

export const gatewayRouteListSpec: ListSpec<GatewayRouteRecord> = {
  idOf: (r) => r.routeId,
  kindName: "VPN gateway route",
  filters: {
    DestinationCidr: (r) => [r.destination],
    InstanceId: (r) => [r.instanceId],
    InstanceType: (r) => [r.instanceType],
  },
};

function deleteVpnGatewayRoutes(ctx: ActionContext, p: Record<string, unknown>) {
  const gateway = find.gateway(ctx, str(p, "VpnGatewayId") ?? "");
  const ids = p["RouteIds"] as string[];
  for (const id of ids) {
    if (ctx.store.gatewayRoutes.get(id)?.vpnGatewayId !== gateway.vpnGatewayId) {
      fail("ResourceNotFound", `The VPN gateway route \`${id}\` does not exist on \`${gateway.vpnGatewayId}\`.`);
    }
  }
  for (const id of ids) ctx.store.gatewayRoutes.delete(id);
  return {};
}

export const gatewayRouteActions: Record<string, ActionDef> = {
  CreateVpnGatewayRoutes: {
    schema: { VpnGatewayId: gatewayId, Routes: { type: "array", required: true, maxItems: 100, items: { type: "object", fields: routeItem } } },
    run: createVpnGatewayRoutes,
  },
  DescribeVpnGatewayRoutes: {
    schema: { VpnGatewayId: gatewayId, Filters: common.filters(), Offset: common.offset, Limit: common.limit },
    run: (ctx, p) => {
      const gateway = find.gateway(ctx, str(p, "VpnGatewayId") ?? "");
      const mine = [...ctx.store.gatewayRoutes.values()].filter((r) => r.vpnGatewayId === gateway.vpnGatewayId);
      const { total, page } = selectPage(mine, p, gatewayRouteListSpec);
      return { Routes: page.map(gatewayRouteView), TotalCount: total };
    },
  },
  DeleteVpnGatewayRoutes: {
    schema: { VpnGatewayId: gatewayId, RouteIds: { type: "array", required: true, maxItems: 100, items: { type: "string" } } },
    run: deleteVpnGatewayRoutes,
  },
};
