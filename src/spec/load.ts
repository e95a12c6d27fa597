// Reading a spec file (YAML or JSON). The one file in spec/ that does I/O; parsing stays in parse.ts.
import { readFileSync } from "node:fs";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { parseTunnelSpec, type ParseResult } from "./parse";

/** Parses YAML (a superset of JSON) text; syntax errors come back as problems with the line. */
export function parseSpecText(text: string, source = "spec"): ParseResult {
  let document: unknown;
  try {
    document = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : "";
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { problems: [{ path: source, severity: "error", message: `is not valid YAML or JSON${where}: ${message}`, hint: "fix the syntax there; examples/secure.yaml shows the layout" }] };
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    return { problems: [{ path: source, severity: "error", message: "must be a mapping of spec fields", hint: "see examples/secure.yaml" }] };
  }
  return parseTunnelSpec(document);
}

export function loadSpecFile(file: string): ParseResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    return { problems: [{ path: file, severity: "error", message: `cannot be read (${code})`, hint: "check the path and that the file is readable" }] };
  }
  return parseSpecText(text, file);
}
