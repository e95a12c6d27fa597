// Specification of the API conversation: tags, concurrent commands, !empty, /cancel, !fatal, UTF-8, long words.
// Drives the emulator with the raw test client (node-routeros cannot: it mangles UTF-8 and crashes on !empty).

import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { harness, types, type Harness } from "./harness";
import { encodeLength } from "./words";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("tags and concurrency", () => {
  it("answers every reply of a tagged command with the same .tag", async () => {
    h = await harness();
    const replies = await h.run("/ip/ipsec/proposal/print", ".tag=p1");
    assert.deepEqual(replies.map((r) => [r.type, r.tag]), [["!re", "p1"], ["!done", "p1"]]);
  });

  it("runs pipelined tagged commands independently and answers each under its own tag", async () => {
    h = await harness();
    h.client.write(
      ["/ip/ipsec/profile/add", "=name=a", ".tag=1"],
      ["/ip/ipsec/profile/add", "=name=a", ".tag=2"],
      ["/ip/ipsec/profile/print", "?name=a", ".tag=3"],
    );
    const [third, second, first] = [await h.client.collect("3"), await h.client.collect("2"), await h.client.collect("1")];
    assert.deepEqual(types(first), ["!done"]);
    assert.deepEqual(types(second), ["!trap", "!done"]);
    assert.deepEqual(third.map((r) => r.attrs.name), ["a", undefined]);
  });

  it("keeps answering other tags while a print follow is still running", async () => {
    h = await harness();
    h.client.write(["/log/print", "=follow-only=", ".tag=f"], ["/system/identity/print", ".tag=i"]);
    assert.deepEqual(types(await h.client.collect("i")), ["!re", "!done"]);
    h.emu.appendLog("ipsec,error", "phase1 negotiation failed");
    const streamed = await h.client.take((r) => r.tag === "f");
    assert.deepEqual(streamed.attrs.message, "phase1 negotiation failed");
  });
});

describe("/cancel", () => {
  it("stops a running command: it answers !trap category 2 'interrupted' then !done, and /cancel gets !done", async () => {
    h = await harness();
    h.client.write(["/log/print", "=follow=", ".tag=f"]);
    h.client.write(["/cancel", "=tag=f", ".tag=c"]);
    const cancelled = await h.client.collect("f");
    assert.deepEqual(cancelled.filter((r) => r.type !== "!re").map((r) => [r.type, r.attrs]), [
      ["!trap", { category: "2", message: "interrupted" }],
      ["!done", {}],
    ]);
    assert.deepEqual(types(await h.client.collect("c")), ["!done"]);
    h.emu.appendLog("x", "after cancel");
    assert.deepEqual(types(await h.run("/system/identity/print")), ["!re", "!done"]);
    assert.deepEqual(h.client.unread(), []); // nothing streamed under tag f after the cancel
  });

  it("refuses to cancel a tag that is not running", async () => {
    h = await harness();
    assert.deepEqual(await h.trapOf("/cancel", "=tag=99"), { message: "no such command or tag" });
  });
});

describe("!empty (7.18 and later)", () => {
  it("answers a print with no rows with !empty carrying the tag, then !done", async () => {
    h = await harness({ version: "7.18" });
    const replies = await h.run("/ip/ipsec/peer/print", ".tag=e");
    assert.deepEqual(replies.map((r) => [r.type, r.tag]), [["!empty", "e"], ["!done", "e"]]);
  });

  it("answers the same print with a bare !done before 7.18", async () => {
    h = await harness({ version: "7.16" });
    assert.deepEqual(types(await h.run("/ip/ipsec/peer/print")), ["!done"]);
  });

  it("sends !empty when a query matches nothing (7.18.2)", async () => {
    h = await harness({ version: "7.18.2" });
    assert.deepEqual(types(await h.run("/ip/ipsec/profile/print", "?name=nope")), ["!empty", "!done"]);
  });
});

describe("!fatal", () => {
  it("/quit answers !fatal with the reason as a plain word and closes the connection", async () => {
    h = await harness();
    const replies = await h.run("/quit");
    assert.deepEqual(replies.map((r) => [r.type, r.words]), [["!fatal", ["session terminated on request"]]]);
    await h.client.closed;
  });
});

