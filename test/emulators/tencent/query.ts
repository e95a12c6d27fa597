// Describe* selection as Tencent does it: an id list or Filters (never both), AND between filters, OR between
// a filter's values, tag:<key> filters, then Offset/Limit paging. Pure: works on the lists it is given.
import type { Tag } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { ApiError, say } from "./errors";

export const MAX_FILTERS = 10;
export const DEFAULT_LIMIT = 20;

export interface ListSpec<T> {
  /** Request parameter holding an id list, e.g. VpnGatewayIds. */
  idsParam?: string;
  idOf: (item: T) => string;
  /** For messages: "VPN gateway". */
  kindName: string;
  /** Filter name → the item's values for it; an item matches when one of them equals one of the filter's values. */
  filters: Readonly<Record<string, (item: T) => readonly string[]>>;
  /** When given, `tag:<key>` (and `tag-key`) filters are accepted. */
  tags?: (item: T) => readonly Tag[];
}

interface FilterParam {
  Name: string;
  Values: string[];
}

function matcherFor<T>(spec: ListSpec<T>, filter: FilterParam): (item: T) => boolean {
  const wanted = new Set(filter.Values);
  const plain = spec.filters[filter.Name];
  if (plain) return (item) => plain(item).some((v) => wanted.has(v));
  const tagsOf = spec.tags;
  if (tagsOf && filter.Name.startsWith("tag:") && filter.Name.length > 4) {
    const key = filter.Name.slice(4);
    return (item) => tagsOf(item).some((t) => t.Key === key && wanted.has(t.Value ?? ""));
  }
  if (tagsOf && filter.Name === "tag-key") return (item) => tagsOf(item).some((t) => wanted.has(t.Key));
  const known = [...Object.keys(spec.filters), ...(tagsOf ? ["tag-key", "tag:<key>"] : [])];
  throw new ApiError("InvalidParameter.FilterInvalidKey", `The filter \`${filter.Name}\` is not supported; supported filters: ${known.join(", ")}.`);
}

/** Selects and pages `items` (kept in creation order); validates the selection parameters on the way. */
export function selectPage<T>(items: readonly T[], params: Record<string, unknown>, spec: ListSpec<T>): { total: number; page: T[] } {
  const ids = (spec.idsParam ? (params[spec.idsParam] as string[] | undefined) : undefined) ?? [];
  const filters = (params["Filters"] as FilterParam[] | undefined) ?? [];
  if (ids.length > 0 && filters.length > 0) {
    throw new ApiError("InvalidParameter.Coexist", `The parameters \`${spec.idsParam}\` and \`Filters\` cannot be specified at the same time.`);
  }
  if (filters.length > MAX_FILTERS) {
    throw new ApiError("LimitExceeded.NumberOfFilters", `At most ${MAX_FILTERS} filters may be given, got ${filters.length}.`);
  }
  let selected: T[];
  if (ids.length > 0) {
    const byId = new Map(items.map((item) => [spec.idOf(item), item]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing !== undefined) throw new ApiError("ResourceNotFound", say.notFound(spec.kindName, missing));
    const wanted = new Set(ids);
    selected = items.filter((item) => wanted.has(spec.idOf(item)));
  } else {
    const matchers = filters.map((f) => matcherFor(spec, f));
    selected = items.filter((item) => matchers.every((matches) => matches(item)));
  }
  const offset = Number(params["Offset"] ?? 0);
  const limit = Number(params["Limit"] ?? DEFAULT_LIMIT);
  return { total: selected.length, page: selected.slice(offset, offset + limit) };
}
