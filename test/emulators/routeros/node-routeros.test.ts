// The emulator driven by the client the provider uses, node-routeros 1.6.9 (always with an explicit port), including
// reproductions of its known faults (reference §5) so a hardening layer can be tested against them.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { afterEach, describe, it } from "node:test";
import { RouterOSAPI } from "node-routeros";
import { RouterOsEmulator, type RouterOsEmulatorOptions } from "./index";
import { encodeLength } from "./words";

let emu: RouterOsEmulator | undefined;
let api: RouterOSAPI | undefined;
afterEach(async () => {
  await api?.close().catch(() => undefined);
  await emu?.stop();
  api = emu = undefined;
});

async function connected(options: RouterOsEmulatorOptions = {}): Promise<RouterOSAPI> {
  emu = await RouterOsEmulator.start({ password: "secret", ...options });
  api = new RouterOSAPI({ host: "127.0.0.1", port: emu.port, user: "admin", password: "secret", timeout: 5 });
  api.on("error", () => undefined);
  await api.connect();
  noNagle(api);
  return api;
}

/**
 * node-routeros writes each word with its own socket.write, so Nagle + delayed ACK add ~40 ms per command on loopback.
 * Tests switch Nagle off on its (private) socket to stay fast; this changes timing only, never bytes.
 */
function noNagle(client: RouterOSAPI): void {
  (client as unknown as { connector?: { socket?: { setNoDelay(on: boolean): void } } }).connector?.socket?.setNoDelay(true);
}

