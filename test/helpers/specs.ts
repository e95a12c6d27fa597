// Spec inputs shared by tests: the article's tunnel and the same tunnel with secure defaults.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { requireTunnelSpec } from "../../src/spec/parse";
import type { TunnelSpec } from "../../src/spec/types";

export const EXAMPLES = join(__dirname, "..", "..", "examples");

export function exampleInput(name: "article" | "secure"): Record<string, unknown> {
  return parse(readFileSync(join(EXAMPLES, `${name}.yaml`), "utf8")) as Record<string, unknown>;
}

export function exampleSpec(name: "article" | "secure", overrides: Record<string, unknown> = {}): TunnelSpec {
  return requireTunnelSpec({ ...exampleInput(name), ...overrides });
}
