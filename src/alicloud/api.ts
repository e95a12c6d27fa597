// Alibaba Cloud's VPC API (RPC style, 2016-04-28) as doctor reads it: read-only Describe* calls through
// @alicloud/pop-core's RPCClient (HMAC-SHA1 signatures), each bounded by a timeout and retried with backoff while
// Alibaba throttles. Loads the library only when a call is made. Never logs; errors carry Alibaba's Code, Message and
// RequestId with every secret cut out.
import { dirname } from "node:path";
import type RPCClient from "@alicloud/pop-core";
import { backoffDelay, sleep } from "../common/backoff";
import { apiError, isRetryable } from "./errors";
import { VPC_API_VERSION, type AlicloudSettings } from "./settings";
import type { Paged, PageOf, VpcAction, VpcActions } from "./vpc-models";

export class AlicloudVpcApi {
  private client: RPCClient | undefined;
  private readonly secrets: readonly string[];

  /** `secrets`: more values to cut out of every error message (the tunnel's pre-shared key, when known). */
  constructor(
    readonly settings: AlicloudSettings,
    secrets: readonly string[] = [],
  ) {
    const { accessKeySecret, securityToken } = settings.credential;
    this.secrets = [accessKeySecret, ...(securityToken ? [securityToken] : []), ...secrets];
  }

  /** One call, retried while Alibaba answers Throttling* or ServiceUnavailable and attempts remain. */
  async call<A extends VpcAction>(action: A, params: VpcActions[A]["request"]): Promise<VpcActions[A]["response"]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(action, params);
      } catch (error) {
        if (!isRetryable(error) || attempt + 1 >= this.settings.retryAttempts) throw error;
        await sleep(backoffDelay(attempt, this.settings.backoff));
      }
    }
  }

  private async once<A extends VpcAction>(action: A, params: VpcActions[A]["request"]): Promise<VpcActions[A]["response"]> {
    const { requestTimeoutSeconds, endpoint } = this.settings;
    try {
      return await this.rpc().request<VpcActions[A]["response"]>(action, params, { timeout: Math.ceil(requestTimeoutSeconds * 1000) });
    } catch (thrown) {
      throw apiError(action, thrown, { secrets: this.secrets, timeoutSeconds: requestTimeoutSeconds, endpoint });
    }
  }

  private rpc(): RPCClient {
    if (this.client) return this.client;
    const Client = require("@alicloud/pop-core") as typeof RPCClient;
    silenceHttpxDebug();
    const { accessKeyId, accessKeySecret, securityToken } = this.settings.credential;
    this.client = new Client({ endpoint: this.settings.endpoint, apiVersion: VPC_API_VERSION, accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) });
    return this.client;
  }
}

/**
 * The library's HTTP layer (httpx) prints request URLs and answer bodies under DEBUG=httpx:*, and
 * DescribeVpnConnections' body carries the pre-shared key: those two namespaces stay off, whatever DEBUG says.
 */
function silenceHttpxDebug(): void {
  const httpx = dirname(require.resolve("httpx/package.json", { paths: [dirname(require.resolve("@alicloud/pop-core"))] }));
  const debug = require(require.resolve("debug", { paths: [httpx] })) as { enabled(name: string): boolean; disable(): string; enable(names: string): void };
  if (debug.enabled("httpx:body") || debug.enabled("httpx:header")) debug.enable(`${debug.disable()},-httpx:*`);
}

type PagedAction = { [A in VpcAction]: VpcActions[A]["request"] extends Paged ? A : never }[VpcAction];

/** Every page of a paged Describe*, 50 a page (Alibaba's maximum). */
export async function describeAll<A extends PagedAction, T>(
  api: AlicloudVpcApi,
  action: A,
  params: Omit<VpcActions[A]["request"], keyof Paged>,
  items: (response: VpcActions[A]["response"]) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const request = { ...params, RegionId: api.settings.region, PageNumber: page, PageSize: 50 } as VpcActions[A]["request"];
    const response = await api.call(action, request);
    const found = items(response) ?? [];
    out.push(...found);
    // A page short of full, or the count reached, is the last; the bound keeps a misbehaving answer from looping.
    if (found.length < 50 || out.length >= ((response as PageOf).TotalCount ?? 0) || page >= 100) return out;
  }
}
