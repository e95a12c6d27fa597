// One API connection: decodes sentences, handles /login (both methods), /cancel, /quit, tags, latency and faults.
// Never touches another connection; router state changes go through commands.ts (login only appends /log lines).

import { createHash, randomBytes } from "node:crypto";
import type { Socket } from "node:net";
import { execute, parseSentence, trapReply, type Reply, type Sentence } from "./commands";
import type { Counters, Faults } from "./faults";
import type { Router } from "./router";
import { RosTrap, trap } from "./trap";
import { atLeast } from "./version";
import { encodeSentence, SentenceReader, toBytes } from "./words";

/** What a session shares with the emulator; `faults` is re-read on every sentence. */
export interface SessionHost {
  readonly router: Router;
  readonly faults: Faults;
  readonly counters: Counters;
  readonly user: string;
  readonly password: string;
  readonly sensitivePolicy: boolean;
}

const done: Reply = { type: "!done", attrs: [] };

export class Session {
  private readonly reader = new SentenceReader();
  private loggedIn = false;
  private challenge: Buffer | undefined;
  private received = 0;
  private closed = false;
  private readonly follows = new Map<string, () => void>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly socket: Socket,
    private readonly host: SessionHost,
  ) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("close", () => this.shutdown());
    socket.on("error", () => this.shutdown());
  }

  /** Stops timers and follows; the socket is already closing. */
  shutdown(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.host.counters.inFlight -= this.timers.size;
    this.timers.clear();
    for (const stop of this.follows.values()) stop();
    this.follows.clear();
  }

  private onData(chunk: Buffer): void {
    let sentences: string[][];
    try {
      sentences = this.reader.push(chunk);
    } catch {
      this.shutdown(); // reserved control byte: RouterOS drops the connection
      this.socket.destroy();
      return;
    }
    for (const words of sentences) {
      if (this.closed) return;
      if (words.length > 0) this.onSentence(words);
    }
  }

  private onSentence(words: string[]): void {
    const { counters } = this.host;
    const faults = this.host.faults;
    const s = parseSentence(words);
    counters.sentencesReceived++;
    counters.commands[s.command] = (counters.commands[s.command] ?? 0) + 1;
    this.received++;
    if (faults.dropAfterSentences !== undefined && this.received >= faults.dropAfterSentences) {
      this.closed = true; // replies from here on are never written
      if (faults.dropExecutesLast) this.dispatch(s);
      this.shutdown();
      this.socket.destroy();
      return;
    }
    if (faults.fatalOn && faults.fatalOn.command === s.command) return this.fatal(faults.fatalOn.message);
    if (!this.loggedIn && s.command !== "/login") return this.fatal("not logged in");
    const trapOn = faults.trapOn;
    if (trapOn && trapOn.command === s.command) {
      const times = (trapOn.times ?? 1) - 1;
      if (times <= 0) faults.trapOn = undefined;
      else trapOn.times = times;
      return this.reply(s.tag, [trapReply(new RosTrap(trapOn.message, trapOn.category)), done]);
    }
    this.dispatch(s);
  }

  private dispatch(s: Sentence): void {
    switch (s.command) {
      case "/login":
        return this.login(s);
      case "/cancel":
        return this.cancel(s);
      case "/quit":
        return this.fatal("session terminated on request");
    }
    const outcome = execute(this.host.router, s, this.host.sensitivePolicy);
    if (!outcome.follow) return this.reply(s.tag, outcome.replies);
    const key = s.tag ?? "";
    this.follows.get(key)?.();
    this.reply(s.tag, outcome.replies);
    this.follows.set(key, outcome.follow((reply) => this.reply(s.tag, [reply])));
  }

  private login(s: Sentence): void {
    const { router, user, password } = this.host;
    const v = router.version;
    const name = s.args.get("name");
    const response = s.args.get("response");
    const delay = this.host.faults.loginDelayMs ?? 0;
    const challengeMethod = !atLeast(v, "6.43") || (response === undefined && !s.args.has("password"));
    if (response === undefined && challengeMethod) {
      this.challenge = randomBytes(16);
      return this.reply(s.tag, [{ type: "!done", attrs: [["ret", this.challenge.toString("hex")]] }], delay);
    }
    let ok: boolean;
    if (response !== undefined) {
      const expected = this.challenge
        ? "00" + createHash("md5").update(Buffer.concat([Buffer.from([0]), Buffer.from(toBytes(password), "latin1"), this.challenge])).digest("hex")
        : undefined;
      // The challenge method was removed in 6.45.1: later versions hand out a challenge but refuse every response.
      ok = !atLeast(v, "6.45.1") && name === toBytes(user) && response === expected;
      this.challenge = undefined;
    } else {
      ok = name === toBytes(user) && s.args.get("password") === toBytes(password);
    }
    const via = `from 127.0.0.1 via api`;
    if (!ok) {
      router.appendLog("system,error,critical", `login failure for user ${name ?? ""} ${via}`);
      const refusal = atLeast(v, "6.43") ? trap.badLogin() : trap.cannotLogIn();
      return this.reply(s.tag, [trapReply(refusal), done], delay);
    }
    this.loggedIn = true;
    router.appendLog("system,info,account", `user ${name ?? ""} logged in ${via}`);
    this.reply(s.tag, [done], delay);
  }

  /** `/cancel =tag=N` stops the running command N (it answers `!trap interrupted` + `!done`); without =tag=, all of them. */
  private cancel(s: Sentence): void {
    const target = s.args.get("tag");
    const keys = target === undefined ? [...this.follows.keys()] : [target];
    if (target !== undefined && !this.follows.has(target)) return this.reply(s.tag, [trapReply(trap.unknownTag()), done]);
    for (const key of keys) {
      this.follows.get(key)?.();
      this.follows.delete(key);
      this.reply(key === "" ? undefined : key, [trapReply(trap.interrupted()), done]);
    }
    this.reply(s.tag, [done]);
  }

  private fatal(message: string): void {
    if (this.closed) return;
    this.write([["!fatal", message]]);
    this.shutdown();
    this.socket.end();
  }

  /** Sends one command's reply batch, after latencyMs (+extra) when a latency is set. */
  private reply(tag: string | undefined, replies: readonly Reply[], extraDelayMs = 0): void {
    const words = replies.map((r) => [r.type, ...(tag === undefined ? [] : [`.tag=${tag}`]), ...r.attrs.map(([k, v]) => `=${k}=${v}`)]);
    const delay = this.host.faults.latencyMs + extraDelayMs;
    if (delay <= 0) return this.write(words);
    const { counters } = this.host;
    if (counters.inFlight === 0) counters.rounds++;
    counters.inFlight++;
    counters.peakInFlight = Math.max(counters.peakInFlight, counters.inFlight);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      counters.inFlight--;
      this.write(words);
    }, delay);
    this.timers.add(timer);
  }

  private write(sentences: readonly string[][]): void {
    if (this.closed || this.socket.destroyed) return;
    this.host.counters.sentencesSent += sentences.length;
    this.socket.write(Buffer.concat(sentences.map(encodeSentence)));
  }
}
