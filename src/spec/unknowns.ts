// A spec some of whose values are not known yet (at preview they are other resources' outputs): the known values are
// checked now, around stand-ins; the unknown ones when `up` knows them. Pure.
import { DEPENDENT_PATHS, parseTunnelSpec, pathText, PIVOTS, STAND_INS } from "./parse";
import type { Problem } from "./problems";

type Path = readonly (string | number)[];

/** An unknown optional field some checks hang on: stood in for by its most permissive value, not by its default. */
const PERMISSIVE: Readonly<Record<string, unknown>> = { allowWeakCrypto: true };
/** Problems reported at exactly these paths hang on an unknown field's value (besides parse's DEPENDENT_PATHS). */
const JUDGED_WITH: Readonly<Record<string, readonly string[]>> = {
  // The clouds' cap on subnets per side applies in policy mode only.
  mode: ["siteCidrs", "cloudCidrs"],
  "ike.dpd": ["ike.dpd.interval", "ike.dpd.timeout"],
  "ike.dpd.enabled": ["ike.dpd.interval", "ike.dpd.timeout"],
  "ike.dpd.interval": ["ike.dpd.timeout"],
};

/**
 * The problems of `input` that do not depend on an unknown value. An unknown list element is left out (the problems of
 * the others keep their own indexes); any other unknown value is set aside as parseTunnelSpec sets aside a bad one.
 */
export function problemsAroundUnknowns(input: unknown, isUnknown: (value: unknown) => boolean): Problem[] {
  if (isUnknown(input)) return [];
  if (typeof input !== "object" || input === null || Array.isArray(input)) return parseTunnelSpec(input).problems;
  const copy = structuredClone(input) as Record<string, unknown>;
  const hidden: string[] = [];
  const exact: string[] = [];
  /** For each list with elements left out: the original index of each remaining element. */
  const indexes = new Map<string, number[]>();
  let pivotUnknown = false;

  const setAside = (path: Path, parent: Record<string | number, unknown>, key: string | number) => {
    const top = path[0]!;
    const text = pathText(path);
    if (PIVOTS.has(top)) pivotUnknown = true;
    if (path.length === 1 && typeof top === "string" && top in STAND_INS) parent[key] = structuredClone(STAND_INS[top]);
    else if (text in PERMISSIVE) parent[key] = PERMISSIVE[text];
    else delete parent[key];
    hidden.push(text, ...(DEPENDENT_PATHS[text] ?? []));
    exact.push(...(JUDGED_WITH[text] ?? []));
  };
  const visit = (node: Record<string | number, unknown>, path: Path) => {
    for (const key of Object.keys(node)) {
      const value = node[key];
      const here = [...path, key];
      if (isUnknown(value)) setAside(here, node, key);
      else if (Array.isArray(value) && value.some(isUnknown)) {
        const kept = value.flatMap((element, index) => (isUnknown(element) ? [] : [index]));
        if (kept.length === 0) setAside(here, node, key);
        else {
          node[key] = kept.map((index) => value[index]);
          indexes.set(pathText(here), kept);
        }
      } else if (typeof value === "object" && value !== null && !Array.isArray(value)) visit(value as Record<string, unknown>, here);
    }
  };
  visit(copy, []);
  if (pivotUnknown) return [];

  const within = (path: string, outer: string) => path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);
  // A field set aside hides its own problems, those below it and those of the object holding it ({type, value: ?}).
  const hides = (path: string) => exact.includes(path) || hidden.some((h) => within(path, h) || within(h, path));
  // "cloudCidrs[1]" in a path or a message names the element the user wrote, not its place in the shortened list.
  const original = (text: string) =>
    text.replace(/([A-Za-z_$][\w$.]*)\[(\d+)\]/g, (whole, list: string, index: string) => {
      const kept = indexes.get(list);
      return kept ? `${list}[${kept[Number(index)] ?? index}]` : whole;
    });
  return parseTunnelSpec(copy)
    .problems.filter((p) => !hides(p.path))
    .map((p) => (indexes.size === 0 ? p : { ...p, path: original(p.path), message: original(p.message) }));
}
