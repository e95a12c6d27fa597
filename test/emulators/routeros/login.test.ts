// Specification of API login: name/password since 6.43, the pre-6.43 MD5 challenge, refusals, commands before login.
// Drives the emulator with the raw test client over 127.0.0.1.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { types } from "./harness";
import { RouterOsEmulator } from "./index";
import { RawClient } from "./raw-client";

async function withEmulator(version: string, body: (c: RawClient, emu: RouterOsEmulator) => Promise<void>): Promise<void> {
  const emu = await RouterOsEmulator.start({ version, user: "admin", password: "secret" });
  const c = await RawClient.connect(emu.port);
  try {
    await body(c, emu);
  } finally {
    c.close();
    await emu.stop();
  }
}

const response = (password: string, challengeHex: string): string =>
  "00" + createHash("md5").update(Buffer.concat([Buffer.from([0]), Buffer.from(password), Buffer.from(challengeHex, "hex")])).digest("hex");

describe("login since 6.43", () => {
  it("accepts the right name and password with a bare !done", () =>
    withEmulator("7.16", async (c) => {
      const replies = await c.login("admin", "secret");
      assert.deepEqual(replies.map((r) => [r.type, r.attrs]), [["!done", {}]]);
    }));

  it("refuses a wrong password with !trap 'invalid user name or password (6)' then !done, and keeps the connection open", () =>
    withEmulator("7.16", async (c) => {
      const replies = await c.login("admin", "wrong");
      assert.deepEqual(types(replies), ["!trap", "!done"]);
      assert.deepEqual(replies[0]!.attrs, { message: "invalid user name or password (6)" });
      assert.deepEqual(types(await c.login("admin", "secret")), ["!done"]);
    }));

  it("refuses a wrong user name the same way (6.49)", () =>
    withEmulator("6.49.10", async (c) => {
      const replies = await c.login("root", "secret");
      assert.deepEqual(replies[0]!.attrs, { message: "invalid user name or password (6)" });
    }));

  it("hands out a challenge but refuses the MD5 response from 6.45.1 on", () =>
    withEmulator("6.49", async (c) => {
      const [challenge] = await c.run("/login");
      assert.match(challenge!.attrs.ret!, /^[0-9a-f]{32}$/);
      const replies = await c.run("/login", "=name=admin", `=response=${response("secret", challenge!.attrs.ret!)}`);
      assert.deepEqual(types(replies), ["!trap", "!done"]);
    }));

  it("writes login success and failure to /log like RouterOS", () =>
    withEmulator("7.16", async (c, emu) => {
      await c.login("admin", "nope");
      await c.login("admin", "secret");
      assert.deepEqual(
        emu.rows("/log").map((r) => [r.topics, r.message]),
        [
          ["system,error,critical", "login failure for user admin from 127.0.0.1 via api"],
          ["system,info,account", "user admin logged in from 127.0.0.1 via api"],
        ],
      );
    }));
});

describe("login before 6.43 (challenge)", () => {
  it("answers /login with !done =ret=<challenge>, then accepts 00 + md5(0x00 + password + challenge)", () =>
    withEmulator("6.42.12", async (c) => {
      const [challenge, ...rest] = await c.run("/login");
      assert.equal(challenge!.type, "!done");
      assert.equal(rest.length, 0);
      const replies = await c.run("/login", "=name=admin", `=response=${response("secret", challenge!.attrs.ret!)}`);
      assert.deepEqual(types(replies), ["!done"]);
      assert.equal((await c.run("/system/identity/print"))[0]!.attrs.name, "MikroTik");
    }));

  it("answers a name/password login with a challenge too (what clients use to detect old routers)", () =>
    withEmulator("6.40", async (c) => {
      const [reply] = await c.login("admin", "secret");
      assert.match(reply!.attrs.ret!, /^[0-9a-f]{32}$/);
    }));

  it("refuses a wrong response with !trap 'cannot log in' then !done", () =>
    withEmulator("6.42", async (c) => {
      const [challenge] = await c.run("/login");
      const replies = await c.run("/login", "=name=admin", `=response=${response("wrong", challenge!.attrs.ret!)}`);
      assert.deepEqual(replies.map((r) => [r.type, r.attrs]), [["!trap", { message: "cannot log in" }], ["!done", {}]]);
    }));
});

describe("before login", () => {
  it("answers any other command with !fatal 'not logged in' and closes the connection", () =>
    withEmulator("7.16", async (c) => {
      const replies = await c.run("/system/resource/print");
      assert.deepEqual(replies.map((r) => [r.type, r.words]), [["!fatal", ["not logged in"]]]);
      await c.closed;
    }));
});
