// Test support (not a test): the emulator with the article's VPC, the five Tencent providers configured against it
// exactly as the provider host configures them (configure() with a stack config), and call counting.
import type * as pulumi from "@pulumi/pulumi";
import { VpnConnectionProvider } from "../../../src/tencent/connection";
import { CustomerGatewayProvider } from "../../../src/tencent/customer-gateway";
import { createVpnConnectionRequest } from "../../../src/tencent/dialect";
import { VpnGatewayProvider } from "../../../src/tencent/gateway";
import { VpnGatewayRoutesProvider } from "../../../src/tencent/gateway-routes";
import { connectionInputsOf, type VpnConnectionInputs } from "../../../src/tencent/connection";
import { VpcRoutesProvider } from "../../../src/tencent/vpc-routes";
import { TencentVpcEmulator, type TencentEmulatorOptions } from "../../emulators/tencent";
import { vpcClient, type VpcClient } from "../../emulators/tencent/sdk-client";
import { exampleSpec } from "../../helpers/specs";

/** Short backoff and timeouts: retries and polls take milliseconds, never seconds. */
export const FAST_SETTINGS: Record<string, string> = {
  "ros-vpc-ipsec:tencentBackoffInitialMs": "5",
  "ros-vpc-ipsec:tencentBackoffMaxMs": "40",
  "ros-vpc-ipsec:tencentRequestTimeoutSeconds": "2",
  "ros-vpc-ipsec:tencentWaitTimeoutSeconds": "20",
};

/** The article's VPC network holds cloudCidrs 10.100.1.0/24. */
export const VPC_CIDR = "10.100.0.0/16";
/** A key easy to spot in any text it must never reach. */
export const SECRET_PSK = "Psk-never-in-clear-7Qx93LmZ";

export function fakeConfig(values: Record<string, string>): pulumi.dynamic.Config {
  return {
    get: (key) => values[key],
    require: (key) => {
      const value = values[key];
      if (value === undefined) throw new Error(`Missing required configuration key: ${key}`);
      return value;
    },
  };
}

/** The stack config a program would have for this emulator. */
export function stackConfig(emu: TencentVpcEmulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "tencentcloud:secretId": emu.secretId,
    "tencentcloud:secretKey": emu.secretKey,
    "tencentcloud:region": emu.region,
    "ros-vpc-ipsec:tencentEndpoint": emu.endpoint,
    ...FAST_SETTINGS,
    ...extra,
  };
}

export interface Providers {
  gateway: VpnGatewayProvider;
  customerGateway: CustomerGatewayProvider;
  connection: VpnConnectionProvider;
  vpcRoutes: VpcRoutesProvider;
  gatewayRoutes: VpnGatewayRoutesProvider;
}

export async function configuredProviders(emu: TencentVpcEmulator, extra: Record<string, string> = {}): Promise<Providers> {
  const providers: Providers = {
    gateway: new VpnGatewayProvider(),
    customerGateway: new CustomerGatewayProvider(),
    connection: new VpnConnectionProvider(),
    vpcRoutes: new VpcRoutesProvider(),
    gatewayRoutes: new VpnGatewayRoutesProvider(),
  };
  const config = fakeConfig(stackConfig(emu, extra));
  for (const provider of Object.values(providers)) await provider.configure({ config });
  return providers;
}

export interface Cloud {
  emu: TencentVpcEmulator;
  client: VpcClient;
  vpcId: string;
  routeTableId: string;
  providers: Providers;
  /** API calls received since the last mark(), per action (only the non-zero ones). */
  callsSinceMark(): Record<string, number>;
  mark(): void;
  stop(): Promise<void>;
}

export async function cloud(opts: TencentEmulatorOptions = {}, extra: Record<string, string> = {}): Promise<Cloud> {
  const emu = await TencentVpcEmulator.start(opts);
  const { vpcId, routeTableId } = emu.addVpc({ cidrBlock: VPC_CIDR, name: "office" });
  let marked: Record<string, number> = {};
  return {
    emu,
    client: vpcClient(emu),
    vpcId,
    routeTableId,
    providers: await configuredProviders(emu, extra),
    mark: () => void (marked = { ...emu.calls }),
    callsSinceMark: () =>
      Object.fromEntries(Object.entries(emu.calls).map(([k, v]) => [k, v - (marked[k] ?? 0)] as const).filter(([, v]) => v > 0)),
    stop: () => emu.stop(),
  };
}

/** The article's tunnel (examples/article.yaml) as connection inputs for a gateway at `gatewayIp`. */
export function articleConnection(ids: { vpcId: string; vpnGatewayId: string; customerGatewayId: string }, gatewayIp: string, overrides: Record<string, unknown> = {}): VpnConnectionInputs {
  const spec = exampleSpec("article", { cloudGatewayIp: gatewayIp, preSharedKey: SECRET_PSK, ...overrides });
  return { ...connectionInputsOf(createVpnConnectionRequest(spec, ids, gatewayIp)), preSharedKey: spec.preSharedKey };
}

/** Creates a gateway and a customer gateway through the providers; returns their ids and the gateway's address. */
export async function gatewayAndCustomerGateway(c: Cloud, routerIp = "113.87.48.200"): Promise<{ vpnGatewayId: string; customerGatewayId: string; gatewayIp: string }> {
  const gateway = await c.providers.gateway.create({ vpcId: c.vpcId, name: "to_tencent", bandwidthMbps: 5 });
  const customerGateway = await c.providers.customerGateway.create({ name: "to_tencent", ipAddress: routerIp });
  return { vpnGatewayId: gateway.id, customerGatewayId: customerGateway.id, gatewayIp: gateway.outs?.publicIpAddress ?? "" };
}

/** Awaits a promise that must reject; returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; requestId?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; requestId?: string };
  }
  throw new Error("expected a rejection, but the promise resolved");
}
