// VPN connection actions: CreateVpnConnection, DescribeVpnConnections, ModifyVpnConnectionAttribute,
// DeleteVpnConnection, with the SPD rules (local inside the VPC, remote outside it, no clash between tunnels of
// one gateway) and the PENDING/DELETING life cycle. No HTTP.
import type { IKEOptionsSpecification, IPSECOptionsSpecification, SecurityPolicyDatabase, Tag } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { cidrContains, cidrOverlaps, formatIpv4, ipInCidr, parseCidr, parseIpv4, type Cidr } from "../cidr";
import { fail, say } from "../errors";
import { selectPage, type ListSpec } from "../query";
import type { ConnectionConfig, ConnectionRecord, GatewayRecord, VpcRecord } from "../store";
import { common, type Schema } from "../validate";
import { connectionView } from "../views";
import { connectionName, connectionOptionSchema, GCM_GATEWAY_VERSION, preShareKey, resolveIke, resolveIpsec, VOCABULARY } from "./connection-options";
import { find, num, str, type ActionContext, type ActionDef } from "./context";
import { checkTags } from "./gateways";

const HEALTH_CHECK_RANGE = parseCidr("169.254.128.0/17") as Cidr;

const cidr = (text: string): Cidr => parseCidr(text) as Cidr; // only called on schema-checked values

function checkSpd(spd: SecurityPolicyDatabase[], vpc: VpcRecord, gateway: GatewayRecord, ctx: ActionContext, self?: string): void {
  spd.forEach((entry, i) => {
    const local = cidr(entry.LocalCidrBlock);
    if (!cidrContains(vpc.cidr, local)) {
      fail("InvalidParameterValue", `SecurityPolicyDatabases.${i}.LocalCidrBlock ${entry.LocalCidrBlock} is not inside the VPC ${vpc.vpcId} (${vpc.cidr.text}).`);
    }
    for (const remote of entry.RemoteCidrBlock) {
      if (cidrOverlaps(cidr(remote), vpc.cidr)) {
        fail("InvalidParameterValue.VpcCidrConflict", `SecurityPolicyDatabases.${i}.RemoteCidrBlock ${remote} overlaps the VPC ${vpc.vpcId} (${vpc.cidr.text}).`);
      }
    }
    spd.slice(0, i).forEach((earlier, j) => {
      if (cidrOverlaps(cidr(earlier.LocalCidrBlock), local)) {
        fail("UnsupportedOperation.VpnConnSPDOverlap", `SecurityPolicyDatabases.${j} and .${i} have overlapping local blocks (${earlier.LocalCidrBlock}, ${entry.LocalCidrBlock}).`);
      }
    });
  });
  for (const other of ctx.store.connections.values()) {
    if (other.vpnGatewayId !== gateway.vpnGatewayId || other.vpnConnectionId === self) continue;
    for (const mine of spd) {
      for (const theirs of other.config.spd) {
        const clash =
          cidrOverlaps(cidr(mine.LocalCidrBlock), cidr(theirs.LocalCidrBlock)) &&
          mine.RemoteCidrBlock.some((a) => theirs.RemoteCidrBlock.some((b) => cidrOverlaps(cidr(a), cidr(b))));
        if (clash) {
          fail("InvalidParameterValue.VpnConnCidrConflict", `The SPD ${mine.LocalCidrBlock} → ${mine.RemoteCidrBlock.join(",")} clashes with the VPN connection \`${other.vpnConnectionId}\` on the same gateway.`);
        }
      }
    }
  }
}