describe("node-routeros against the emulator", () => {
  it("logs in, adds, prints with a query, sets and removes", async () => {
    const c = await connected();
    const [added] = await c.write("/ip/ipsec/peer/add", ["=name=p", "=address=119.91.254.122", "=exchange-mode=ike2"]);
    const id = added!.ret as string;
    assert.match(id, /^\*[0-9A-F]+$/);
    const rows = await c.write("/ip/ipsec/peer/print", ["?name=p"]);
    assert.deepEqual([rows[0]![".id"], rows[0]!.address, rows[0]!["exchange-mode"]], [id, "119.91.254.122/32", "ike2"]);
    await c.write("/ip/ipsec/peer/set", [`=.id=${id}`, "=passive=yes"]);
    assert.equal((await c.write("/ip/ipsec/peer/print", [`?.id=${id}`]))[0]!.passive, "true");
    await c.write("/ip/ipsec/peer/remove", [`=.id=${id}`]);
    assert.deepEqual(await c.write("/ip/ipsec/peer/print"), []);
  });

  it("runs concurrent writes on one connection (node-routeros tags every command)", async () => {
    const c = await connected();
    const names = ["a", "b", "c", "d", "e"];
    const results = await Promise.all(names.map((n) => c.write("/ip/ipsec/proposal/add", [`=name=${n}`])));
    assert.equal(new Set(results.map((r) => r[0]!.ret)).size, 5);
    assert.deepEqual((await c.write("/ip/ipsec/proposal/print", ["=.proplist=name"])).map((r) => r.name).sort(), ["a", "b", "c", "d", "default", "e"]);
  });

  it("stops a /log follow stream with /cancel: stop() resolves and nothing more streams under its tag", async () => {
    const c = await connected();
    const streamed: string[] = [];
    const stream = c.stream(["/log/print", "=follow-only="], (err: Error | null, row: Record<string, string> | undefined) => {
      if (!err && row?.message) streamed.push(row.message);
    });
    await c.write("/system/identity/print"); // the follow is registered before the log line is written
    emu!.appendLog("ipsec,error", "before cancel");
    await c.write("/system/identity/print");
    await stream.stop(); // sends /cancel =tag=<the stream's tag> and waits for its !done
    assert.equal(emu!.counters.commands["/cancel"], 1);
    emu!.appendLog("ipsec,error", "after cancel");
    // A line streamed after the cancel would arrive before this reply (one connection, in order).
    assert.equal((await c.write("/system/identity/print"))[0]!.name, "MikroTik");
    assert.deepEqual(streamed, ["before cancel"]);
  });

  it("moves rules before a destination and to the end (move numbers= destination=)", async () => {
    const c = await connected();
    const id: Record<string, string> = {}; // rule .id by comment
    for (const comment of ["a", "b", "c", "d"]) id[comment] = (await c.write("/ip/firewall/raw/add", ["=chain=prerouting", "=action=notrack", `=comment=${comment}`]))[0]!.ret as string;
    const order = async (): Promise<string[]> => (await c.write("/ip/firewall/raw/print", ["=.proplist=comment"])).map((r) => r.comment as string);
    await c.write("/ip/firewall/raw/move", [`=numbers=${id.d},${id.c}`, `=destination=${id.a}`]);
    assert.deepEqual(await order(), ["d", "c", "a", "b"]);
    await c.write("/ip/firewall/raw/move", [`=numbers=${id.d}`]);
    assert.deepEqual(await order(), ["c", "a", "b", "d"]);
    await c.write("/ip/firewall/raw/move", [`=numbers=${id.b}`, `=destination=${id.c}`]);
    assert.deepEqual(await order(), ["b", "c", "a", "d"]);
  });

  it("inserts a NAT rule above the masquerade with add place-before=", async () => {
    const c = await connected();
    const [masquerade] = await c.write("/ip/firewall/nat/print", ["?action=masquerade", "=.proplist=.id"]);
    const bypass = ["=chain=srcnat", "=action=accept", "=src-address=192.168.1.0/24", "=dst-address=10.100.1.0/24", "=comment=bypass"];
    const [first] = await c.write("/ip/firewall/nat/add", [...bypass, `=place-before=${masquerade![".id"]}`]);
    const [last] = await c.write("/ip/firewall/nat/add", ["=chain=srcnat", "=action=accept", "=comment=last"]);
    const rows = await c.write("/ip/firewall/nat/print", ["=.proplist=.id,action,comment"]);
    assert.deepEqual(
      rows.map((r) => [r[".id"], r.action, r.comment]),
      [
        [first!.ret, "accept", "bypass"],
        [masquerade![".id"], "masquerade", "defconf: masquerade"],
        [last!.ret, "accept", "last"],
      ],
    );
  });

  describe("print queries", () => {
    async function peers(): Promise<RouterOSAPI> {
      const c = await connected();
      await c.write("/ip/ipsec/peer/add", ["=name=a", "=address=198.51.100.1", "=port=500", "=comment=x"]);
      await c.write("/ip/ipsec/peer/add", ["=name=b", "=address=198.51.100.2", "=port=4500"]);
      await c.write("/ip/ipsec/peer/add", ["=name=c", "=address=198.51.100.3", "=port=1701", "=comment=y"]);
      return c;
    }
    const names = async (c: RouterOSAPI, ...query: string[]): Promise<string[]> => (await c.write("/ip/ipsec/peer/print", [...query, "=.proplist=name"])).map((r) => r.name as string);

    it("?< and ?> compare ports as numbers, not as text (where \"4500\" < \"600\")", async () => {
      const c = await peers();
      assert.deepEqual(await names(c, "?<port=600"), ["a"]);
      assert.deepEqual(await names(c, "?>port=1000"), ["b", "c"]);
      assert.deepEqual(await names(c, "?>port=1000", "?<port=2000"), ["c"]);
    });

    it("?-name matches rows without the field, ?name rows with it", async () => {
      const c = await peers();
      assert.deepEqual(await names(c, "?-comment"), ["b"]);
      assert.deepEqual(await names(c, "?comment"), ["a", "c"]);
    });

    it("?# combines with | & and !", async () => {
      const c = await peers();
      assert.deepEqual(await names(c, "?name=a", "?name=c", "?#|"), ["a", "c"]);
      assert.deepEqual(await names(c, "?port=500", "?port=4500", "?#|", "?comment", "?#&"), ["a"]);
      assert.deepEqual(await names(c, "?name=a", "?name=b", "?#|!"), ["c"]);
      assert.deepEqual(await names(c, "?comment", "?#!", "?port=1701", "?#|"), ["b", "c"]);
    });
  });

  // 20 KB takes a 3-byte length prefix, 2.2 MB a 4-byte one (both ways). A broken codec desynchronises the stream and
  // node-routeros then waits forever, hence the timeout.
  for (const size of [20_000, 2_200_000]) {
    it(`round-trips a ${size}-byte comment (${encodeLength(size + "=comment=".length).length}-byte length prefix) byte-exact`, { timeout: 15_000 }, async () => {
      const c = await connected();
      const comment = Array.from({ length: size }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join(""); // not uniform: a shift would show
      const [added] = await c.write("/ip/ipsec/peer/add", ["=name=big", "=address=198.51.100.1", `=comment=${comment}`]);
      assert.equal(emu!.rows("/ip/ipsec/peer")[0]!.comment, comment);
      const [row] = await c.write("/ip/ipsec/peer/print", [`?.id=${added!.ret}`, "=.proplist=name,comment"]);
      assert.equal(row!.name, "big");
      assert.equal((row!.comment as string).length, size);
      assert.ok(row!.comment === comment, "the comment read back differs from the one sent");
    });
  }

  it("tolerates detail and without-paging on print: the same rows as a plain print", async () => {
    const c = await connected();
    await c.write("/ip/ipsec/proposal/add", ["=name=p2", "=pfs-group=modp2048", "=lifetime=1h"]);
    const plain = await c.write("/ip/ipsec/proposal/print");
    assert.deepEqual(plain.map((r) => [r.name, r.lifetime, r["pfs-group"]]), [["default", "30m", "modp1024"], ["p2", "1h", "modp2048"]]);
    assert.deepEqual(await c.write("/ip/ipsec/proposal/print", ["=detail=", "=without-paging="]), plain);
    assert.deepEqual(await c.write("/ip/ipsec/proposal/print", ["=detail=", "?name=p2"]), [plain[1]]);
  });

  it("rejects a trapped command with the message only (fault 2: the category is lost)", async () => {
    const c = await connected();
    await assert.rejects(c.write("/ip/ipsec/profile/add", ["=name=p", "=dh-group=modp1"]), (err: Error) => {
      assert.equal(err.message, "input does not match any value of dh-group");
      assert.equal((err as Error & { category?: unknown }).category, undefined);
      return true;
    });
  });

  it("refuses wrong credentials with CANTLOGIN", async () => {
    emu = await RouterOsEmulator.start({ password: "secret" });
    const bad = new RouterOSAPI({ host: "127.0.0.1", port: emu.port, user: "admin", password: "wrong", timeout: 5 });
    bad.on("error", () => undefined);
    await assert.rejects(bad.connect(), (err: Error & { errno?: string }) => err.errno === "CANTLOGIN" || /CANTLOGIN|username or password/i.test(err.message));
  });

  it("logs in to a pre-6.43 router through the MD5 challenge", async () => {
    const c = await connected({ version: "6.42.12" });
    assert.equal((await c.write("/system/resource/print"))[0]!.version, "6.42.12 (long-term)");
  });

  it("connects to api-ssl with the emulator's CA (fault 4: the port must be given)", async () => {
    emu = await RouterOsEmulator.start({ password: "secret", tls: true });
    api = new RouterOSAPI({ host: "127.0.0.1", port: emu.port, user: "admin", password: "secret", timeout: 5, tls: { ca: [emu.tls!.caPem] } });
    api.on("error", () => undefined);
    await api.connect();
    noNagle(api);
    assert.equal((await api.write("/system/identity/print"))[0]!.name, "MikroTik");
  });

  it("mangles a Chinese comment (fault 5: win1252) while the emulator keeps the bytes it was sent", async () => {
    const c = await connected();
    await c.write("/ip/ipsec/peer/add", ["=name=p", "=address=1.1.1.1", "=comment=到腾讯"]);
    assert.notEqual(emu!.rows("/ip/ipsec/peer")[0]!.comment, "到腾讯");
    assert.notEqual((await c.write("/ip/ipsec/peer/print"))[0]!.comment, "到腾讯");
  });

  // Bounded: if the emulator stopped closing the connection, the wait for "close" fails instead of hanging.
  it("leaves a write pending forever when the router answers !fatal (fault 3): the connection closes, the promise never settles", { timeout: 10_000 }, async () => {
    const c = await connected();
    emu!.faults.fatalOn = { command: "/system/identity/print", message: "out of memory" };
    const closed = new Promise<void>((resolve) => c.once("close", () => resolve()));
    let settled = false;
    c.write("/system/identity/print").then(
      () => (settled = true),
      () => (settled = true),
    );
    await closed;
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false);
    api = undefined; // nothing left to close
  });

  // Bounded: if the emulator stopped closing the connection, the wait for "close" fails instead of hanging.
  it("leaves connect() pending forever when the connection drops during the login (fault 3): closed, never settled", { timeout: 10_000 }, async () => {
    emu = await RouterOsEmulator.start({ password: "secret" });
    emu.faults.dropAfterSentences = 1; // the /login sentence
    const c = new RouterOSAPI({ host: "127.0.0.1", port: emu.port, user: "admin", password: "secret", timeout: 5 });
    c.on("error", () => undefined);
    const closed = new Promise<void>((resolve) => c.once("close", () => resolve()));
    let settled = false;
    c.connect().then(
      () => (settled = true),
      () => (settled = true),
    );
    await closed;
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false);
    assert.equal(emu.counters.commands["/login"], 1);
  });

  it("crashes on a 7.18 !empty reply (fault 1), reproduced in a child process", async () => {
    emu = await RouterOsEmulator.start({ password: "secret", version: "7.18" });
    const script = `
      const { RouterOSAPI } = require("node-routeros");
      const api = new RouterOSAPI({ host: "127.0.0.1", port: ${emu.port}, user: "admin", password: "secret", timeout: 5 });
      api.connect().then(() => api.write("/ip/ipsec/peer/print")).then(() => { console.log("survived"); process.exit(0); });`;
    // execFile, not spawnSync: the emulator runs on this process's event loop.
    const child = await new Promise<{ code: unknown; stderr: string }>((resolve) =>
      execFile(process.execPath, ["-e", script], { timeout: 10_000 }, (err, _stdout, stderr) => resolve({ code: err?.code, stderr })),
    );
    assert.equal(child.code, 1);
    assert.match(child.stderr, /Tried to process unknown reply: !empty/);
  });
});
