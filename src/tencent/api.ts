// The Tencent VPC API as the providers use it: one SDK client per operation, typed by the SDK's own models, every
// call retried on transient failures with backoff and jitter. Loads only the SDK's VPC module, and only when a call
// is made. Never logs; errors carry code, message and RequestId with the caller's secrets cut out.
import type { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_client";
import { backoffDelay, sleep, waitUntil, type Probe } from "../common/backoff";
import { apiError, certainlyNotPerformed, isGone, isTransient, TencentApiError, UncertainCreateError, type RetryPolicy } from "./errors";
import type { TencentSettings } from "./settings";

/** The actions this project calls. */
export type VpcAction =
  | "CreateVpnGateway"
  | "DescribeVpnGateways"
  | "ModifyVpnGatewayAttribute"
  | "ResetVpnGatewayInternetMaxBandwidth"
  | "DeleteVpnGateway"
  | "CreateCustomerGateway"
  | "DescribeCustomerGateways"
  | "ModifyCustomerGatewayAttribute"
  | "DeleteCustomerGateway"
  | "CreateVpnConnection"
  | "DescribeVpnConnections"
  | "ModifyVpnConnectionAttribute"
  | "DeleteVpnConnection"
  | "DescribeVpcTaskResult"
  | "CreateRoutes"
  | "DescribeRouteTables"
  | "DeleteRoutes"
  | "CreateVpnGatewayRoutes"
  | "DescribeVpnGatewayRoutes"
  | "DeleteVpnGatewayRoutes";

export type RequestOf<A extends VpcAction> = Parameters<Client[A]>[0];
export type ResponseOf<A extends VpcAction> = Awaited<ReturnType<Client[A]>>;

export interface TaskOutcome {
  status: "SUCCESS" | "FAILED" | "UNKNOWN";
  output: string;
}

/** Describe* and the other calls that may be repeated as they are. */
const IDEMPOTENT: RetryPolicy = { idempotent: true };

export class TencentVpcApi {
  private sdkClient: Client | undefined;

  /** `secrets`: values cut out of every error message (the pre-shared key of the resource at hand). */
  constructor(
    readonly settings: TencentSettings,
    private readonly secrets: readonly string[] = [],
  ) {}

  /** One call, retried while its failure is transient (per `policy`) and attempts remain. */
  async call<A extends VpcAction>(action: A, params: RequestOf<A>, policy: RetryPolicy = IDEMPOTENT): Promise<ResponseOf<A>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(action, params);
      } catch (error) {
        if (!(error instanceof TencentApiError) || !isTransient(error, policy) || attempt + 1 >= this.settings.retryAttempts) throw error;
        await sleep(backoffDelay(attempt, this.settings.backoff));
      }
    }
  }

  /** One call, tried exactly once. */
  async once<A extends VpcAction>(action: A, params: RequestOf<A>): Promise<ResponseOf<A>> {
    const client = this.client();
    const method = client[action] as unknown as (req: RequestOf<A>) => Promise<ResponseOf<A>>;
    try {
      return await method.call(client, params);
    } catch (thrown) {
      throw apiError(action, thrown, this.secrets);
    }
  }

  /**
   * A create that must never run twice for one resource. Throttling is retried as is; after any failure that leaves
   * open whether Tencent acted (no answer, HTTP 5xx, InternalError), `lookup` searches for what the attempt may have
   * made, and only when it finds nothing is the create sent again.
   */
  async createOnce<T>(create: () => Promise<T>, lookup: () => Promise<T | undefined>, trace = "its name"): Promise<T> {
    let uncertain = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await create();
      } catch (error) {
        const performedMaybe = !(error instanceof TencentApiError && certainlyNotPerformed(error));
        uncertain ||= performedMaybe;
        const retryable = error instanceof TencentApiError && isTransient(error, { idempotent: true });
        const lastAttempt = !retryable || attempt + 1 >= this.settings.retryAttempts;
        if (lastAttempt && !performedMaybe) throw error;
        if (!lastAttempt) await sleep(backoffDelay(attempt, this.settings.backoff));
        // The attempt may have taken effect without an answer: what it made is adopted, never made twice.
        let found: T | undefined;
        try {
          found = await lookup();
        } catch (lookupError) {
          // Sending the create again without knowing would risk a second one: stop and say what to look for.
          if (lastAttempt || uncertain) throw new UncertainCreateError(error, `the create may have taken effect, and looking for it failed too (${(lookupError as Error).message}): look for it by ${trace} before rerunning`);
          continue;
        }
        if (found !== undefined) return found;
        if (lastAttempt) throw error;
      }
    }
  }

  /** Bounded wait with the configured timeout and backoff. */
  wait<T>(what: string, probe: () => Promise<Probe<T>>): Promise<T> {
    return waitUntil(what, probe, this.settings.waitTimeoutMs, this.settings.backoff);
  }

  /**
   * The outcome of an asynchronous call, by the RequestId it answered with (DescribeVpcTaskResult). UNKNOWN when
   * Tencent keeps no task for it: the caller then watches the resource's state instead.
   */
  async task(requestId: string, what: string): Promise<TaskOutcome> {
    return this.wait<TaskOutcome>(what, async () => {
      let r: ResponseOf<"DescribeVpcTaskResult">;
      try {
        r = await this.call("DescribeVpcTaskResult", { TaskId: requestId });
      } catch (error) {
        if (isGone(error)) return { done: true, value: { status: "UNKNOWN", output: "" } };
        throw error;
      }
      const status = r.Status ?? "RUNNING";
      return status === "SUCCESS" || status === "FAILED" ? { done: true, value: { status, output: r.Output ?? "" } } : { done: false, state: status };
    });
  }

  private client(): Client {
    if (this.sdkClient) return this.sdkClient;
    // The VPC module alone: the package root would load all ~250 services.
    const { vpc } = require("tencentcloud-sdk-nodejs/tencentcloud/services/vpc") as typeof import("tencentcloud-sdk-nodejs/tencentcloud/services/vpc");
    const { credential, region, endpoint, protocol, requestTimeoutSeconds } = this.settings;
    this.sdkClient = new vpc.v20170312.Client({
      credential,
      region,
      profile: { httpProfile: { ...(endpoint === undefined ? {} : { endpoint }), protocol, reqTimeout: requestTimeoutSeconds } },
    });
    return this.sdkClient;
  }
}

/** Every page of a Describe* that pages with numeric Offset/Limit. */
export async function describeAll<A extends "DescribeVpnGateways" | "DescribeCustomerGateways" | "DescribeVpnConnections" | "DescribeVpnGatewayRoutes", T>(
  api: TencentVpcApi,
  action: A,
  params: RequestOf<A>,
  items: (response: ResponseOf<A>) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; ) {
    const response = await api.call(action, { ...params, Offset: offset, Limit: 100 } as RequestOf<A>);
    const page = items(response) ?? [];
    out.push(...page);
    offset += page.length;
    if (page.length === 0 || offset >= ((response as { TotalCount?: number }).TotalCount ?? 0)) return out;
  }
}
