// Errors of Alibaba Cloud's VPC API as doctor reports them: Alibaba's Code, Message and RequestId, what to do about
// the common ones, and which are worth retrying. Pure; never includes a secret (callers pass the values to cut out).
import { redact } from "../common/redact";
import { ALICLOUD_CONFIG } from "./settings";

export type FailureKind = "api" | "timeout" | "network" | "answer";

/** One failed call. */
export class AlicloudApiError extends Error {
  constructor(
    readonly action: string,
    readonly kind: FailureKind,
    readonly code: string | undefined,
    readonly apiMessage: string,
    readonly requestId: string | undefined,
    readonly httpStatus: number | undefined,
  ) {
    const what = kind === "api" ? code : kind === "timeout" ? "no answer in time" : kind === "network" ? "no answer" : "an answer that is not Alibaba's JSON";
    const fix = kind === "api" ? fixFor(code ?? "") : FIX_BY_KIND[kind];
    super(`${action}: ${what}: ${apiMessage}${requestId ? ` (RequestId ${requestId})` : ""}${fix ? `. ${fix}` : ""}`);
    this.name = "AlicloudApiError";
  }
}

const keyHint = (name: keyof typeof ALICLOUD_CONFIG) => `${ALICLOUD_CONFIG[name].key} (or ${ALICLOUD_CONFIG[name].env[0]})`;

/** The fix for the codes a user meets first; others carry Alibaba's own message only. */
export function fixFor(code: string): string | undefined {
  if (code.startsWith("InvalidAccessKeyId")) return `Check ${keyHint("accessKey")}: Alibaba does not know this AccessKey ID, or it is disabled`;
  if (code === "SignatureDoesNotMatch" || code === "IncompleteSignature") return `Check ${keyHint("secretKey")}: it is not the secret of this AccessKey ID`;
  if (code.startsWith("InvalidTimeStamp")) return "Check this machine's clock: Alibaba refuses a request whose Timestamp is far from its own time";
  if (code.startsWith("InvalidSecurityToken")) return `Renew ${keyHint("securityToken")}: the STS token is expired or invalid`;
  if (code.startsWith("Forbidden") || code === "NoPermission" || code.startsWith("NoPermission")) {
    return "Grant the RAM user the read-only actions doctor needs: vpc:DescribeVpnConnections, vpc:DescribeCustomerGateways, vpc:DescribeVpnGateway (docs/alicloud.md, RAM permissions)";
  }
  if (code.startsWith("InvalidRegionId") || code === "MissingRegionId") return `Check ${keyHint("region")}: it must be the region of the site's VPN gateway`;
  if (isRetryableCode(code)) return "Alibaba kept refusing for now: rerun in a minute";
  return undefined;
}

const FIX_BY_KIND: Record<Exclude<FailureKind, "api">, string> = {
  timeout: `Check the network to the VPC API, or raise ${ALICLOUD_CONFIG.requestTimeoutSeconds.key}`,
  network: `Check the network to the VPC API, and ${ALICLOUD_CONFIG.endpoint.key} if it is set`,
  answer: `Check ${ALICLOUD_CONFIG.endpoint.key}: it must be Alibaba's VPC API`,
};

/** "Not now": Alibaba throttles (Throttling, Throttling.User, Throttling.Api …) or is briefly unavailable. */
export const isRetryableCode = (code: string): boolean => code === "Throttling" || code.startsWith("Throttling.") || code === "ServiceUnavailable" || code.startsWith("ServiceUnavailable.");

export const isRetryable = (error: unknown): boolean => error instanceof AlicloudApiError && error.kind === "api" && isRetryableCode(error.code ?? "");

/** What @alicloud/pop-core throws: Alibaba's JSON error (code, data), an httpx timeout or socket error, a parse error. */
interface Thrown {
  name?: string;
  code?: string;
  message?: string;
  data?: { Code?: unknown; Message?: unknown; RequestId?: unknown };
  entry?: { response?: { statusCode?: number } };
}

/**
 * The thrown value as an AlicloudApiError with every secret cut out. The library's own message is never used as it
 * stands: it carries the whole signed request URL.
 */
export function apiError(action: string, thrown: unknown, call: { secrets: readonly string[]; timeoutSeconds: number; endpoint: string }): AlicloudApiError {
  const t = (typeof thrown === "object" && thrown !== null ? thrown : {}) as Thrown;
  const text = (v: unknown) => (typeof v === "string" ? redact(v, call.secrets) : "");
  if (t.data && typeof t.data.Code === "string") {
    return new AlicloudApiError(action, "api", t.data.Code, text(t.data.Message), text(t.data.RequestId) || undefined, t.entry?.response?.statusCode);
  }
  if (/Timeout/i.test(t.name ?? "")) return new AlicloudApiError(action, "timeout", undefined, `${call.endpoint} did not answer within ${call.timeoutSeconds} s`, undefined, undefined);
  if (t.name === "SyntaxError") return new AlicloudApiError(action, "answer", undefined, `${call.endpoint} answered with a body that does not parse as JSON`, undefined, undefined);
  const code = typeof t.code === "string" && /^E[A-Z_]+$/.test(t.code) ? t.code : "the connection failed";
  return new AlicloudApiError(action, "network", undefined, `${call.endpoint}: ${code}`, undefined, undefined);
}
