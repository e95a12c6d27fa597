// Secrets stay out of the libraries' debug output: node-routeros prints every reply sentence under
// DEBUG=routeros-api:*, an identity's secret included (a real router shows it to a user with the sensitive policy),
// unless the session turns that namespace off.
import assert from "node:assert/strict";
import { dirname } from "node:path";
import { after, before, describe, it } from "node:test";
import { RouterOsSession } from "../../src/routeros/session";
import type { RouterOsEmulator } from "../emulators/routeros";
import { PASSWORD, startRouter } from "../helpers/router";

const KEY = "debug-scan-key-4471-zq";
type Debug = { enable(names: string): void; disable(): string; enabled(name: string): boolean; log: (...args: unknown[]) => void };
// The debug module node-routeros itself loads (the one whose namespaces matter).
const debug = require(require.resolve("debug", { paths: [dirname(require.resolve("node-routeros"))] })) as Debug;

describe("debug output of node-routeros", () => {
  let router: RouterOsEmulator;
  before(async () => {
    router = await startRouter({ version: "7.16", sensitivePolicy: true });
  });
  after(() => router.stop());

  /** Adds an identity with KEY and prints it back; `reenable` turns the namespace on again after the session opened. */
  async function printedDuring(reenable: boolean): Promise<string> {
    const saved = debug.disable();
    const printed: string[] = [];
    const log = debug.log;
    debug.log = (...args: unknown[]) => void printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    debug.enable("routeros-api:*");
    try {
      const tls = router.tls ? ({ mode: "fingerprint", fingerprint: router.tls.fingerprint256 } as const) : ({ mode: "off" } as const);
      const session = await RouterOsSession.open({ host: router.host, port: router.port, user: "admin", password: PASSWORD, tls, timeoutMs: 3000 });
      if (reenable) debug.enable("routeros-api:*");
      const peer = `scan${reenable ? 1 : 2}`;
      await session.add("/ip/ipsec/peer", { name: peer, address: "198.51.100.1/32" });
      const id = await session.add("/ip/ipsec/identity", { peer, "auth-method": "pre-shared-key", secret: KEY });
      const [row] = await session.print("/ip/ipsec/identity", { query: { eq: [".id", id] } });
      assert.equal(row?.secret, KEY, "the router showed the key (sensitive policy), so the reply carried it");
      await session.close();
      return printed.join("\n");
    } finally {
      debug.log = log;
      debug.enable(saved);
    }
  }

  it("control: with the namespace on, the printed replies carry the key (so the scan below can see it)", async () => {
    assert.ok((await printedDuring(true)).includes(KEY));
  });

  it("carries neither the pre-shared key nor the router password with DEBUG=routeros-api:*", async () => {
    const text = await printedDuring(false);
    assert.ok(!text.includes(KEY), "the key was printed");
    assert.ok(!text.includes(PASSWORD), "the password was printed");
  });
});