/** Health-check addresses: given ones must lie in 169.254.128.0/17 and be unused on the gateway; missing ones are picked. */
function healthCheckIps(p: Record<string, unknown>, enabled: boolean, gateway: GatewayRecord, ctx: ActionContext, self?: string): [string, string] {
  if (!enabled) return [str(p, "HealthCheckLocalIp") ?? "", str(p, "HealthCheckRemoteIp") ?? ""];
  const used = new Set<string>();
  for (const c of ctx.store.connections.values()) {
    if (c.vpnGatewayId === gateway.vpnGatewayId && c.vpnConnectionId !== self) used.add(c.config.healthCheckLocalIp).add(c.config.healthCheckRemoteIp);
  }
  const pick = (field: string): string => {
    const given = str(p, field);
    if (given !== undefined) {
      if (!ipInCidr(parseIpv4(given) ?? 0, HEALTH_CHECK_RANGE)) fail("InvalidParameterValue", `${field} ${given} is not inside 169.254.128.0/17.`);
      if (used.has(given)) fail("InvalidParameterValue.VpnConnHealthCheckIpConflict", `${field} ${given} is already used by another tunnel of this gateway.`);
      used.add(given);
      return given;
    }
    let n = 1;
    while (used.has(formatIpv4(HEALTH_CHECK_RANGE.network + n))) n++;
    const picked = formatIpv4(HEALTH_CHECK_RANGE.network + n);
    used.add(picked);
    return picked;
  };
  return [pick("HealthCheckLocalIp"), pick("HealthCheckRemoteIp")];
}

function gatewayFor(ctx: ActionContext, id: string): GatewayRecord {
  const gateway = find.gateway(ctx, id);
  if (gateway.state !== "AVAILABLE") fail("UnsupportedOperation.InvalidState", `The VPN gateway \`${id}\` is ${gateway.state}, not AVAILABLE.`);
  return gateway;
}

function createVpnConnection(ctx: ActionContext, p: Record<string, unknown>) {
  const gateway = gatewayFor(ctx, str(p, "VpnGatewayId") ?? "");
  const vpcId = str(p, "VpcId");
  if (!vpcId) fail("UnsupportedOperation.VpnGwVpcIdMustHave", `The VPN gateway \`${gateway.vpnGatewayId}\` is a VPC gateway: VpcId is required.`);
  const vpc = find.vpc(ctx, vpcId ?? "");
  if (vpc.vpcId !== gateway.vpcId) fail("UnsupportedOperation.VpcMismatch", `The VPN gateway \`${gateway.vpnGatewayId}\` belongs to ${gateway.vpcId}, not ${vpc.vpcId}.`);
  const customerGateway = find.customerGateway(ctx, str(p, "CustomerGatewayId") ?? "");
  const routeType = str(p, "RouteType") ?? "STATIC";
  if (routeType === "Bgp" && p["BgpConfig"] === undefined) fail("MissingParameter", say.missing("BgpConfig") + " It is required when RouteType is Bgp.");
  const spd = (p["SecurityPolicyDatabases"] as SecurityPolicyDatabase[] | undefined) ?? [];
  checkSpd(spd, vpc, gateway, ctx);
  const enableHealthCheck = (p["EnableHealthCheck"] as boolean | undefined) ?? false;
  const [healthCheckLocalIp, healthCheckRemoteIp] = healthCheckIps(p, enableHealthCheck, gateway, ctx);
  const config: ConnectionConfig = {
    name: str(p, "VpnConnectionName") ?? "",
    preShareKey: str(p, "PreShareKey") ?? "",
    customerGatewayId: customerGateway.customerGatewayId,
    spd: spd.map((s) => ({ LocalCidrBlock: s.LocalCidrBlock, RemoteCidrBlock: [...s.RemoteCidrBlock] })),
    ike: resolveIke(p["IKEOptionsSpecification"] as IKEOptionsSpecification | undefined, {
      gatewayIp: gateway.publicIp,
      customerGatewayIp: customerGateway.ipAddress,
      gatewayVersion: gateway.version,
    }),
    ipsec: resolveIpsec(p["IPSECOptionsSpecification"] as IPSECOptionsSpecification | undefined, gateway.version),
    negotiationType: str(p, "NegotiationType") ?? "active",
    dpdEnable: num(p, "DpdEnable") ?? 0,
    dpdTimeout: str(p, "DpdTimeout") ?? "30",
    dpdAction: str(p, "DpdAction") ?? "restart",
    enableHealthCheck,
    healthCheckLocalIp,
    healthCheckRemoteIp,
  };
  const record: ConnectionRecord = {
    vpnConnectionId: ctx.store.newId("vpnConnection"),
    vpcId: vpc.vpcId,
    vpnGatewayId: gateway.vpnGatewayId,
    routeType,
    tags: checkTags(p["Tags"] as Tag[] | undefined),
    createdAt: ctx.now,
    config,
    netStatus: ctx.settings.initialNetStatus,
    state: "PENDING",
    transition: { at: ctx.now + ctx.settings.connectionPendingMs, then: ctx.taskFails ? "GONE" : "AVAILABLE" },
  };
  ctx.store.connections.set(record.vpnConnectionId, record);
  ctx.store.recordTask({ taskId: ctx.requestId, action: "CreateVpnConnection", doneAt: ctx.now + ctx.settings.connectionPendingMs, outcome: ctx.taskFails ? "FAILED" : "SUCCESS" });
  const view = connectionView(record);
  return { VpnConnection: ctx.emptyConnectionId ? { ...view, VpnConnectionId: "" } : view };
}

