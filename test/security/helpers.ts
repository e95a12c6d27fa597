// Test support for test/security: applying corpus patches, reading problem lists out of error text, finding secrets
// in any text (raw, JSON-escaped, base64, hex, URL-encoded), and capturing what the program and child processes print.
import type { ChildProcess } from "node:child_process";
import { shownPath } from "../../src/spec/problems";
import type { Patch } from "./corpus";

/** A section with a corpus patch applied: merged fields (undefined deletes one), or the patch function's result. */
export function applyPatch(patch: Patch | undefined, base: Record<string, unknown>): Record<string, unknown> {
  if (patch === undefined) return structuredClone(base);
  if (typeof patch === "function") return patch(structuredClone(base)) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...structuredClone(base) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** The "  - path: ..." lines of a problem list that name `path` exactly as formatProblem prints it. */
export function problemLines(text: string, path: string): string[] {
  const prefix = `  - ${shownPath(path)}:`;
  return text.split("\n").filter((line) => line.startsWith(prefix));
}

/** Lines after a problem list's header that are not problems: a value that forged its own line would be one. */
export function strayLines(text: string): string[] {
  const lines = text.replace(/\n$/, "").split("\n");
  return lines.slice(1).filter((line) => !line.startsWith("  - "));
}

/** Every form a secret could take in text: itself, JSON-escaped, URL-encoded, hex, and base64 at each alignment. */
export function needles(secret: string): string[] {
  const forms = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), Buffer.from(secret).toString("hex")]);
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), Buffer.from(secret)]).toString("base64");
    // Drop the characters that also encode the padding or the unaligned tail: what is left appears in any base64
    // encoding of a text that contains the secret at this alignment.
    const start = Math.ceil((pad * 4) / 3);
    const end = Math.floor(((pad + Buffer.byteLength(secret)) * 4) / 3);
    if (end - start >= 12) forms.add(encoded.slice(start, end));
  }
  return [...forms];
}

export interface Hit {
  secret: string;
  where: string;
  context: string;
}

/** Where any of the secrets (by name) occurs in `text`, in any of its forms. */
export function findSecrets(secrets: Record<string, string>, where: string, text: string): Hit[] {
  const hits: Hit[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    for (const needle of needles(secret)) {
      const at = text.indexOf(needle);
      if (at >= 0) hits.push({ secret: name, where, context: text.slice(Math.max(0, at - 60), at + needle.length + 60) });
    }
  }
  return hits;
}

/**
 * Records everything the program prints (console, stdout and stderr writes: under mocks pulumi.log goes there) and
 * everything child processes started meanwhile print (the dynamic-provider host's stdout and stderr).
 */
export class OutputCapture {
  readonly program: string[] = [];
  readonly children: string[] = [];
  private restore: Array<() => void> = [];

  start(options: { quiet?: boolean } = {}): this {
    const record = (into: string[], passThrough?: (...a: never[]) => unknown) =>
      ((...args: unknown[]) => {
        into.push(args.map((a) => (typeof a === "string" ? a : a instanceof Error ? `${a.message}\n${a.stack}` : safeJson(a))).join(" "));
        if (!options.quiet && passThrough) (passThrough as (...a: unknown[]) => unknown)(...args);
        return true;
      }) as never;
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      const original = console[method];
      console[method] = record(this.program, original.bind(console) as never);
      this.restore.push(() => (console[method] = original));
    }
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        this.program.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString());
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      this.restore.push(() => (stream.write = original as typeof stream.write));
    }
    // The module object itself (not an import wrapper), so callers that look spawn up at call time see the tee.
    const cp = require("node:child_process") as typeof import("node:child_process");
    const spawn = cp.spawn;
    cp.spawn = ((...args: Parameters<typeof cp.spawn>) => {
      const child = (spawn as (...a: unknown[]) => ChildProcess)(...args);
      child.stdout?.on("data", (chunk: Buffer) => this.children.push(chunk.toString()));
      child.stderr?.on("data", (chunk: Buffer) => this.children.push(chunk.toString()));
      return child;
    }) as typeof cp.spawn;
    this.restore.push(() => (cp.spawn = spawn));
    return this;
  }

  stop(): void {
    for (const undo of this.restore.splice(0).reverse()) undo();
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Strings nested anywhere in a value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * Runs `action` with unhandled rejections collected instead of failing the test. A resource that fails under the
 * SDK's mocks rejects every output that depends on it, long after the program's own promise has settled: those
 * errors are texts a user would see, so they are handed to `seen` (and scanned) rather than lost.
 */
export async function collectingRejections<T>(action: () => Promise<T>, seen: (reason: unknown) => void): Promise<T> {
  const saved = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  let last = Date.now();
  const listener = (reason: unknown) => {
    last = Date.now();
    seen(reason);
  };
  process.on("unhandledRejection", listener);
  try {
    return await action();
  } finally {
    do await new Promise((resolve) => setTimeout(resolve, 100));
    while (Date.now() - last < 100);
    process.off("unhandledRejection", listener);
    for (const restored of saved) process.on("unhandledRejection", restored);
  }
}
