// RouterOS API print queries (?field=value, ?#& / ?#| stack operators) as a tiny expression builder.
// Pure; no I/O. Queries let the router return only the tunnel's rows, whatever else it holds.

export type Query = { eq: [field: string, value: string] } | { has: string } | { and: Query[] } | { or: Query[] };

export const eq = (field: string, value: string): Query => ({ eq: [field, value] });
export const has = (field: string): Query => ({ has: field });
export const and = (...terms: Query[]): Query => ({ and: terms });
export const or = (...terms: Query[]): Query => ({ or: terms });

/** The query words of an expression, in RouterOS's stack notation. */
export function queryWords(query: Query): string[] {
  if ("eq" in query) return [`?${query.eq[0]}=${query.eq[1]}`];
  if ("has" in query) return [`?${query.has}`];
  const terms = "and" in query ? query.and : query.or;
  if (terms.length === 0) throw new Error("an empty query group matches nothing useful");
  if (terms.length === 1) return queryWords(terms[0]!);
  const op = "and" in query ? "&" : "|";
  // Each term leaves one result on the stack; n-1 operators fold them into one.
  return [...terms.flatMap(queryWords), `?#${op.repeat(terms.length - 1)}`];
}
