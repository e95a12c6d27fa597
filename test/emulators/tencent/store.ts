// The emulator's world: VPCs, route tables, VPN gateways, customer gateways, connections, gateway routes and
// asynchronous tasks, with time-driven state changes applied by tick(now). No HTTP, no validation.
import type {
  IKEOptionsSpecification,
  IPSECOptionsSpecification,
  SecurityPolicyDatabase,
  Tag,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { formatIpv4, parseCidr, type Cidr } from "./cidr";
import { ApiError } from "./errors";
import { newId, type IdKind } from "./ids";

export type GatewayState = "PENDING" | "PENDING_ERROR" | "AVAILABLE" | "DELETING" | "DELETING_ERROR";
export type ConnectionState = "PENDING" | "AVAILABLE" | "DELETING";
export type NetStatus = "AVAILABLE" | "UNAVAILABLE";

/** A state change due at a given time; "GONE" removes the resource. */
export interface Transition<S> {
  at: number;
  then: S | "GONE";
}

export interface VpcRecord {
  vpcId: string;
  name: string;
  cidr: Cidr;
  createdAt: number;
}

export interface RouteRecord {
  routeId: number;
  routeItemId: string;
  destination: string;
  gatewayType: string;
  gatewayId: string;
  description: string;
  createdAt: number;
}

export interface RouteTableRecord {
  routeTableId: string;
  vpcId: string;
  name: string;
  main: boolean;
  createdAt: number;
  routes: RouteRecord[];
  tags: Tag[];
}

export interface GatewayRecord {
  vpnGatewayId: string;
  vpcId: string;
  name: string;
  type: string;
  chargeType: string;
  bandwidth: number;
  zone: string;
  tags: Tag[];
  /** Allocated at creation, shown once the gateway is AVAILABLE. */
  publicIp: string;
  version: string;
  bgpAsn: number;
  createdAt: number;
  state: GatewayState;
  transition?: Transition<GatewayState>;
}

export interface CustomerGatewayRecord {
  customerGatewayId: string;
  name: string;
  ipAddress: string;
  bgpAsn: number;
  tags: Tag[];
  createdAt: number;
}

/** Everything ModifyVpnConnectionAttribute may change. */
export interface ConnectionConfig {
  name: string;
  preShareKey: string;
  customerGatewayId: string;
  spd: SecurityPolicyDatabase[];
  ike: Required<IKEOptionsSpecification>;
  ipsec: Required<IPSECOptionsSpecification>;
  negotiationType: string;
  dpdEnable: number;
  dpdTimeout: string;
  dpdAction: string;
  enableHealthCheck: boolean;
  healthCheckLocalIp: string;
  healthCheckRemoteIp: string;
}

export interface ConnectionRecord {
  vpnConnectionId: string;
  vpcId: string;
  vpnGatewayId: string;
  routeType: string;
  tags: Tag[];
  createdAt: number;
  config: ConnectionConfig;
  netStatus: NetStatus;
  state: ConnectionState;
  /** `revertTo` is restored when a modification's task fails. */
  transition?: Transition<ConnectionState> & { revertTo?: ConnectionConfig };
}

export interface GatewayRouteRecord {
  routeId: string;
  vpnGatewayId: string;
  destination: string;
  instanceType: string;
  instanceId: string;
  priority: number;
  status: string;
  createdAt: number;
  updatedAt: number;
}

export interface TaskRecord {
  taskId: string;
  action: string;
  doneAt: number;
  outcome: "SUCCESS" | "FAILED";
}

/** Gateway public addresses come from the documentation ranges (RFC 5737), never from real space. */
const PUBLIC_IP_POOLS = ["203.0.113.0/24", "198.51.100.0/24"];

export class Store {
  readonly vpcs = new Map<string, VpcRecord>();
  readonly routeTables = new Map<string, RouteTableRecord>();
  readonly gateways = new Map<string, GatewayRecord>();
  readonly customerGateways = new Map<string, CustomerGatewayRecord>();
  readonly connections = new Map<string, ConnectionRecord>();
  readonly gatewayRoutes = new Map<string, GatewayRouteRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  private nextRouteId = 100001;
  private ipCursor = 0;
  private readonly usedIps = new Set<string>();

  private taken = (id: string): boolean =>
    [this.vpcs, this.routeTables, this.gateways, this.customerGateways, this.connections, this.gatewayRoutes].some((m) => m.has(id)) ||
    [...this.routeTables.values()].some((t) => t.routes.some((r) => r.routeItemId === id));

  newId(kind: IdKind): string {
    return newId(kind, this.taken);
  }

  newRouteId(): number {
    return this.nextRouteId++;
  }

  allocatePublicIp(): string {
    for (; this.ipCursor < PUBLIC_IP_POOLS.length * 254; this.ipCursor++) {
      const pool = parseCidr(PUBLIC_IP_POOLS[Math.floor(this.ipCursor / 254)] ?? "");
      const ip = formatIpv4((pool?.network ?? 0) + (this.ipCursor % 254) + 1);
      if (!this.usedIps.has(ip)) {
        this.usedIps.add(ip);
        return ip;
      }
    }
    throw new ApiError("ResourceInsufficient", "No public IP address is left in the emulator's TEST-NET pools.");
  }

  addVpc(args: { vpcId: string; cidrBlock: string; name: string; routeTableId: string; now: number }): void {
    const cidr = parseCidr(args.cidrBlock);
    if (!cidr) throw new Error(`addVpc: ${args.cidrBlock} is not an IPv4 CIDR block`);
    if (this.taken(args.vpcId)) throw new Error(`addVpc: ${args.vpcId} already exists`);
    this.vpcs.set(args.vpcId, { vpcId: args.vpcId, name: args.name, cidr, createdAt: args.now });
    this.routeTables.set(args.routeTableId, {
      routeTableId: args.routeTableId,
      vpcId: args.vpcId,
      name: "default",
      main: true,
      createdAt: args.now,
      routes: [],
      tags: [],
    });
  }

  /** Applies every state change due at `now`. */
  tick(now: number): void {
    for (const gateway of [...this.gateways.values()]) {
      const due = gateway.transition;
      if (!due || due.at > now) continue;
      gateway.transition = undefined;
      if (due.then === "GONE") {
        this.gateways.delete(gateway.vpnGatewayId);
        for (const route of [...this.gatewayRoutes.values()]) {
          if (route.vpnGatewayId === gateway.vpnGatewayId) this.gatewayRoutes.delete(route.routeId);
        }
      } else {
        gateway.state = due.then;
      }
    }
    for (const connection of [...this.connections.values()]) {
      const due = connection.transition;
      if (!due || due.at > now) continue;
      connection.transition = undefined;
      if (due.revertTo) connection.config = due.revertTo;
      if (due.then === "GONE") this.connections.delete(connection.vpnConnectionId);
      else connection.state = due.then;
    }
  }

  recordTask(task: TaskRecord): void {
    this.tasks.set(task.taskId, task);
  }
}
