// The action table: every API action the emulator serves, with its schema and handler. Data only.
import type { ActionDef } from "./context";
import { connectionActions } from "./connections";
import { customerGatewayActions } from "./customer-gateways";
import { gatewayRouteActions } from "./gateway-routes";
import { gatewayActions } from "./gateways";
import { routeActions } from "./routes";
import { taskActions } from "./tasks";

export const ACTIONS: Readonly<Record<string, ActionDef>> = {
  ...gatewayActions,
  ...customerGatewayActions,
  ...connectionActions,
  ...taskActions,
  ...routeActions,
  ...gatewayRouteActions,
};

export const ASYNC_ACTIONS: readonly string[] = Object.entries(ACTIONS)
  .filter(([, def]) => def.async)
  .map(([name]) => name);

export type { ActionContext, ActionDef, EmulatorSettings } from "./context";
