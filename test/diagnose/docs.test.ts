// Specification of docs/troubleshooting.md as the catalog's human-readable face: it quotes every entry and every class,
// keeps a marked place for the `doctor` command's output, and shows doctor's current output for every class.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOG, CLASSES } from "../../src/diagnose";
import { DOCTOR_END, doctorBegin, doctorBlocks, EXAMPLE_KEY, exampleVerdict, withDoctorExamples } from "../../src/docs/doctor-examples";

const doc = readFileSync(join(__dirname, "..", "..", "docs", "troubleshooting.md"), "utf8");

/** The text of a class's section: from its heading to the next heading or the doctor section. */
function section(heading: string): string {
  const start = doc.indexOf(heading);
  if (start < 0) return "";
  const rest = doc.slice(start + heading.length);
  const end = rest.search(/\n## |\n### |<!-- BEGIN doctor/);
  return rest.slice(0, end < 0 ? undefined : end);
}

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

describe("docs/troubleshooting.md: doctor's output", () => {
  it("shows doctor's output in every mismatch class's own section", () => {
    const without = CLASSES.filter((c) => {
      const text = section(`### ${c.title} — \`${c.id}\``);
      const start = text.indexOf(doctorBegin(c.id));
      const end = text.indexOf(DOCTOR_END, start);
      return start < 0 || end < 0 || !/ros-vpc-ipsec doctor: tunnel \S+: DOWN: /.test(text.slice(start, end));
    });
    assert.deepEqual(without.map((c) => c.id), []);
  });

  it("carries doctor's current output (run npm run docs after changing the diagnosis, the verdict or its printing)", () => {
    assert.equal(withDoctorExamples(doc), doc);
  });

  it("has each generated block once, and none for a block the generator no longer makes", () => {
    const names = [...doc.matchAll(/<!-- generated: doctor (\S+) \(npm run docs\) -->/g)].map((m) => m[1]);
    assert.deepEqual([...names].sort(), [...doctorBlocks().keys()].sort());
  });

  it("shows, under each class, evidence that doctor ranks as that class first", () => {
    const wrong = CLASSES.map((c) => [c.id, exampleVerdict(c.id).result.causes[0]?.class]).filter(([id, first]) => id !== first);
    assert.deepEqual(wrong, []);
  });

  it("shows no pre-shared key", () => {
    assert.ok(!doc.includes(EXAMPLE_KEY));
    for (const [name, block] of doctorBlocks()) assert.ok(!block.includes(EXAMPLE_KEY), name);
  });
});
