// A problem found in a spec: the field path, the bad value, what was expected and the fix.
// Pure data and formatting; no I/O.

export interface Problem {
  /** Dotted path of the field in the spec (e.g. "ike.dhGroup", "siteCidrs[1]"). */
  path: string;
  /** The value as given (never a secret: validators redact those). */
  value?: unknown;
  message: string;
  hint?: string;
  severity: "error" | "warning";
}

export class SpecError extends Error {
  constructor(readonly problems: Problem[], context = "invalid tunnel spec") {
    super(`${context}:\n${formatProblems(problems.filter((p) => p.severity === "error"))}`);
    this.name = "SpecError";
  }
}

export function formatProblem(p: Problem): string {
  const value = p.value === undefined ? "" : ` ${JSON.stringify(p.value)}`;
  const hint = p.hint ? ` (${p.hint})` : "";
  return `${p.path}:${value} ${p.message}${hint}`;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `  - ${p.severity === "warning" ? "warning: " : ""}${formatProblem(p)}`).join("\n");
}

export const errors = (problems: Problem[]): Problem[] => problems.filter((p) => p.severity === "error");
