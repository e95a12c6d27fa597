// The two logs a negotiation writes, and the line builders both sides share: addresses, ports, cookies and SPIs
// (deterministic: derived from the inputs, so negotiate() stays pure). Knows wording, never decides outcomes.
import { createHash } from "node:crypto";
import type { CloudEnd, RouterEnd } from "./ends";
import type { LatentMismatch, RouterLogLine, Scenario, Side } from "./types";
import { RACOON_MODE, SWAN_MODE } from "./vocabulary";

export const RETRANSMITS = 5;

export class Transcript {
  readonly router: RouterLogLine[] = [];
  readonly cloud: string[] = [];
  readonly latent: LatentMismatch[] = [];
  readonly assumptions: string[] = [];
  /** UDP port in use now: 4500 once NAT was detected with NAT-T on. */
  port: 500 | 4500 = 500;
  /** The IKEv1 exchange mode being negotiated: the initiator's. */
  readonly mode: "main" | "aggressive" | "base";
  private readonly seed: string;
  private readonly threadBase: number;

  constructor(
    readonly r: RouterEnd,
    readonly c: CloudEnd,
    readonly s: Scenario,
    readonly init: Side,
  ) {
    this.seed = createHash("sha256").update(JSON.stringify({ r, c, s, init })).digest("hex");
    this.threadBase = parseInt(this.seed.slice(0, 2), 16) % 12;
    this.mode = init === "router" ? r.mode : c.mode;
  }

  /** A deterministic hex token of `digits` digits for a label (cookies, SPIs, message IDs). */
  hex(label: string, digits: number): string {
    let out = "";
    for (let i = 0; out.length < digits; i++) out += createHash("sha256").update(`${this.seed}/${label}/${i}`).digest("hex");
    const token = out.slice(0, digits);
    return /^0+$/.test(token) ? `1${token.slice(1)}` : token;
  }

  // ---- who is who ----
  get responder(): Side {
    return this.init === "router" ? "cloud" : "router";
  }
  /** The router's own address, where its peer points, the gateway, and the router as the cloud sees it. */
  get R(): string { return this.r.ownAddress; }
  get A(): string { return this.r.peerAddress; }
  get G(): string { return this.c.gatewayIp; }
  get P(): string { return this.r.publicAddress; }
  get C(): string { return this.c.customerGatewayIp; }
  /** IKEv1 cookies / IKEv2 SPIs of the IKE SA: initiator's and responder's (zeros until the responder answered). */
  get icookie(): string { return this.hex("icookie", 16); }
  get rcookie(): string { return this.hex("rcookie", 16); }
  /** A decimal IKEv1 message ID, as strongSwan prints them. */
  msgId(label: string): string { return String(parseInt(this.hex(`msgid/${label}`, 8), 16)); }

  // ---- RouterOS ----
  ros(topics: string, message: string): void {
    this.router.push({ topics, message });
  }
  info(message: string): void { this.ros("ipsec,info", message); }
  error(message: string): void { this.ros("ipsec,error", message); }
  /** Detail lines appear only when the router logs the `ipsec` debug topic. */
  debug(message: string): void {
    if (this.s.debug) this.ros("ipsec", message);
  }
  /** `R[500]<=>G[500]`: the router's phase-1 endpoints, local first. */
  rosPair(remote = this.A, port: number = this.port): string {
    return `${this.R}[${port}]<=>${remote}[${port}]`;
  }
  rosCookies(answered: boolean): string {
    return `${this.icookie}:${answered ? this.rcookie : "0000000000000000"}`;
  }

  // ---- the cloud gateway ----
  /** A strongSwan charon line: `NN[GRP] message`, thread numbers as a busy daemon hands them out. */
  swan(group: "IKE" | "CFG" | "ENC" | "NET" | "CHD", message: string): void {
    const thread = ((this.threadBase + Math.floor(this.cloud.length / 3)) % 16) + 1;
    this.cloud.push(`${String(thread).padStart(2, "0")}[${group}] ${message}`);
  }
  /** A Tencent gateway summary line (`IKE_NEGO: ...`, `TANS_IKE_NEGO: ...`). */
  tencent(prefix: "IKE_NEGO" | "TANS_IKE_NEGO" | "IKE_SA_ESTABLISH_FAIL", message: string): void {
    this.cloud.push(`${prefix}: ${message}`);
  }
  /** The router's address as the cloud talks to it: the customer gateway when the cloud initiated. */
  get cloudPeer(): string {
    return this.init === "cloud" ? this.C : this.P;
  }

  // ---- lines both ends write at the same moments ----
  /** The initiator's first packet. */
  opening(): void {
    if (this.init === "router") {
      if (this.r.version === 1) this.info(`initiate new phase 1 (${RACOON_MODE[this.mode]}): ${this.rosPair()}`);
    } else if (this.c.version === 1) {
      this.swan("IKE", `initiating ${SWAN_MODE[this.mode]} IKE_SA ${this.c.name}[1] to ${this.C}`);
    } else {
      this.swan("IKE", `initiating IKE_SA ${this.c.name}[1] to ${this.C}`);
    }
  }

  /** The responder accepted the first packet for a configured peer. */
  responding(version: 1 | 2): void {
    if (this.init === "cloud") {
      if (version === 1) this.info(`respond new phase 1 (${RACOON_MODE[this.mode]}): ${this.rosPair(this.G)}`);
    } else {
      this.swan("IKE", version === 1 ? `${this.P} is initiating a ${SWAN_MODE[this.mode]} IKE_SA` : `${this.P} is initiating an IKE_SA`);
    }
  }

  /**
   * RouterOS gave up on phase 1 (IKEv1 wording, also used for IKEv2: inferred). As initiator its policy's acquire
   * also times out waiting for phase 1.
   */
  routerTimeUp(answered: boolean, remote = this.A): void {
    for (let i = 0; i <= RETRANSMITS; i++) this.debug(`sent phase1 packet ${this.rosPair(remote)} ${this.rosCookies(answered)}`);
    this.error(`phase1 negotiation failed due to time up ${this.rosPair(remote)} ${this.rosCookies(answered)}`);
    if (this.init === "router" && this.r.version === 1 && this.r.pairs.length > 0) {
      this.error(`phase2 negotiation failed due to time up waiting for phase1. ESP ${remote}[0]->${this.R}[0]`);
    }
  }

  /** The strongSwan initiator got no answer to its request `seq` and gave up. */
  cloudRetransmits(seq: number, tencentLine = "peer no response"): void {
    for (let k = 1; k <= RETRANSMITS; k++) this.swan("IKE", `sending retransmit ${k} of request message ID 0, seq ${seq}`);
    this.swan("IKE", `giving up after ${RETRANSMITS} retransmits`);
    this.tencent("IKE_NEGO", tencentLine);
  }

  /** IKEv2 teardown on the router (`killing ike2 SA: <peer> A[p]-B[p] spi:i:r`). */
  killing(): void {
    this.info(`killing ike2 SA: ${this.r.peerName} ${this.R}[${this.port}]-${this.G}[${this.port}] spi:${this.icookie}:${this.rcookie}`);
  }

  latentIf(cls: LatentMismatch["class"], failsOnlyWhen: string): void {
    this.latent.push({ class: cls, failsOnlyWhen });
  }
}
