// Specification of docs/troubleshooting.md as the catalog's human-readable face: it quotes every entry and every class,
// and keeps a marked place for the `doctor` command's output.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOG, CLASSES } from "../../src/diagnose";

const doc = readFileSync(join(__dirname, "..", "..", "docs", "troubleshooting.md"), "utf8");

describe("docs/troubleshooting.md", () => {
  it("quotes every catalog entry by id, with its example line", () => {
    const missing = CATALOG.filter((e) => !doc.includes(`\`${e.id}\``) || !doc.includes(e.example.replace(/\|/g, "\\|")));
    assert.deepEqual(missing.map((e) => e.id), []);
  });

  it("has a section for every mismatch class", () => {
    assert.deepEqual(CLASSES.filter((c) => !doc.includes(`### ${c.title} — \`${c.id}\``)).map((c) => c.id), []);
  });

  it("keeps a clearly marked section for the doctor command", () => {
    assert.match(doc, /<!-- BEGIN doctor[^>]*-->[\s\S]*## The `doctor` command[\s\S]*<!-- END doctor -->/);
  });
});
