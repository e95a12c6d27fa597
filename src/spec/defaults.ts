// Secure defaults for every field a spec may omit (IKEv2, AES-256-CBC, SHA-256, DH 14, PFS 14). Data only.
import type { TunnelSpec } from "./types";

export const DEFAULTS = {
  cloud: "tencent",
  mode: "policy",
  ike: {
    version: "ikev2",
    exchangeMode: "main",
    encryption: "aes-256-cbc",
    integrity: "sha256",
    dhGroup: 14,
    lifetime: 86400,
    dpd: { enabled: true, interval: 10, timeout: 30 },
  },
  ipsec: { encryption: "aes-256-cbc", integrity: "sha256", pfsGroup: 14, lifetime: 3600 },
  router: { natBypass: true, fastTrackBypass: "off", natTraversal: true },
  allowWeakCrypto: false,
} as const satisfies {
  cloud: TunnelSpec["cloud"];
  mode: TunnelSpec["mode"];
  ike: Omit<TunnelSpec["ike"], "exchangeMode"> & { exchangeMode: "main" };
  ipsec: TunnelSpec["ipsec"];
  router: TunnelSpec["router"];
  allowWeakCrypto: boolean;
};
