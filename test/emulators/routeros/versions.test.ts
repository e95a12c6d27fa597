// Specification of version differences between 6.49, 7.12 and 7.18+ (and 7.15/7.21 field gates).
// Each test starts the emulator at a given version and shows what exists there.

import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { harness, types, type Harness } from "./harness";
import { RouterOsEmulator } from "./index";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("version strings", () => {
  for (const [version, printed] of [
    ["6.49.10", "6.49.10 (long-term)"],
    ["7.12", "7.12 (stable)"],
    ["7.18.2", "7.18.2 (stable)"],
  ]) {
    it(`emulates ${version} and reports version=${printed}`, async () => {
      h = await harness({ version });
      assert.equal((await h.print("/system/resource"))[0]!.version, printed);
      assert.equal(h.emu.version, version);
    });
  }

  it("refuses a version string it cannot emulate", async () => {
    await assert.rejects(RouterOsEmulator.start({ version: "seven" }), /not of the form/);
    await assert.rejects(RouterOsEmulator.start({ version: "5.26" }), /only 6.x and 7.x/);
  });
});

describe("before 6.43", () => {
  it("has no profile or identity menus and no peer name (the 6.43 split is not there)", async () => {
    h = await harness({ version: "6.42.12" });
    assert.deepEqual((await h.run("/ip/ipsec/profile/print")).map((r) => r.attrs.message), ["no such command or directory (profile)", "no such command prefix", undefined]);
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1"), { message: "unknown parameter" });
  });
});

describe("6.49", () => {
  it("has no prf-algorithm, x25519 or chacha20poly1305, and no proposal comment", async () => {
    h = await harness({ version: "6.49" });
    assert.equal("prf-algorithm" in (await h.print("/ip/ipsec/profile"))[0]!, false);
    assert.deepEqual(await h.trapOf("/ip/ipsec/profile/add", "=name=p", "=prf-algorithm=sha256"), { message: "unknown parameter" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/profile/add", "=name=p", "=dh-group=x25519"), { category: "1", message: "input does not match any value of dh-group" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/proposal/add", "=name=p", "=enc-algorithms=chacha20poly1305"), { category: "1", message: "input does not match any value of enc-algorithms" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/proposal/add", "=name=p", "=comment=x"), { message: "unknown parameter" });
  });

  it("answers an empty print with a bare !done", async () => {
    h = await harness({ version: "6.49" });
    assert.deepEqual(types(await h.run("/ip/ipsec/peer/print")), ["!done"]);
  });
});

describe("7.12", () => {
  it("has prf-algorithm and x25519 but no proposal comment (7.15) and no ppk (7.21)", async () => {
    h = await harness({ version: "7.12" });
    assert.equal((await h.run("/ip/ipsec/profile/add", "=name=p", "=prf-algorithm=sha256", "=dh-group=x25519"))[0]!.type, "!done");
    assert.deepEqual(await h.trapOf("/ip/ipsec/proposal/add", "=name=p", "=comment=x"), { message: "unknown parameter comment" });
    await h.run("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1");
    assert.deepEqual(await h.trapOf("/ip/ipsec/identity/add", "=peer=p", "=secret=x", "=ppk=yes"), { message: "unknown parameter ppk" });
    assert.deepEqual(types(await h.run("/ip/ipsec/identity/print", "?peer=nope")), ["!done"]);
  });
});

describe("7.15 and later", () => {
  it("takes a proposal comment", async () => {
    h = await harness({ version: "7.15" });
    await h.run("/ip/ipsec/proposal/add", "=name=p", "=comment=owned");
    assert.equal((await h.print("/ip/ipsec/proposal", "?name=p"))[0]!.comment, "owned");
  });

  it("never takes a profile comment (assumed, strict)", async () => {
    h = await harness({ version: "7.16" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/profile/add", "=name=p", "=comment=x"), { message: "unknown parameter comment" });
  });
});

describe("7.18 and later", () => {
  it("answers an empty print with !empty then !done", async () => {
    h = await harness({ version: "7.18" });
    assert.deepEqual(types(await h.run("/ip/ipsec/peer/print")), ["!empty", "!done"]);
  });
});

describe("7.21 and later", () => {
  it("takes ppk and hides ppk-secret like secret", async () => {
    h = await harness({ version: "7.21" });
    await h.run("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1");
    await h.run("/ip/ipsec/identity/add", "=peer=p", "=secret=x", "=ppk=required", "=ppk-secret=quantum");
    const [row] = await h.print("/ip/ipsec/identity");
    assert.equal(row!.ppk, "required");
    assert.equal(row!["ppk-secret"], undefined);
  });
});
