// Test support (not a test): the Tencent half of the fault matrix — a VPC holding objects we do not own (another
// stack's gateway, customer gateway, tunnel and routes, all named like ours), each provider's operations, their
// calls read off the emulator's counters, one fault aimed at the nth call of an action, and one cell run end to end.
import type * as pulumi from "@pulumi/pulumi";
import { ACTIONS, ASYNC_ACTIONS, TencentVpcEmulator, type TencentFaultKind } from "../../emulators/tencent";
import { vpcClient } from "../../emulators/tencent/sdk-client";
import { articleConnection, configuredProviders, SECRET_PSK, VPC_CIDR, type Providers } from "../../tencent/helpers/cloud";
import { clearMessage, numbered, secretProblems, type CellResult, type Column, type Step, type Table } from "./matrix";

export const TENCENT_FAULTS = ["RequestLimitExceeded", "InternalError", "http502", "http503", "slow", "drop", "lostResponse", "taskFailed", "emptyVpnConnectionId"] as const satisfies readonly TencentFaultKind[];
export type TencentFault = (typeof TENCENT_FAULTS)[number];
export const RESOURCES = ["gateway", "customer gateway", "connection", "vpc routes", "gateway routes"] as const;
export type Resource = (typeof RESOURCES)[number];
export const OPERATIONS = ["create", "update", "delete"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Every operation of every resource. */
export const TENCENT_OPERATIONS: ReadonlyArray<[Resource, Operation]> = RESOURCES.flatMap((r) => OPERATIONS.map((o) => [r, o] as [Resource, Operation]));

/**
 * A fault hits the aimed-at call once, or that call and every later call of the action until the run ends (the
 * retries too: the provider must give up with a clear error, and the rerun converge).
 */
export const PERSISTENCE = ["once", "always"] as const;
export type Persistence = (typeof PERSISTENCE)[number];
/** Kinds that are a property of one answer, not of a stretch of time: only "once" makes sense. */
const ONE_OFF: readonly TencentFault[] = ["taskFailed", "emptyVpnConnectionId"];
export const persistences = (kind: TencentFault): readonly Persistence[] => (ONE_OFF.includes(kind) ? ["once"] : PERSISTENCE);

/** Per request; a "slow" reply is held back SLOW_MS, well beyond it, so the client gives up while the change happens. */
export const REQUEST_TIMEOUT_SECONDS = 0.5;
const SLOW_MS = 2500;
/** The matrix's providers: three attempts per call, and waits that end within seconds when a fault never clears. */
const MATRIX_SETTINGS = {
  "ros-vpc-ipsec:tencentRequestTimeoutSeconds": String(REQUEST_TIMEOUT_SECONDS),
  "ros-vpc-ipsec:tencentRetryAttempts": "3",
  "ros-vpc-ipsec:tencentWaitTimeoutSeconds": "2",
};

const ROTATED_KEY = "Rotated-key-0123456789abc";
const FOREIGN_KEY = "another-stacks-key-42";
/** What no cell's error may show: our keys, the other stack's, and the secret key that signs the calls. */
const SECRETS = { "pre-shared key": SECRET_PSK, "rotated key": ROTATED_KEY, "other stack's key": FOREIGN_KEY, "cloud secret key": "FaultMatrixCloudKey-Vb6Tq1Wz8Nr3" };

/** Whether a fault kind can happen to an action at all (taskFailed: asynchronous actions; an empty id: one action). */
export function applies(kind: TencentFault, action: string): boolean {
  if (kind === "taskFailed") return ASYNC_ACTIONS.includes(action);
  if (kind === "emptyVpnConnectionId") return action === "CreateVpnConnection";
  return true;
}

type Outs = Record<string, unknown>;
interface Ran {
  id: string;
  outs: Outs;
}

/** The generic face of the five providers, enough for the matrix. */
interface AnyProvider {
  create(inputs: never): Promise<pulumi.dynamic.CreateResult>;
  update(id: string, olds: never, news: never): Promise<pulumi.dynamic.UpdateResult>;
  delete(id: string, props: never): Promise<void>;
}

export interface World {
  emu: TencentVpcEmulator;
  providers: Providers;
  /** The operation under test, once; `previous` is what the engine recorded (create: an earlier partial create). */
  run(previous?: Ran): Promise<Ran | undefined>;
  /** Ids of the objects this resource made (to check the recorded id is the live one). */
  recordedIds(ran: Ran): string[];
  foreignIds: string[];
  stop(): Promise<void>;
}

/** Another stack's objects in the same VPC, named like ours: a lookup by name alone would take them. */
async function seedForeign(emu: TencentVpcEmulator, vpcId: string, routeTableId: string): Promise<string[]> {
  const client = vpcClient(emu);
  const gateway = (await client.CreateVpnGateway({ VpcId: vpcId, VpnGatewayName: "to_tencent", InternetMaxBandwidthOut: 5, InstanceChargeType: "POSTPAID_BY_HOUR" })).VpnGateway!.VpnGatewayId!;
  await client.DescribeVpnGateways({ VpnGatewayIds: [gateway] }); // PENDING → AVAILABLE
  const customer = (await client.CreateCustomerGateway({ CustomerGatewayName: "to_tencent", IpAddress: "113.87.60.9" })).CustomerGateway!.CustomerGatewayId!;
  const connection = (
    await client.CreateVpnConnection({ VpcId: vpcId, VpnGatewayId: gateway, CustomerGatewayId: customer, VpnConnectionName: "to_tencent", PreShareKey: FOREIGN_KEY, RouteType: "StaticRoute" })
  ).VpnConnection!.VpnConnectionId!;
  await client.DescribeVpnConnections({ VpnConnectionIds: [connection] });
  const route = await client.CreateRoutes({ RouteTableId: routeTableId, Routes: [{ DestinationCidrBlock: "192.168.99.0/24", GatewayType: "VPN", GatewayId: gateway, RouteDescription: "ros-vpc-ipsec:to_tencent" }] });
  const gatewayRoute = await client.CreateVpnGatewayRoutes({
    VpnGatewayId: gateway,
    Routes: [{ DestinationCidrBlock: "192.168.99.0/24", InstanceType: "VPNCONN", InstanceId: connection, Priority: 0, Status: "ENABLE" }],
  });
  const routeId = route.RouteTableSet?.[0]?.RouteSet?.[0]?.RouteItemId ?? "";
  return [gateway, customer, connection, routeId, gatewayRoute.Routes?.[0]?.RouteId ?? ""];
}

/**
 * A fresh emulator with another stack's objects, brought to the state before `operation` on `resource`: its
 * prerequisites made (and, for update and delete, the resource itself) through the providers, without faults.
 */
export async function world(resource: Resource, operation: Operation): Promise<World> {
  const emu = await TencentVpcEmulator.start({ secretKey: SECRETS["cloud secret key"] });
  const { vpcId, routeTableId } = emu.addVpc({ cidrBlock: VPC_CIDR, name: "office" });
  const providers = await configuredProviders(emu, MATRIX_SETTINGS);
  const foreignIds = await seedForeign(emu, vpcId, routeTableId);
  const gatewayInputs = { vpcId, name: "to_tencent", bandwidthMbps: 5 };
  const customerInputs = { name: "to_tencent", ipAddress: "113.87.48.200" };

  let provider: AnyProvider;
  let inputs: { initial: unknown; updated: unknown };
  let recordedIds: (ran: Ran) => string[] = (ran) => [ran.id];
  if (resource === "gateway") {
    provider = providers.gateway;
    inputs = { initial: gatewayInputs, updated: { ...gatewayInputs, name: "to_tencent-b", bandwidthMbps: 10 } };
  } else if (resource === "customer gateway") {
    provider = providers.customerGateway;
    inputs = { initial: customerInputs, updated: { ...customerInputs, name: "to_tencent-office" } };
  } else {
    const gateway = await providers.gateway.create(gatewayInputs);
    const gatewayIp = String(gateway.outs?.publicIpAddress ?? "");
    if (resource === "vpc routes") {
      provider = providers.vpcRoutes;
      const routes = { routeTableId, vpnGatewayId: gateway.id, destinations: ["192.168.1.0/24", "192.168.2.0/24"], description: "ros-vpc-ipsec:to_tencent" };
      inputs = { initial: routes, updated: { ...routes, destinations: ["192.168.1.0/24", "192.168.3.0/24"] } };
      recordedIds = (ran) => ((ran.outs.routes ?? []) as Array<{ routeItemId: string }>).map((r) => r.routeItemId);
    } else {
      const customer = await providers.customerGateway.create(customerInputs);
      const ids = { vpcId, vpnGatewayId: gateway.id, customerGatewayId: customer.id };
      const policyBased = articleConnection(ids, gatewayIp);
      if (resource === "connection") {
        provider = providers.connection;
        inputs = { initial: policyBased, updated: { ...policyBased, preSharedKey: ROTATED_KEY } };
      } else {
        const connection = await providers.connection.create({ ...policyBased, routeType: "StaticRoute", securityPolicyDatabases: [] });
        provider = providers.gatewayRoutes;
        const routes = { vpnGatewayId: gateway.id, vpnConnectionId: connection.id, destinations: ["192.168.1.0/24", "192.168.2.0/24"] };
        inputs = { initial: routes, updated: { ...routes, destinations: ["192.168.1.0/24", "192.168.3.0/24"] } };
        recordedIds = (ran) => ((ran.outs.routes ?? []) as Array<{ routeId: string }>).map((r) => r.routeId);
      }
    }
  }
  const create = async (): Promise<Ran> => {
    const r = await provider.create(inputs.initial as never);
    return { id: r.id, outs: r.outs as Outs };
  };
  const existing = operation === "create" ? undefined : await create();
  const run = async (previous?: Ran): Promise<Ran | undefined> => {
    if (operation === "delete") {
      await provider.delete(existing!.id, existing!.outs as never);
      return undefined;
    }
    if (operation === "update") {
      const r = await provider.update(existing!.id, existing!.outs as never, inputs.updated as never);
      return { id: existing!.id, outs: r.outs as Outs };
    }
    // A create that failed with an id was recorded by the engine as partially created: the next run updates it.
    if (previous) return { id: previous.id, outs: (await provider.update(previous.id, previous.outs as never, inputs.initial as never)).outs as Outs };
    return create();
  };
  return { emu, providers, run, recordedIds, foreignIds, stop: () => emu.stop() };
}

/**
 * The calls of an operation, in order, read off one uninterrupted run. The emulator counts each call in `calls` on
 * arrival: counting through a setter records the order.
 */
export async function tencentSteps(resource: Resource, operation: Operation): Promise<Step[]> {
  const w = await world(resource, operation);
  try {
    const order: string[] = [];
    for (const action of Object.keys(ACTIONS)) {
      let count = w.emu.calls[action] ?? 0;
      Object.defineProperty(w.emu.calls, action, {
        configurable: true,
        enumerable: true,
        get: () => count,
        set: (value: number) => void ((count = value), order.push(action)),
      });
    }
    await w.run();
    return numbered(order);
  } finally {
    await w.stop();
  }
}

/** The cloud's objects with what differs between equal runs (ids, addresses handed out, times, tokens) numbered. */
export function cloudObjects(emu: TencentVpcEmulator): string {
  const names = new Map<string, string>();
  const placeholder = (value: string, kind: string) => {
    if (!names.has(value)) names.set(value, `<${kind} ${[...names.values()].filter((v) => v.startsWith(`<${kind} `)).length + 1}>`);
    return names.get(value)!;
  };
  const walk = (value: unknown, key = ""): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value !== null && typeof value === "object") {
      const entries = Object.entries(value as Record<string, unknown>).filter(([k, v]) => !/Time$/.test(k) && !(k === "Value" && typeof v === "string" && /^[0-9a-f-]{36}$/.test(v)));
      return Object.fromEntries(entries.map(([k, v]) => [k, walk(v, k)]));
    }
    if (typeof value === "string" && /^(vpc|rtb|vpngw|cgw|vpnx|rti|vpnr)-[a-z0-9]+$/.test(value)) return placeholder(value, value.split("-")[0]!);
    if (typeof value === "string" && /^(203\.0\.113|198\.51\.100)\.\d+$/.test(value)) return placeholder(value, "gateway address");
    if (key === "RouteId" && typeof value === "number") return placeholder(String(value), "route");
    return value;
  };
  const { vpcs: _vpcs, ...state } = emu.state();
  return JSON.stringify(walk(state), null, 1);
}

