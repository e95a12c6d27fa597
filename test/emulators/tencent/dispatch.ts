// One API call from bytes to outcome: counters, faults, the TC3 signature, version/region/action checks, the
// parameter schema, then the action. Knows nothing of sockets: http.ts carries the outcome out.
import { randomUUID } from "node:crypto";
import { ACTIONS, type EmulatorSettings } from "./actions";
import { ApiError, say } from "./errors";
import type { FaultQueue, TencentFaultKind } from "./faults";
import { verifyTc3, type SignedRequest } from "./signature";
import type { Store } from "./store";
import { validate } from "./validate";

export const API_VERSION = "2017-03-12";

export interface IncomingCall {
  method: string;
  url: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

export type Outcome =
  | { kind: "reply"; status: number; contentType: string; body: string; delayMs: number }
  | { kind: "destroy" };

export interface DispatchDeps {
  store: Store;
  faults: FaultQueue;
  settings: EmulatorSettings;
  secrets: ReadonlyMap<string, string>;
  clock: () => number;
  calls: Record<string, number>;
}

const HTTP_FAULTS: Record<string, [number, string]> = { http502: [502, "Bad Gateway"], http503: [503, "Service Unavailable"] };

function json(status: number, payload: unknown): Outcome {
  return { kind: "reply", status, contentType: "application/json", body: JSON.stringify(payload), delayMs: 0 };
}

function errorReply(error: ApiError, requestId: string): Outcome {
  return json(200, { Response: { Error: { Code: error.code, Message: error.message }, RequestId: requestId } });
}

function parseBody(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
  } catch {
    throw new ApiError("InvalidParameter", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new ApiError("InvalidParameter", "The request body must be a JSON object.");
  return parsed as Record<string, unknown>;
}

/** Checks everything about the call except its parameters; returns the action name. */
function admit(call: IncomingCall, deps: DispatchDeps): string {
  const [path = "", query = ""] = call.url.split("?");
  if (call.method !== "POST" || path !== "/") throw new ApiError("UnsupportedProtocol", `emulator: only POST / is served, not ${call.method} ${path}.`);
  if (!(call.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
    throw new ApiError("InvalidParameter", "emulator: only Content-Type application/json bodies are served.");
  }
  const action = call.headers["x-tc-action"];
  if (!action) throw new ApiError("MissingParameter", say.missing("Action") + " (header X-TC-Action)");
  const signed: SignedRequest = { method: call.method, path, query, headers: call.headers, body: call.body };
  verifyTc3(signed, deps.secrets, deps.clock());
  const version = call.headers["x-tc-version"];
  if (!version) throw new ApiError("MissingParameter", say.missing("Version") + " (header X-TC-Version)");
  if (version !== API_VERSION) throw new ApiError("NoSuchVersion", `The API version \`${version}\` does not exist; the VPC API is ${API_VERSION}.`);
  const region = call.headers["x-tc-region"];
  if (!region) throw new ApiError("MissingParameter", say.missing("Region") + " (header X-TC-Region)");
  if (region !== deps.settings.region) throw new ApiError("UnsupportedRegion", `emulator: only region ${deps.settings.region} is served, not ${region}.`);
  if (!ACTIONS[action]) throw new ApiError("InvalidAction", `The action \`${action}\` is not a VPC API action this emulator serves.`);
  return action;
}

export function dispatch(call: IncomingCall, deps: DispatchDeps): Outcome {
  const requestId = randomUUID();
  const actionHeader = call.headers["x-tc-action"] ?? "";
  if (actionHeader) deps.calls[actionHeader] = (deps.calls[actionHeader] ?? 0) + 1;
  // A dropped connection, like a 5xx from a proxy, comes before authentication: nothing past here runs.
  const edgeFault = deps.faults.take(actionHeader, ["drop", "http502", "http503"]);
  if (edgeFault?.kind === "drop") return { kind: "destroy" };
  if (edgeFault) {
    const [status, text] = HTTP_FAULTS[edgeFault.kind] ?? [502, "Bad Gateway"];
    return { kind: "reply", status, contentType: "text/plain", body: text, delayMs: 0 };
  }
  let outcome: Outcome;
  try {
    const action = admit(call, deps);
    const params = parseBody(call.body);
    const refused = deps.faults.take(action, ["RequestLimitExceeded", "InternalError"]);
    if (refused?.kind === "RequestLimitExceeded") throw new ApiError("RequestLimitExceeded", `The request rate of ${action} exceeds the limit; retry later.`);
    if (refused?.kind === "InternalError") throw new ApiError("InternalError", "An internal error occurred; retry later.");
    outcome = json(200, { Response: { ...perform(action, params, requestId, deps), RequestId: requestId } });
  } catch (error) {
    if (!(error instanceof ApiError)) {
      console.error("tencent emulator: unexpected failure", error);
      outcome = errorReply(new ApiError("InternalError", `emulator bug: ${String(error)}`), requestId);
    } else {
      outcome = errorReply(error, requestId);
    }
  }
  const transport = deps.faults.take(actionHeader, ["lostResponse", "slow"]);
  if (transport?.kind === "lostResponse") return { kind: "destroy" };
  if (transport?.kind === "slow" && outcome.kind === "reply") return { ...outcome, delayMs: transport.delayMs };
  return outcome;
}

function perform(action: string, params: Record<string, unknown>, requestId: string, deps: DispatchDeps): Record<string, unknown> {
  const def = ACTIONS[action];
  if (!def) throw new ApiError("InvalidAction", `The action \`${action}\` is not served.`);
  const now = deps.clock();
  deps.store.tick(now);
  validate(def.schema, params);
  const armed = (kind: TencentFaultKind) => deps.faults.peek(action, kind);
  const ctx = {
    store: deps.store,
    now,
    requestId,
    settings: deps.settings,
    taskFails: Boolean(def.async) && armed("taskFailed"),
    emptyConnectionId: armed("emptyVpnConnectionId"),
  };
  const result = def.run(ctx, params);
  if (ctx.taskFails) deps.faults.take(action, ["taskFailed"]);
  if (ctx.emptyConnectionId) deps.faults.take(action, ["emptyVpnConnectionId"]);
  return result;
}
