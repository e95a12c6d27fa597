// Cloud settings only one cloud has: given for the other cloud they would be silently ignored, so they are refused.
// Pure; one row per setting, by its path under `cloud`.
import type { Problem } from "../spec/problems";

type Provider = "tencent" | "alicloud";

const OWNER: Readonly<Record<string, { provider: Provider; other: string }>> = {
  vswitchId: { provider: "alicloud", other: "Tencent places the gateway by cloud.gateway.zone" },
  disasterRecoveryVswitchId: { provider: "alicloud", other: "Tencent's gateways have one tunnel per connection" },
  "gateway.zone": { provider: "tencent", other: "Alibaba places the gateway by cloud.vswitchId" },
  "gateway.chargeType": { provider: "tencent", other: "Alibaba's is cloud.gateway.paymentType" },
  "gateway.paymentType": { provider: "alicloud", other: "Tencent's is cloud.gateway.chargeType" },
};

const LABEL: Record<Provider, string> = { tencent: "Tencent Cloud", alicloud: "Alibaba Cloud" };
const ARTICLE: Record<Provider, string> = { tencent: "a", alicloud: "an" };

/** One error per setting given that the site's cloud does not have; `path` names it ("gateway.zone") as the caller does. */
export function foreignCloudFields(provider: Provider, cloud: { vswitchId?: unknown; disasterRecoveryVswitchId?: unknown; gateway?: object }, path: (field: string) => string): Problem[] {
  const given: Array<[string, unknown]> = [
    ["vswitchId", cloud.vswitchId],
    ["disasterRecoveryVswitchId", cloud.disasterRecoveryVswitchId],
    ...Object.entries(cloud.gateway ?? {}).map(([k, v]): [string, unknown] => [`gateway.${k}`, v]),
  ];
  return given
    .filter(([field, value]) => value !== undefined && OWNER[field] !== undefined && OWNER[field].provider !== provider)
    .map(([field, value]) => {
      const owner = OWNER[field]!.provider;
      return {
        path: path(field),
        value,
        severity: "error" as const,
        message: `is ${ARTICLE[owner]} ${LABEL[owner]} setting, and this site's cloud is ${LABEL[provider]}`,
        hint: `remove it; ${OWNER[field]!.other}`,
      };
    });
}
