// Applies the negotiation model to the two running emulators: reads the router's rows and the Tencent connection,
// decides with negotiate(), then sets the router's outcome, the cloud's NetStatus and the cloud log file. Loopback only.
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { RouterOsEmulator } from "../routeros";
import type { TencentVpcEmulator } from "../tencent";
import { hostOf } from "./ends";
import { negotiate } from "./negotiate";
import type { CloudSide, NegotiationResult, RosRow, RouterSide, Scenario } from "./types";

/** The RouterOS emulator's default `wanAddress` (it has no getter for it): the router's own WAN address. */
export const EMULATOR_DEFAULT_WAN = "198.51.100.2";

export interface ApplyOptions {
  /** The /ip/ipsec/peer name of the tunnel. */
  peerName: string;
  /** The Tencent connection; by default the only one, or the one whose customer gateway / gateway match the router. */
  vpnConnectionId?: string;
  /** The cloud gateway's log file; lines are appended (parent directories created). */
  cloudLogFile?: string;
  scenario?: Scenario;
  /** The router's own WAN address. Default: the peer's local-address, else the emulator's default wanAddress. */
  routerAddress?: string;
  /** The address the cloud sees (the NAT's public address). Default routerAddress; required behind NAT. */
  routerPublicAddress?: string;
  /** Clock for the cloud log's timestamps. Default Date.now. */
  now?: () => number;
}

const named = (rows: ReadonlyArray<Record<string, string>>, name: string): RosRow | undefined => rows.find((r) => r.name === name);

/** The router's rows for the tunnel, as RouterOS prints them (with the sensitive secret, as rows() shows it). */
function routerSide(emu: RouterOsEmulator, o: ApplyOptions): RouterSide {
  const peer = named(emu.rows("/ip/ipsec/peer"), o.peerName);
  if (!peer) throw new Error(`applyNegotiation: the router has no /ip/ipsec/peer named "${o.peerName}"`);
  const profileName = peer.profile ?? "default";
  const profile = named(emu.rows("/ip/ipsec/profile"), profileName);
  if (!profile) throw new Error(`applyNegotiation: the router has no /ip/ipsec/profile named "${profileName}"`);
  const identity = emu.rows("/ip/ipsec/identity").find((r) => r.peer === o.peerName && r.disabled !== "true");
  const policies = emu.rows("/ip/ipsec/policy").filter((r) => r.peer === o.peerName && r.template !== "true");
  const proposalName = policies.find((p) => p.tunnel === "true")?.proposal ?? "default";
  const proposal = named(emu.rows("/ip/ipsec/proposal"), proposalName);
  if (!proposal) throw new Error(`applyNegotiation: the router has no /ip/ipsec/proposal named "${proposalName}"`);
  const own = o.routerAddress ?? peer["local-address"] ?? EMULATOR_DEFAULT_WAN;
  if (o.scenario?.routerBehindNat && o.routerPublicAddress === undefined) {
    throw new Error("applyNegotiation: a router behind NAT needs routerPublicAddress (the NAT's public address)");
  }
  return { peer, profile, ...(identity ? { identity } : {}), proposal, policies, publicAddress: o.routerPublicAddress ?? own, localAddress: own };
}

/** The Tencent connection of the tunnel, with the two addresses it refers to. */
function cloudSide(emu: TencentVpcEmulator, o: ApplyOptions, router: RouterSide): CloudSide {
  const state = emu.state();
  const gatewayIp = (id?: string): string => state.vpnGateways.find((g) => g.VpnGatewayId === id)?.PublicIpAddress ?? "";
  const customerIp = (id?: string): string => state.customerGateways.find((g) => g.CustomerGatewayId === id)?.IpAddress ?? "";
  const peerAddress = hostOf(router.peer.address ?? "");
  let connection = o.vpnConnectionId === undefined ? undefined : state.vpnConnections.find((c) => c.VpnConnectionId === o.vpnConnectionId);
  if (o.vpnConnectionId !== undefined && !connection) throw new Error(`applyNegotiation: no Tencent VPN connection ${o.vpnConnectionId}`);
  if (!connection) {
    const all = state.vpnConnections;
    const score = (c: (typeof all)[number]): number =>
      Number(customerIp(c.CustomerGatewayId) === router.publicAddress) + Number(gatewayIp(c.VpnGatewayId) === peerAddress);
    const best = Math.max(0, ...all.map(score));
    const candidates = all.length === 1 ? all : all.filter((c) => best > 0 && score(c) === best);
    if (candidates.length !== 1) {
      throw new Error(`applyNegotiation: ${candidates.length || "no"} Tencent connections match peer "${o.peerName}"; pass vpnConnectionId`);
    }
    connection = candidates[0];
  }
  if (!connection) throw new Error("applyNegotiation: no Tencent VPN connection");
  return { connection, gatewayPublicIp: gatewayIp(connection.VpnGatewayId), customerGatewayIp: customerIp(connection.CustomerGatewayId) };
}

/** Tencent's time format in UTC, `2024-05-01 12:34:56`, as the gateway log's timestamp. */
const stamp = (ms: number): string => new Date(ms).toISOString().replace("T", " ").slice(0, 19);

export function applyNegotiation(routerEmu: RouterOsEmulator, tencentEmu: TencentVpcEmulator, options: ApplyOptions): NegotiationResult {
  const router = routerSide(routerEmu, options);
  const cloud = cloudSide(tencentEmu, options, router);
  const result = negotiate(router, cloud, options.scenario);

  if (result.established) {
    for (const line of result.routerLog) routerEmu.appendLog(line.topics, line.message);
    routerEmu.setNegotiation(options.peerName, {
      state: "established",
      initiator: result.initiator === "cloud" ? "remote" : "local",
      natt: result.sas?.natTraversal ?? false,
    });
  } else {
    routerEmu.setNegotiation(options.peerName, { state: "failed", log: result.routerLog });
  }
  const id = cloud.connection.VpnConnectionId;
  if (id) tencentEmu.setNetStatus(id, result.established ? "AVAILABLE" : "UNAVAILABLE");

  if (options.cloudLogFile !== undefined) {
    mkdirSync(dirname(options.cloudLogFile), { recursive: true });
    const when = stamp((options.now ?? Date.now)());
    appendFileSync(options.cloudLogFile, result.cloudLog.map((line) => `${when} ${line}\n`).join(""));
  }
  return result;
}
