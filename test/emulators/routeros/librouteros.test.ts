// The emulator driven by a client nobody here wrote: Debian's python3-librouteros (run with /usr/bin/python3).
// Each test runs one small Python scenario against 127.0.0.1 and checks what it printed as JSON.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { afterEach, describe, it } from "node:test";
import { RouterOsEmulator, type RouterOsEmulatorOptions } from "./index";

const PYTHON = "/usr/bin/python3";

const SCRIPT = String.raw`
import json, ssl, sys
import librouteros
from librouteros import connect
from librouteros.login import plain, token
from librouteros.protocol import parse_word
from librouteros.query import Key, Or
from librouteros.exceptions import TrapError

scenario, port, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
out = {}

def trap(fn):
    try:
        fn()
        return None
    except TrapError as e:
        return {"message": e.message, "category": e.category}

if scenario == "crud":
    api = connect(host="127.0.0.1", port=port, username="admin", password=password)
    profiles = api.path("ip", "ipsec", "profile")
    peers = api.path("ip", "ipsec", "peer")
    out["profile"] = profiles.add(name="to_tencent", **{"dh-group": "modp2048,ecp256", "lifetime": "24h"})
    out["peer"] = peers.add(name="to_tencent", address="119.91.254.122", profile="to_tencent")
    peers.add(name="other", address="203.0.113.9")
    name, address = Key("name"), Key("address")
    out["query"] = list(peers.select(name, address).where(name == "to_tencent"))
    out["or"] = sorted(r["name"] for r in peers.select(name).where(Or(name == "to_tencent", name == "other")))
    out["ne"] = [r["name"] for r in peers.select(name).where(name != "to_tencent")]
    peers.update(**{".id": out["peer"], "passive": True, "comment": "owned"})
    out["after_set"] = [r for r in peers if r["name"] == "to_tencent"][0]
    out["profile_row"] = [r for r in profiles if r["name"] == "to_tencent"][0]
    out["bad_value"] = trap(lambda: profiles.add(name="x", **{"dh-group": "modp1"}))
    out["in_use"] = trap(lambda: profiles.remove(out["profile"]))
    peers.remove(out["peer"])
    out["remaining"] = [r["name"] for r in peers]
elif scenario == "tags":
    api = connect(host="127.0.0.1", port=port, username="admin", password=password)
    for n in ("a", "b", "c"):
        api.path("ip", "ipsec", "peer").add(name=n, address="203.0.113.1")
    api.path("ip", "ipsec", "proposal").add(name="p2")
    # The library's protocol layer sends any words: two tagged commands, pipelined before any reply is read.
    api.protocol.writeSentence("/ip/ipsec/peer/print", "=.proplist=name", ".tag=1")
    api.protocol.writeSentence("/ip/ipsec/proposal/print", "=.proplist=name", ".tag=2")
    out["replies"], done = [], set()
    while done != {"1", "2"}:
        reply, words = api.protocol.readSentence()
        tags = [w[len(".tag="):] for w in words if w.startswith(".tag=")]
        attrs = dict(parse_word(w) for w in words if w.startswith("="))
        out["replies"].append([reply, tags, attrs.get("name")])
        if reply == "!done":
            done.update(tags)
elif scenario == "wrong-password":
    try:
        connect(host="127.0.0.1", port=port, username="admin", password="wrong")
    except TrapError as e:
        out["trap"] = e.message
elif scenario == "token":
    api = connect(host="127.0.0.1", port=port, username="admin", password=password, login_method=token)
    out["version"] = list(api.path("system", "resource"))[0]["version"]
elif scenario == "tls":
    ctx = ssl.create_default_context(cadata=sys.argv[4])
    api = connect(host="127.0.0.1", port=port, username="admin", password=password,
                  ssl_wrapper=lambda s: ctx.wrap_socket(s, server_hostname="127.0.0.1"))
    out["identity"] = list(api.path("system", "identity"))[0]["name"]

print(json.dumps(out, ensure_ascii=False))
`;

let emu: RouterOsEmulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

/** Runs a scenario asynchronously (the emulator lives on this event loop) and parses its JSON output. */
async function python(scenario: string, options: RouterOsEmulatorOptions = {}, extra: (e: RouterOsEmulator) => string[] = () => []): Promise<Record<string, unknown>> {
  emu = await RouterOsEmulator.start({ password: "secret", ...options });
  const args = ["-c", SCRIPT, scenario, String(emu.port), "secret", ...extra(emu)];
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(PYTHON, args, { timeout: 15_000 }, (err, out, stderr) =>
      err ? reject(new Error(`python ${scenario} failed: ${stderr}`)) : resolve(out),
    ),
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("python3-librouteros against the emulator", () => {
  it("adds, prints with == / != / Or queries, updates and removes", async () => {
    const out = await python("crud");
    assert.match(String(out.peer), /^\*[0-9A-F]+$/);
    assert.deepEqual(out.query, [{ name: "to_tencent", address: "119.91.254.122/32" }]);
    assert.deepEqual(out.or, ["other", "to_tencent"]);
    assert.deepEqual(out.ne, ["other"]);
    const peer = out.after_set as Record<string, unknown>;
    assert.deepEqual([peer.passive, peer.comment, peer.profile], [true, "owned", "to_tencent"]);
    const profile = out.profile_row as Record<string, unknown>;
    assert.deepEqual([profile["dh-group"], profile.lifetime], ["ecp256,modp2048", "1d"]);
    assert.deepEqual(out.bad_value, { message: "input does not match any value of dh-group", category: 1 });
    assert.deepEqual(out.in_use, { message: 'failure: profile "to_tencent" is in use by peer "to_tencent"', category: null });
    assert.deepEqual(out.remaining, ["other"]);
  });

  it("answers two pipelined tagged commands each under its own tag, their replies not mixed", async () => {
    const { replies } = (await python("tags")) as { replies: Array<[string, string[], string | null]> };
    assert.ok(replies.every(([, tags]) => tags.length === 1), `every reply carries exactly one .tag: ${JSON.stringify(replies)}`);
    const of = (tag: string): Array<[string, string | null]> => replies.filter(([, tags]) => tags[0] === tag).map(([reply, , name]) => [reply, name]);
    assert.deepEqual(of("1"), [["!re", "a"], ["!re", "b"], ["!re", "c"], ["!done", null]]);
    assert.deepEqual(of("2"), [["!re", "default"], ["!re", "p2"], ["!done", null]]);
    assert.equal(replies.length, 7);
  });

  it("sees a wrong password refused with RouterOS's message", async () => {
    assert.deepEqual(await python("wrong-password"), { trap: "invalid user name or password (6)" });
  });

  it("logs in to a pre-6.43 router with its token (challenge) method", async () => {
    assert.deepEqual(await python("token", { version: "6.42.1" }), { version: "6.42.1 (long-term)" });
  });

  it("verifies the api-ssl certificate against the emulator's CA", async () => {
    assert.deepEqual(await python("tls", { tls: true }, (e) => [e.tls!.caPem]), { identity: "MikroTik" });
  });

  // No UTF-8 scenario: librouteros 3.1.0 prefixes each word with its length in characters, not bytes, so any
  // non-ASCII word desynchronises the stream (on a real router too). UTF-8 is specified in protocol.test.ts.
});
