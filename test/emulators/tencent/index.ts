// Tencent Cloud VPC API emulator (2017-03-12) for tests and the lab: the public face. Listens on 127.0.0.1 only,
// checks TC3 signatures, serves the VPN/route actions in actions/, and offers hooks (faults, NetStatus, clock).
import type {
  CustomerGateway,
  RouteTable,
  Vpc,
  VpnConnection,
  VpnGateway,
  VpnGatewayRoute,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { ASYNC_ACTIONS, type EmulatorSettings } from "./actions";
import { dispatch } from "./dispatch";
import { FaultQueue, type FiredFault, type TencentFault } from "./faults";
import { listen, LOOPBACK, type Listener } from "./http";
import { describeIdFormat, isWellFormedId } from "./ids";
import { Store, type NetStatus } from "./store";
import { apiTime, connectionView, customerGatewayView, gatewayRouteView, gatewayView, routeTableView } from "./views";

export type { TencentFault, TencentFaultKind, FiredFault } from "./faults";
export { FAULT_KINDS } from "./faults";
export { ACTIONS, ASYNC_ACTIONS } from "./actions";

export interface TencentEmulatorOptions {
  /** Default "AKIDtest". */
  secretId?: string;
  /** Default "test-secret-key". */
  secretKey?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** How long a new gateway stays PENDING; default 0 (AVAILABLE from the next call on). */
  gatewayPendingMs?: number;
  /** How long a new or modified connection stays PENDING; default 0. */
  connectionPendingMs?: number;
  /** How long a deleted gateway or connection stays DELETING; default 0. */
  deletingMs?: number;
  /** Default "ap-guangzhou"; requests for another region are refused. */
  region?: string;
  /** Milliseconds since the epoch; drives both signature expiry and state changes. Default Date.now. */
  clock?: () => number;
  /** Addition: the Version new gateways report; "4.0" enables GCM ciphers. Default "2.0". */
  gatewayVersion?: string;
  /** Addition: NetStatus of new connections until setNetStatus changes it. Default "UNAVAILABLE". */
  initialNetStatus?: NetStatus;
  /** Addition: VPCs to seed (same as calling addVpc for each). */
  vpcs?: ReadonlyArray<{ vpcId?: string; cidrBlock: string; name?: string }>;
}

export interface TencentEmulatorState {
  vpcs: Vpc[];
  vpnGateways: VpnGateway[];
  customerGateways: CustomerGateway[];
  vpnConnections: VpnConnection[];
  routeTables: RouteTable[];
  vpnGatewayRoutes: VpnGatewayRoute[];
}

function nonNegative(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number of milliseconds, got ${value}`);
  return v;
}

export class TencentVpcEmulator {
  readonly secretId: string;
  readonly secretKey: string;
  readonly region: string;
  /** Requests received per X-TC-Action (counted on arrival, whatever their fate). */
  readonly calls: Record<string, number> = {};
  private readonly store = new Store();
  private readonly faults = new FaultQueue((kind, action) => kind !== "taskFailed" || ASYNC_ACTIONS.includes(action));
  private listener: Listener | undefined;
  private boundPort = 0;

  private constructor(
    opts: TencentEmulatorOptions,
    settings: EmulatorSettings,
    private readonly clock: () => number,
  ) {
    this.secretId = opts.secretId ?? "AKIDtest";
    this.secretKey = opts.secretKey ?? "test-secret-key";
    this.region = settings.region;
  }

  /** The TCP port served (kept after stop()). */
  get port(): number {
    return this.boundPort;
  }

  /** "127.0.0.1:PORT", ready for the SDK's httpProfile.endpoint (with protocol "http://"). */
  get endpoint(): string {
    return `${LOOPBACK}:${this.boundPort}`;
  }

  static async start(opts: TencentEmulatorOptions = {}): Promise<TencentVpcEmulator> {
    const settings: EmulatorSettings = {
      region: opts.region ?? "ap-guangzhou",
      gatewayPendingMs: nonNegative("gatewayPendingMs", opts.gatewayPendingMs),
      connectionPendingMs: nonNegative("connectionPendingMs", opts.connectionPendingMs),
      deletingMs: nonNegative("deletingMs", opts.deletingMs),
      gatewayVersion: opts.gatewayVersion ?? "2.0",
      initialNetStatus: opts.initialNetStatus ?? "UNAVAILABLE",
    };
    const emulator = new TencentVpcEmulator(opts, settings, opts.clock ?? Date.now);
    for (const vpc of opts.vpcs ?? []) emulator.addVpc(vpc);
    const secrets = new Map([[emulator.secretId, emulator.secretKey]]);
    const deps = { store: emulator.store, faults: emulator.faults, settings, secrets, clock: emulator.clock, calls: emulator.calls };
    const listener = await listen(opts.port ?? 0, (call) => dispatch(call, deps));
    emulator.listener = listener;
    emulator.boundPort = listener.port;
    return emulator;
  }

  /** Seeds a VPC with its default (main) route table; ids are generated unless given. */
  addVpc(v: { vpcId?: string; cidrBlock: string; name?: string }): { vpcId: string; routeTableId: string } {
    if (v.vpcId !== undefined && !isWellFormedId("vpc", v.vpcId)) throw new Error(`addVpc: vpcId ${v.vpcId} is not ${describeIdFormat("vpc")}`);
    const vpcId = v.vpcId ?? this.store.newId("vpc");
    const routeTableId = this.store.newId("routeTable");
    this.store.addVpc({ vpcId, cidrBlock: v.cidrBlock, name: v.name ?? vpcId, routeTableId, now: this.clock() });
    return { vpcId, routeTableId };
  }

  injectFault(f: TencentFault): void {
    this.faults.arm(f);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Addition: every fault that took effect, in order. */
  get firedFaults(): readonly FiredFault[] {
    return this.faults.fired;
  }

  resetCalls(): void {
    for (const key of Object.keys(this.calls)) delete this.calls[key];
  }

  /** The lab's hook: whether the tunnel is up, as DescribeVpnConnections reports it once the connection is AVAILABLE. */
  setNetStatus(vpnConnectionId: string, netStatus: NetStatus): void {
    const connection = this.store.connections.get(vpnConnectionId);
    if (!connection) throw new Error(`setNetStatus: no VPN connection ${vpnConnectionId}`);
    if (netStatus !== "AVAILABLE" && netStatus !== "UNAVAILABLE") throw new Error(`setNetStatus: ${String(netStatus)} is not AVAILABLE or UNAVAILABLE`);
    connection.netStatus = netStatus;
  }

  /** Everything, shaped as Describe* would return it at the emulator's current time. */
  state(): TencentEmulatorState {
    this.store.tick(this.clock());
    const s = this.store;
    return {
      vpcs: [...s.vpcs.values()].map((v) => ({ VpcId: v.vpcId, VpcName: v.name, CidrBlock: v.cidr.text, IsDefault: false, CreatedTime: apiTime(v.createdAt) })),
      vpnGateways: [...s.gateways.values()].map(gatewayView),
      customerGateways: [...s.customerGateways.values()].map(customerGatewayView),
      vpnConnections: [...s.connections.values()].map(connectionView),
      routeTables: [...s.routeTables.values()].map((t) => routeTableView(t)),
      vpnGatewayRoutes: [...s.gatewayRoutes.values()].map(gatewayRouteView),
    };
  }

  async stop(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    await listener?.close();
  }
}
