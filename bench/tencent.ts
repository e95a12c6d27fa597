// Benchmark (not a test): API calls and wall time of the Tencent side against the emulator, with the providers'
// production retry and polling settings — a full create (the gateway PENDING for a while, as on Tencent), a no-op
// `up` (diffs only) and a key rotation. Loopback only; never talks to Tencent Cloud.
import { createVpnConnectionRequest } from "../src/tencent/dialect";
import { connectionInputsOf, VpnConnectionProvider, type VpnConnectionInputs } from "../src/tencent/connection";
import { CustomerGatewayProvider } from "../src/tencent/customer-gateway";
import { VpnGatewayProvider, type VpnGatewayInputs } from "../src/tencent/gateway";
import { VpcRoutesProvider, type VpcRoutesInputs } from "../src/tencent/vpc-routes";
import { TencentVpcEmulator } from "../test/emulators/tencent";
import { exampleSpec } from "../test/helpers/specs";

export interface Figures {
  /** API calls per action. */
  calls: Record<string, number>;
  totalCalls: number;
  wallMs: number;
}

export interface TencentBench {
  gatewayPendingMs: number;
  fullCreate: Figures;
  noOp: Figures;
  keyRotation: Figures;
}

/** Runs the three scenarios on a fresh emulator whose gateways stay PENDING `gatewayPendingMs`. */
export async function benchTencent(opts: { gatewayPendingMs?: number } = {}): Promise<TencentBench> {
  const gatewayPendingMs = opts.gatewayPendingMs ?? 2000;
  const emu = await TencentVpcEmulator.start({ gatewayPendingMs });
  try {
    const { vpcId, routeTableId } = emu.addVpc({ cidrBlock: "10.100.0.0/16" });
    const config: Record<string, string> = {
      "tencentcloud:secretId": emu.secretId,
      "tencentcloud:secretKey": emu.secretKey,
      "tencentcloud:region": emu.region,
      "ros-vpc-ipsec:tencentEndpoint": emu.endpoint,
    };
    const providers = { gateway: new VpnGatewayProvider(), customerGateway: new CustomerGatewayProvider(), connection: new VpnConnectionProvider(), vpcRoutes: new VpcRoutesProvider() };
    for (const provider of Object.values(providers)) provider.useConfig((key) => config[key], {});
    const spec = exampleSpec("secure");

    const gatewayInputs: VpnGatewayInputs = { vpcId, name: spec.name, bandwidthMbps: 5, type: "IPSEC" };
    const customerGatewayInputs = { name: spec.name, ipAddress: spec.routerPublicIp };
    let connectionInputs: VpnConnectionInputs | undefined;
    let routesInputs: VpcRoutesInputs | undefined;
    type Created<P extends { create(inputs: never): Promise<unknown> }> = Awaited<ReturnType<P["create"]>>;
    let gateway: Created<VpnGatewayProvider> | undefined;
    let customerGateway: Created<CustomerGatewayProvider> | undefined;
    let connection: Created<VpnConnectionProvider> | undefined;
    let routes: Created<VpcRoutesProvider> | undefined;

    const fullCreate = await measure(emu, async () => {
      [gateway, customerGateway] = await Promise.all([providers.gateway.create(gatewayInputs), providers.customerGateway.create(customerGatewayInputs)]);
      const address = gateway.outs?.publicIpAddress ?? "";
      const request = createVpnConnectionRequest({ ...spec, cloudGatewayIp: address, identities: { ...spec.identities, cloud: { type: "address", value: address } } }, { vpcId, vpnGatewayId: gateway.id, customerGatewayId: customerGateway.id }, address);
      connectionInputs = { ...connectionInputsOf(request), preSharedKey: spec.preSharedKey };
      connection = await providers.connection.create(connectionInputs);
      routesInputs = { routeTableId, vpnGatewayId: gateway.id, destinations: spec.siteCidrs, description: `ros-vpc-ipsec:${spec.name}` };
      routes = await providers.vpcRoutes.create(routesInputs);
    });

    const noOp = await measure(emu, async () => {
      await providers.gateway.diff(gateway!.id, gateway!.outs!, gatewayInputs);
      await providers.customerGateway.diff(customerGateway!.id, customerGateway!.outs!, customerGatewayInputs);
      await providers.connection.diff(connection!.id, connection!.outs!, connectionInputs!);
      await providers.vpcRoutes.diff(routes!.id, routes!.outs!, routesInputs!);
    });

    const keyRotation = await measure(emu, async () => {
      const rotated = { ...connectionInputs!, preSharedKey: "rotated-bench-key-7Kq2xW9pLm" };
      const diff = await providers.connection.diff(connection!.id, connection!.outs!, rotated);
      if (diff.changes) await providers.connection.update(connection!.id, connection!.outs!, rotated);
    });

    return { gatewayPendingMs, fullCreate, noOp, keyRotation };
  } finally {
    await emu.stop();
  }
}

async function measure(emu: TencentVpcEmulator, scenario: () => Promise<void>): Promise<Figures> {
  emu.resetCalls();
  const started = performance.now();
  await scenario();
  const wallMs = Math.round(performance.now() - started);
  const calls = { ...emu.calls };
  return { calls, totalCalls: Object.values(calls).reduce((a, b) => a + b, 0), wallMs };
}

if (require.main === module) {
  benchTencent().then(
    (figures) => {
      console.log(`Tencent side against the emulator (gateway PENDING ${figures.gatewayPendingMs} ms, production retry/poll settings)`);
      for (const [name, f] of [["full create", figures.fullCreate], ["no-op up (diff only)", figures.noOp], ["key rotation", figures.keyRotation]] as const) {
        const detail = Object.entries(f.calls).map(([action, n]) => `${action} ${n}`).join(", ") || "none";
        console.log(`  ${name.padEnd(22)} ${String(f.totalCalls).padStart(3)} calls  ${String(f.wallMs).padStart(6)} ms   (${detail})`);
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
