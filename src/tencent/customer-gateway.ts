// The customer gateway dynamic provider: the router's public address as Tencent knows it. create:
// DescribeCustomerGateways (Tencent allows one per address) then CreateCustomerGateway. update:
// ModifyCustomerGatewayAttribute (name). A new address replaces it. delete: DeleteCustomerGateway (gone = done).
import type * as pulumi from "@pulumi/pulumi";
import type { CustomerGateway } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";
import type { TencentVpcApi } from "./api";
import { isGone, step, TencentOperationError } from "./errors";
import { diffFields, engineDiff, hasUnknowns, type FieldRule } from "./fields";
import { Failures, TencentProviderBase } from "./provider-base";

export interface CustomerGatewayInputs {
  name: string;
  /** The router's public IPv4 address (behind NAT: the NAT device's). */
  ipAddress: string;
}

export interface CustomerGatewayOutputs extends CustomerGatewayInputs {
  customerGatewayId: string;
  createdTime: string;
}

const RULES: ReadonlyArray<FieldRule<CustomerGatewayInputs>> = [{ field: "ipAddress", replaces: true }, { field: "name" }];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export class CustomerGatewayProvider extends TencentProviderBase implements pulumi.dynamic.ResourceProvider<CustomerGatewayInputs, CustomerGatewayOutputs> {
  async check(_olds: CustomerGatewayInputs, news: CustomerGatewayInputs): Promise<pulumi.dynamic.CheckResult<CustomerGatewayInputs>> {
    const failures = new Failures();
    if (!hasUnknowns(news.name) && !(typeof news.name === "string" && news.name.length > 0 && news.name.length <= 60)) {
      failures.add("name", "must be 1–60 characters");
    }
    if (!hasUnknowns(news.ipAddress) && !(typeof news.ipAddress === "string" && IPV4.test(news.ipAddress))) {
      failures.add("ipAddress", "must be the router's public IPv4 address");
    }
    return { inputs: news, failures: failures.list };
  }

  async diff(_id: string, olds: CustomerGatewayOutputs, news: CustomerGatewayInputs): Promise<pulumi.dynamic.DiffResult> {
    return engineDiff(diffFields(RULES, olds, news));
  }

  async create(inputs: CustomerGatewayInputs): Promise<pulumi.dynamic.CreateResult<CustomerGatewayOutputs>> {
    const api = this.api();
    const gateway = await step(`creating the customer gateway for ${inputs.ipAddress}`, "Nothing was created; rerunning is safe.", async () => {
      // Tencent keeps one customer gateway per address: one made elsewhere is reported, never taken over.
      const existing = await findByAddress(api, inputs.ipAddress);
      if (existing) {
        throw new TencentOperationError(
          `creating the customer gateway for ${inputs.ipAddress}`,
          new Error(`${existing.CustomerGatewayId} ("${existing.CustomerGatewayName}") already has this address, and Tencent allows one customer gateway per address`),
          "Nothing was created. If it is left over, delete it in the console (after the tunnels using it); then rerun.",
        );
      }
      return api.createOnce(
        async () => {
          const r = await api.once("CreateCustomerGateway", { CustomerGatewayName: inputs.name, IpAddress: inputs.ipAddress });
          if (!r.CustomerGateway?.CustomerGatewayId) throw new Error(`CreateCustomerGateway answered without an id (RequestId ${r.RequestId ?? "?"})`);
          return r.CustomerGateway;
        },
        // None had this address a moment ago, so one found now is the unanswered attempt's.
        () => findByAddress(api, inputs.ipAddress),
        `the address ${inputs.ipAddress}`,
      );
    });
    const id = gateway.CustomerGatewayId ?? "";
    return { id, outs: outputs(gateway) };
  }

  async read(id: string, _props?: CustomerGatewayOutputs): Promise<pulumi.dynamic.ReadResult<CustomerGatewayOutputs>> {
    const gateway = await step(`reading customer gateway ${id}`, "Nothing was changed; rerunning is safe.", () => describeCustomerGateway(this.api(), id));
    return gateway ? { id, props: outputs(gateway) } : {};
  }

  async update(id: string, olds: CustomerGatewayOutputs, news: CustomerGatewayInputs): Promise<pulumi.dynamic.UpdateResult<CustomerGatewayOutputs>> {
    const api = this.api();
    return step(`renaming customer gateway ${id}`, "Rerunning is safe.", async () => {
      if (news.name !== olds.name) await api.call("ModifyCustomerGatewayAttribute", { CustomerGatewayId: id, CustomerGatewayName: news.name });
      const gateway = await describeCustomerGateway(api, id);
      if (!gateway) throw new Error(`${id} no longer exists; run pulumi refresh, then pulumi up to create it again`);
      return { outs: outputs(gateway) };
    });
  }

  async delete(id: string, _props?: CustomerGatewayOutputs): Promise<void> {
    const api = this.api();
    await step(`deleting customer gateway ${id}`, "Rerunning is safe: a customer gateway already gone counts as deleted.", async () => {
      try {
        // ResourceInUse while the tunnel that used it is still being deleted: retried with backoff.
        await api.call("DeleteCustomerGateway", { CustomerGatewayId: id }, { idempotent: true, inUseIsBusy: true });
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    });
  }
}

export async function describeCustomerGateway(api: TencentVpcApi, id: string): Promise<CustomerGateway | undefined> {
  try {
    const r = await api.call("DescribeCustomerGateways", { CustomerGatewayIds: [id] });
    return r.CustomerGatewaySet?.find((g) => g.CustomerGatewayId === id);
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

async function findByAddress(api: TencentVpcApi, ipAddress: string): Promise<CustomerGateway | undefined> {
  const r = await api.call("DescribeCustomerGateways", { Filters: [{ Name: "ip-address", Values: [ipAddress] }] });
  return r.CustomerGatewaySet?.[0];
}

function outputs(g: CustomerGateway): CustomerGatewayOutputs {
  return {
    name: g.CustomerGatewayName ?? "",
    ipAddress: g.IpAddress ?? "",
    customerGatewayId: g.CustomerGatewayId ?? "",
    createdTime: g.CreatedTime ?? "",
  };
}
