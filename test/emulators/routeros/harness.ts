// Test support: start an emulator with a logged-in raw client, and shorthands for reading replies.
// Used by the *.test.ts files only; listens on 127.0.0.1 ephemeral ports.

import { createHash } from "node:crypto";
import { RouterOsEmulator, type RouterOsEmulatorOptions } from "./index";
import { RawClient, type RawReply } from "./raw-client";

export interface Harness {
  readonly emu: RouterOsEmulator;
  readonly client: RawClient;
  /** Sends one sentence, returns its replies through !done. */
  run(...words: string[]): Promise<RawReply[]>;
  /** The attributes of the `!re` rows of a print. */
  print(menu: string, ...words: string[]): Promise<Array<Record<string, string>>>;
  /** Runs a command expected to trap and returns the trap's attributes. */
  trapOf(...words: string[]): Promise<Readonly<Record<string, string>>>;
  close(): Promise<void>;
}

export async function harness(options: RouterOsEmulatorOptions = {}): Promise<Harness> {
  const emu = await RouterOsEmulator.start({ password: "secret", ...options });
  const client = await RawClient.connect(emu.port, emu.tls ? { ca: emu.tls.caPem } : undefined);
  const [user, password] = [options.user ?? "admin", options.password ?? "secret"];
  let login = await client.login(user, password);
  const challenge = login[0]?.attrs.ret;
  if (challenge !== undefined) {
    // before 6.43: answer the MD5 challenge
    const response = "00" + createHash("md5").update(Buffer.concat([Buffer.from([0]), Buffer.from(password), Buffer.from(challenge, "hex")])).digest("hex");
    login = await client.run("/login", `=name=${user}`, `=response=${response}`);
  }
  if (login.length !== 1 || login[0]?.type !== "!done") throw new Error(`harness login failed: ${JSON.stringify(login)}`);
  const run = (...words: string[]): Promise<RawReply[]> => client.run(...words);
  return {
    emu,
    client,
    run,
    async print(menu, ...words) {
      return (await run(`${menu}/print`, ...words)).filter((r) => r.type === "!re").map((r) => ({ ...r.attrs }));
    },
    async trapOf(...words) {
      const replies = await run(...words);
      const t = replies.find((r) => r.type === "!trap");
      if (!t) throw new Error(`expected a !trap for ${words.join(" ")}, got ${JSON.stringify(replies)}`);
      return t.attrs;
    },
    async close() {
      client.close();
      await emu.stop();
    },
  };
}

/** Only the listed keys of a row, for exact comparisons that ignore the rest. */
export function pick(row: Readonly<Record<string, string>> | undefined, ...keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (row && row[k] !== undefined) out[k] = row[k];
  return out;
}

/** The kinds of reply words, e.g. ["!trap", "!done"]. */
export const types = (replies: readonly RawReply[]): string[] => replies.map((r) => r.type);
