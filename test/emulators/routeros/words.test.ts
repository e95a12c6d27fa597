// Specification of the API word codec: the five length encodings, sentence framing, reserved bytes, byte strings.
// Pure tests: no sockets.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeLength, encodeLength, encodeSentence, fromBytes, ProtocolError, SentenceReader, toBytes } from "./words";

describe("word lengths", () => {
  const cases: Array<[number, string]> = [
    [0, "00"],
    [0x7f, "7f"],
    [0x80, "8080"],
    [0x3fff, "bfff"],
    [0x4000, "c04000"],
    [0x1fffff, "dfffff"],
    [0x200000, "e0200000"],
    [0xfffffff, "efffffff"],
    [0x10000000, "f010000000"],
    [0xffffffff, "f0ffffffff"],
  ];
  for (const [length, hex] of cases) {
    it(`encodes ${length} as ${hex} and decodes it back`, () => {
      assert.equal(encodeLength(length).toString("hex"), hex);
      assert.deepEqual(decodeLength(Buffer.from(hex, "hex")), { length, size: hex.length / 2 });
    });
  }

  it("waits for the rest of a split length prefix", () => {
    assert.equal(decodeLength(Buffer.from("e020", "hex")), undefined);
    assert.equal(decodeLength(Buffer.from("f0100000", "hex")), undefined);
  });

  it("refuses a reserved control byte (0xF8 and above)", () => {
    assert.throws(() => decodeLength(Buffer.from([0xf8])), ProtocolError);
    assert.throws(() => new SentenceReader().push(Buffer.from([0xff, 0x00])), ProtocolError);
  });
});

describe("sentences", () => {
  it("frames words and ends with a zero-length word", () => {
    assert.equal(encodeSentence(["/login", "=name=a"]).toString("hex"), "062f6c6f67696e" + "073d6e616d653d61" + "00");
  });

  it("decodes sentences fed one byte at a time", () => {
    const bytes = Buffer.concat([encodeSentence(["/a", "=x=" + "y".repeat(300)]), encodeSentence(["/b"])]);
    const reader = new SentenceReader();
    const got: string[][] = [];
    for (const b of bytes) got.push(...reader.push(Buffer.from([b])));
    assert.deepEqual(got, [["/a", "=x=" + "y".repeat(300)], ["/b"]]);
  });

  it("counts lengths in bytes, so UTF-8 text round-trips byte-exact", () => {
    const word = toBytes("=comment=到腾讯云");
    const encoded = encodeSentence([word]);
    assert.equal(encoded[0], Buffer.byteLength("=comment=到腾讯云", "utf8"));
    const [sentence] = new SentenceReader().push(encoded);
    assert.equal(fromBytes(sentence![0]!), "=comment=到腾讯云");
  });
});