/** The foreign objects as the API shows them, in full. */
function foreignObjects(emu: TencentVpcEmulator, ids: string[]): string[] {
  const s = emu.state();
  const all: unknown[] = [...s.vpnGateways, ...s.customerGateways, ...s.vpnConnections, ...s.routeTables.flatMap((t) => t.RouteSet ?? []), ...s.vpnGatewayRoutes];
  return ids.map((id) => JSON.stringify(all.find((o) => Object.values(o as object).includes(id)) ?? `${id} is gone`));
}

/** Ids the cloud holds now, of every kind. */
function liveIds(emu: TencentVpcEmulator): Set<string> {
  const s = emu.state();
  return new Set([
    ...s.vpnGateways.map((g) => g.VpnGatewayId ?? ""),
    ...s.customerGateways.map((g) => g.CustomerGatewayId ?? ""),
    ...s.vpnConnections.map((c) => c.VpnConnectionId ?? ""),
    ...s.routeTables.flatMap((t) => (t.RouteSet ?? []).map((r) => r.RouteItemId ?? "")),
    ...s.vpnGatewayRoutes.map((r) => r.RouteId ?? ""),
  ]);
}

/** Arms `kind` on the emulator the moment the occurrence-th call of the action (counted from now) arrives. */
export function aim(emu: TencentVpcEmulator, step: Step, kind: TencentFault, persistence: Persistence = "once"): void {
  const base = emu.calls[step.command] ?? 0;
  let count = base;
  // The emulator counts a call on arrival, before it looks for armed faults: arming from the count hits exactly it.
  Object.defineProperty(emu.calls, step.command, {
    configurable: true,
    enumerable: true,
    get: () => count,
    set: (value: number) => {
      count = value;
      if (value === base + step.occurrence) emu.injectFault({ action: step.command, kind, times: persistence === "once" ? 1 : 1000, ...(kind === "slow" ? { delayMs: SLOW_MS } : {}) });
    },
  });
}

