// What every Tencent dynamic provider shares: settings from configure() (stack config, then environment), the API
// client made per operation, check-failure helpers and the create-token tag. Holds credentials in memory only:
// they never reach inputs, outputs, logs, errors or the serialized shim.
import type * as pulumi from "@pulumi/pulumi";
import type { Tag } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { TencentVpcApi } from "./api";
import { tencentSettings, type ConfigLookup, type TencentSettings } from "./settings";

/**
 * The tag every object created here carries, with a random value per create: after an unanswered create, the
 * object is found by it (and adopted) instead of being created twice. Never one of the user's tags.
 */
export const CREATE_TOKEN_TAG = "ros-vpc-ipsec:create-token";

export abstract class TencentProviderBase {
  private settings: TencentSettings | undefined;
  private problems: string[] = [];
  private configured = false;

  async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.useConfig((key) => request.config.get(key));
  }

  /** Tests and tools without the engine: the same as configure(), from a plain lookup. */
  useConfig(config: ConfigLookup, env: Record<string, string | undefined> = process.env): void {
    const { settings, problems } = tencentSettings(config, env);
    this.settings = settings;
    this.problems = problems;
    this.configured = true;
  }

  /** A client for one operation; `secrets` are cut out of any error it raises. */
  protected api(secrets: readonly string[] = []): TencentVpcApi {
    if (!this.configured) this.useConfig(() => undefined);
    if (!this.settings) throw new Error(`Tencent Cloud is not configured: ${this.problems.join("; ")}`);
    return new TencentVpcApi(this.settings, secrets);
  }
}

export interface Failure {
  property: string;
  reason: string;
}

/** Collects check() failures: property path, what is wrong, and (optionally) what is expected. */
export class Failures {
  private readonly entries: Array<Failure & { hint?: string }> = [];
  add(property: string, reason: string, hint?: string): void {
    this.entries.push({ property, reason, ...(hint === undefined ? {} : { hint }) });
  }
  /** As check() returns them: the hint folded into the reason. */
  get list(): Failure[] {
    return this.entries.map((e) => ({ property: e.property, reason: e.hint ? `${e.reason} (${e.hint})` : e.reason }));
  }
  /** As spec problems (TencentVpnSide's checks). */
  get problems(): Array<{ path: string; message: string; hint?: string }> {
    return this.entries.map((e) => ({ path: e.property, message: e.reason, ...(e.hint === undefined ? {} : { hint: e.hint }) }));
  }
}

/** User tags as Tencent's list, plus the create token. */
export function tagList(tags: Record<string, string> | undefined, token?: string): Tag[] {
  const list = Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  return token === undefined ? list : [...list, { Key: CREATE_TOKEN_TAG, Value: token }];
}

/** Tencent's TagSet as the user's map (the create token left out). */
export function tagMap(tagSet: Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tagSet ?? []).filter((t) => t.Key !== CREATE_TOKEN_TAG).map((t) => [t.Key, t.Value ?? ""]));
}

export const tokenOf = (tagSet: Tag[] | undefined): string | undefined => tagSet?.find((t) => t.Key === CREATE_TOKEN_TAG)?.Value;

/** Tencent's rules for tags (Tag API: key ≤ 127, value ≤ 255 characters, "qcs:" reserved, ≤ 50 per resource). */
export function checkTags(tags: unknown, failures: Failures, path = "tags"): void {
  if (tags === undefined) return;
  if (typeof tags !== "object" || tags === null || Array.isArray(tags)) return failures.add(path, "is not a map", "tag keys to string values, e.g. { team: \"net\" }");
  const entries = Object.entries(tags as Record<string, unknown>);
  if (entries.length > 49) failures.add(path, `has ${entries.length} tags`, "Tencent allows 50 per resource, one of which ros-vpc-ipsec uses");
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > 127 || /^qcs:/i.test(key) || key === CREATE_TOKEN_TAG) {
      failures.add(`${path}.${key}`, "is not a tag key Tencent accepts here", `1–127 characters, not starting with qcs:, not ${CREATE_TOKEN_TAG}`);
    }
    if (typeof value !== "string" || value.length > 255) failures.add(`${path}.${key}`, "is not a tag value Tencent accepts", "a string of at most 255 characters");
  }
}

/** Tencent-style id: prefix, dash, lowercase letters and digits. */
export const isId = (prefix: string, value: unknown): value is string => typeof value === "string" && new RegExp(`^${prefix}-[a-z0-9]+$`).test(value);