describe("text and word lengths", () => {
  it("round-trips a Chinese comment byte-exact", async () => {
    h = await harness();
    const comment = "到腾讯云的隧道 ✓";
    const [done] = await h.run("/ip/ipsec/peer/add", "=name=tencent", "=address=119.91.254.122", `=comment=${comment}`);
    const [row] = await h.print("/ip/ipsec/peer", `?.id=${done!.attrs.ret}`);
    assert.equal(row!.comment, comment);
    assert.equal(h.emu.rows("/ip/ipsec/peer")[0]!.comment, comment);
  });

  it("accepts a query on a UTF-8 value", async () => {
    h = await harness();
    await h.run("/ip/ipsec/peer/add", "=name=p", "=address=1.1.1.1", "=comment=隧道");
    assert.deepEqual((await h.print("/ip/ipsec/peer", "?comment=隧道")).map((r) => r.name), ["p"]);
  });

  for (const size of [100, 1000, 100_000, 2_200_000]) {
    it(`carries a ${size}-byte word (${encodeLength(size).length}-byte length prefix) both ways`, async () => {
      h = await harness();
      const comment = "x".repeat(size - "=comment=".length);
      await h.run("/ip/ipsec/peer/add", "=name=big", "=address=1.1.1.1", `=comment=${comment}`);
      const [row] = await h.print("/ip/ipsec/peer", "=.proplist=comment");
      assert.equal(row!.comment!.length, comment.length);
    });
  }

  it("accepts non-minimal length prefixes (a 2-byte prefix for a short word)", async () => {
    h = await harness();
    const word = Buffer.from("/system/identity/print");
    h.client.writeBytes(Buffer.concat([Buffer.from([0x80, word.length]), word, Buffer.from([0])]));
    assert.deepEqual(types(await h.client.collect()), ["!re", "!done"]);
  });

  it("drops the connection on a reserved control byte", async () => {
    h = await harness();
    h.client.writeBytes(Buffer.from([0xf8, 0x00]));
    await h.client.closed;
  });

  it("ignores an empty sentence", async () => {
    h = await harness();
    h.client.writeBytes(Buffer.from([0]));
    assert.deepEqual(types(await h.run("/system/identity/print")), ["!re", "!done"]);
    assert.equal(h.emu.counters.sentencesReceived, 2);
  });
});

describe("commands and paths", () => {
  it("answers an unknown directory with two traps, as RouterOS does", async () => {
    h = await harness();
    const replies = await h.run("/ip/ipsec/tunnel/print");
    assert.deepEqual(replies.map((r) => [r.type, r.attrs.message]), [
      ["!trap", "no such command or directory (tunnel)"],
      ["!trap", "no such command prefix"],
      ["!done", undefined],
    ]);
  });

  it("answers an unknown command in a known menu with 'no such command'", async () => {
    h = await harness();
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/frobnicate"), { message: "no such command" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/active-peers/add", "=state=established"), { message: "no such command" });
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/move", "=numbers=*1"), { message: "no such command" });
  });

  it("tolerates detail and without-paging on print and counts with count-only", async () => {
    h = await harness();
    assert.deepEqual(types(await h.run("/ip/ipsec/proposal/print", "=detail=", "=without-paging=")), ["!re", "!done"]);
    assert.deepEqual((await h.run("/ip/ipsec/proposal/print", "=count-only="))[0]!.attrs, { ret: "1" });
  });

  it("limits columns with .proplist (and omits .id unless listed)", async () => {
    h = await harness();
    assert.deepEqual(await h.print("/ip/ipsec/proposal", "=.proplist=name,lifetime"), [{ name: "default", lifetime: "30m" }]);
    assert.deepEqual(await h.print("/ip/ipsec/proposal", "=.proplist=.id,name"), [{ ".id": h.emu.rows("/ip/ipsec/proposal")[0]![".id"]!, name: "default" }]);
  });

  it("get returns one value in =ret=", async () => {
    h = await harness();
    const id = h.emu.rows("/ip/ipsec/profile")[0]![".id"]!;
    assert.deepEqual((await h.run("/ip/ipsec/profile/get", `=.id=${id}`, "=value-name=lifetime"))[0]!.attrs, { ret: "1d" });
    assert.deepEqual((await h.run("/system/resource/get", "=value-name=version"))[0]!.attrs, { ret: "7.16 (stable)" });
  });

  it("refuses query words on commands other than print", async () => {
    h = await harness();
    assert.deepEqual(await h.trapOf("/ip/ipsec/peer/remove", "?name=x"), { message: "unknown parameter ?name=x" });
  });

  it("allocates hex .id values that keep incrementing across menus", async () => {
    h = await harness();
    const a = (await h.run("/ip/ipsec/profile/add", "=name=a"))[0]!.attrs.ret!;
    const b = (await h.run("/ip/ipsec/proposal/add", "=name=b"))[0]!.attrs.ret!;
    assert.match(a, /^\*[0-9A-F]+$/);
    assert.equal(parseInt(b.slice(1), 16), parseInt(a.slice(1), 16) + 1);
  });
});