/** What the first run's error must say happened, per fault. */
const WHAT_HAPPENED: Record<TencentFault, RegExp> = {
  RequestLimitExceeded: /RequestLimitExceeded/,
  InternalError: /InternalError/,
  http502: /HTTP 502/,
  http503: /HTTP 503/,
  slow: /no answer/,
  // The client cannot tell a drop from a lost response: "no answer", with the socket's fate as node reports it.
  drop: /no answer: .*(socket hang up|ECONNRESET)/,
  lostResponse: /no answer/,
  taskFailed: /FAILED|_ERROR|rolled the change back|task failed/,
  emptyVpnConnectionId: /without an id/,
};

export async function reference(resource: Resource, operation: Operation): Promise<string> {
  const w = await world(resource, operation);
  try {
    await w.run();
    return cloudObjects(w.emu);
  } finally {
    await w.stop();
  }
}

/** Runs one cell: the operation with the fault aimed at the step, then (if it failed) the rerun; checks the outcome. */
export async function runTencentCell(resource: Resource, operation: Operation, step: Step, fault: TencentFault, persistence: Persistence, expected: string): Promise<CellResult> {
  const w = await world(resource, operation);
  const problems: string[] = [];
  let message: string | undefined;
  try {
    const foreign = foreignObjects(w.emu, w.foreignIds);
    aim(w.emu, step, fault, persistence);
    let ran: Ran | undefined;
    try {
      ran = await w.run();
    } catch (error) {
      const e = error as Error & { id?: string; properties?: Outs };
      message = e.message;
      w.emu.clearFaults();
      if (!clearMessage(message)) problems.push(`the error does not say a rerun is safe: ${message}`);
      if (!WHAT_HAPPENED[fault].test(message)) problems.push(`the error does not say what happened (${WHAT_HAPPENED[fault]}): ${message}`);
      problems.push(...secretProblems(SECRETS, message, "the error"));
      // The engine records a create that failed with an id (partially created); the rerun then updates it.
      const partial = e.id ? { id: e.id, outs: e.properties ?? {} } : undefined;
      ran = await w.run(partial).catch((rerun: Error) => void problems.push(`the rerun failed: ${rerun.message}`));
    }
    if (!w.emu.firedFaults.some((f) => f.action === step.command && f.kind === fault)) problems.push(`the fault never fired: ${step.name} was not called`);
    const objects = cloudObjects(w.emu);
    if (objects !== expected) problems.push(`not converged:\n${diffLines(expected, objects)}`);
    if (ran) {
      const live = liveIds(w.emu);
      const ghosts = w.recordedIds(ran).filter((id) => !live.has(id));
      if (ghosts.length > 0) problems.push(`the recorded ids ${ghosts.join(", ")} are not the live objects`);
    }
    const after = foreignObjects(w.emu, w.foreignIds);
    if (JSON.stringify(after) !== JSON.stringify(foreign)) problems.push(`objects we do not own changed: ${after.filter((o) => !foreign.includes(o)).join(" ")}`);
  } finally {
    await w.stop();
  }
  return { side: "tencent", operation: `${resource} ${operation}`, step: step.name, fault: label(fault, persistence), outcome: message === undefined ? "retried" : "rerun", ...(message === undefined ? {} : { message }), problems };
}

