// What every action handler receives, and the look-ups they share (unknown id → ResourceNotFound).
// No HTTP here; handlers validate with schemas first, then act on the store.
import { ApiError, say } from "../errors";
import type { ConnectionRecord, CustomerGatewayRecord, GatewayRecord, NetStatus, RouteTableRecord, Store, VpcRecord } from "../store";
import type { Schema } from "../validate";

export interface EmulatorSettings {
  region: string;
  gatewayPendingMs: number;
  connectionPendingMs: number;
  deletingMs: number;
  gatewayVersion: string;
  initialNetStatus: NetStatus;
}

export interface ActionContext {
  store: Store;
  now: number;
  requestId: string;
  settings: EmulatorSettings;
  /** A taskFailed fault is armed for this call: the asynchronous task it starts ends FAILED. */
  taskFails: boolean;
  /** An emptyVpnConnectionId fault is armed for this call. */
  emptyConnectionId: boolean;
}

export interface ActionDef {
  schema: Schema;
  /** The call starts a task that DescribeVpcTaskResult reports on, keyed by its RequestId. */
  async?: boolean;
  run(ctx: ActionContext, params: Record<string, unknown>): Record<string, unknown>;
}

function lookup<T>(map: ReadonlyMap<string, T>, id: string, kind: string): T {
  const found = map.get(id);
  if (!found) throw new ApiError("ResourceNotFound", say.notFound(kind, id));
  return found;
}

export const find = {
  vpc: (ctx: ActionContext, id: string): VpcRecord => lookup(ctx.store.vpcs, id, "VPC"),
  routeTable: (ctx: ActionContext, id: string): RouteTableRecord => lookup(ctx.store.routeTables, id, "route table"),
  gateway: (ctx: ActionContext, id: string): GatewayRecord => lookup(ctx.store.gateways, id, "VPN gateway"),
  customerGateway: (ctx: ActionContext, id: string): CustomerGatewayRecord => lookup(ctx.store.customerGateways, id, "customer gateway"),
  connection: (ctx: ActionContext, id: string): ConnectionRecord => lookup(ctx.store.connections, id, "VPN connection"),
};

/** A schema-checked string parameter; an empty string counts as not given. */
export const str = (params: Record<string, unknown>, key: string): string | undefined => (params[key] === "" ? undefined : (params[key] as string | undefined));
export const num = (params: Record<string, unknown>, key: string): number | undefined => params[key] as number | undefined;
