// Gateway settings only one cloud has: given for the other cloud they would be silently ignored, so they are refused.
// Pure; one row per setting.
import type { Problem } from "../spec/problems";

type Provider = "tencent" | "alicloud";

const OWNER: Readonly<Record<string, { provider: Provider; other: string }>> = {
  zone: { provider: "tencent", other: "Alibaba places the gateway by cloud.vswitchId" },
  chargeType: { provider: "tencent", other: "Alibaba's is cloud.gateway.paymentType" },
  paymentType: { provider: "alicloud", other: "Tencent's is cloud.gateway.chargeType" },
};

const LABEL: Record<Provider, string> = { tencent: "Tencent Cloud", alicloud: "Alibaba Cloud" };
const ARTICLE: Record<Provider, string> = { tencent: "a", alicloud: "an" };

/** One error per gateway setting given that the site's cloud does not have; `path` names it as the caller does. */
export function foreignGatewayFields(provider: Provider, gateway: object | undefined, path: (field: string) => string): Problem[] {
  if (!gateway) return [];
  return Object.entries(gateway)
    .filter(([field, value]) => value !== undefined && OWNER[field] !== undefined && OWNER[field].provider !== provider)
    .map(([field, value]) => ({
      path: path(field),
      value,
      severity: "error" as const,
      message: `is ${ARTICLE[OWNER[field]!.provider]} ${LABEL[OWNER[field]!.provider]} setting, and this site's cloud is ${LABEL[provider]}`,
      hint: `remove it (${OWNER[field]!.other})`,
    }));
}
