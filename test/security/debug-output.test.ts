// Secrets stay out of the libraries' debug output: node-routeros prints every sentence under DEBUG=routeros-api:*,
// an identity's secret and the login password included, unless the session turns that namespace off.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { RouterOsSession } from "../../src/routeros/session";
import type { RouterOsEmulator } from "../emulators/routeros";
import { PASSWORD, startRouter } from "../helpers/router";

const KEY = "debug-scan-key-4471-zq";

describe("debug output of node-routeros", () => {
  let router: RouterOsEmulator;
  before(async () => {
    router = await startRouter({ version: "7.16" });
  });
  after(() => router.stop());

  it("carries neither the pre-shared key nor the router password with DEBUG=routeros-api:*", async () => {
    const debug = require("debug") as { enable(names: string): void; disable(): string; enabled(name: string): boolean; log: (...args: unknown[]) => void };
    const before = debug.disable();
    const printed: string[] = [];
    const log = debug.log;
    debug.log = (...args: unknown[]) => void printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    debug.enable("routeros-api:*");
    try {
      const tls = router.tls ? ({ mode: "fingerprint", fingerprint: router.tls.fingerprint256 } as const) : ({ mode: "off" } as const);
      const session = await RouterOsSession.open({ host: router.host, port: router.port, user: "admin", password: PASSWORD, tls, timeoutMs: 3000 });
      await session.add("/ip/ipsec/peer", { name: "scan", address: "198.51.100.1/32" });
      const id = await session.add("/ip/ipsec/identity", { peer: "scan", "auth-method": "pre-shared-key", secret: KEY });
      const [row] = await session.print("/ip/ipsec/identity", { query: { eq: [".id", id] } });
      assert.equal(row?.peer, "scan"); // the session really ran (the scan below needs traffic to read)
      await session.close();
      assert.equal(debug.enabled("routeros-api:channel:info"), false, "the namespace is off");
      const text = printed.join("\n");
      assert.ok(!text.includes(KEY), "the key was printed");
      assert.ok(!text.includes(PASSWORD), "the password was printed");
    } finally {
      debug.log = log;
      debug.enable(before);
    }
  });
});
