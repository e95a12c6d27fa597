// Regenerates the generated sections of docs/ from the code's tables and doctor's own output: `npm run docs`.
import { readFileSync, writeFileSync } from "node:fs";
import { withDoctorExamples } from "../src/docs/doctor-examples";
import { withVocabulary } from "../src/docs/vocabulary";

const GENERATED: ReadonlyArray<[file: string, generate: (document: string) => string]> = [
  ["docs/configuration.md", withVocabulary],
  ["docs/troubleshooting.md", withDoctorExamples],
];

for (const [file, generate] of GENERATED) {
  const before = readFileSync(file, "utf8");
  const after = generate(before);
  if (after !== before) writeFileSync(file, after);
  console.log(`${after === before ? "unchanged" : "updated"} ${file}`);
}
