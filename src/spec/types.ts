// The one set of typed inputs from which both ends of a tunnel are derived.
// Types only: parsing lives in parse.ts, checks in validate.ts, renderings in routeros/, tencent/, alicloud/.

/** The cloud that terminates the tunnel's other end. */
export type CloudKind = "tencent" | "alicloud";

/** Policy-based (SPD, as in the source article) or route-based ("目的路由") tunnel. */
export type TunnelMode = "policy" | "route";

export type IkeVersion = "ikev1" | "ikev2";
export type ExchangeMode = "main" | "aggressive";

/** An IKE identity: the address form or an FQDN label (nothing ever resolves it). */
export interface Identity {
  type: "address" | "fqdn";
  value: string;
}

export interface DeadPeerDetection {
  enabled: boolean;
  /** Seconds between probes (RouterOS dpd-interval). */
  interval: number;
  /** Seconds without an answer before the peer is declared dead (Tencent DpdTimeout). */
  timeout: number;
}

export interface IkeSettings {
  version: IkeVersion;
  /** IKEv1 only; undefined under IKEv2. */
  exchangeMode?: ExchangeMode;
  encryption: string;
  integrity: string;
  /** IANA Diffie-Hellman group number (1, 2, 5, 14, ...). */
  dhGroup: number;
  /** Seconds. */
  lifetime: number;
  dpd: DeadPeerDetection;
}

export interface IpsecSettings {
  encryption: string;
  integrity: string;
  /** IANA group number, or "none" for no perfect forward secrecy. */
  pfsGroup: number | "none";
  /** Seconds. */
  lifetime: number;
}

export interface RouterOptions {
  /** srcnat accept rules for cloud-bound traffic above masquerade (on by default). */
  natBypass: boolean;
  /** Keep tunnel traffic out of FastTrack: forward accept rules (filter) or notrack (raw). */
  fastTrackBypass: "off" | "filter" | "raw";
  natTraversal: boolean;
}

/** A complete, normalised tunnel spec: every default filled in. */
export interface TunnelSpec {
  /** Names the tunnel's objects on both ends (e.g. to_tencent). */
  name: string;
  cloud: CloudKind;
  mode: TunnelMode;
  /** The VPC side's networks (cloud "local" subnets). */
  cloudCidrs: string[];
  /** The router's LAN networks (cloud "remote" subnets). */
  siteCidrs: string[];
  /** The router's public address as the cloud sees it (the customer gateway IP). */
  routerPublicIp: string;
  /** The cloud VPN gateway's public address, once known (SiteToSiteVpn fills it in). */
  cloudGatewayIp?: string;
  preSharedKey: string;
  ike: IkeSettings;
  ipsec: IpsecSettings;
  identities: {
    /** What the router presents (RouterOS my-id; the cloud's RemoteIdentity). */
    router: Identity;
    /** What the cloud gateway presents (the cloud's LocalIdentity; RouterOS remote-id). */
    cloud?: Identity;
  };
  router: RouterOptions;
  allowWeakCrypto: boolean;
}
