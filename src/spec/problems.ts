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

/**
 * One line per problem, whatever the input held: control, format (bidi, zero-width) and line-separator characters
 * are escaped, and long values are cut, so a hostile value can neither forge another line nor flood the output.
 */
export function formatProblem(p: Problem): string {
  const value = p.value === undefined ? "" : ` ${shown(p.value)}`;
  const hint = p.hint ? ` (${printable(p.hint)})` : "";
  return `${shownPath(p.path)}:${value} ${printable(p.message)}${hint}`;
}

/** A problem's path as formatProblem prints it. */
export const shownPath = (path: string): string => cut(printable(path), MAX_SHOWN);

/** Longest value (or path) shown in full; longer ones are cut with their length said. */
export const MAX_SHOWN = 120;

function shown(value: unknown): string {
  const text = printable(JSON.stringify(value) ?? String(value));
  if (text.length <= MAX_SHOWN) return text;
  const length = typeof value === "string" ? `${value.length} characters` : `${text.length} characters as JSON`;
  return `${text.slice(0, MAX_SHOWN - 20)}… (${length})`;
}

const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 20)}… (${text.length} characters)`);

/** Escapes what a terminal or a log would not show as itself. */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, "0")}`);
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `  - ${p.severity === "warning" ? "warning: " : ""}${formatProblem(p)}`).join("\n");
}

export const errors = (problems: Problem[]): Problem[] => problems.filter((p) => p.severity === "error");
