// Minimal raw-socket RouterOS API client for the emulator's own tests: UTF-8 text, tags, !empty, !fatal, raw bytes.
// Test support only (node-routeros mangles UTF-8 and crashes on !empty); connects to 127.0.0.1 only.

import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { encodeSentence, fromBytes, SentenceReader, toBytes } from "./words";

export interface RawReply {
  /** "!re", "!done", "!trap", "!empty", "!fatal" */
  readonly type: string;
  readonly tag?: string;
  /** =name=value attributes (UTF-8 decoded). */
  readonly attrs: Readonly<Record<string, string>>;
  /** Every word after the reply word, UTF-8 decoded (e.g. the !fatal reason). */
  readonly words: readonly string[];
}

function decode(words: readonly string[]): RawReply {
  const [type = "", ...rest] = words.map(fromBytes);
  const attrs: Record<string, string> = {};
  let tag: string | undefined;
  for (const word of rest) {
    if (word.startsWith(".tag=")) tag = word.slice(5);
    else if (word.startsWith("=")) {
      const eq = word.indexOf("=", 1);
      attrs[word.slice(1, eq)] = word.slice(eq + 1);
    }
  }
  return { type, ...(tag === undefined ? {} : { tag }), attrs, words: rest };
}

export class RawClient {
  private readonly reader = new SentenceReader();
  private readonly inbox: RawReply[] = [];
  private waiters: Array<() => void> = [];
  private ended = false;
  /** Resolves when the server closes the connection. */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      for (const words of this.reader.push(chunk)) this.inbox.push(decode(words));
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on("close", () => {
        this.ended = true;
        this.wake();
        resolve();
      }),
    );
    socket.on("error", () => undefined);
  }

  static connect(port: number, tls?: { ca: string }): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = tls
        ? tlsConnect({ host: "127.0.0.1", port, ca: [tls.ca] }, () => resolve(new RawClient(socket)))
        : netConnect({ host: "127.0.0.1", port }, () => resolve(new RawClient(socket)));
      socket.once("error", reject);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Sends sentences (UTF-8 words) in one socket write. */
  write(...sentences: string[][]): void {
    this.socket.write(Buffer.concat(sentences.map((words) => encodeSentence(words.map(toBytes)))));
  }

  writeBytes(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The first received reply matching `match` (waits for it); rejects if the connection closes first. */
  async take(match: (r: RawReply) => boolean = () => true): Promise<RawReply> {
    for (;;) {
      const i = this.inbox.findIndex(match);
      if (i >= 0) return this.inbox.splice(i, 1)[0]!;
      if (this.ended) throw new Error("connection closed");
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Replies received but not yet taken. */
  unread(): readonly RawReply[] {
    return [...this.inbox];
  }

  /** Replies for one tag (undefined: untagged) up to and including its !done, or a !fatal. */
  async collect(tag?: string): Promise<RawReply[]> {
    const out: RawReply[] = [];
    for (;;) {
      const r = await this.take((x) => x.tag === tag || x.type === "!fatal");
      out.push(r);
      if (r.type === "!done" || r.type === "!fatal") return out;
    }
  }

  /** Sends one sentence and returns its replies through !done. */
  async run(...words: string[]): Promise<RawReply[]> {
    const tag = words.find((w) => w.startsWith(".tag="))?.slice(5);
    this.write(words);
    return this.collect(tag);
  }

  async login(user: string, password: string): Promise<RawReply[]> {
    return this.run("/login", `=name=${user}`, `=password=${password}`);
  }

  close(): void {
    this.socket.destroy();
  }
}
