// The VPN gateway dynamic provider. create: CreateVpnGateway, then DescribeVpnGateways until AVAILABLE. update:
// ModifyVpnGatewayAttribute (name), ResetVpnGatewayInternetMaxBandwidth (bandwidth). delete: DeleteVpnGateway, then
// DescribeVpnGateways until gone. With existingGatewayId it only reads: never modifies or deletes that gateway.
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { VpnGateway } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import { CONTROL_CHARACTERS } from "../spec/limits";
import { describeAll, type TencentVpcApi } from "./api";
import { isGone, isTransient, step, TencentApiError, TencentOperationError } from "./errors";
import { canonicalJson, diffFields, engineDiff, hasUnknowns, normalise, pick, type FieldRule } from "./fields";
import { checkTags, CREATE_TOKEN_TAG, Failures, isId, tagList, tagMap, tokenOf, TencentProviderBase } from "./provider-base";

/** Sizes CreateVpnGateway sells, Mbps. */
export const GATEWAY_BANDWIDTHS = [5, 10, 20, 50, 100, 200, 500, 1000, 3000] as const;
export const GATEWAY_TYPES = ["IPSEC", "SSL", "CCN", "SSL_CCN"] as const;

export interface VpnGatewayInputs {
  /** Required to create; with existingGatewayId, checked against that gateway's VPC when given. */
  vpcId?: string;
  name?: string;
  bandwidthMbps?: number;
  /** Left out: Tencent picks one (reported in the zone output). */
  zone?: string;
  /** Default IPSEC. */
  type?: string;
  /** Only pay-as-you-go gateways are created here (a prepaid one can be used through existingGatewayId). */
  chargeType?: "POSTPAID_BY_HOUR";
  tags?: Record<string, string>;
  /** Use this gateway as it is: read only, never modified or deleted. */
  existingGatewayId?: string;
}

export interface VpnGatewayOutputs extends VpnGatewayInputs {
  vpnGatewayId: string;
  /** False for an existing gateway: this resource never changes or deletes it. */
  managed: boolean;
  publicIpAddress: string;
  state: string;
  version: string;
}

const INPUT_FIELDS = ["vpcId", "name", "bandwidthMbps", "zone", "type", "chargeType", "tags", "existingGatewayId"] as const;

const MANAGED_RULES: ReadonlyArray<FieldRule<VpnGatewayInputs>> = [
  { field: "existingGatewayId", replaces: true },
  { field: "vpcId", replaces: true },
  { field: "zone", replaces: true, optional: true },
  { field: "type", replaces: true, normalise: (v) => v ?? "IPSEC" },
  { field: "chargeType", replaces: true, normalise: (v) => v ?? "POSTPAID_BY_HOUR" },
  { field: "name" },
  { field: "bandwidthMbps" },
  { field: "tags", normalise: normalise.tags },
];
const EXISTING_RULES: ReadonlyArray<FieldRule<VpnGatewayInputs>> = [
  { field: "existingGatewayId", replaces: true },
  { field: "vpcId", replaces: true, optional: true },
];

export class VpnGatewayProvider extends TencentProviderBase implements pulumi.dynamic.ResourceProvider<VpnGatewayInputs, VpnGatewayOutputs> {
  async check(olds: VpnGatewayInputs, news: VpnGatewayInputs): Promise<pulumi.dynamic.CheckResult<VpnGatewayInputs>> {
    const failures = new Failures();
    const known = (v: unknown) => v !== undefined && !hasUnknowns(v);
    if (news.existingGatewayId !== undefined) {
      if (known(news.existingGatewayId) && !isId("vpngw", news.existingGatewayId)) failures.add("existingGatewayId", "is not a VPN gateway id (vpngw-…)");
      for (const field of ["name", "bandwidthMbps", "zone", "type", "chargeType", "tags"] as const) {
        if (news[field] !== undefined) failures.add(field, "applies only to a gateway created here, not to existingGatewayId");
      }
    } else {
      if (news.vpcId === undefined) failures.add("vpcId", "is required to create a VPN gateway");
      if (known(news.vpcId) && !isId("vpc", news.vpcId)) failures.add("vpcId", "is not a VPC id (vpc-…)");
      if (news.name === undefined) failures.add("name", "is required to create a VPN gateway");
      else if (known(news.name) && !(typeof news.name === "string" && news.name.length > 0 && Buffer.byteLength(news.name) <= 60 && !CONTROL_CHARACTERS.test(news.name))) {
        failures.add("name", "must be 1–60 bytes, without line breaks or other control characters");
      }
      if (!hasUnknowns(news.bandwidthMbps) && !(GATEWAY_BANDWIDTHS as readonly unknown[]).includes(news.bandwidthMbps)) {
        failures.add("bandwidthMbps", `must be one of ${GATEWAY_BANDWIDTHS.join(", ")} Mbps`);
      }
      if (known(news.zone) && !/^[a-z]+-[a-z]+-\d+$/.test(String(news.zone))) failures.add("zone", "is not a zone name (e.g. ap-guangzhou-3)");
      if (known(news.type) && !(GATEWAY_TYPES as readonly unknown[]).includes(news.type)) failures.add("type", `must be one of ${GATEWAY_TYPES.join(", ")}`);
      if (known(news.chargeType) && news.chargeType !== "POSTPAID_BY_HOUR") {
        failures.add("chargeType", "only POSTPAID_BY_HOUR gateways are created here; buy a prepaid one in the console and pass existingGatewayId");
      }
      if (!hasUnknowns(news.tags)) checkTags(news.tags, failures);
      checkTagChange(olds, news, failures);
      checkBandwidthChange(olds, news, failures);
    }
    return { inputs: news, failures: failures.list };
  }

