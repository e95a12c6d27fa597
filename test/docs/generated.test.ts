import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { withVocabulary } from "../../src/docs/vocabulary";

it("docs/configuration.md carries the current vocabulary tables (run npm run docs after changing algorithms.ts)", () => {
  const document = readFileSync("docs/configuration.md", "utf8");
  assert.equal(withVocabulary(document), document);
});
