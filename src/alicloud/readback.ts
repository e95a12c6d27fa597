// Alibaba's end as it will negotiate, from vpn.Connection settings, in canonical values.
// Pure; no I/O. The inverse of dialect.ts.
import { canonicalOf, type Vocabulary } from "../spec/algorithms";
import type { EndView } from "../spec/ends";
import { isIpv4 } from "../spec/net";
import type { AlicloudConnectionSettings } from "./dialect";

export function alicloudEndView(settings: AlicloudConnectionSettings, customerGatewayIp?: string): EndView {
  const { ikeConfig: ike, ipsecConfig: ipsec } = settings;
  const text = (v: string | undefined, fallback: string) => v ?? fallback;
  return {
    platform: "alicloud",
    ikeVersion: text(ike.ikeVersion, "ikev1") === "ikev2" ? "ikev2" : "ikev1",
    exchangeMode: text(ike.ikeVersion, "ikev1") === "ikev2" ? undefined : text(ike.ikeMode, "main") === "aggressive" ? "aggressive" : "main",
    ike: {
      encryption: one("encryption", text(ike.ikeEncAlg, "aes"), "ike"),
      integrity: one("integrity", text(ike.ikeAuthAlg, "md5"), "ike"),
      dhGroup: one("dhGroup", text(ike.ikePfs, "group2"), "ike"),
      lifetime: ike.ikeLifetime,
    },
    ipsec: {
      encryption: one("encryption", text(ipsec.ipsecEncAlg, "aes"), "ipsec"),
      integrity: one("integrity", text(ipsec.ipsecAuthAlg, "md5"), "ipsec"),
      pfsGroup: one("pfsGroup", text(ipsec.ipsecPfs, "group2"), "ipsec"),
      lifetime: ipsec.ipsecLifetime,
    },
    preSharedKey: ike.psk,
    localId: ike.ikeLocalId === undefined ? undefined : typedId(ike.ikeLocalId),
    remoteId: typedId(ike.ikeRemoteId),
    localSubnets: [...settings.localSubnets],
    remoteSubnets: [...settings.remoteSubnets],
    peerAddress: customerGatewayIp,
    // Alibaba has an on/off switch only; its probe timers are not settings.
    dpd: { enabled: settings.enableDpd },
    natTraversal: settings.enableNatTraversal,
  };
}

function one(vocabulary: Vocabulary, value: string, phase: "ike" | "ipsec"): Array<string | number> {
  return [canonicalOf(vocabulary, value, "alicloud", phase) ?? `alicloud:${value}`];
}

/** Alibaba ids are untyped strings: an address reads as an address identity, anything else as an FQDN. */
const typedId = (id: string): string => (isIpv4(id) ? `address:${id}` : `fqdn:${id}`);
