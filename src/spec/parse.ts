// From what a user wrote to a complete TunnelSpec: shape check, defaults, then every semantic check at once.
// Pure; no I/O. parseTunnelSpec never throws on bad input: it returns problems.
import type { z } from "zod";
import { canonicalOf, PLATFORMS, type Vocabulary } from "./algorithms";
import { DEFAULTS } from "./defaults";
import { parseDuration } from "./duration";
import { tunnelSpecInputSchema, type TunnelSpecInput } from "./input";
import { isIpv4 } from "./net";
import { errors, SpecError, type Problem } from "./problems";
import type { Identity, TunnelSpec } from "./types";
import { validateSpec } from "./validate";

export interface ParseResult {
  /** Present only when there is no error (warnings may remain). */
  spec?: TunnelSpec;
  problems: Problem[];
}

export function parseTunnelSpec(input: unknown): ParseResult {
  const shape = tunnelSpecInputSchema.safeParse(input, { reportInput: true });
  if (shape.success) return checked(shape.data);
  const problems = shape.error.issues.flatMap(shapeProblem);
  // A bad field does not hide the others: set it aside, check the rest, and keep what the stand-ins did not cause.
  const aside = setAside(input, shape.error.issues);
  if (!aside) return { problems };
  return { problems: [...problems, ...checked(aside.input).problems.filter((p) => !aside.hides(p.path))] };
}

function checked(input: TunnelSpecInput): ParseResult {
  const problems: Problem[] = [];
  const spec = normalise(input, problems);
  problems.push(...validateSpec(spec));
  return errors(problems).length === 0 ? { spec, problems } : { problems };
}

/** The spec, or a SpecError listing every problem. */
export function requireTunnelSpec(input: unknown, context?: string): TunnelSpec {
  const { spec, problems } = parseTunnelSpec(input);
  if (!spec) throw new SpecError(problems, context);
  return spec;
}

/** A normalised spec as input again, so a field can be checked with another value (e.g. a --gateway-ip). */
export function inputOf(spec: TunnelSpec): TunnelSpecInput {
  const { identities, ...rest } = spec;
  return { ...rest, identities: { router: identities.router, ...(identities.cloud ? { cloud: identities.cloud } : {}) } };
}

function normalise(input: TunnelSpecInput, problems: Problem[]): TunnelSpec {
  const ike = input.ike ?? {};
  const ipsec = input.ipsec ?? {};
  const version = ike.version ?? DEFAULTS.ike.version;
  const dpdInput = typeof ike.dpd === "object" ? ike.dpd : { enabled: ike.dpd };
  const fastTrack = input.router?.fastTrackBypass;
  const spec: TunnelSpec = {
    name: input.name,
    cloud: input.cloud ?? DEFAULTS.cloud,
    mode: input.mode ?? DEFAULTS.mode,
    cloudCidrs: list(input.cloudCidrs),
    siteCidrs: list(input.siteCidrs),
    routerPublicIp: input.routerPublicIp.trim(),
    cloudGatewayIp: input.cloudGatewayIp?.trim(),
    preSharedKey: input.preSharedKey,
    ike: {
      version,
      exchangeMode: ike.exchangeMode ?? (version === "ikev1" ? DEFAULTS.ike.exchangeMode : undefined),
      encryption: algorithm(ike.encryption, DEFAULTS.ike.encryption),
      integrity: algorithm(ike.integrity, DEFAULTS.ike.integrity),
      dhGroup: group("ike.dhGroup", ike.dhGroup ?? DEFAULTS.ike.dhGroup, "dhGroup", problems) as number,
      lifetime: seconds("ike.lifetime", ike.lifetime ?? DEFAULTS.ike.lifetime, problems),
      dpd: {
        enabled: dpdInput.enabled ?? DEFAULTS.ike.dpd.enabled,
        interval: seconds("ike.dpd.interval", dpdInput.interval ?? DEFAULTS.ike.dpd.interval, problems),
        timeout: seconds("ike.dpd.timeout", dpdInput.timeout ?? DEFAULTS.ike.dpd.timeout, problems),
      },
    },
    ipsec: {
      encryption: algorithm(ipsec.encryption, DEFAULTS.ipsec.encryption),
      integrity: algorithm(ipsec.integrity, DEFAULTS.ipsec.integrity),
      pfsGroup: group("ipsec.pfsGroup", ipsec.pfsGroup ?? DEFAULTS.ipsec.pfsGroup, "pfsGroup", problems),
      lifetime: seconds("ipsec.lifetime", ipsec.lifetime ?? DEFAULTS.ipsec.lifetime, problems),
    },
    identities: {
      router: identity(input.identities?.router) ?? { type: "address", value: input.routerPublicIp.trim() },
      // Left out, the cloud presents its gateway's own address: renderers use the gateway address they are given.
      cloud: identity(input.identities?.cloud),
    },
    router: {
      natBypass: input.router?.natBypass ?? DEFAULTS.router.natBypass,
      fastTrackBypass: fastTrack === true ? "filter" : fastTrack === false ? "off" : (fastTrack ?? DEFAULTS.router.fastTrackBypass),
      natTraversal: input.router?.natTraversal ?? DEFAULTS.router.natTraversal,
    },
    allowWeakCrypto: input.allowWeakCrypto ?? DEFAULTS.allowWeakCrypto,
  };
  if (spec.cloudGatewayIp === undefined) delete spec.cloudGatewayIp;
  if (spec.ike.exchangeMode === undefined) delete spec.ike.exchangeMode;
  if (spec.identities.cloud === undefined) delete spec.identities.cloud;
  return spec;
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]).map((s) => s.trim());

