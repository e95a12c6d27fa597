// Standalone RouterOS API emulator: `npm run emulator:routeros -- --port 18728 --user admin --password secret --version 7.16 [--tls]`.
// Runs in the foreground on 127.0.0.1 until SIGINT/SIGTERM; prints "listening on 127.0.0.1:<port>" when ready.

import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { RouterOsEmulator } from "./index";

const USAGE = `usage: emulator:routeros [--port N] [--user U] [--password P] [--version 7.16] [--tls] [--ca-out FILE]
                         [--sensitive] [--empty-firewall] [--board-name NAME] [--identity NAME] [--latency-ms N]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      user: { type: "string", default: "admin" },
      password: { type: "string", default: "" },
      version: { type: "string", default: "7.16" },
      tls: { type: "boolean", default: false },
      "ca-out": { type: "string" },
      sensitive: { type: "boolean", default: false },
      "empty-firewall": { type: "boolean", default: false },
      "board-name": { type: "string" },
      identity: { type: "string" },
      "latency-ms": { type: "string", default: "0" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const latency = Number(values["latency-ms"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port}: expected 0..65535`);
  if (!Number.isFinite(latency) || latency < 0) throw new Error(`--latency-ms ${values["latency-ms"]}: expected a number >= 0`);
  const emulator = await RouterOsEmulator.start({
    port,
    user: values.user,
    password: values.password,
    version: values.version,
    tls: values.tls,
    sensitivePolicy: values.sensitive,
    defaultFirewall: !values["empty-firewall"],
    ...(values["board-name"] === undefined ? {} : { boardName: values["board-name"] }),
    ...(values.identity === undefined ? {} : { identity: values.identity }),
  });
  emulator.faults.latencyMs = latency;
  if (emulator.tls) {
    if (values["ca-out"]) writeFileSync(values["ca-out"], emulator.tls.caPem);
    console.log(`api-ssl certificate sha256 fingerprint ${emulator.tls.fingerprint256}`);
  }
  console.log(`listening on 127.0.0.1:${emulator.port}`);
  const stop = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  console.error(USAGE);
  process.exit(2);
});
