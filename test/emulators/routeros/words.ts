// RouterOS API wire codec: word lengths (all five encodings), words and sentences, for the emulator and its test client.
// Pure: no sockets. Words are carried as "byte strings" (one char per byte, latin1) so any byte sequence round-trips.

export class ProtocolError extends Error {}

/** Encodes a word length in RouterOS's variable-length form (1 to 5 bytes). */
export function encodeLength(length: number): Buffer {
  if (!Number.isInteger(length) || length < 0 || length > 0xffffffff) throw new ProtocolError(`cannot encode length ${length}`);
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x4000) return Buffer.from([(length >> 8) | 0x80, length & 0xff]);
  if (length < 0x200000) return Buffer.from([(length >> 16) | 0xc0, (length >> 8) & 0xff, length & 0xff]);
  if (length < 0x10000000) {
    return Buffer.from([((length >>> 24) & 0xff) | 0xe0, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]);
  }
  const out = Buffer.alloc(5);
  out[0] = 0xf0;
  out.writeUInt32BE(length, 1);
  return out;
}

/** Decodes a length prefix at `offset`; undefined when more bytes are needed. Throws on a reserved control byte (>= 0xF8). */
export function decodeLength(buf: Buffer, offset = 0): { length: number; size: number } | undefined {
  const first = buf[offset];
  if (first === undefined) return undefined;
  const need = first < 0x80 ? 1 : first < 0xc0 ? 2 : first < 0xe0 ? 3 : first < 0xf0 ? 4 : first < 0xf8 ? 5 : -1;
  if (need === -1) throw new ProtocolError(`reserved control byte 0x${first.toString(16)}`);
  if (buf.length - offset < need) return undefined;
  const b = (i: number): number => buf[offset + i] ?? 0;
  switch (need) {
    case 1:
      return { length: first, size: 1 };
    case 2:
      return { length: ((first & 0x3f) << 8) | b(1), size: 2 };
    case 3:
      return { length: ((first & 0x1f) << 16) | (b(1) << 8) | b(2), size: 3 };
    case 4:
      return { length: (first & 0x0f) * 0x1000000 + ((b(1) << 16) | (b(2) << 8) | b(3)), size: 4 };
    default:
      return { length: buf.readUInt32BE(offset + 1), size: 5 };
  }
}

/** UTF-8 text to the byte string the codec carries. */
export const toBytes = (text: string): string => Buffer.from(text, "utf8").toString("latin1");
/** Byte string back to UTF-8 text. */
export const fromBytes = (bytes: string): string => Buffer.from(bytes, "latin1").toString("utf8");

export function encodeWord(word: string): Buffer {
  const body = Buffer.from(word, "latin1");
  return Buffer.concat([encodeLength(body.length), body]);
}

export function encodeSentence(words: readonly string[]): Buffer {
  return Buffer.concat([...words.map(encodeWord), Buffer.from([0])]);
}

/** Incremental decoder: feed socket chunks, get whole sentences (arrays of byte-string words). */
export class SentenceReader {
  private buf: Buffer = Buffer.alloc(0);
  private words: string[] = [];

  push(chunk: Buffer): string[][] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const sentences: string[][] = [];
    let offset = 0;
    for (;;) {
      const head = decodeLength(this.buf, offset);
      if (!head || this.buf.length - offset - head.size < head.length) break;
      const start = offset + head.size;
      offset = start + head.length;
      if (head.length === 0) {
        sentences.push(this.words);
        this.words = [];
      } else {
        this.words.push(this.buf.toString("latin1", start, offset));
      }
    }
    this.buf = this.buf.subarray(offset);
    return sentences;
  }
}
