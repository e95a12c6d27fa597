// The `ros-vpc-ipsec` command line: argument parsing and dispatch only; each command lives in cli/.
import { Command, CommanderError, Option } from "commander";
import { processIo, type CliIo } from "./cli/io";
import { renderCommand } from "./cli/render";

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  const program = new Command()
    .name("ros-vpc-ipsec")
    .description("Both ends of a RouterOS <-> cloud VPC IPsec tunnel from one spec.")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command("render")
    .description("print the RouterOS script (.rsc) for a spec file, or the cloud's parameters as JSON")
    .argument("<spec>", "spec file (YAML or JSON), e.g. examples/secure.yaml")
    .addOption(new Option("-t, --target <platform>", "what to render").choices(["routeros", "tencent", "alicloud"]).default("routeros"))
    .option("--gateway-ip <address>", "the cloud gateway's public address (overrides cloudGatewayIp)")
    .option("--routeros-version <version>", "render only fields this RouterOS version knows", "7.16")
    .option("--show-secrets", "include the pre-shared key (otherwise a placeholder)", false)
    .action((spec: string, options: { target: "routeros" | "tencent" | "alicloud"; gatewayIp?: string; routerosVersion: string; showSecrets: boolean }) => {
      code = renderCommand(spec, options, io);
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  return code;
}
