// Standalone Tencent VPC API emulator: `npm run emulator:tencent -- --port 18080 --secret-id AKIDexample
// --secret-key example --gateway-pending-ms 3000`. Prints `listening on 127.0.0.1:<port>` when ready; loopback only.
import { parseArgs } from "node:util";
import { TencentVpcEmulator, type TencentEmulatorOptions } from "./index";

export const USAGE = `usage: emulator:tencent [--port N] [--secret-id ID] [--secret-key KEY] [--region R]
  [--gateway-pending-ms MS] [--connection-pending-ms MS] [--deleting-ms MS] [--gateway-version 2.0|4.0]
  [--net-status AVAILABLE|UNAVAILABLE] [--vpc [vpc-xxxxxxxx=]CIDR ...]
Without --vpc one VPC 10.0.0.0/16 is seeded. --port 0 (the default) picks a free port.`;

function count(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text)) throw new Error(`--${name} takes a whole number, got "${text}"`);
  return Number(text);
}

/** Turns command-line arguments into emulator options; throws with a one-line reason on bad input. */
export function parseCliArgs(argv: readonly string[]): TencentEmulatorOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: "string" },
      "secret-id": { type: "string" },
      "secret-key": { type: "string" },
      region: { type: "string" },
      "gateway-pending-ms": { type: "string" },
      "connection-pending-ms": { type: "string" },
      "deleting-ms": { type: "string" },
      "gateway-version": { type: "string" },
      "net-status": { type: "string" },
      vpc: { type: "string", multiple: true },
    },
  });
  const netStatus = values["net-status"];
  if (netStatus !== undefined && netStatus !== "AVAILABLE" && netStatus !== "UNAVAILABLE") throw new Error(`--net-status takes AVAILABLE or UNAVAILABLE, got "${netStatus}"`);
  const port = count("port", values.port);
  if (port !== undefined && port > 65535) throw new Error(`--port ${port} is not a TCP port`);
  const vpcs = (values.vpc ?? ["10.0.0.0/16"]).map((spec) => {
    const [first, second] = spec.split("=");
    return second === undefined ? { cidrBlock: first ?? "" } : { vpcId: first, cidrBlock: second };
  });
  return {
    port,
    secretId: values["secret-id"],
    secretKey: values["secret-key"],
    region: values.region,
    gatewayPendingMs: count("gateway-pending-ms", values["gateway-pending-ms"]),
    connectionPendingMs: count("connection-pending-ms", values["connection-pending-ms"]),
    deletingMs: count("deleting-ms", values["deleting-ms"]),
    gatewayVersion: values["gateway-version"],
    initialNetStatus: netStatus,
    vpcs,
  };
}

async function main(): Promise<void> {
  let options: TencentEmulatorOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`emulator:tencent: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const emulator = await TencentVpcEmulator.start(options);
  for (const vpc of emulator.state().vpcs) {
    const table = emulator.state().routeTables.find((t) => t.VpcId === vpc.VpcId);
    console.log(`seeded ${vpc.VpcId} ${vpc.CidrBlock} (route table ${table?.RouteTableId})`);
  }
  console.log(`SecretId ${emulator.secretId}, region ${emulator.region}`);
  console.log(`listening on ${emulator.endpoint}`);
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`emulator:tencent: ${(error as Error).message}`);
    process.exit(1);
  });
}