  async diff(_id: string, olds: VpnGatewayOutputs, news: VpnGatewayInputs): Promise<pulumi.dynamic.DiffResult> {
    const rules = olds.managed === false && news.existingGatewayId !== undefined ? EXISTING_RULES : MANAGED_RULES;
    return engineDiff(diffFields(rules, olds, news));
  }

  async create(inputs: VpnGatewayInputs): Promise<pulumi.dynamic.CreateResult<VpnGatewayOutputs>> {
    const api = this.api();
    if (inputs.existingGatewayId !== undefined) {
      const outs = await step(`reading the existing VPN gateway ${inputs.existingGatewayId}`, "Nothing was changed; rerunning is safe.", () => readExisting(api, inputs));
      return { id: outs.vpnGatewayId, outs };
    }
    const token = randomUUID();
    const name = inputs.name ?? "";
    const id = await step(`creating VPN gateway ${name}`, "Nothing was created; rerunning is safe.", () =>
      api.createOnce(
        async () => {
          const r = await api.once("CreateVpnGateway", {
            VpcId: inputs.vpcId ?? "",
            VpnGatewayName: name,
            InternetMaxBandwidthOut: inputs.bandwidthMbps ?? 0,
            InstanceChargeType: inputs.chargeType ?? "POSTPAID_BY_HOUR",
            Type: inputs.type ?? "IPSEC",
            ...(inputs.zone === undefined ? {} : { Zone: inputs.zone }),
            Tags: tagList(inputs.tags, token),
          });
          const created = r.VpnGateway?.VpnGatewayId;
          if (!created) throw new Error(`CreateVpnGateway answered without a gateway id (RequestId ${r.RequestId ?? "?"})`);
          return created;
        },
        () => findByToken(api, inputs.vpcId ?? "", token),
        `the tag ${CREATE_TOKEN_TAG}=${token} in VPC ${inputs.vpcId ?? ""}`,
      ),
    );
    const gateway = await this.settle(api, id, inputs, true);
    return { id, outs: outputs(inputs, gateway, true) };
  }

  async read(id: string, props?: VpnGatewayOutputs): Promise<pulumi.dynamic.ReadResult<VpnGatewayOutputs>> {
    const inputs = pick<VpnGatewayInputs>(props, INPUT_FIELDS);
    const gateway = await step(`reading VPN gateway ${id}`, "Nothing was changed; rerunning is safe.", () => describeGateway(this.api(), id));
    if (!gateway) return {};
    return { id, props: outputs(inputs, gateway, props?.managed ?? inputs.existingGatewayId === undefined) };
  }

  async update(id: string, olds: VpnGatewayOutputs, news: VpnGatewayInputs): Promise<pulumi.dynamic.UpdateResult<VpnGatewayOutputs>> {
    const api = this.api();
    if (olds.managed === false) return { outs: await step(`reading the existing VPN gateway ${id}`, "Nothing was changed; rerunning is safe.", () => readExisting(api, news)) };
    const rerun = "Changes made so far stay; rerunning applies the rest.";
    let gateway = await this.settle(api, id, news, false);
    if (canonicalJson(tagMap(gateway.TagSet)) !== canonicalJson(normalise.tags(news.tags))) {
      throw new TencentOperationError(`updating VPN gateway ${id}`, new Error(`its tags are ${JSON.stringify(tagMap(gateway.TagSet))}, the program says ${JSON.stringify(news.tags ?? {})}`), TAGS_ADVICE);
    }
    if (news.name !== undefined && news.name !== gateway.VpnGatewayName) {
      await step(`renaming VPN gateway ${id}`, rerun, () => api.call("ModifyVpnGatewayAttribute", { VpnGatewayId: id, VpnGatewayName: news.name }));
    }
    if (news.bandwidthMbps !== undefined && news.bandwidthMbps !== gateway.InternetMaxBandwidthOut) {
      const what = `changing the bandwidth of VPN gateway ${id} from ${gateway.InternetMaxBandwidthOut} to ${news.bandwidthMbps} Mbps`;
      await api.call("ResetVpnGatewayInternetMaxBandwidth", { VpnGatewayId: id, InternetMaxBandwidthOut: news.bandwidthMbps ?? 0 }).catch((error: unknown) => {
        // Only a refusal is about the bandwidth itself; throttling, 5xx or no answer say nothing about the change.
        const refused = error instanceof TencentApiError && !isTransient(error, { idempotent: true });
        throw new TencentOperationError(what, error, refused ? BANDWIDTH_ADVICE : rerun);
      });
    }
    gateway = (await step(`reading VPN gateway ${id} back`, "The changes were made; rerunning only reads them back.", () => describeGateway(api, id))) ?? gateway;
    return { outs: outputs(news, gateway, true) };
  }

