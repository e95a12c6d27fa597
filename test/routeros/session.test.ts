// The hardened session over node-routeros, against the emulator: each known node-routeros fault is handled.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { RouterOsConnectionError, RouterOsTrapError } from "../../src/routeros/errors";
import { RouterOsSession, type RouterEndpoint } from "../../src/routeros/session";
import type { RouterOsEmulator } from "../emulators/routeros";
import { PASSWORD, startRouter } from "../helpers/router";

const endpoint = (router: RouterOsEmulator, extra: Partial<RouterEndpoint> = {}): RouterEndpoint => ({
  host: router.host,
  port: router.port,
  user: "admin",
  password: PASSWORD,
  tls: router.tls ? { mode: "fingerprint", fingerprint: router.tls.fingerprint256 } : { mode: "off" },
  timeoutMs: 3000,
  ...extra,
});

describe("RouterOsSession", () => {
  let router: RouterOsEmulator;
  before(async () => {
    router = await startRouter({ version: "7.18" });
  });
  after(() => router.stop());

  it("understands !empty (RouterOS 7.18+) as no rows instead of crashing", async () => {
    const session = await RouterOsSession.open(endpoint(router));
    assert.deepEqual(await session.print("/ip/ipsec/peer", { query: { eq: ["name", "nothing-here"] } }), []);
    await session.close();
  });

  it("keeps a Chinese comment byte-exact through a round trip (node-routeros alone speaks win1252)", async () => {
    const session = await RouterOsSession.open(endpoint(router));
    const id = await session.add("/ip/firewall/raw", { chain: "prerouting", action: "accept", comment: "到腾讯云的隧道 — ünïcode" });
    const [row] = await session.print("/ip/firewall/raw", { query: { eq: [".id", id] }, proplist: ["comment"] });
    assert.equal(row?.comment, "到腾讯云的隧道 — ünïcode");
    assert.equal(router.rows("/ip/firewall/raw").find((r) => r[".id"] === id)?.comment, "到腾讯云的隧道 — ünïcode");
    await session.remove("/ip/firewall/raw", [id]);
    await session.close();
  });

  it("turns !trap into a typed error with the message, the category and the command", async () => {
    const session = await RouterOsSession.open(endpoint(router));
    router.faults.trapOn = { command: "/ip/ipsec/proposal/add", message: "failure: out of memory", category: 4 };
    const error = await session.add("/ip/ipsec/proposal", { name: "p1" }).catch((e: unknown) => e);
    assert.ok(error instanceof RouterOsTrapError);
    assert.deepEqual([error.trapMessage, error.category, error.command], ["failure: out of memory", 4, "/ip/ipsec/proposal/add"]);
    assert.match(error.message, /category 4: general failure/);
    await session.close();
  });

  it("rejects every pending command when the router sends !fatal, and stays usable for nothing else", async () => {
    const session = await RouterOsSession.open(endpoint(router));
    router.faults.latencyMs = 50;
    router.faults.fatalOn = { command: "/ip/ipsec/peer/print", message: "out of memory" };
    const results = await Promise.allSettled([session.print("/ip/ipsec/profile"), session.print("/ip/ipsec/peer"), session.print("/ip/ipsec/proposal")]);
    router.faults = { latencyMs: 0 };
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assert.ok(rejected.length >= 1);
    assert.ok(rejected.every((r) => r.reason instanceof RouterOsConnectionError));
    assert.ok(rejected.some((r) => /out of memory/.test(String(r.reason.message))), rejected.map((r) => r.reason.message).join(" | "));
    assert.equal(session.closed, true);
    await assert.rejects(session.print("/ip/ipsec/peer"), RouterOsConnectionError);
  });

  it("rejects pending commands when the connection drops instead of hanging, and the process survives", async () => {
    const session = await RouterOsSession.open(endpoint(router));
    router.faults = { latencyMs: 0, dropAfterSentences: 1 };
    const error = await session.print("/ip/ipsec/peer").catch((e: unknown) => e);
    router.faults = { latencyMs: 0 };
    assert.ok(error instanceof RouterOsConnectionError, String(error));
    assert.equal(session.closed, true);
  });

  it("times out a command the router never answers", async () => {
    const session = await RouterOsSession.open(endpoint(router, { timeoutMs: 300 }));
    router.faults = { latencyMs: 1000 };
    const error = await session.print("/ip/ipsec/peer").catch((e: unknown) => e);
    router.faults = { latencyMs: 0 };
    assert.ok(error instanceof RouterOsConnectionError);
    assert.equal(error.reason, "timeout");
    assert.match(error.message, /\/ip\/ipsec\/peer\/print got no answer/);
  });

  it("sends independent commands concurrently on one connection (one round trip, not one each)", async () => {
    const quiet = await startRouter({ version: "7.16" });
    const session = await RouterOsSession.open(endpoint(quiet));
    quiet.resetCounters();
    quiet.faults = { latencyMs: 40 };
    await Promise.all(["profile", "peer", "identity", "proposal", "policy"].map((m) => session.print(`/ip/ipsec/${m}`)));
    assert.equal(quiet.counters.peakInFlight, 5);
    assert.equal(quiet.counters.connections, 0);
    await session.close();
    await quiet.stop();
  });

  it("refuses a certificate that does not match the pinned fingerprint before sending the login", async () => {
    router.resetCounters();
    const error = await RouterOsSession.open(endpoint(router, { tls: { mode: "fingerprint", fingerprint: "AA".repeat(32) } })).catch((e: unknown) => e);
    assert.ok(error instanceof RouterOsConnectionError);
    assert.equal(error.reason, "tls");
    assert.match(error.message, /not the pinned AA:AA/);
    assert.equal(router.counters.commands["/login"] ?? 0, 0);
  });

  it("refuses an untrusted certificate by default, saying how to trust it", async () => {
    const error = await RouterOsSession.open(endpoint(router, { tls: { mode: "verify" } })).catch((e: unknown) => e);
    assert.ok(error instanceof RouterOsConnectionError);
    assert.match(error.message, /not trusted.*router\.tls\.ca.*router\.tls\.fingerprint/);
  });

  it("verifies against the CA given in tls.ca", async () => {
    const session = await RouterOsSession.open(endpoint(router, { tls: { mode: "verify", ca: router.tls!.caPem, checkHostname: false } }));
    assert.equal(await session.version(), "7.18");
    await session.close();
  });

  it("says the login was refused, without the password", async () => {
    const error = await RouterOsSession.open(endpoint(router, { password: "wrong-pass-123" })).catch((e: unknown) => e);
    assert.ok(error instanceof RouterOsConnectionError);
    assert.equal(error.reason, "login");
    assert.ok(!error.message.includes("wrong-pass-123"));
  });

  it("says nothing listens when the port is closed", async () => {
    const error = await RouterOsSession.open(endpoint(router, { port: 1 })).catch((e: unknown) => e);
    assert.ok(error instanceof RouterOsConnectionError);
    assert.equal(error.reason, "connect");
    assert.match(error.message, /ECONNREFUSED/);
  });
});