export const connectionListSpec: ListSpec<ConnectionRecord> = {
  idsParam: "VpnConnectionIds",
  idOf: (c) => c.vpnConnectionId,
  kindName: "VPN connection",
  filters: {
    "vpc-id": (c) => [c.vpcId],
    "vpn-gateway-id": (c) => [c.vpnGatewayId],
    "customer-gateway-id": (c) => [c.config.customerGatewayId],
    "vpn-connection-name": (c) => [c.config.name],
    "vpn-connection-id": (c) => [c.vpnConnectionId],
  },
  tags: (c) => c.tags,
};

function modifyVpnConnection(ctx: ActionContext, p: Record<string, unknown>) {
  const connection = find.connection(ctx, str(p, "VpnConnectionId") ?? "");
  if (connection.state !== "AVAILABLE") {
    fail("UnsupportedOperation.VpnConnInvalidState", `The VPN connection \`${connection.vpnConnectionId}\` is ${connection.state}; it can be modified only when AVAILABLE.`);
  }
  const gateway = find.gateway(ctx, connection.vpnGatewayId);
  const old = connection.config;
  let customerGateway = find.customerGateway(ctx, old.customerGatewayId);
  const newCustomerGatewayId = str(p, "CustomerGatewayId");
  if (newCustomerGatewayId !== undefined && newCustomerGatewayId !== old.customerGatewayId) {
    if (gateway.version !== GCM_GATEWAY_VERSION) fail("UnsupportedOperation", `Changing CustomerGatewayId needs a ${GCM_GATEWAY_VERSION} gateway; \`${gateway.vpnGatewayId}\` is version ${gateway.version}.`);
    customerGateway = find.customerGateway(ctx, newCustomerGatewayId);
  }
  const spd = p["SecurityPolicyDatabases"] as SecurityPolicyDatabase[] | undefined;
  if (spd) checkSpd(spd, find.vpc(ctx, connection.vpcId), gateway, ctx, connection.vpnConnectionId);
  const ike = p["IKEOptionsSpecification"] as IKEOptionsSpecification | undefined;
  const ipsec = p["IPSECOptionsSpecification"] as IPSECOptionsSpecification | undefined;
  const enableHealthCheck = (p["EnableHealthCheck"] as boolean | undefined) ?? old.enableHealthCheck;
  const healthCheckChanged = p["EnableHealthCheck"] !== undefined || p["HealthCheckLocalIp"] !== undefined || p["HealthCheckRemoteIp"] !== undefined;
  const [healthCheckLocalIp, healthCheckRemoteIp] = healthCheckChanged
    ? healthCheckIps(p, enableHealthCheck, gateway, ctx, connection.vpnConnectionId)
    : [old.healthCheckLocalIp, old.healthCheckRemoteIp];
  connection.config = {
    name: str(p, "VpnConnectionName") ?? old.name,
    preShareKey: str(p, "PreShareKey") ?? old.preShareKey,
    customerGatewayId: customerGateway.customerGatewayId,
    spd: spd ? spd.map((s) => ({ LocalCidrBlock: s.LocalCidrBlock, RemoteCidrBlock: [...s.RemoteCidrBlock] })) : old.spd,
    ike: ike ? resolveIke(ike, { gatewayIp: gateway.publicIp, customerGatewayIp: customerGateway.ipAddress, gatewayVersion: gateway.version }) : old.ike,
    ipsec: ipsec ? resolveIpsec(ipsec, gateway.version) : old.ipsec,
    negotiationType: str(p, "NegotiationType") ?? old.negotiationType,
    dpdEnable: num(p, "DpdEnable") ?? old.dpdEnable,
    dpdTimeout: str(p, "DpdTimeout") ?? old.dpdTimeout,
    dpdAction: str(p, "DpdAction") ?? old.dpdAction,
    enableHealthCheck,
    healthCheckLocalIp,
    healthCheckRemoteIp,
  };
  connection.state = "PENDING";
  connection.transition = { at: ctx.now + ctx.settings.connectionPendingMs, then: "AVAILABLE", ...(ctx.taskFails ? { revertTo: old } : {}) };
  ctx.store.recordTask({ taskId: ctx.requestId, action: "ModifyVpnConnectionAttribute", doneAt: connection.transition.at, outcome: ctx.taskFails ? "FAILED" : "SUCCESS" });
  return {};
}

