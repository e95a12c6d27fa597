// Hardening of node-routeros's wire codec: UTF-8 words (it speaks win1252, mangling Chinese comments), one socket
// write per sentence (it writes word by word, which Nagle's algorithm turns into 40 ms stalls), complete sentence
// framing across TCP segments, `!empty` (RouterOS 7.18+) ignored instead of crashing, `!fatal` kept, and its debug
// output off (it prints every word, secrets included, under DEBUG=routeros-api:*).
// Patches node-routeros's Transmitter/Receiver/Connector prototypes once per process; nothing else changes.
import { dirname } from "node:path";

interface ReceiverLike {
  socket: NodeJS.EventEmitter & { destroy(error?: Error): void; rosFatal?: string };
  tags: Map<string, { callback: (packet: string[]) => void }>;
  rviBuffer?: Buffer;
  rviWords?: string[];
}

interface ConnectorLike {
  transmitter: { socket: { writable: boolean; write(data: Buffer): boolean }; pool: Buffer[] };
}

let patched = false;

export function hardenNodeRouterOs(): void {
  silenceDebug(); // every session: DEBUG may have been enabled since the last one
  if (patched) return;
  patched = true;
  const { Transmitter, Receiver, Connector } = require("node-routeros") as {
    Transmitter: { prototype: { encodeString(text: string | null): Buffer } };
    Receiver: { prototype: { processRawData(this: ReceiverLike, data: Buffer): void } };
    Connector: { prototype: { write(this: ConnectorLike, words: string[]): unknown } };
  };
  Transmitter.prototype.encodeString = (text) => encodeWord(text === null ? Buffer.alloc(0) : Buffer.from(text, "utf8"));
  Connector.prototype.write = function write(words) {
    const sentence = Buffer.concat([...words.map((w) => encodeWord(Buffer.from(w, "utf8"))), Buffer.alloc(1)]);
    const { transmitter } = this;
    // Same queueing as node-routeros: before the socket is writable, sentences wait in its pool.
    if (!transmitter.socket.writable || transmitter.pool.length > 0) transmitter.pool.push(sentence);
    else transmitter.socket.write(sentence);
    return this;
  };
  Receiver.prototype.processRawData = function processRawData(data) {
    let buffer = this.rviBuffer && this.rviBuffer.length > 0 ? Buffer.concat([this.rviBuffer, data]) : data;
    const words = (this.rviWords ??= []);
    for (;;) {
      const word = readWord(buffer);
      if (word === "incomplete") break;
      if (word === "invalid") {
        this.socket.destroy(new Error("the router sent a reserved control byte: the API stream is out of step"));
        return;
      }
      buffer = buffer.subarray(word.size);
      if (word.value.length > 0) {
        words.push(word.value.toString("utf8"));
        continue;
      }
      dispatch(this, words.splice(0));
    }
    this.rviBuffer = buffer;
  };
}

/** A word: its length in RouterOS's 1- to 5-byte encoding, then its bytes. */
export function encodeWord(bytes: Buffer): Buffer {
  const n = bytes.length;
  let head: number[];
  if (n < 0x80) head = [n];
  else if (n < 0x4000) head = [(n >> 8) | 0x80, n & 0xff];
  else if (n < 0x200000) head = [(n >> 16) | 0xc0, (n >> 8) & 0xff, n & 0xff];
  else if (n < 0x10000000) head = [(n >>> 24) | 0xe0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  else head = [0xf0, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from(head), bytes]);
}

export function readWord(buffer: Buffer): { value: Buffer; size: number } | "incomplete" | "invalid" {
  if (buffer.length === 0) return "incomplete";
  const first = buffer[0]!;
  let headSize: number;
  let length: number;
  if (first < 0x80) [headSize, length] = [1, first];
  else if (first < 0xc0) [headSize, length] = [2, ((first & 0x3f) << 8) | (buffer[1] ?? 0)];
  else if (first < 0xe0) [headSize, length] = [3, ((first & 0x1f) << 16) | ((buffer[1] ?? 0) << 8) | (buffer[2] ?? 0)];
  else if (first < 0xf0) [headSize, length] = [4, (first & 0x0f) * 0x1000000 + ((buffer[1] ?? 0) << 16) + ((buffer[2] ?? 0) << 8) + (buffer[3] ?? 0)];
  else if (first === 0xf0) [headSize, length] = [5, (buffer[1] ?? 0) * 0x1000000 + ((buffer[2] ?? 0) << 16) + ((buffer[3] ?? 0) << 8) + (buffer[4] ?? 0)];
  else return "invalid";
  if (buffer.length < headSize + length) return "incomplete";
  return { value: buffer.subarray(headSize, headSize + length), size: headSize + length };
}

/** Hands a complete sentence to the channel waiting on its tag, as node-routeros's Channel expects it. */
function dispatch(receiver: ReceiverLike, words: string[]): void {
  const [reply] = words;
  if (reply === undefined) return;
  if (reply === "!fatal") {
    receiver.socket.rosFatal = words.slice(1).join(" ") || "session terminated";
    receiver.socket.emit("fatal");
    return;
  }
  if (reply === "!empty") return; // "no rows"; the command's !done follows
  const tagWord = words.find((w) => w.startsWith(".tag="));
  if (!tagWord) return; // untagged replies answer nothing we wait for
  receiver.tags.get(tagWord.slice(5))?.callback(words.filter((w) => w !== tagWord));
}

/** node-routeros logs sentences (an identity's secret, the login password) through `debug`: its namespace stays off. */
function silenceDebug(): void {
  const debug = require(require.resolve("debug", { paths: [dirname(require.resolve("node-routeros"))] })) as {
    enabled(name: string): boolean;
    disable(): string;
    enable(names: string): void;
  };
  if (debug.enabled("routeros-api:channel:info") || debug.enabled("routeros-api:connector:receiver:info")) {
    debug.enable(`${debug.disable()},-routeros-api:*`);
  }
}
