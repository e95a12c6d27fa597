// Test support (not a test): an emulator seeded with one VPC, an SDK client for it, a hand-driven clock, and
// builders for the usual resources. Tests that need another shape start their own emulator.
import { TencentVpcEmulator, type TencentEmulatorOptions } from "./index";
import { vpcClient, type VpcClient } from "./sdk-client";

export const VPC_CIDR = "10.0.0.0/16";
export const ROUTER_IP = "192.0.2.10";
export const ROUTER_LAN = "192.168.88.0/24";

/** A clock the test moves by hand; it starts at the real time so SDK signatures stay fresh. */
export function manualClock(start = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface World {
  emu: TencentVpcEmulator;
  client: VpcClient;
  vpcId: string;
  routeTableId: string;
  /** Creates a gateway and (with pending time 0) lets the next call see it AVAILABLE. */
  gateway(name?: string, extra?: Record<string, unknown>): Promise<string>;
  customerGateway(ip?: string, name?: string): Promise<string>;
  connection(gatewayId: string, customerGatewayId: string, extra?: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

export async function world(opts: TencentEmulatorOptions = {}): Promise<World> {
  const emu = await TencentVpcEmulator.start(opts);
  const { vpcId, routeTableId } = emu.addVpc({ cidrBlock: VPC_CIDR, name: "main" });
  const client = vpcClient(emu);
  const w: World = {
    emu,
    client,
    vpcId,
    routeTableId,
    async gateway(name = "gw", extra = {}) {
      const r = await client.request("CreateVpnGateway", { VpcId: vpcId, VpnGatewayName: name, InternetMaxBandwidthOut: 5, ...extra });
      return r.VpnGateway.VpnGatewayId as string;
    },
    async customerGateway(ip = ROUTER_IP, name = "router") {
      const r = await client.CreateCustomerGateway({ CustomerGatewayName: name, IpAddress: ip });
      return r.CustomerGateway?.CustomerGatewayId ?? "";
    },
    async connection(gatewayId, customerGatewayId, extra = {}) {
      const r = await client.request("CreateVpnConnection", {
        VpnGatewayId: gatewayId,
        CustomerGatewayId: customerGatewayId,
        VpcId: vpcId,
        VpnConnectionName: "tunnel",
        PreShareKey: "s3cret-psk",
        SecurityPolicyDatabases: [{ LocalCidrBlock: VPC_CIDR, RemoteCidrBlock: [ROUTER_LAN] }],
        ...extra,
      });
      return r.VpnConnection.VpnConnectionId as string;
    },
    stop: () => emu.stop(),
  };
  return w;
}
