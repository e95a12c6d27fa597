// A minimal Alibaba Cloud VPC API emulator (RPC style, 2016-04-28) for doctor's tests: listens on 127.0.0.1 only (an
// ephemeral port), checks every request's HMAC-SHA1 signature, timestamp and nonce and refuses with Alibaba's error
// body, serves the read-only actions doctor calls from seeded state, and can throttle or hold back answers.
import { randomUUID } from "node:crypto";
import type { IncomingCall, Outcome } from "../tencent/dispatch";
import { listen, type Listener } from "../tencent/http";
import { ACTIONS, AliError, perform, type AliAction, type AliCustomerGateway, type AliIkeConfig, type AliIpsecConfig, type AliState, type AliVpnConnection, type AliVpnGateway } from "./actions";
import { signatureMatches, stringToSign } from "./signature";

export type { AliState, AliVpnConnection, AliIkeConfig, AliIpsecConfig, AliTunnelOptions } from "./actions";

export const API_VERSION = "2016-04-28";
/** A Timestamp is valid for 31 minutes, as Alibaba's signature documentation (V2, RPC) says. */
export const MAX_CLOCK_SKEW_MS = 31 * 60 * 1000;

export interface AlicloudEmulatorOptions {
  /** Default "LTAItest". */
  accessKeyId?: string;
  /** Default "test-access-key-secret". */
  accessKeySecret?: string;
  /** Default "cn-hangzhou"; requests for another region are refused. */
  region?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Milliseconds since the epoch, for the Timestamp check. Default Date.now. */
  clock?: () => number;
}

/** "Throttling.User", "Throttling" and "ServiceUnavailable" answer with that Code; "slow" holds the answer back. */
export type AlicloudFault = { action: AliAction | "*"; kind: "Throttling.User" | "Throttling" | "ServiceUnavailable" | "slow"; times?: number; delayMs?: number };

const FAULT_REPLIES: Record<Exclude<AlicloudFault["kind"], "slow">, [number, string]> = {
  "Throttling.User": [400, "Request was denied due to user flow control."],
  Throttling: [400, "Request was denied due to request throttling."],
  ServiceUnavailable: [503, "The request has failed due to a temporary failure of the server."],
};

const COMMON = ["Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"] as const;

export class AlicloudVpcEmulator {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly region: string;
  /** Requests received per Action (counted on arrival, whatever their fate). */
  readonly calls: Record<string, number> = {};
  /** Every request as it arrived (URL and body), to check what crossed the wire. */
  readonly received: string[] = [];
  private readonly store: AliState = { vpnGateways: [], customerGateways: [], vpnConnections: [] };
  private readonly nonces = new Set<string>();
  private faults: Array<Required<Omit<AlicloudFault, "delayMs">> & { delayMs: number }> = [];
  private listener: Listener | undefined;
  private serial = 0;

  private constructor(
    opts: AlicloudEmulatorOptions,
    private readonly clock: () => number,
  ) {
    this.accessKeyId = opts.accessKeyId ?? "LTAItest";
    this.accessKeySecret = opts.accessKeySecret ?? "test-access-key-secret";
    this.region = opts.region ?? "cn-hangzhou";
  }

  static async start(opts: AlicloudEmulatorOptions = {}): Promise<AlicloudVpcEmulator> {
    const emulator = new AlicloudVpcEmulator(opts, opts.clock ?? Date.now);
    emulator.listener = await listen(opts.port ?? 0, (call) => emulator.handle(call));
    return emulator;
  }

  get port(): number {
    return this.listener?.port ?? 0;
  }