  async delete(id: string, props: VpnGatewayOutputs): Promise<void> {
    if (props.managed === false) return; // an existing gateway: not ours to delete
    const api = this.api();
    let requested = false;
    await step(`deleting VPN gateway ${id}`, "Rerunning is safe: a gateway already gone counts as deleted.", () =>
      api.wait(`VPN gateway ${id} being deleted`, async () => {
        const gateway = await describeGateway(api, id);
        if (!gateway) return { done: true, value: undefined };
        const state = gateway.State ?? "?";
        if (state === "DELETING_ERROR" && requested) throw new Error("Tencent could not delete it (state DELETING_ERROR); see the VPN gateway console");
        if (state === "DELETING" || state === "PENDING" || requested) return { done: false, state };
        try {
          await api.once("DeleteVpnGateway", { VpnGatewayId: id });
          requested = true;
        } catch (error) {
          if (isGone(error)) return { done: true, value: undefined };
          // Throttled, busy (its tunnels or routes still being deleted: ResourceInUse) or unanswered: look again.
          if (!(error instanceof TencentApiError && isTransient(error, { idempotent: true, inUseIsBusy: true }))) throw error;
          // Should the wait end here, its error names the answer that kept the deletion from starting.
          return { done: false, state: `${state} (the last delete attempt answered: ${error.message})` };
        }
        return { done: false, state: "deleting" };
      }),
    );
  }

  /**
   * Waits for AVAILABLE; a gateway that ended PENDING_ERROR is deleted (it is billed) and the error says so. When
   * `record` is set, a failure that leaves the gateway in place carries its id, so the engine records it
   * (as partially created) and the next run resumes instead of creating a second gateway.
   */
  private async settle(api: TencentVpcApi, id: string, inputs: VpnGatewayInputs, record: boolean): Promise<VpnGateway> {
    let failed: VpnGateway | undefined;
    let vanished = false;
    const gateway = await step(`waiting for VPN gateway ${id} to become AVAILABLE`, () => (vanished ? "Rerunning creates it again." : initAdvice(id)), () =>
      api.wait(`VPN gateway ${id}`, async () => {
        const g = await describeGateway(api, id);
        if (!g) {
          vanished = true;
          throw new Error("it disappeared while being created");
        }
        if (g.State === "PENDING_ERROR") return { done: true, value: (failed = g) };
        return g.State === "AVAILABLE" ? { done: true, value: g } : { done: false, state: g.State ?? "?" };
      }),
    ).catch((error: unknown) => {
      if (!record || vanished) throw error;
      throw Object.assign(error as Error, { id, properties: { ...inputs, vpnGatewayId: id, managed: true }, reasons: [(error as Error).message] });
    });
    if (!failed) return gateway;
    let cleanup = `The failed gateway ${id} was deleted; rerunning is safe.`;
    try {
      await this.delete(id, { ...inputs, vpnGatewayId: id, managed: true, publicIpAddress: "", state: "PENDING_ERROR", version: "" });
    } catch (error) {
      cleanup = `Deleting the failed gateway ${id} did not succeed either (${(error as Error).message}): delete it in the console, then rerun.`;
    }
    throw new TencentOperationError(`creating VPN gateway ${id}`, new Error("Tencent's creation task failed (state PENDING_ERROR)"), cleanup);
  }
}

const TAGS_ADVICE =
  "ros-vpc-ipsec sets tags when it creates a gateway and does not change them afterwards (Tencent changes tags through its Tag API): " +
  "set them back in the program or the console, or replace the gateway (pulumi up --replace <urn>).";
const BANDWIDTH_ADVICE =
  "Tencent raises a gateway's bandwidth only upwards, within 5–100 or within 200–1000 Mbps; for any other change replace the gateway " +
  "(pulumi up --replace <urn>: it gets a new public address, which the router side follows).";
