// Errors of the Tencent VPC API as this project reports them: Tencent's code, message and RequestId, which calls
// are worth retrying, and whether rerunning is safe. Pure; never includes a secret (callers pass values to redact).
import { redact } from "../common/redact";

/** What the SDK throws: TencentCloudSDKHttpException with code (API error) or httpCode (HTTP error), else network. */
interface SdkFailure {
  code?: string;
  message?: string;
  requestId?: string;
  httpCode?: number;
}

export type FailureKind = "api" | "http" | "network";

/** One failed API call. */
export class TencentApiError extends Error {
  readonly kind: FailureKind;
  constructor(
    readonly action: string,
    readonly code: string | undefined,
    readonly apiMessage: string,
    readonly requestId: string | undefined,
    readonly httpStatus: number | undefined,
  ) {
    const kind: FailureKind = code !== undefined ? "api" : httpStatus !== undefined ? "http" : "network";
    const what = kind === "api" ? code : kind === "http" ? `HTTP ${httpStatus}` : "no answer";
    super(`${action}: ${what}: ${apiMessage}${requestId ? ` (RequestId ${requestId})` : ""}`);
    this.name = "TencentApiError";
    this.kind = kind;
  }
}

/** The SDK's exception (or anything else thrown) as a TencentApiError, with every secret value cut out. */
export function apiError(action: string, thrown: unknown, secrets: readonly string[] = []): TencentApiError {
  const f = (typeof thrown === "object" && thrown !== null ? thrown : { message: String(thrown) }) as SdkFailure;
  return new TencentApiError(action, f.code || undefined, redact(f.message ?? "", secrets), f.requestId || undefined, f.httpCode);
}


/** Codes that mean "not now": throttling, Tencent-side trouble, or a resource busy with another task. */
const TRANSIENT_CODES = new Set([
  "RequestLimitExceeded",
  "InternalError",
  "ResourceUnavailable",
  "UnsupportedOperation.InvalidState",
  "UnsupportedOperation.VpnConnInvalidState",
  "UnsupportedOperation.DeleteVpnConnInvalidState",
  "UnsupportedOperation.MutexOperationTaskRunning",
]);
const TRANSIENT_PREFIXES = ["RequestLimitExceeded.", "InternalError.", "ResourceUnavailable."];

/** Codes meaning the object is gone (Tencent uses several; Describe by a vanished id answers one of them). */
const GONE_CODES = new Set(["ResourceNotFound", "InvalidVpnGatewayId.NotFound", "InvalidVpnConnectionId.NotFound", "InvalidCustomerGatewayId.NotFound", "InvalidRouteTableId.NotFound", "InvalidRouteId.NotFound"]);

export interface RetryPolicy {
  /** The call changes nothing when repeated (Describe, Modify, Delete): a lost answer may be retried as is. */
  idempotent: boolean;
  /** ResourceInUse means "still being released" here (deleting what a deleted dependant held). */
  inUseIsBusy?: boolean;
}

export function isTransient(error: TencentApiError, policy: RetryPolicy): boolean {
  if (error.kind === "network") return policy.idempotent;
  if (error.kind === "http") return (error.httpStatus ?? 0) >= 500;
  const code = error.code ?? "";
  if (code === "ResourceInUse") return policy.inUseIsBusy === true;
  return TRANSIENT_CODES.has(code) || TRANSIENT_PREFIXES.some((p) => code.startsWith(p));
}

/** Whether Tencent surely did not perform the call (so a create may simply be sent again). */
export const certainlyNotPerformed = (error: TencentApiError): boolean =>
  error.kind === "api" && (error.code === "RequestLimitExceeded" || (error.code ?? "").startsWith("RequestLimitExceeded."));

export const isGone = (error: unknown): boolean => error instanceof TencentApiError && GONE_CODES.has(error.code ?? "");

/**
 * The error a provider method throws: what it was doing, the API's answer, and whether rerunning is safe.
 * `rerun` is a sentence such as "Nothing was created; rerunning is safe."
 */
export class TencentOperationError extends Error {
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
    readonly rerun: string,
  ) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`${operation} failed: ${detail}. ${rerun}`);
    this.name = "TencentOperationError";
  }

  get code(): string | undefined {
    return this.cause instanceof TencentApiError ? this.cause.code : undefined;
  }

  get requestId(): string | undefined {
    return this.cause instanceof TencentApiError ? this.cause.requestId : undefined;
  }
}

/** A create whose outcome is unknown: it may have taken effect, and nothing could confirm either way. */
export class UncertainCreateError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly advice: string,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "UncertainCreateError";
  }
}

/** Runs one provider step; any failure becomes a TencentOperationError carrying the rerun advice. */
export async function step<T>(operation: string, rerun: string | (() => string), action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof TencentOperationError) throw error;
    // "Nothing was created" would be a guess here: say what is known instead.
    if (error instanceof UncertainCreateError) throw new TencentOperationError(operation, error.cause, `${error.advice[0]!.toUpperCase()}${error.advice.slice(1)}.`);
    throw new TencentOperationError(operation, error, typeof rerun === "string" ? rerun : rerun());
  }
}