  /** "127.0.0.1:PORT", as ros-vpc-ipsec:alicloudEndpoint takes it. */
  get endpoint(): string {
    return `127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await this.listener?.close();
  }

  addVpnGateway(fields: { InternetIp: string } & Partial<Omit<AliVpnGateway, "VpnGatewayId">>): string {
    const id = this.id("vpn");
    this.store.vpnGateways.push({ Name: id, VpcId: "vpc-emulated", Status: "active", Spec: "10M", IpsecVpn: "enable", SslVpn: "disable", CreateTime: this.clock(), ...fields, VpnGatewayId: id });
    return id;
  }

  addCustomerGateway(fields: { IpAddress: string } & Partial<Omit<AliCustomerGateway, "CustomerGatewayId">>): string {
    const id = this.id("cgw");
    this.store.customerGateways.push({ Name: id, Description: "", CreateTime: this.clock(), ...fields, CustomerGatewayId: id });
    return id;
  }

  addVpnConnection(fields: Omit<AliVpnConnection, "VpnConnectionId" | "CreateTime" | "State" | "EffectImmediately"> & Partial<Pick<AliVpnConnection, "State" | "EffectImmediately">>): string {
    const id = this.id("vco");
    this.store.vpnConnections.push({ State: "active", EffectImmediately: true, CreateTime: this.clock(), ...structuredClone(fields), VpnConnectionId: id });
    return id;
  }

  /** A hand edit in the console: fields of the connection, IkeConfig and IpsecConfig merged field by field. */
  updateVpnConnection(id: string, change: Partial<Omit<AliVpnConnection, "IkeConfig" | "IpsecConfig">> & { IkeConfig?: Partial<AliIkeConfig>; IpsecConfig?: Partial<AliIpsecConfig> }): void {
    const connection = this.store.vpnConnections.find((c) => c.VpnConnectionId === id);
    if (!connection) throw new Error(`updateVpnConnection: no connection ${id}`);
    const { IkeConfig, IpsecConfig, ...rest } = change;
    Object.assign(connection, rest);
    if (connection.IkeConfig) Object.assign(connection.IkeConfig, IkeConfig ?? {});
    if (connection.IpsecConfig) Object.assign(connection.IpsecConfig, IpsecConfig ?? {});
  }

  state(): AliState {
    return structuredClone(this.store);
  }

  injectFault(fault: AlicloudFault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`fault.times must be a positive integer, got ${times}`);
    this.faults.push({ action: fault.action, kind: fault.kind, times, delayMs: fault.delayMs ?? 0 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  resetCalls(): void {
    for (const key of Object.keys(this.calls)) delete this.calls[key];
    this.received.length = 0;
  }

  private id(prefix: string): string {
    return `${prefix}-emu${(++this.serial).toString(36).padStart(14, "0")}`;
  }

  private handle(call: IncomingCall): Outcome {
    const requestId = randomUUID().toUpperCase();
    const host = call.headers.host ?? this.endpoint;
    this.received.push(`${call.method} ${call.url}\n${call.body.toString("utf8")}`);
    try {
      const params = this.paramsOf(call);
      if (params.Action) this.calls[params.Action] = (this.calls[params.Action] ?? 0) + 1;
      const action = this.admit(call.method, params);
      const fault = this.takeFault(action);
      if (fault && fault.kind !== "slow") throw new AliError(FAULT_REPLIES[fault.kind][0], fault.kind, FAULT_REPLIES[fault.kind][1]);
      const answer = { RequestId: requestId, ...perform(action, params, this.store) };
      return { kind: "reply", status: 200, contentType: "application/json;charset=utf-8", body: JSON.stringify(answer), delayMs: fault?.delayMs ?? 0 };
    } catch (error) {
      if (!(error instanceof AliError)) throw error;
      const body = { RequestId: requestId, HostId: host, Code: error.code, Message: error.message, Recommend: `https://api.aliyun.com/troubleshoot?q=${error.code}&product=Vpc` };
      return { kind: "reply", status: error.status, contentType: "application/json;charset=utf-8", body: JSON.stringify(body), delayMs: 0 };
    }
  }

  /** The request's parameters: the query of a GET, the form body of a POST (Alibaba takes both). */
  private paramsOf(call: IncomingCall): Record<string, string> {
    const [path = "", query = ""] = call.url.split("?");
    if (path !== "/") throw new AliError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    if (call.method !== "GET" && call.method !== "POST") throw new AliError(400, "UnsupportedHTTPMethod", "This http method is not supported.");
    const form = call.method === "POST" ? call.body.toString("utf8") : query;
    const params: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(form)) {
      if (key in params) throw new AliError(400, "InvalidParameter", `The parameter "${key}" is given twice.`);
      params[key] = value;
    }
    return params;
  }

  /** Everything about the request but its action's own parameters; returns the action. */
  private admit(method: string, params: Record<string, string>): AliAction {
    for (const name of COMMON) if (params[name] === undefined) throw new AliError(400, "MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
    if (params.SignatureMethod !== "HMAC-SHA1" || params.SignatureVersion !== "1.0") throw new AliError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
    if (params.AccessKeyId !== this.accessKeyId) throw new AliError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp!)) throw new AliError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
    if (Math.abs(this.clock() - Date.parse(params.Timestamp!)) > MAX_CLOCK_SKEW_MS) throw new AliError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    if (!signatureMatches(this.accessKeySecret, method, params)) {
      throw new AliError(400, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${stringToSign(method, params)}`);
    }
    if (this.nonces.has(params.SignatureNonce!)) throw new AliError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    this.nonces.add(params.SignatureNonce!);
    if (params.Version !== API_VERSION) throw new AliError(400, "InvalidVersion", `Specified parameter Version is not valid.`);
    const action = ACTIONS.find((a) => a === params.Action);
    if (!action) throw new AliError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    if ((params.Format ?? "XML").toUpperCase() !== "JSON") throw new AliError(400, "InvalidParameter", "emulator: only Format=JSON is served.");
    if (params.RegionId === undefined) throw new AliError(400, "MissingParameter", 'The input parameter "RegionId" that is mandatory for processing this request is not supplied.');
    if (params.RegionId !== this.region) throw new AliError(400, "InvalidRegionId.NotFound", `The specified region ${params.RegionId} does not exist.`);
    return action;
  }

  private takeFault(action: AliAction): (typeof this.faults)[number] | undefined {
    const fault = this.faults.find((f) => f.action === "*" || f.action === action);
    if (!fault) return undefined;
    if (--fault.times === 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }
}
