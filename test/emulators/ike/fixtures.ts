// Test support (not a test): the article's tunnel written by hand in each platform's own spelling, one-change
// variants of it, and a matcher for log lines with cookies/SPIs/message IDs as placeholders. Never imports src/.
import assert from "node:assert/strict";
import type { CloudSide, NegotiationResult, RosRow, RouterSide } from "../ike";

export const ROUTER_IP = "113.87.48.200";
export const GATEWAY_IP = "119.91.254.122";

/** The router's rows as RouterOS prints them (the seed's profile/peer/identity/proposal/policy). */
export function articleRouter(): RouterSide {
  return {
    peer: { ".id": "*B", name: "to_tencent", address: `${GATEWAY_IP}/32`, port: "500", profile: "to_tencent", "exchange-mode": "main", passive: "false", "send-initial-contact": "true", disabled: "false" },
    profile: { ".id": "*A", name: "to_tencent", "hash-algorithm": "md5", "enc-algorithm": "aes-128", "dh-group": "modp768", "prf-algorithm": "auto", lifetime: "1d", lifebytes: "0", "proposal-check": "obey", "nat-traversal": "true", "dpd-interval": "2m", "dpd-maximum-failures": "5", default: "false" },
    identity: { ".id": "*C", peer: "to_tencent", "auth-method": "pre-shared-key", secret: "123456", "generate-policy": "no", "my-id": "auto", "remote-id": "auto", disabled: "false" },
    proposal: { ".id": "*D", name: "to_tencent", "auth-algorithms": "md5", "enc-algorithms": "aes-128-cbc", lifetime: "30m", "pfs-group": "none", disabled: "false", default: "false" },
    policies: [
      { ".id": "*E", peer: "to_tencent", tunnel: "true", "src-address": "192.168.1.0/24", "src-port": "any", "dst-address": "10.100.1.0/24", "dst-port": "any", protocol: "all", action: "encrypt", level: "require", "ipsec-protocols": "esp", proposal: "to_tencent", template: "false", disabled: "false" },
    ],
    publicAddress: ROUTER_IP,
  };
}

/** The Tencent connection as DescribeVpnConnections returns it, matching the router in Tencent's spelling. */
export function articleCloud(): CloudSide {
  return {
    connection: {
      VpnConnectionId: "vpnx-3t5y7u9i",
      VpnConnectionName: "to_ros",
      VpnGatewayId: "vpngw-8ccsnclt",
      CustomerGatewayId: "cgw-q1rgaawt",
      PreShareKey: "123456",
      RouteType: "STATIC",
      State: "AVAILABLE",
      NegotiationType: "active",
      SecurityPolicyDatabaseSet: [{ LocalCidrBlock: "10.100.1.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }],
      IKEOptionsSpecification: {
        PropoEncryAlgorithm: "AES-CBC-128", PropoAuthenAlgorithm: "MD5", ExchangeMode: "MAIN", LocalIdentity: "ADDRESS", RemoteIdentity: "ADDRESS",
        LocalAddress: GATEWAY_IP, RemoteAddress: ROUTER_IP, LocalFqdnName: "", RemoteFqdnName: "", DhGroupName: "GROUP1", IKESaLifetimeSeconds: 86400, IKEVersion: "IKEV1",
      },
      IPSECOptionsSpecification: { EncryptAlgorithm: "AES-CBC-128", IntegrityAlgorith: "MD5", IPSECSaLifetimeSeconds: 1800, PfsDhGroup: "NULL", IPSECSaLifetimeTraffic: 4096000000 },
    },
    gatewayPublicIp: GATEWAY_IP,
    customerGatewayIp: ROUTER_IP,
  };
}

type Rows = "peer" | "profile" | "identity" | "proposal";

/** The article's router with some fields of one menu's row changed (the others untouched). */
export function router(menu?: Rows, fields: Record<string, string> = {}, extra: Partial<RouterSide> = {}): RouterSide {
  const r = articleRouter();
  if (menu) r[menu] = { ...(r[menu] as RosRow), ...fields };
  return { ...r, ...extra };
}

/** The article's cloud with IKE, IPsec or connection-level fields changed. */
export function cloud(change: { ike?: object; ipsec?: object; connection?: object; customerGatewayIp?: string } = {}): CloudSide {
  const c = articleCloud();
  return {
    ...c,
    connection: {
      ...c.connection,
      ...change.connection,
      IKEOptionsSpecification: { ...c.connection.IKEOptionsSpecification, ...change.ike },
      IPSECOptionsSpecification: { ...c.connection.IPSECOptionsSpecification, ...change.ipsec },
    },
    ...(change.customerGatewayIp ? { customerGatewayIp: change.customerGatewayIp } : {}),
  };
}

/** The same tunnel over IKEv2 (both ends changed together). */
export const ike2Router = (menu?: Rows, fields: Record<string, string> = {}, extra: Partial<RouterSide> = {}): RouterSide => {
  const r = router(menu, fields, extra);
  return { ...r, peer: { ...r.peer, "exchange-mode": "ike2", ...(menu === "peer" ? fields : {}) } };
};
export const ike2Cloud = (change: Parameters<typeof cloud>[0] = {}): CloudSide =>
  cloud({ ...change, ike: { IKEVersion: "IKEV2", ...change.ike } });

const PLACEHOLDERS: Readonly<Record<string, string>> = { "<cookie>": "[0-9a-f]{16}", "<spi>": "[0-9a-f]{8}", "<msgid>": "\\d+" };

function pattern(expected: string): RegExp {
  const escaped = expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/<cookie>|<spi>|<msgid>/g, (p) => PLACEHOLDERS[p] ?? p)}$`);
}

function matchAll(what: string, actual: readonly string[], expected: readonly string[]): void {
  const ok = actual.length === expected.length && expected.every((e, i) => pattern(e).test(actual[i] ?? ""));
  if (!ok) assert.fail(`${what} lines differ.\nexpected:\n  ${expected.join("\n  ")}\nactual:\n  ${actual.join("\n  ")}`);
}

/** The router's /log lines, `topics message`, exactly (placeholders for cookies, SPIs and message IDs). */
export function routerLines(result: NegotiationResult, expected: readonly string[]): void {
  matchAll("router", result.routerLog.map((l) => `${l.topics} ${l.message}`), expected);
}

/** The cloud's lines exactly, with strongSwan's thread numbers dropped (`09[IKE] x` is compared as `[IKE] x`). */
export function cloudLines(result: NegotiationResult, expected: readonly string[]): void {
  matchAll("cloud", result.cloudLog.map((l) => l.replace(/^\d\d\[/, "[")), expected);
}

/** The result's outcome in one comparable object. */
export const outcome = (r: NegotiationResult): { established: boolean; mismatch?: string } => ({
  established: r.established,
  ...(r.mismatch ? { mismatch: r.mismatch } : {}),
});
