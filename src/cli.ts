// The `ros-vpc-ipsec` command line: argument parsing and dispatch only; each command lives in cli/.
import { Command, CommanderError, Option } from "commander";
import { doctorCommand, statusCommand, type DoctorOptions } from "./cli/doctor";
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

  const withSources = (command: Command): Command =>
    command
      .option("-s, --stack <site>", "read the site stack's stacks/Pulumi.<site>.yaml")
      .option("--stack-file <file>", "read this Pulumi.<stack>.yaml")
      .option("--spec <file>", "a spec file instead of a stack (with --router-host and a TLS option)")
      .option("--router-host <address>", "the router's API address")
      .option("--router-port <port>", "the router's API port (default 8729, or 8728 with --plaintext)")
      .option("--router-user <name>", "the API user")
      .option("--router-password-env <variable>", "the environment variable holding the router password", "ROS_VPC_IPSEC_ROUTER_PASSWORD")
      .option("--tls-fingerprint <sha256>", "trust the router's api-ssl certificate with this SHA-256 fingerprint")
      .option("--tls-ca <file>", "trust the router's certificate if this CA signed it")
      .option("--tls-insecure", "encrypt but do not verify the router's certificate")
      .option("--plaintext", "use the plain API (port 8728): the password crosses the network in clear text")
      .option("--gateway-ip <address>", "the cloud gateway's address, when the cloud's API is not read")
      .option("--no-cloud", "do not read the cloud's API")
      .option("--json", "print JSON for machines");

  withSources(
    program
      .command("doctor")
      .description("say why a tunnel is down: both ends' logs and settings, compared; exit 0 when healthy, 1 when not, 2 when it could not look"),
  )
    .option("--cloud-log <file>", "the cloud gateway's log text (a file, or - for standard input)")
    .action(async (options: DoctorOptions) => {
      code = await doctorCommand(options, io);
    });

  withSources(program.command("status").description("both ends of a tunnel at a glance: state, uptime, SAs, bytes")).action(async (options: DoctorOptions) => {
    code = await statusCommand(options, io);
  });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  return code;
}
