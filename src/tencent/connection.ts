// The VPN connection (tunnel) dynamic provider. create: CreateVpnConnection, DescribeVpcTaskResult, then
// DescribeVpnConnections. update: ModifyVpnConnectionAttribute (name, key, SPD, IKE, IPsec, DPD) and its task.
// delete: DeleteVpnConnection and its task. The pre-shared key never appears in an error; outputs keep it secret.
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type {
  CreateVpnConnectionRequest,
  IKEOptionsSpecification,
  IPSECOptionsSpecification,
  ModifyVpnConnectionAttributeRequest,
  SecurityPolicyDatabase,
  VpnConnection,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import type { TencentVpcApi } from "./api";
import { canonicalIke, canonicalIpsec, canonicalSpd, CONNECTION_DEFAULTS, IKE_DEFAULTS, IPSEC_DEFAULTS, withReportedAddresses } from "./connection-options";
import { isGone, isTransient, step, TencentApiError, TencentOperationError, UncertainCreateError } from "./errors";
import { diffFields, engineDiff, hasUnknowns, pick, type FieldRule } from "./fields";
import { Failures, isId, tagList, tokenOf, TencentProviderBase } from "./provider-base";

export interface VpnConnectionInputs {
  vpcId: string;
  vpnGatewayId: string;
  customerGatewayId: string;
  name: string;
  preSharedKey: string;
  /** STATIC (policy-based, SPD) or StaticRoute (route-based). */
  routeType: string;
  securityPolicyDatabases?: SecurityPolicyDatabase[];
  ikeOptions?: IKEOptionsSpecification;
  ipsecOptions?: IPSECOptionsSpecification;
  dpdEnable?: number;
  dpdTimeout?: string;
  dpdAction?: string;
  negotiationType?: string;
}

export interface VpnConnectionOutputs extends VpnConnectionInputs {
  vpnConnectionId: string;
  state: string;
  /** AVAILABLE when the tunnel is up (as of the last create, update or refresh). */
  netStatus: string;
  createdTime: string;
}

const INPUT_FIELDS = [
  "vpcId", "vpnGatewayId", "customerGatewayId", "name", "preSharedKey", "routeType", "securityPolicyDatabases",
  "ikeOptions", "ipsecOptions", "dpdEnable", "dpdTimeout", "dpdAction", "negotiationType",
] as const;

const RULES: ReadonlyArray<FieldRule<VpnConnectionInputs>> = [
  { field: "vpcId", replaces: true },
  { field: "vpnGatewayId", replaces: true },
  { field: "customerGatewayId", replaces: true },
  { field: "routeType", replaces: true },
  { field: "name" },
  { field: "preSharedKey" },
  { field: "securityPolicyDatabases", normalise: (v) => canonicalSpd(v as SecurityPolicyDatabase[] | undefined) },
  { field: "ikeOptions", normalise: (v) => canonicalIke(v as IKEOptionsSpecification | undefined) },
  { field: "ipsecOptions", normalise: (v) => canonicalIpsec(v as IPSECOptionsSpecification | undefined) },
  { field: "dpdEnable", normalise: (v) => Number(v ?? CONNECTION_DEFAULTS.dpdEnable) },
  { field: "dpdTimeout", normalise: (v) => String(Number(v ?? CONNECTION_DEFAULTS.dpdTimeout)) },
  { field: "dpdAction", normalise: (v) => v ?? CONNECTION_DEFAULTS.dpdAction },
  { field: "negotiationType", normalise: (v) => v ?? CONNECTION_DEFAULTS.negotiationType },
];

/** The connection's inputs from the foundation's rendering (createVpnConnectionRequest); the key travels apart. */
export function connectionInputsOf(request: CreateVpnConnectionRequest): Omit<VpnConnectionInputs, "preSharedKey"> {
  return {
    vpcId: request.VpcId ?? "",
    vpnGatewayId: request.VpnGatewayId,
    customerGatewayId: request.CustomerGatewayId,
    name: request.VpnConnectionName,
    routeType: request.RouteType ?? "STATIC",
    ...(request.SecurityPolicyDatabases ? { securityPolicyDatabases: request.SecurityPolicyDatabases } : {}),
    ...(request.IKEOptionsSpecification ? { ikeOptions: request.IKEOptionsSpecification } : {}),
    ...(request.IPSECOptionsSpecification ? { ipsecOptions: request.IPSECOptionsSpecification } : {}),
    ...(request.DpdEnable === undefined ? {} : { dpdEnable: request.DpdEnable }),
    ...(request.DpdTimeout === undefined ? {} : { dpdTimeout: request.DpdTimeout }),
    ...(request.DpdAction === undefined ? {} : { dpdAction: request.DpdAction }),
    ...(request.NegotiationType === undefined ? {} : { negotiationType: request.NegotiationType }),
  };
}

export class VpnConnectionProvider extends TencentProviderBase implements pulumi.dynamic.ResourceProvider<VpnConnectionInputs, VpnConnectionOutputs> {
  async check(_olds: VpnConnectionInputs, news: VpnConnectionInputs): Promise<pulumi.dynamic.CheckResult<VpnConnectionInputs>> {
    const failures = new Failures();
    const ids = [["vpcId", "vpc"], ["vpnGatewayId", "vpngw"], ["customerGatewayId", "cgw"]] as const;
    for (const [field, prefix] of ids) if (!hasUnknowns(news[field]) && !isId(prefix, news[field])) failures.add(field, `is not an id of the form ${prefix}-…`);
    if (!hasUnknowns(news.name) && !(typeof news.name === "string" && news.name.length > 0 && news.name.length <= 60)) failures.add("name", "must be 1–60 characters");
    if (!hasUnknowns(news.preSharedKey) && !(typeof news.preSharedKey === "string" && news.preSharedKey.length > 0 && news.preSharedKey.length <= 128)) {
      failures.add("preSharedKey", "must be 1–128 characters");
    }
    if (!hasUnknowns(news.routeType) && !["STATIC", "StaticRoute"].includes(news.routeType)) failures.add("routeType", "must be STATIC (policy-based) or StaticRoute (route-based)");
    if (news.routeType === "STATIC" && !hasUnknowns(news.securityPolicyDatabases) && canonicalSpd(news.securityPolicyDatabases).length === 0) {
      failures.add("securityPolicyDatabases", "is required for a policy-based (STATIC) tunnel");
    }
    return { inputs: news, failures: failures.list };
  }

  async diff(_id: string, olds: VpnConnectionOutputs, news: VpnConnectionInputs): Promise<pulumi.dynamic.DiffResult> {
    return engineDiff(diffFields(RULES, olds, resolved(news, olds)));
  }

  async create(inputs: VpnConnectionInputs): Promise<pulumi.dynamic.CreateResult<VpnConnectionOutputs>> {
    const api = this.api([inputs.preSharedKey]);
    const token = randomUUID();
    const what = `creating VPN connection ${inputs.name} on ${inputs.vpnGatewayId}`;
    const started = await step(what, "Nothing was created; rerunning is safe.", () =>
      api.createOnce<{ id: string; requestId?: string }>(
        async () => {
          const r = await api.once("CreateVpnConnection", { ...createRequest(inputs), Tags: tagList(undefined, token) });
          // Tencent has been seen to answer an empty VpnConnectionId: the create did take effect, so the tunnel is
          // waited for until it is listed — never created again.
          const id = r.VpnConnection?.VpnConnectionId || (await listedAfterCreate(api, inputs, token, r.RequestId));
          return { id, ...(r.RequestId ? { requestId: r.RequestId } : {}) };
        },
        async () => {
          const found = await findConnection(api, inputs, token);
          return found?.VpnConnectionId ? { id: found.VpnConnectionId } : undefined;
        },
        `the name ${inputs.name} on ${inputs.vpnGatewayId}`,
      ),
    );
    const { id } = started;
    // From here the tunnel exists: an error that leaves it in place carries its id, so the engine records it (as
    // partially created) and the next run waits for it instead of creating another, which Tencent would refuse.
    const recorded = (error: unknown): never => {
      throw Object.assign(error as Error, { id, properties: { ...inputs, vpnConnectionId: id }, reasons: [(error as Error).message] });
    };
    if (started.requestId) {
      await this.task(api, started.requestId, what, id, async () =>
        (await describeConnection(api, id))
          ? `The failed tunnel ${id} is still listed: delete it in the console, then rerun.`
          : "Tencent removed the failed tunnel: nothing was created; rerunning is safe.",
      ).catch((error: unknown) => (error instanceof TaskFailedError ? Promise.reject(error) : recorded(error)));
    }
    let vanished = false;
    const rerun = () => (vanished ? "Tencent dropped it: nothing is left; rerunning creates it again." : `The connection ${id} exists and is recorded; rerunning waits for it again.`);
    const connection = await step(`waiting for VPN connection ${id} to become AVAILABLE`, rerun, () =>
      waitAvailable(api, id).catch((error: unknown) => {
        vanished = error instanceof VanishedError;
        throw error;
      }),
    ).catch((error: unknown) => {
      // Still there but not AVAILABLE in time: recorded, so the next run waits for it.
      if (vanished) throw error;
      return recorded(error);
    });
    return { id, outs: outputs(inputs, connection, inputs.preSharedKey) };
  }

  async read(id: string, props?: VpnConnectionOutputs): Promise<pulumi.dynamic.ReadResult<VpnConnectionOutputs>> {
    const recorded = pick<VpnConnectionInputs>(props, INPUT_FIELDS) as VpnConnectionInputs;
    const api = this.api(recorded.preSharedKey ? [recorded.preSharedKey] : []);
    const connection = await step(`reading VPN connection ${id}`, "Nothing was changed; rerunning is safe.", () => describeConnection(api, id));
    // Drift is reported as it is, the key included (a secret output): the next diff shows what the console changed.
    return connection ? { id, props: outputs(recorded, connection, connection.PreShareKey || recorded.preSharedKey) } : {};
  }

  async update(id: string, olds: VpnConnectionOutputs, news: VpnConnectionInputs): Promise<pulumi.dynamic.UpdateResult<VpnConnectionOutputs>> {
    const api = this.api([news.preSharedKey, olds.preSharedKey]);
    const what = `updating VPN connection ${id}`;
    await step(what, "Nothing was changed; rerunning is safe.", () => waitAvailable(api, id));
    const { changed } = diffFields(RULES, olds, resolved(news, olds));
    const request = modifyRequest(id, news, new Set(changed));
    if (Object.keys(request).length > 1) {
      // Without an answer the change may have been applied: the modify sets absolute values, so a rerun is harmless.
      const r = await step(what, "The change may or may not have been applied; rerunning is safe and applies it.", () => api.call("ModifyVpnConnectionAttribute", request));
      if (r.RequestId) await this.task(api, r.RequestId, what, id, async () => "Tencent rolled the change back: the tunnel keeps its previous settings. Rerunning tries again.");
    }
    const connection = await step(what, "The change was accepted; rerunning only reads it back.", () => waitAvailable(api, id));
    return { outs: outputs(news, connection, news.preSharedKey) };
  }

  async delete(id: string, props: VpnConnectionOutputs): Promise<void> {
    const api = this.api(props.preSharedKey ? [props.preSharedKey] : []);
    let requested = false;
    await step(`deleting VPN connection ${id}`, "Rerunning is safe: a connection already gone counts as deleted.", () =>
      api.wait(`VPN connection ${id} being deleted`, async () => {
        const c = await describeConnection(api, id);
        if (!c) return { done: true, value: undefined };
        if (c.State !== "AVAILABLE" || requested) return { done: false, state: c.State ?? "?" };
        try {
          const r = await api.once("DeleteVpnConnection", { VpnGatewayId: c.VpnGatewayId ?? props.vpnGatewayId, VpnConnectionId: id });
          requested = true;
          if (r.RequestId) {
            const task = await api.task(r.RequestId, `deleting VPN connection ${id}`);
            if (task.status === "FAILED") throw new Error(`Tencent's deletion task failed${task.output ? ` (${task.output})` : ""}; the connection is still there`);
            if (task.status === "SUCCESS") return { done: true, value: undefined };
          }
        } catch (error) {
          if (isGone(error)) return { done: true, value: undefined };
          // Busy, throttled or unanswered: look again after a pause (an unanswered delete shows up as DELETING).
          if (!(error instanceof TencentApiError && isTransient(error, { idempotent: true }))) throw error;
          // Should the wait end here, its error names the answer that kept the deletion from starting.
          return { done: false, state: `${c.State ?? "?"} (the last delete attempt answered: ${error.message})` };
        }
        return { done: false, state: "deleting" };
      }),
    );
  }

  /** Waits for an asynchronous call's task; a failure becomes an error that says what is left. */
  private async task(api: TencentVpcApi, requestId: string, what: string, id: string, ifFailed: () => Promise<string>): Promise<void> {
    const task = await step(what, `The connection ${id} is recorded; rerunning waits for it again.`, () => api.task(requestId, `${what} (task ${requestId})`));
    if (task.status === "FAILED") {
      const detail = `Tencent's task ${requestId} ended FAILED${task.output ? `: ${task.output}` : ""}`;
      throw new TaskFailedError(what, new Error(detail), await ifFailed());
    }
  }
}

/** The new inputs with what only Tencent knows (the addresses of address identities) taken from the state. */
function resolved(news: VpnConnectionInputs, olds: Partial<VpnConnectionOutputs>): VpnConnectionInputs {
  if (hasUnknowns(news.ikeOptions)) return news;
  return { ...news, ikeOptions: withReportedAddresses(news.ikeOptions, olds.ikeOptions) };
}

function createRequest(inputs: VpnConnectionInputs): CreateVpnConnectionRequest {
  return {
    VpcId: inputs.vpcId,
    VpnGatewayId: inputs.vpnGatewayId,
    CustomerGatewayId: inputs.customerGatewayId,
    VpnConnectionName: inputs.name,
    PreShareKey: inputs.preSharedKey,
    RouteType: inputs.routeType,
    ...optionFields(inputs, new Set(INPUT_FIELDS)),
  };
}

/** Only what changed; the IKE and IPsec blocks whole (Tencent replaces a block, resetting fields left out). */
function modifyRequest(id: string, news: VpnConnectionInputs, changed: ReadonlySet<string>): ModifyVpnConnectionAttributeRequest {
  return {
    VpnConnectionId: id,
    ...(changed.has("name") ? { VpnConnectionName: news.name } : {}),
    ...(changed.has("preSharedKey") ? { PreShareKey: news.preSharedKey } : {}),
    ...optionFields(withDefaults(news), changed),
  };
}

/** An option left out means Tencent's default (as diff compares it), so a modify must send that default explicitly. */
function withDefaults(inputs: VpnConnectionInputs): VpnConnectionInputs {
  return {
    ...inputs,
    ikeOptions: inputs.ikeOptions ?? { ...IKE_DEFAULTS },
    ipsecOptions: inputs.ipsecOptions ?? { ...IPSEC_DEFAULTS },
    dpdEnable: inputs.dpdEnable ?? CONNECTION_DEFAULTS.dpdEnable,
    dpdTimeout: inputs.dpdTimeout ?? CONNECTION_DEFAULTS.dpdTimeout,
    dpdAction: inputs.dpdAction ?? CONNECTION_DEFAULTS.dpdAction,
    negotiationType: inputs.negotiationType ?? CONNECTION_DEFAULTS.negotiationType,
  };
}

function optionFields(inputs: VpnConnectionInputs, fields: ReadonlySet<string>): Partial<CreateVpnConnectionRequest> {
  const out: Partial<CreateVpnConnectionRequest> = {};
  if (fields.has("securityPolicyDatabases") && inputs.securityPolicyDatabases?.length) out.SecurityPolicyDatabases = inputs.securityPolicyDatabases;
  if (fields.has("ikeOptions") && inputs.ikeOptions) out.IKEOptionsSpecification = inputs.ikeOptions;
  if (fields.has("ipsecOptions") && inputs.ipsecOptions) out.IPSECOptionsSpecification = inputs.ipsecOptions;
  if (fields.has("dpdEnable") && inputs.dpdEnable !== undefined) out.DpdEnable = inputs.dpdEnable;
  if (fields.has("dpdTimeout") && inputs.dpdTimeout !== undefined) out.DpdTimeout = inputs.dpdTimeout;
  if (fields.has("dpdAction") && inputs.dpdAction !== undefined) out.DpdAction = inputs.dpdAction;
  if (fields.has("negotiationType") && inputs.negotiationType !== undefined) out.NegotiationType = inputs.negotiationType;
  return out;
}

export async function describeConnection(api: TencentVpcApi, id: string): Promise<VpnConnection | undefined> {
  try {
    const r = await api.call("DescribeVpnConnections", { VpnConnectionIds: [id] });
    return r.VpnConnectionSet?.find((c) => c.VpnConnectionId === id);
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

class VanishedError extends Error {}

/** Tencent ran the asynchronous call and its task ended FAILED: the error says what is left. */
class TaskFailedError extends TencentOperationError {}

/** Polls until AVAILABLE; a tunnel that vanishes meanwhile is an error (Tencent drops one whose creation failed). */
function waitAvailable(api: TencentVpcApi, id: string): Promise<VpnConnection> {
  return api.wait(`VPN connection ${id}`, async () => {
    const c = await describeConnection(api, id);
    if (!c) throw new VanishedError(`VPN connection ${id} no longer exists`);
    return c.State === "AVAILABLE" ? { done: true, value: c } : { done: false, state: c.State ?? "?" };
  });
}

/** The id of the tunnel a create Tencent accepted without naming it, once it is listed (bounded wait). */
async function listedAfterCreate(api: TencentVpcApi, inputs: VpnConnectionInputs, token: string, requestId: string | undefined): Promise<string> {
  try {
    return await api.wait(`the new VPN connection ${inputs.name} to be listed`, async () => {
      const found = (await findConnection(api, inputs, token))?.VpnConnectionId;
      return found ? { done: true, value: found } : { done: false, state: "not listed yet" };
    });
  } catch (error) {
    throw new UncertainCreateError(
      error,
      `Tencent accepted CreateVpnConnection (RequestId ${requestId ?? "?"}) without naming the tunnel, and it could not be found since (${(error as Error).message}): look for ${inputs.name} on ${inputs.vpnGatewayId} before rerunning`,
    );
  }
}

/**
 * The tunnel an unanswered (or id-less) create made: same gateway, customer gateway and name, carrying this
 * create's token when Tencent reports tags. Never one made by anyone else.
 */
async function findConnection(api: TencentVpcApi, inputs: VpnConnectionInputs, token: string): Promise<VpnConnection | undefined> {
  const r = await api.call("DescribeVpnConnections", {
    Filters: [
      { Name: "vpn-gateway-id", Values: [inputs.vpnGatewayId] },
      { Name: "customer-gateway-id", Values: [inputs.customerGatewayId] },
      { Name: "vpn-connection-name", Values: [inputs.name] },
    ],
  });
  const candidates = r.VpnConnectionSet ?? [];
  const tagged = candidates.find((c) => tokenOf(c.TagSet) === token);
  if (tagged) return tagged;
  const untagged = candidates.filter((c) => c.TagSet === undefined);
  return untagged.length === 1 && candidates.length === 1 ? untagged[0] : undefined;
}

function outputs(inputs: Partial<VpnConnectionInputs>, c: VpnConnection, preSharedKey: string | undefined): VpnConnectionOutputs {
  return {
    vpcId: c.VpcId ?? inputs.vpcId ?? "",
    vpnGatewayId: c.VpnGatewayId ?? inputs.vpnGatewayId ?? "",
    customerGatewayId: c.CustomerGatewayId ?? inputs.customerGatewayId ?? "",
    name: c.VpnConnectionName ?? "",
    preSharedKey: preSharedKey ?? "",
    routeType: c.RouteType ?? "",
    ...(c.SecurityPolicyDatabaseSet?.length ? { securityPolicyDatabases: canonicalSpd(c.SecurityPolicyDatabaseSet) } : {}),
    ikeOptions: canonicalIke(c.IKEOptionsSpecification),
    ipsecOptions: canonicalIpsec(c.IPSECOptionsSpecification),
    dpdEnable: c.DpdEnable ?? CONNECTION_DEFAULTS.dpdEnable,
    dpdTimeout: c.DpdTimeout ?? CONNECTION_DEFAULTS.dpdTimeout,
    dpdAction: c.DpdAction ?? CONNECTION_DEFAULTS.dpdAction,
    negotiationType: c.NegotiationType ?? CONNECTION_DEFAULTS.negotiationType,
    vpnConnectionId: c.VpnConnectionId ?? "",
    state: c.State ?? "",
    netStatus: c.NetStatus ?? "",
    createdTime: c.CreatedTime ?? "",
  };
}
