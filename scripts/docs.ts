// Regenerates the generated sections of docs/ from the code's tables: `npm run docs`.
import { readFileSync, writeFileSync } from "node:fs";
import { withVocabulary } from "../src/docs/vocabulary";

const file = "docs/configuration.md";
writeFileSync(file, withVocabulary(readFileSync(file, "utf8")));
console.log(`updated ${file}`);