describe("RouterOsSession while logging in", () => {
  let router: RouterOsEmulator;
  before(async () => {
    router = await startRouter({ version: "7.16" });
  });
  after(() => router.stop());

  it("gives up on a login the router never answers, with a timeout error (node-routeros would wait)", async () => {
    router.faults = { latencyMs: 0, loginDelayMs: 5000 };
    const error = await RouterOsSession.open(endpoint(router, { timeoutMs: 300 })).catch((e: unknown) => e);
    router.faults = { latencyMs: 0 };
    assert.ok(error instanceof RouterOsConnectionError, String(error));
    assert.equal(error.reason, "timeout");
    assert.match(error.message, /no API login .* within 300 ms/);
  });

  it("fails at once when the connection drops during the login (node-routeros never settles connect())", async () => {
    router.faults = { latencyMs: 0, dropAfterSentences: 1 };
    const error = await RouterOsSession.open(endpoint(router, { timeoutMs: 20_000 })).catch((e: unknown) => e);
    router.faults = { latencyMs: 0 };
    assert.ok(error instanceof RouterOsConnectionError, String(error));
    assert.equal(error.reason, "closed");
  });

  it("fails at once with the router's reason when it answers the login with !fatal", async () => {
    router.faults = { latencyMs: 0, fatalOn: { command: "/login", message: "too many sessions" } };
    const error = await RouterOsSession.open(endpoint(router, { timeoutMs: 20_000 })).catch((e: unknown) => e);
    router.faults = { latencyMs: 0 };
    assert.ok(error instanceof RouterOsConnectionError, String(error));
    assert.equal(error.reason, "fatal");
    assert.match(error.message, /too many sessions/);
  });
});

describe("RouterOsSession on other versions", () => {
  it("logs in with the pre-6.43 challenge and reads the version", async () => {
    const router = await startRouter({ version: "6.42.12", tls: false });
    const session = await RouterOsSession.open(endpoint(router));
    assert.equal(await session.version(), "6.42.12");
    await session.close();
    await router.stop();
  });
});

describe("closing a session", () => {
  it("does not wait forever for a router that never acknowledges the end of the session", { timeout: 10000 }, async () => {
    const { createServer } = await import("node:net");
    const { encodeWord, readWord } = await import("../../src/routeros/wire");
    // A minimal API peer: answers every sentence with !done and never closes its side (allowHalfOpen).
    const server = createServer({ allowHalfOpen: true }, (socket) => {
      let buffer = Buffer.alloc(0);
      let words: string[] = [];
      socket.on("data", (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (let word = readWord(buffer); word !== "incomplete" && word !== "invalid"; word = readWord(buffer)) {
          buffer = buffer.subarray(word.size);
          if (word.value.length > 0) words.push(word.value.toString());
          else {
            const tag = words.find((w) => w.startsWith(".tag="));
            socket.write(Buffer.concat([encodeWord(Buffer.from("!done")), ...(tag ? [encodeWord(Buffer.from(tag))] : []), Buffer.alloc(1)]));
            words = [];
          }
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const session = await RouterOsSession.open({ host: "127.0.0.1", port, user: "admin", password: "x", tls: { mode: "off" }, timeoutMs: 60000 });
      await session.close();
      assert.equal(session.closed, true);
    } finally {
      server.close();
    }
  });
});