function diffLines(expected: string, got: string): string {
  const a = expected.split("\n");
  const b = got.split("\n");
  return [...a.filter((l) => !b.includes(l)).map((l) => `  - ${l}`), ...b.filter((l) => !a.includes(l)).map((l) => `  + ${l}`)].slice(0, 30).join("\n");
}

const TITLES: Record<TencentFault, string> = {
  RequestLimitExceeded: "RequestLimitExceeded",
  InternalError: "InternalError",
  http502: "HTTP 502",
  http503: "HTTP 503",
  slow: "slow (beyond the timeout)",
  drop: "drop",
  lostResponse: "lost response",
  taskFailed: "task FAILED",
  emptyVpnConnectionId: "empty VpnConnectionId",
};

/** The fault's label in results and the doc: the kind, marked when it persists. */
export const label = (kind: TencentFault, persistence: Persistence): string => (persistence === "once" ? kind : `${kind} (always)`);

/** One column per kind; a kind that can persist shows once / always. */
export const TENCENT_COLUMNS: Column[] = TENCENT_FAULTS.map((kind) => ({
  title: TITLES[kind],
  faults: persistences(kind).map((p) => label(kind, p)),
  names: persistences(kind).map((p) => (persistences(kind).length > 1 ? `${TITLES[kind]}, ${p}` : TITLES[kind])),
}));

export const tencentTable = (resource: Resource, operation: Operation, steps: Step[]): Table => ({
  operation: `${resource} ${operation}`,
  steps,
  columns: TENCENT_COLUMNS,
  applies: (step, fault) => applies(fault.replace(" (always)", "") as TencentFault, step.command),
});
