// Runs the CLI in-process with captured output.
import { main } from "../../src/cli";
import type { CliIo } from "../../src/cli/io";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], stdin = "", options: { tty?: boolean } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => stdin,
    isTty: options.tty ?? false,
  };
  const code = await main(["node", "ros-vpc-ipsec", ...args], io);
  return { code, stdout, stderr };
}