function deleteVpnConnection(ctx: ActionContext, p: Record<string, unknown>) {
  const gateway = find.gateway(ctx, str(p, "VpnGatewayId") ?? "");
  const connection = find.connection(ctx, str(p, "VpnConnectionId") ?? "");
  if (connection.vpnGatewayId !== gateway.vpnGatewayId) fail("ResourceNotFound", `The VPN connection \`${connection.vpnConnectionId}\` is not on the VPN gateway \`${gateway.vpnGatewayId}\`.`);
  if (connection.state !== "AVAILABLE") {
    fail("UnsupportedOperation.DeleteVpnConnInvalidState", `The VPN connection \`${connection.vpnConnectionId}\` is ${connection.state} (being created, updated or deleted).`);
  }
  const route = [...ctx.store.gatewayRoutes.values()].find((r) => r.instanceId === connection.vpnConnectionId);
  if (route) fail("ResourceInUse", `The VPN gateway route \`${route.routeId}\` (${route.destination}) still points to \`${connection.vpnConnectionId}\`; delete it first.`);
  connection.state = "DELETING";
  connection.transition = { at: ctx.now + ctx.settings.deletingMs, then: ctx.taskFails ? "AVAILABLE" : "GONE" };
  ctx.store.recordTask({ taskId: ctx.requestId, action: "DeleteVpnConnection", doneAt: connection.transition.at, outcome: ctx.taskFails ? "FAILED" : "SUCCESS" });
  return {};
}

const createSchema: Schema = {
  VpnGatewayId: { type: "string", required: true, id: "vpnGateway" },
  CustomerGatewayId: { type: "string", required: true, id: "customerGateway" },
  VpnConnectionName: { ...connectionName, required: true },
  PreShareKey: { ...preShareKey, required: true },
  VpcId: { type: "string", id: "vpc" },
  ...connectionOptionSchema,
  Tags: common.tags,
  RouteType: { type: "string", oneOf: VOCABULARY.routeType },
  Route: {
    type: "object",
    fields: { DestinationCidrBlock: { type: "string", required: true, format: "cidr" }, Priority: { type: "integer", oneOf: [0, 100] }, Description: { type: "string" } },
  },
};

export const connectionActions: Record<string, ActionDef> = {
  CreateVpnConnection: {
    schema: createSchema,
    async: true,
    run: createVpnConnection,
  },
  DescribeVpnConnections: {
    schema: {
      VpnConnectionIds: { type: "array", maxItems: 100, items: { type: "string", id: "vpnConnection" } },
      Filters: common.filters(),
      Offset: common.offset,
      Limit: common.limit,
    },
    run: (ctx, p) => {
      const { total, page } = selectPage([...ctx.store.connections.values()], p, connectionListSpec);
      return { TotalCount: total, VpnConnectionSet: page.map(connectionView) };
    },
  },
  ModifyVpnConnectionAttribute: {
    schema: {
      VpnConnectionId: { type: "string", required: true, id: "vpnConnection" },
      VpnConnectionName: connectionName,
      PreShareKey: preShareKey,
      ...connectionOptionSchema,
      CustomerGatewayId: { type: "string", id: "customerGateway" },
    },
    async: true,
    run: modifyVpnConnection,
  },
  DeleteVpnConnection: {
    schema: { VpnGatewayId: { type: "string", required: true, id: "vpnGateway" }, VpnConnectionId: { type: "string", required: true, id: "vpnConnection" } },
    async: true,
    run: deleteVpnConnection,
  },
};