const initAdvice = (id: string) => `The gateway ${id} exists and is recorded; rerunning waits for it again.`;

/** A tags change on an existing gateway (one not being replaced) is refused before anything runs. */
function checkTagChange(olds: VpnGatewayInputs, news: VpnGatewayInputs, failures: Failures): void {
  if (Object.keys(olds ?? {}).length === 0 || hasUnknowns(news.tags)) return;
  const diff = diffFields(MANAGED_RULES, olds, news);
  if (diff.replaces.length === 0 && diff.changed.includes("tags")) failures.add("tags", `cannot change on an existing gateway. ${TAGS_ADVICE}`);
}

/** Bands within which Tencent raises a gateway's bandwidth in place (ResetVpnGatewayInternetMaxBandwidth). */
const RAISABLE_BANDS: ReadonlyArray<readonly [number, number]> = [
  [5, 100],
  [200, 1000],
];

/** A bandwidth change Tencent would refuse in place (down, or across bands) is refused before anything runs. */
function checkBandwidthChange(olds: VpnGatewayInputs, news: VpnGatewayInputs, failures: Failures): void {
  if (Object.keys(olds ?? {}).length === 0 || hasUnknowns(news.bandwidthMbps) || olds.bandwidthMbps === undefined || news.bandwidthMbps === undefined) return;
  if (diffFields(MANAGED_RULES, olds, news).replaces.length > 0 || news.bandwidthMbps === olds.bandwidthMbps) return;
  const from = olds.bandwidthMbps;
  const to = news.bandwidthMbps;
  if (to > from && RAISABLE_BANDS.some(([low, high]) => from >= low && to <= high)) return;
  failures.add("bandwidthMbps", `${from} → ${to} Mbps cannot be changed in place. ${BANDWIDTH_ADVICE}`);
}

export async function describeGateway(api: TencentVpcApi, id: string): Promise<VpnGateway | undefined> {
  try {
    const r = await api.call("DescribeVpnGateways", { VpnGatewayIds: [id] });
    return r.VpnGatewaySet?.find((g) => g.VpnGatewayId === id);
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

/** The gateway an unanswered create made, by its create token (matched here: DescribeVpnGateways documents no tag filter). */
async function findByToken(api: TencentVpcApi, vpcId: string, token: string): Promise<string | undefined> {
  const gateways = await describeAll(api, "DescribeVpnGateways", { Filters: [{ Name: "vpc-id", Values: [vpcId] }] }, (r) => r.VpnGatewaySet);
  return gateways.find((g) => tokenOf(g.TagSet) === token)?.VpnGatewayId;
}

/** An existing gateway, checked and (while still PENDING, e.g. just bought) awaited; never changed. */
async function readExisting(api: TencentVpcApi, inputs: VpnGatewayInputs): Promise<VpnGatewayOutputs> {
  const id = inputs.existingGatewayId ?? "";
  const gateway = await api.wait(`VPN gateway ${id}`, async () => {
    const g = await describeGateway(api, id);
    if (!g) throw new Error(`there is no VPN gateway ${id} in region ${api.settings.region}`);
    if (inputs.vpcId !== undefined && g.VpcId !== inputs.vpcId) throw new Error(`${id} belongs to ${g.VpcId}, not to ${inputs.vpcId}`);
    if (g.State === "PENDING") return { done: false, state: "PENDING" };
    if (g.State !== "AVAILABLE") throw new Error(`${id} is ${g.State}, not AVAILABLE`);
    return { done: true, value: g };
  });
  return outputs(inputs, gateway, false);
}

function outputs(inputs: VpnGatewayInputs, g: VpnGateway, managed: boolean): VpnGatewayOutputs {
  const live = {
    vpnGatewayId: g.VpnGatewayId ?? "",
    managed,
    publicIpAddress: g.PublicIpAddress ?? "",
    state: g.State ?? "",
    version: g.Version ?? "",
  };
  if (!managed) return { ...pick<VpnGatewayInputs>(inputs, ["existingGatewayId", "vpcId"]), ...live };
  return {
    ...pick<VpnGatewayInputs>(inputs, INPUT_FIELDS),
    vpcId: g.VpcId ?? inputs.vpcId ?? "",
    name: g.VpnGatewayName ?? "",
    bandwidthMbps: g.InternetMaxBandwidthOut ?? 0,
    zone: g.Zone ?? "",
    type: g.Type ?? "IPSEC",
    chargeType: (g.InstanceChargeType ?? "POSTPAID_BY_HOUR") as "POSTPAID_BY_HOUR",
    tags: tagMap(g.TagSet),
    ...live,
  };
}
