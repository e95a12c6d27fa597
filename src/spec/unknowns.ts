// A spec some of whose values are not known yet (at preview they are other resources' outputs): the known values are
// checked now, around stand-ins; the unknown ones when `up` knows them. Pure.
import { DEPENDENT_PATHS, parseTunnelSpec, pathText, PIVOTS, STAND_INS } from "./parse";
import type { Problem } from "./problems";

type Path = readonly (string | number)[];

/**
 * The problems of `input` that do not depend on an unknown value. An unknown list element is left out (the problems of
 * the others keep their own indexes); any other unknown value is set aside as parseTunnelSpec sets aside a bad one.
 */
export function problemsAroundUnknowns(input: unknown, isUnknown: (value: unknown) => boolean): Problem[] {
  if (isUnknown(input)) return [];
  if (typeof input !== "object" || input === null || Array.isArray(input)) return parseTunnelSpec(input).problems;
  const copy = structuredClone(input) as Record<string, unknown>;
  const hidden: string[] = [];
  /** For each list with elements left out: the original index of each remaining element. */
  const indexes = new Map<string, number[]>();
  let pivotUnknown = false;

  const setAside = (path: Path, parent: Record<string | number, unknown>, key: string | number) => {
    const top = path[0]!;
    if (PIVOTS.has(top)) pivotUnknown = true;
    if (path.length === 1 && typeof top === "string" && top in STAND_INS) parent[key] = structuredClone(STAND_INS[top]);
    else delete parent[key];
    const text = pathText(path);
    hidden.push(text, ...(DEPENDENT_PATHS[text] ?? []));
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

  const hides = (path: string) => hidden.some((h) => path === h || path.startsWith(`${h}.`) || path.startsWith(`${h}[`));
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