const algorithm = (value: string | undefined, fallback: string): string => (value ?? fallback).trim().toLowerCase();

function seconds(path: string, value: string | number, problems: Problem[]): number {
  const parsed = parseDuration(value);
  if (parsed !== undefined) return parsed;
  problems.push({
    path,
    value,
    severity: "error",
    message: "is not a duration",
    hint: "give seconds (3600) or a compact duration such as 30m, 8h, 1d or 1h30m",
  });
  return Number.NaN;
}

/** A DH group by IANA number, or any platform's spelling of one ("modp2048", "GROUP14", "group14"). */
function group(path: string, value: string | number, vocabulary: Vocabulary, problems: Problem[]): number | "none" {
  if (typeof value === "number") return value;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (vocabulary === "pfsGroup" && /^(none|null|disabled|off)$/i.test(text)) return "none";
  for (const platform of PLATFORMS) {
    for (const phase of ["ike", "ipsec"] as const) {
      const canonical = canonicalOf(vocabulary, text, platform, phase);
      if (typeof canonical === "number") return canonical;
    }
  }
  problems.push({
    path,
    value,
    severity: "error",
    message: "is not a Diffie-Hellman group",
    hint: vocabulary === "pfsGroup" ? "give the IANA group number (e.g. 14) or none" : "give the IANA group number (e.g. 14)",
  });
  return Number.NaN;
}

/** "address:1.2.3.4", "fqdn:vpn.example.com", a bare address or a bare name. */
function identity(value: string | Identity | undefined): Identity | undefined {
  if (value === undefined || typeof value === "object") return value;
  const text = value.trim();
  const typed = /^(address|fqdn):(.*)$/i.exec(text);
  if (typed) return { type: typed[1]!.toLowerCase() as Identity["type"], value: typed[2]!.trim() };
  return { type: isIpv4(text) ? "address" : "fqdn", value: text };
}

/** Valid stand-ins for required fields whose own value is unusable; the problems they cause are not reported. */
export const STAND_INS: Readonly<Record<string, unknown>> = {
  name: "set_aside",
  cloudCidrs: [],
  siteCidrs: [],
  routerPublicIp: "192.0.2.1",
  preSharedKey: "set-aside-stand-in-key-0123456789",
};
/** Checks whose outcome hangs on another field: set that field aside and they are not reported either. */
export const DEPENDENT_PATHS: Readonly<Record<string, readonly string[]>> = {
  "ike.version": ["ike.exchangeMode"],
  routerPublicIp: ["identities.router"],
};
/** Fields every other check depends on: when one is wrong, only the shape problems are reported. */
export const PIVOTS: ReadonlySet<PropertyKey> = new Set<PropertyKey>(["cloud"]);

interface SetAside {
  input: TunnelSpecInput;
  hides: (path: string) => boolean;
}

/** The input with unknown keys dropped, bad optional fields removed (defaults apply) and bad required ones stood in for. */
function setAside(input: unknown, issues: z.core.$ZodIssue[]): SetAside | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined;
  let copy: Record<PropertyKey, unknown>;
  try {
    copy = structuredClone(input) as Record<PropertyKey, unknown>;
  } catch {
    return undefined;
  }
  const hidden: string[] = [];
  const hide = (path: string) => hidden.push(path, ...(DEPENDENT_PATHS[path] ?? []));
  let pending = issues;
  // The first pass removes each bad field; if that leaves its group invalid, the second removes the whole group.
  for (const pass of [0, 1]) {
    for (const issue of pending) {
      if (issue.code === "unrecognized_keys") {
        const node = nodeAt(copy, issue.path);
        for (const key of issue.keys) if (node) delete node[key];
        continue;
      }
      const [top] = issue.path;
      if (top === undefined || PIVOTS.has(top)) return undefined;
      if (typeof top === "string" && top in STAND_INS) {
        copy[top] = structuredClone(STAND_INS[top]);
        hide(top);
        continue;
      }
      const field = pass === 0 ? fieldOf(issue.path) : [top];
      const parent = nodeAt(copy, field.slice(0, -1));
      if (parent) delete parent[field[field.length - 1]!];
      hide(pathText(field));
    }
    const retry = tunnelSpecInputSchema.safeParse(copy);
    if (retry.success) {
      return { input: retry.data, hides: (path) => hidden.some((h) => path === h || path.startsWith(`${h}.`) || path.startsWith(`${h}[`)) };
    }
    pending = retry.error.issues;
  }
  return undefined;
}

