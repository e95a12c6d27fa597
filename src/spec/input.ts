// The spec as a user writes it (YAML, JSON or TypeScript): a zod schema whose shape is the contract.
// Leaves are lenient (strings, numbers) so validate.ts can report every bad value at once; no I/O.
import { z } from "zod";

const cidrList = z.union([z.string(), z.array(z.string())]);
const duration = z.union([z.number(), z.string()]);
const group = z.union([z.number(), z.string()]);
const identity = z.union([
  z.string(),
  z.strictObject({ type: z.enum(["address", "fqdn"]), value: z.string() }),
]);

export const tunnelSpecInputSchema = z.strictObject({
  name: z.string(),
  cloud: z.enum(["tencent", "alicloud"]).optional(),
  mode: z.enum(["policy", "route"]).optional(),
  cloudCidrs: cidrList,
  siteCidrs: cidrList,
  routerPublicIp: z.string(),
  cloudGatewayIp: z.string().optional(),
  preSharedKey: z.string(),
  ike: z
    .strictObject({
      version: z.enum(["ikev1", "ikev2"]).optional(),
      exchangeMode: z.enum(["main", "aggressive"]).optional(),
      encryption: z.string().optional(),
      integrity: z.string().optional(),
      dhGroup: group.optional(),
      lifetime: duration.optional(),
      dpd: z
        .union([
          z.boolean(),
          z.strictObject({
            enabled: z.boolean().optional(),
            interval: duration.optional(),
            timeout: duration.optional(),
          }),
        ])
        .optional(),
    })
    .optional(),
  ipsec: z
    .strictObject({
      encryption: z.string().optional(),
      integrity: z.string().optional(),
      pfsGroup: group.optional(),
      lifetime: duration.optional(),
    })
    .optional(),
  identities: z.strictObject({ router: identity.optional(), cloud: identity.optional() }).optional(),
  router: z
    .strictObject({
      natBypass: z.boolean().optional(),
      fastTrackBypass: z.union([z.boolean(), z.enum(["off", "filter", "raw"])]).optional(),
      natTraversal: z.boolean().optional(),
    })
    .optional(),
  allowWeakCrypto: z.boolean().optional(),
});

/** What a user writes: every field but the tunnel's identity and endpoints is optional. */
export type TunnelSpecInput = z.input<typeof tunnelSpecInputSchema>;
