// What both cloud sides (TencentVpnSide, AlicloudVpnSide) check of the spec they are given: parse it under their
// cloud's rules, with a key that may still be a secret Output (checked when it resolves). Pure; no Pulumi I/O.
import * as pulumi from "@pulumi/pulumi";
import type { TunnelSpecInput } from "./input";
import { parseTunnelSpec, type ParseResult } from "./parse";
import type { Problem } from "./problems";
import type { CloudKind, Identity, TunnelSpec } from "./types";

/** A spec whose pre-shared key may be a secret Output (e.g. `config.requireSecret("psk")`). */
export type WithSecretKey<T> = Omit<T, "preSharedKey"> & { preSharedKey: pulumi.Input<string> };

/** What a user writes (TunnelSpecInput) or an already normalised TunnelSpec; either is validated again for the cloud. */
export type SideSpec = WithSecretKey<TunnelSpecInput> | WithSecretKey<TunnelSpec>;

export interface ParsedSideSpec {
  parsed: ParseResult;
  /** The key as given: text, or an Output/Promise checked later with checkDeferredKey. */
  preSharedKey: pulumi.Input<string>;
  keyIsDeferred: boolean;
  /** identities.cloud as the user wrote it (not the default the gateway's address stands for). */
  explicitCloudIdentity?: Identity;
  /** The spec's problems, paths under "spec.". */
  problems: Problem[];
}

const LABEL: Record<CloudKind, string> = { tencent: "Tencent Cloud", alicloud: "Alibaba Cloud" };

/** Parsing needs some key; a key given as an Output is checked when it resolves. */
const KEY_STAND_IN = "stand-in-key-never-sent-0000";

export function parseSideSpec(spec: unknown, cloud: CloudKind, component: string): ParsedSideSpec {
  const given = (isRecord(spec) ? spec : {}) as Record<string, unknown>;
  const { preSharedKey, ...rest } = given;
  const keyIsDeferred = typeof preSharedKey !== "string" && preSharedKey !== undefined;
  const problems: Problem[] = [];
  if (rest.cloud !== undefined && rest.cloud !== cloud) {
    problems.push(sideError("spec.cloud", rest.cloud, `is not ${cloud}`, `${component} terminates the tunnel on ${LABEL[cloud]}: set cloud: ${cloud} (or leave it out)`));
  }
  const parsed = parseTunnelSpec({ ...rest, cloud, preSharedKey: keyIsDeferred ? KEY_STAND_IN : preSharedKey });
  problems.push(...parsed.problems.map(inSpec));
  const identities = given.identities as { cloud?: unknown } | undefined;
  const explicitCloudIdentity = identities?.cloud !== undefined ? parsed.spec?.identities.cloud : undefined;
  return {
    parsed,
    preSharedKey: preSharedKey as pulumi.Input<string>,
    keyIsDeferred,
    ...(explicitCloudIdentity ? { explicitCloudIdentity } : {}),
    problems,
  };
}

/** The rules of a key that was an Output when the args were checked: the spec's preSharedKey problems, redacted. */
export function checkDeferredKey(spec: SideSpec, key: string, cloud: CloudKind): Problem[] {
  const { preSharedKey: _, ...rest } = spec as Record<string, unknown>;
  const { problems } = parseTunnelSpec({ ...rest, cloud, preSharedKey: key });
  return problems.filter((p) => p.path === "preSharedKey").map(inSpec);
}

export { CONTROL_CHARACTERS } from "./limits";

export const inSpec = (p: Problem): Problem => ({ ...p, path: `spec${p.path.startsWith("[") ? "" : "."}${p.path}` });
export const sideError = (path: string, value: unknown, message: string, hint?: string): Problem => ({ path, value, message, hint, severity: "error" });
export const sideWarning = (path: string, value: unknown, message: string, hint?: string): Problem => ({ path, value, message, hint, severity: "warning" });
/** A plain object (not an Output or a Promise, whose contents are checked when they resolve). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Promise) && !pulumi.Output.isInstance(value);
