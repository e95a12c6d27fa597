// The negotiation model's public types: both ends as their platforms report them, the lab's scenario knobs, and
// the result (outcome, class, each side's log lines). Types only; never imports anything from src/.
import type { VpnConnection } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";

/** What real IKE would trip over first, one of the lab's mismatch classes. */
export type MismatchClass =
  | "psk"
  | "ike-version"
  | "exchange-mode"
  | "identity"
  | "ike-algorithm"
  | "ipsec-algorithm"
  | "dh-group"
  | "pfs-group"
  | "lifetime"
  | "traffic-selectors"
  | "wrong-peer-address"
  | "customer-gateway-ip"
  | "peer-not-answering"
  | "router-behind-nat"
  | "nat-traversal";

export const MISMATCH_CLASSES: readonly MismatchClass[] = [
  "psk", "ike-version", "exchange-mode", "identity", "ike-algorithm", "ipsec-algorithm", "dh-group", "pfs-group",
  "lifetime", "traffic-selectors", "wrong-peer-address", "customer-gateway-ip", "peer-not-answering",
  "router-behind-nat", "nat-traversal",
];

/** One row as RouterOS's print returns it (`RouterOsEmulator.rows(menu)`): field name → text value. */
export type RosRow = Readonly<Record<string, string>>;

/** The router's end of the tunnel: its actual rows for the peer, and where it sits on the network. */
export interface RouterSide {
  /** /ip/ipsec/peer row (name, address, exchange-mode, passive, local-address ...). */
  peer: RosRow;
  /** /ip/ipsec/profile row the peer names. */
  profile: RosRow;
  /** /ip/ipsec/identity row for the peer; `secret` only when the API user may read sensitive values. */
  identity?: RosRow;
  /** /ip/ipsec/proposal row the tunnel's policies name. */
  proposal: RosRow;
  /** /ip/ipsec/policy rows of the peer (templates, disabled and non-tunnel rows are ignored). */
  policies: readonly RosRow[];
  /** The address the cloud sees the router's packets come from (its NAT's public address when behind NAT). */
  publicAddress: string;
  /** The router's own WAN address when it differs from publicAddress (behind NAT). Default: publicAddress. */
  localAddress?: string;
}

/** The cloud's end: the connection as DescribeVpnConnections returns it, plus the two addresses it refers to. */
export interface CloudSide {
  connection: VpnConnection;
  /** The VPN gateway's PublicIpAddress. */
  gatewayPublicIp: string;
  /** The IpAddress of the connection's customer gateway. */
  customerGatewayIp: string;
}

export type Side = "router" | "cloud";

/** Knobs the lab sets: who starts, what the network does. Everything else comes from the two ends' settings. */
export interface Scenario {
  /** Which side sends the first IKE packet. Default "router" (see docs/lab.md: both try; the router's wins). */
  initiator?: Side;
  /** UDP 500/4500 dropped between the two ends: nothing the initiator sends is answered. */
  blocked?: boolean;
  /**
   * The router sits behind NAT (RouterSide.localAddress is its own, private address). "masquerade" (also CGNAT):
   * only the router can open the tunnel. "one-to-one": a static 1:1 NAT, the cloud can initiate too.
   */
  routerBehindNat?: "masquerade" | "one-to-one";
  /** Model the first phase-2 rekey as well (where an IKEv2 PFS-group mismatch shows up). */
  rekey?: boolean;
  /** The router logs the `ipsec` debug topic too (rejected ..., reply notify ..., sent phase1 packet ...). */
  debug?: boolean;
}

/** One RouterOS /log line: topics as RouterOS prints them (`ipsec,error`, `ipsec,info`, `ipsec` for debug). */
export interface RouterLogLine {
  topics: string;
  message: string;
}

/** A mismatch that did not stop this negotiation but would stop another one. */
export interface LatentMismatch {
  class: MismatchClass;
  failsOnlyWhen: string;
}

export interface ChildSa {
  /** Router's side of the traffic selector (its policy src-address) and the cloud's (dst-address). */
  routerSubnet: string;
  cloudSubnet: string;
  /** SPIs as RouterOS prints them (0x...): router → cloud and cloud → router. */
  outboundSpi: string;
  inboundSpi: string;
  encryption: string;
  integrity: string;
  lifetimeSeconds: number;
}

export interface EstablishedSas {
  ikeVersion: 1 | 2;
  initiator: Side;
  natTraversal: boolean;
  /** IKE SA: router's own address, gateway address, UDP port in use, and the two cookies/SPIs (16 hex digits). */
  ike: { routerAddress: string; cloudAddress: string; port: 500 | 4500; initiatorSpi: string; responderSpi: string };
  children: ChildSa[];
}

export interface NegotiationResult {
  established: boolean;
  /** Why it failed; or, when established, the first latent mismatch (then failsOnlyWhen says when it would fail). */
  mismatch?: MismatchClass;
  failsOnlyWhen?: string;
  /** Every latent mismatch found on the way (the first one is also in mismatch/failsOnlyWhen when established). */
  latent: LatentMismatch[];
  /** Who actually initiated (undefined when neither end may initiate). */
  initiator?: Side;
  /** The router's /log lines, in order. */
  routerLog: RouterLogLine[];
  /** The cloud gateway's log lines: strongSwan charon (`09[IKE] ...`) and Tencent (`IKE_NEGO: ...`) wording. */
  cloudLog: string[];
  sas?: EstablishedSas;
  /** What the model had to assume (unreadable secret, NAT forcing the initiator ...). */
  assumptions: string[];
}
