// Print query words (?name, ?-name, ?name=x, ?=name=x, ?<name=x, ?>name=x, ?#ops) compiled to a row predicate.
// Pure. Evaluated like RouterOS: each word pushes a boolean, ?# operators combine, what remains on the stack is ANDed.

import { trap } from "./trap";

/** A printed row: field name → printed value (sensitive fields already hidden). */
export type PrintedRow = ReadonlyMap<string, string>;

type Step =
  | { readonly op: "has"; readonly name: string }
  | { readonly op: "hasNot"; readonly name: string }
  | { readonly op: "eq" | "lt" | "gt"; readonly name: string; readonly value: string }
  | { readonly op: "stack"; readonly ops: string };

function split(body: string): [string, string] {
  const eq = body.indexOf("=");
  if (eq <= 0) throw trap.badQuery();
  return [body.slice(0, eq), body.slice(eq + 1)];
}

function parse(word: string): Step {
  const body = word.slice(1);
  switch (body[0]) {
    case "#":
      return { op: "stack", ops: body.slice(1) };
    case "-":
      if (body.length < 2) throw trap.badQuery();
      return { op: "hasNot", name: body.slice(1) };
    case "<":
    case ">": {
      const [name, value] = split(body.slice(1));
      return { op: body[0] === "<" ? "lt" : "gt", name, value };
    }
    case "=": {
      const [name, value] = split(body.slice(1));
      return { op: "eq", name, value };
    }
    case undefined:
      throw trap.badQuery();
    default:
      if (!body.includes("=")) return { op: "has", name: body };
      {
        const [name, value] = split(body);
        return { op: "eq", name, value };
      }
  }
}

/** Orders numbers numerically, `*1A` ids by their hex value, anything else byte-wise. */
function compare(a: string, b: string): number {
  const num = /^\d+$/;
  if (num.test(a) && num.test(b)) return Number(a) - Number(b);
  const id = /^\*[0-9A-Fa-f]+$/;
  if (id.test(a) && id.test(b)) return parseInt(a.slice(1), 16) - parseInt(b.slice(1), 16);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A malformed stack operation: fewer values than the operator takes. */
function need(stack: readonly boolean[], n: number): void {
  if (stack.length < n) throw trap.badQuery();
}

/** Applies one ?# operator string to the stack. Digits push a copy of the value that many places below the top. */
function runOps(ops: string, stack: boolean[]): void {
  let i = 0;
  while (i < ops.length) {
    const c = ops[i]!;
    if (/\d/.test(c)) {
      let j = i;
      while (j < ops.length && /\d/.test(ops[j]!)) j++;
      const n = Number(ops.slice(i, j));
      need(stack, n + 1);
      stack.push(stack[stack.length - 1 - n]!);
      i = j < ops.length && ops[j] === "." ? j + 1 : j; // "." right after an index does nothing
      continue;
    }
    if (c === "!") {
      need(stack, 1);
      stack.push(!stack.pop());
    } else if (c === "&" || c === "|") {
      need(stack, 2);
      const b = stack.pop()!;
      const a = stack.pop()!;
      stack.push(c === "&" ? a && b : a || b);
    } else if (c === ".") {
      need(stack, 1);
      stack.push(stack[stack.length - 1]!);
    } else {
      throw trap.badQuery();
    }
    i++;
  }
}

/** Compiles query words to a predicate; throws RosTrap for malformed queries even when no row would be tested. */
export function compileQuery(words: readonly string[]): (row: Pick<PrintedRow, "get">) => boolean {
  const steps = words.map(parse);
  const test = (row: Pick<PrintedRow, "get">): boolean => {
    const stack: boolean[] = [];
    for (const step of steps) {
      const value = step.op === "stack" ? undefined : row.get(step.name);
      switch (step.op) {
        case "stack":
          runOps(step.ops, stack);
          break;
        case "has":
          stack.push(value !== undefined);
          break;
        case "hasNot":
          stack.push(value === undefined);
          break;
        case "eq":
          stack.push(value === step.value);
          break;
        case "lt":
          stack.push(value !== undefined && compare(value, step.value) < 0);
          break;
        case "gt":
          stack.push(value !== undefined && compare(value, step.value) > 0);
          break;
      }
    }
    return stack.every(Boolean);
  };
  test(new Map()); // stack shape does not depend on the row: a malformed query traps here
  return test;
}