/** The path up to the object field that holds an issue (a list element's issue belongs to the list). */
function fieldOf(path: readonly PropertyKey[]): PropertyKey[] {
  const index = path.findIndex((key) => typeof key === "number");
  return index === -1 ? [...path] : path.slice(0, index);
}

function nodeAt(root: Record<PropertyKey, unknown>, path: readonly PropertyKey[]): Record<PropertyKey, unknown> | undefined {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return typeof node === "object" && node !== null ? (node as Record<PropertyKey, unknown>) : undefined;
}

/** Spec fields whose values never appear in a problem. */
const SECRET_PATHS = new Set(["preSharedKey"]);

function shapeProblem(issue: z.core.$ZodIssue): Problem[] {
  return describeIssue(issue).map((problem) => (SECRET_PATHS.has(problem.path) && problem.value !== undefined ? { ...problem, value: "<redacted>" } : problem));
}

function describeIssue(issue: z.core.$ZodIssue): Problem[] {
  const path = pathText(issue.path);
  if (issue.code === "unrecognized_keys") {
    // One problem per unknown key: every one is named, not only the first.
    const known = knownKeys(issue.path);
    return issue.keys.map((key) => {
      const near = nearest(key, known);
      return {
        path: pathText([...issue.path, key]),
        severity: "error",
        message: "is not a spec field",
        hint: near ? `did you mean ${near}?` : `known fields here: ${known.join(", ")}`,
      };
    });
  }
  return [describeOther(issue, path)];
}

function describeOther(issue: z.core.$ZodIssue, path: string): Problem {
  if ((issue.code === "invalid_type" || issue.code === "invalid_union") && issue.input === undefined) {
    return { path, severity: "error", message: "is required", hint: requiredHint(path) ?? `see ${path} in docs/configuration.md` };
  }
  if (issue.code === "invalid_value") {
    return {
      path,
      value: issue.input,
      severity: "error",
      message: "is not allowed",
      hint: `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
    };
  }
  const expected = issue.code === "invalid_type" ? `expected ${issue.expected}` : "expected one of the forms in docs/configuration.md";
  const hint = issue.code === "invalid_type" ? TYPE_HINTS[issue.expected] : undefined;
  return {
    path,
    value: issue.input,
    severity: "error",
    message: `has the wrong type (${expected}, got ${typeName(issue.input)})`,
    hint: hint ?? `see ${path || "the spec"} in docs/configuration.md for the forms it takes`,
  };
}

const TYPE_HINTS: Record<string, string> = {
  boolean: "write true or false, without quotes",
  string: "write it as text; quote it in YAML if it looks like a number",
  number: "write a number, without quotes",
  object: "write it as a mapping of fields",
  array: "write it as a list",
};

const typeName = (value: unknown): string => (Array.isArray(value) ? "a list" : value === null ? "null" : typeof value);

const REQUIRED_HINTS: Record<string, string> = {
  name: "name the tunnel, e.g. to_tencent",
  cloudCidrs: "the VPC networks the site reaches, e.g. [10.100.1.0/24]",
  siteCidrs: "the router's LAN networks, e.g. [192.168.1.0/24]",
  routerPublicIp: "the router's public address as the cloud sees it",
  preSharedKey: "a shared secret of 16 or more characters, the same on both ends",
};
const requiredHint = (path: string): string | undefined => REQUIRED_HINTS[path];

/** "ike.dhGroup", "siteCidrs[1]"; a key that is not a plain name is quoted ('ike["a b"]'), so it cannot forge output. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    const name = String(key);
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return `${out}[${JSON.stringify(name)}]`;
    return out ? `${out}.${name}` : name;
  }, "");
}

function knownKeys(path: PropertyKey[]): string[] {
  let shape: z.ZodType = tunnelSpecInputSchema;
  for (const key of path) shape = childSchema(shape, String(key)) ?? shape;
  const objectShape = objectOf(shape);
  return objectShape ? Object.keys(objectShape) : [];
}

function childSchema(schema: z.ZodType, key: string): z.ZodType | undefined {
  return objectOf(schema)?.[key];
}

function objectOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType; options?: z.ZodType[]; shape?: Record<string, z.ZodType> };
  if (def.type === "object") return def.shape;
  if (def.type === "optional" && def.innerType) return objectOf(def.innerType);
  if (def.type === "union" && def.options) {
    for (const option of def.options) {
      const found = objectOf(option);
      if (found) return found;
    }
  }
  return undefined;
}

/** The closest known key within two edits (case-insensitive), for "did you mean". */
function nearest(key: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
