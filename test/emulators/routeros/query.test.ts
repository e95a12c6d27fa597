// Specification of print query evaluation: each word pushes, ?# operators combine, the rest is ANDed.
// Pure tests of query.ts.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileQuery } from "./query";
import { RosTrap } from "./trap";

const rows = [
  new Map([[".id", "*1"], ["name", "a"], ["port", "500"], ["comment", "x"]]),
  new Map([[".id", "*2"], ["name", "b"], ["port", "4500"]]),
  new Map([[".id", "*A"], ["name", "c"], ["port", "1701"], ["comment", "y"]]),
];
const names = (...words: string[]): string[] => rows.filter(compileQuery(words)).map((r) => r.get("name")!);

describe("query words", () => {
  it("matches every row without queries", () => assert.deepEqual(names(), ["a", "b", "c"]));
  it("?name=x and ?=name=x test equality", () => {
    assert.deepEqual(names("?name=b"), ["b"]);
    assert.deepEqual(names("?=name=b"), ["b"]);
  });
  it("?name tests presence and ?-name absence", () => {
    assert.deepEqual(names("?comment"), ["a", "c"]);
    assert.deepEqual(names("?-comment"), ["b"]);
  });
  it("?< and ?> compare numbers numerically and ids by their hex value", () => {
    assert.deepEqual(names("?<port=1000"), ["a"]);
    assert.deepEqual(names("?>port=1000"), ["b", "c"]);
    assert.deepEqual(names("?>.id=*2"), ["c"]);
  });
  it("ANDs everything left on the stack", () => assert.deepEqual(names("?comment", "?>port=1000"), ["c"]));
  it("?#| ORs the two top values", () => assert.deepEqual(names("?name=a", "?name=c", "?#|"), ["a", "c"]));
  it("?#! negates the top value (not ether, not vlan)", () => assert.deepEqual(names("?name=a", "?name=b", "?#|!"), ["c"]));
  it("?#& ANDs the two top values", () => assert.deepEqual(names("?comment", "?name=a", "?#&"), ["a"]));
  it("?#. duplicates the top value and a digit copies a value below the top", () => {
    assert.deepEqual(names("?name=a", "?#.!|"), ["a", "b", "c"]);
    assert.deepEqual(names("?name=b", "?comment", "?#1|"), ["b"]);
  });
  it("compares values as printed strings (no type-aware matching)", () => assert.deepEqual(names("?port=0500"), []));
  it("traps on an operator without enough operands, even before any row is tested", () => {
    assert.throws(() => compileQuery(["?#|"]), RosTrap);
    assert.throws(() => compileQuery(["?name=a", "?#x"]), RosTrap);
    assert.throws(() => compileQuery(["?<port"]), RosTrap);
  });
});
