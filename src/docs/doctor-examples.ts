// What `ros-vpc-ipsec doctor` prints, for docs/troubleshooting.md: fixed evidence per mismatch class (real log lines
// of the reference, as test/diagnose/rank.test.ts reads them) through the real verdict and verdictText.
// Pure; no I/O (scripts/docs.ts writes the file, test/diagnose/docs.test.ts checks it is current).
import { alicloudConnectionSettings } from "../alicloud/dialect";
import { alicloudEndView } from "../alicloud/readback";
import { verdictText, statusTable } from "../cli/report";
import { CLASSES } from "../diagnose/classes";
import type { MismatchClass } from "../diagnose/types";
import { verdict, type CloudEvidence, type RouterEvidence, type Verdict } from "../diagnose/verdict";
import type { TunnelStatus } from "../routeros/device";
import { routerOsEndView } from "../routeros/readback";
import { renderRouterOsRows } from "../routeros/render";
import type { EndView } from "../spec/ends";
import { requireTunnelSpec } from "../spec/parse";
import type { TunnelSpec } from "../spec/types";
import { createVpnConnectionRequest } from "../tencent/dialect";
import { tencentEndView } from "../tencent/readback";

/** A placeholder, never a real key; no view below carries it, and doctor never prints a key anyway. */
export const EXAMPLE_KEY = "example-only-9Lq2vT7xWm4RkP8s";

/** One class's evidence: the router's /log and the cloud gateway's log, as a user of that class would have them. */
export interface DoctorExample {
  readonly cloud: "tencent" | "alicloud";
  /** The spec's fields that differ from the secure defaults (e.g. IKEv1 for an exchange-mode mismatch). */
  readonly spec?: Readonly<Record<string, unknown>>;
  /** /log rows as RouterOS prints them: `time topics message`. */
  readonly routerLog: readonly string[];
  /** The cloud gateway's log, as given with --cloud-log. */
  readonly cloudLog: readonly string[];
  /** The router's settings where they differ from what the spec renders. */
  readonly routerView?: Partial<EndView>;
}

// Documentation ranges only (router 203.0.113.10, cloud gateway 198.51.100.7), as in the reference's lines.
const ROUTER_IP = "203.0.113.10";
const GATEWAY_IP = "198.51.100.7";
const SITE = "192.168.1.0/24";
const VPC = "10.100.1.0/24";
const TAIL = `. ike connection: vpnx-3k2m9q1f, my ip: ${GATEWAY_IP}, peer ip: ${ROUTER_IP}.`;
const IKEV1 = { ike: { version: "ikev1", exchangeMode: "main" } };

/** Every class, by construction (a Record over MismatchClass): a class added to the diagnosis needs an example here. */
export const DOCTOR_EXAMPLES: Readonly<Record<MismatchClass, DoctorExample>> = {
  psk: {
    cloud: "tencent",
    spec: IKEV1,
    routerLog: [
      "jan/02 10:12:01 ipsec,info respond new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]",
      "jan/02 10:12:03 ipsec,error 198.51.100.7 parsing packet failed, possible cause: wrong password",
      "jan/02 10:12:13 ipsec,error 198.51.100.7 parsing packet failed, possible cause: wrong password",
      "jan/02 10:12:43 ipsec,error phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601",
    ],
    cloudLog: [
      "2024-01-02 10:12:05 IKE_NEGO: retransmit IKEv1 Main Mode Initiator 5th message 1 times, message ID 0",
      "2024-01-02 10:12:15 IKE_NEGO: retransmit IKEv1 Main Mode Initiator 5th message 2 times, message ID 0",
      `2024-01-02 10:12:45 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of peer no response${TAIL}`,
    ],
  },
  "ike-version": {
    cloud: "alicloud",
    routerLog: [
      "jan/02 10:12:01 ipsec,error got fatal error: NO_PROPOSAL_CHOSEN",
      "jan/02 10:12:01 ipsec,info killing ike2 SA: to_cloud 203.0.113.10[500]-198.51.100.7[500] spi:4b1c7d2e9f0a3b5c:0000000000000000",
    ],
    cloudLog: ["2024-01-02 10:12:01 unknown ikev2 peer 203.0.113.10"],
  },
  "exchange-mode": {
    cloud: "alicloud",
    spec: IKEV1,
    routerLog: [
      "jan/02 10:12:01 ipsec,error 198.51.100.7 exchange Aggressive not allowed in any applicable rmconf.",
      "jan/02 10:12:01 ipsec,error 198.51.100.7 phase1 negotiation failed.",
    ],
    cloudLog: [
      "Mar 14 10:02:11 vpngw charon: 11[IKE] received AUTHENTICATION_FAILED error notify",
      "Mar 14 10:02:15 vpngw charon: 14[IKE] sending retransmit 1 of request message ID 0, seq 1",
    ],
  },
  identity: {
    cloud: "alicloud",
    routerLog: [
      "jan/02 10:12:01 ipsec,info initiate new phase 1 (IKEv2): 203.0.113.10[500]<=>198.51.100.7[500]",
      "jan/02 10:12:02 ipsec,error got fatal error: AUTHENTICATION_FAILED",
      "jan/02 10:12:02 ipsec,info killing ike2 SA: to_cloud 203.0.113.10[4500]-198.51.100.7[4500] spi:4b1c7d2e9f0a3b5c:9f2e1d0c8b7a6f5e",
    ],
    cloudLog: [
      "Mar 14 10:02:11 vpngw charon: 08[CFG] looking for peer configs matching 198.51.100.7[%any]...203.0.113.10[router.example]",
      "Mar 14 10:02:11 vpngw charon: 08[CFG] no matching peer config found",
      "Mar 14 10:02:11 vpngw charon: 08[ENC] generating IKE_AUTH response 1 [ N(AUTH_FAILED) ]",
    ],
    routerView: { localId: "fqdn:router.example" },
  },
  "customer-gateway-ip": {
    cloud: "alicloud",
    spec: IKEV1,
    routerLog: [
      "jan/02 10:12:01 ipsec,info initiate new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]",
      "jan/02 10:12:31 ipsec,error phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000",
    ],
    cloudLog: ["Mar 14 10:02:11 vpngw charon: 07[IKE] received UNSUPPORTED_CRITICAL_PAYLOAD error notify"],
  },
  "traffic-selectors": {
    cloud: "alicloud",
    spec: IKEV1,
    routerLog: [
      "jan/02 10:12:02 ipsec,info ISAKMP-SA established 203.0.113.10[500]-198.51.100.7[500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601",
      "jan/02 10:12:02 ipsec,info respond new phase 2 negotiation: 203.0.113.10[500]<=>198.51.100.7[500]",
      "jan/02 10:12:02 ipsec,error 198.51.100.7 failed to pre-process ph2 packet (side: 1, status 1).",
    ],
    cloudLog: ["Mar 14 10:02:12 vpngw charon: 16[IKE] received INVALID_ID_INFORMATION error notify"],
  },
  "ike-algorithm": {
    cloud: "tencent",
    spec: IKEV1,
    routerLog: [
      "jan/02 10:12:01 ipsec,info respond new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]",
      "jan/02 10:12:01 ipsec rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = 3DES-CBC:AES-CBC",
      "jan/02 10:12:01 ipsec rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = MD5:SHA",
      "jan/02 10:12:01 ipsec,error no suitable proposal found.",
      "jan/02 10:12:01 ipsec,error 198.51.100.7 failed to get valid proposal.",
      "jan/02 10:12:01 ipsec,error 198.51.100.7 failed to pre-process ph1 packet (side: 1, status 1).",
      "jan/02 10:12:01 ipsec,error 198.51.100.7 phase1 negotiation failed.",
    ],
    cloudLog: ["2024-01-02 10:12:01 IKE_NEGO: received NO_PROPOSAL_CHOSEN error notify"],
  },
  "ipsec-algorithm": {
    cloud: "alicloud",
    spec: IKEV1,
    routerLog: [
      "jan/02 10:12:02 ipsec,info ISAKMP-SA established 203.0.113.10[500]-198.51.100.7[500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601",
      "jan/02 10:12:02 ipsec,error 198.51.100.7 failed to pre-process ph2 packet (side: 1, status 1).",
    ],
    cloudLog: ["2024-01-02 10:12:02 trns_id mismatched: my:AES peer:3DES"],
  },
  "dh-group": {
    cloud: "alicloud",
    spec: IKEV1,
    routerLog: ["jan/02 10:12:01 ipsec rejected dh_group: DB(prop#1:trns#1):Peer(prop#1:trns#1) = 1024-bit MODP group:2048-bit MODP group"],
    cloudLog: ["2024-01-02 10:13:01 received KE type 2,expected 14"],
  },
  "pfs-group": {
    cloud: "alicloud",
    routerLog: [
      "jan/02 10:00:01 ipsec,info IPsec-SA established: 203.0.113.10[4500]->198.51.100.7[4500] spi=0x8051bff6",
      "jan/02 10:00:01 ipsec,info IPsec-SA established: 198.51.100.7[4500]->203.0.113.10[4500] spi=0x2953159",
      "jan/02 10:24:01 ipsec reply notify: NO_PROPOSAL_CHOSEN",
      "jan/02 10:24:01 ipsec,info killing ike2 SA: to_cloud 203.0.113.10[4500]-198.51.100.7[4500] spi:4b1c7d2e9f0a3b5c:9f2e1d0c8b7a6f5e",
    ],
    cloudLog: ["Mar 14 11:02:12 vpngw charon: 13[ENC] <vco-1|3> parsed CREATE_CHILD_SA response 142 [ N(NO_PROP) ]"],
  },
  lifetime: {
    cloud: "alicloud",
    spec: IKEV1,
    routerLog: [
      "jan/02 10:12:02 ipsec,info ISAKMP-SA established 203.0.113.10[500]-198.51.100.7[500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601",
      "jan/02 10:12:02 ipsec,error long lifetime proposed: my:1800 peer:3600",
      "jan/02 10:12:02 ipsec,error 198.51.100.7 failed to pre-process ph2 packet (side: 1, status 1).",
    ],
    cloudLog: ["Mar 14 10:02:12 vpngw charon: 10[IKE] received NO_PROPOSAL_CHOSEN error notify"],
  },
  "router-behind-nat": {
    cloud: "alicloud",
    routerLog: ["jan/02 10:12:02 ipsec,error got fatal error: AUTHENTICATION_FAILED"],
    cloudLog: [
      "Mar 14 10:02:11 vpngw charon: 06[IKE] remote host is behind NAT",
      "2024-01-02 10:12:02 received ID_I(type ipaddr[192.168.88.2]) does not match peers id",
    ],
  },
  "nat-traversal": {
    cloud: "alicloud",
    spec: IKEV1,
    routerLog: ["jan/02 10:12:01 ipsec,error 198.51.100.7 received unexpecting payload type 130."],
    cloudLog: ["2024-01-02 10:12:01 ignore the packet, received unexpecting payload type 130."],
  },
  dpd: {
    cloud: "alicloud",
    spec: IKEV1,
    routerLog: [],
    cloudLog: ["2024-01-02 12:40:03 DPD: remote (ISAKMP-SA spi=5f2a9c3e1b7d4a60:0c1d2e3f4a5b6c7d) seems to be dead."],
  },
  "peer-not-answering": {
    cloud: "alicloud",
    spec: IKEV1,
    routerLog: [
      "jan/02 10:12:01 ipsec,info initiate new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]",
      "jan/02 10:12:01 ipsec sent phase1 packet 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000",
      "jan/02 10:12:31 ipsec,error phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000",
    ],
    cloudLog: [
      "Mar 14 10:02:15 vpngw charon: 14[IKE] sending retransmit 1 of request message ID 0, seq 1",
      "Mar 14 10:02:23 vpngw charon: 14[IKE] sending retransmit 2 of request message ID 0, seq 1",
      "2024-01-02 10:13:11 retransmission count exceeded the limit",
    ],
  },
  "proposal-rejected": {
    cloud: "tencent",
    spec: IKEV1,
    routerLog: ["jan/02 10:12:31 ipsec,error phase1 negotiation failed due to time up 203.0.113.10[500]<=>198.51.100.7[500] 6e3c5a4b2f1d0e9c:0000000000000000"],
    cloudLog: ["2024-01-02 10:12:01 IKE_NEGO: received NO_PROPOSAL_CHOSEN error notify"],
  },
  "phase1-rejected": {
    cloud: "tencent",
    spec: IKEV1,
    routerLog: [
      "jan/02 10:12:01 ipsec,info respond new phase 1 (Identity Protection): 203.0.113.10[500]<=>198.51.100.7[500]",
      "jan/02 10:12:01 ipsec,error 198.51.100.7 failed to pre-process ph1 packet (side: 1, status 1).",
      "jan/02 10:12:01 ipsec,error 198.51.100.7 phase1 negotiation failed.",
    ],
    cloudLog: [`2024-01-02 10:12:02 IKE_SA_ESTABLISH_FAIL:Failed to establish IKE SA for the reason of internal error${TAIL}`],
  },
  "phase2-rejected": {
    cloud: "alicloud",
    spec: IKEV1,
    routerLog: [
      "jan/02 10:12:02 ipsec,info ISAKMP-SA established 203.0.113.10[500]-198.51.100.7[500] spi:6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601",
      "jan/02 10:12:32 ipsec,error phase2 negotiation failed due to time up. 6e3c5a4b2f1d0e9c:84b2a7c1d3e5f601:0000a1b2",
    ],
    cloudLog: ["Mar 14 10:02:12 vpngw charon: 10[ENC] parsed INFORMATIONAL_V1 request 3172863961 [ HASH N(NO_PROP) ]"],
  },
  "authentication-failed": {
    cloud: "alicloud",
    routerLog: ["jan/02 10:12:02 ipsec,error got fatal error: AUTHENTICATION_FAILED"],
    cloudLog: ["Mar 14 10:02:11 vpngw charon: 11[IKE] <vco-1|3> received AUTHENTICATION_FAILED notify error"],
  },
};

const spec = (cloud: "tencent" | "alicloud", overrides: Readonly<Record<string, unknown>> = {}): TunnelSpec =>
  requireTunnelSpec({ name: "to_cloud", cloud, cloudCidrs: [VPC], siteCidrs: [SITE], routerPublicIp: ROUTER_IP, cloudGatewayIp: GATEWAY_IP, preSharedKey: EXAMPLE_KEY, ...overrides });

/** The router's settings as doctor reads them: what the spec renders, without the key (no sensitive policy). */
function routerView(s: TunnelSpec, patch: Partial<EndView> = {}): EndView {
  const rows = renderRouterOsRows(s);
  const { preSharedKey: _hidden, ...view } = routerOsEndView({ profile: rows.profile[0], proposal: rows.proposal[0], peer: rows.peer[0], identity: rows.identity[0], policies: rows.policy });
  return { ...view, ...patch };
}

/** The Tencent connection's settings as DescribeVpnConnections shows them, without the key. */
function tencentView(s: TunnelSpec): EndView {
  const request = createVpnConnectionRequest(s, { vpcId: "vpc-2q8zpm4d", vpnGatewayId: "vpngw-8ccsnclt", customerGatewayId: "cgw-q1rgaawt" }, GATEWAY_IP);
  const { preSharedKey: _hidden, ...view } = tencentEndView({ ...request, SecurityPolicyDatabaseSet: request.SecurityPolicyDatabases }, s.routerPublicIp);
  return view;
}

/** What the spec renders for each end, as doctor compares them ("differences from the spec"). */
const expected = (s: TunnelSpec) => ({ router: routerView(s), cloud: tencentView(s) });

const UP: TunnelStatus = { peerState: "established", side: "initiator", uptime: "2h14m5s", installedSas: 2, rxBytes: 48210, txBytes: 51876, policies: [{ src: SITE, dst: VPC, ph2State: "established", active: true, invalid: false }] };
const DOWN: TunnelStatus = { peerState: "down", installedSas: 0, policies: [{ src: SITE, dst: VPC, ph2State: "no-phase2", active: false, invalid: false }] };

function router(view: EndView, status: TunnelStatus, log: readonly string[]): RouterEvidence {
  return {
    endpoint: "192.168.88.1:8729",
    version: "7.16",
    view,
    status,
    missing: [],
    natBypass: "above-masquerade",
    fastTrack: { rule: false, bypassed: false },
    log: log.map(row),
  };
}

/** A /log row from its printed form: `jan/02 10:12:03 ipsec,error message` → time, topics, message. */
function row(printed: string): { time: string; topics: string; message: string } {
  const m = /^(\S+ \S+) (\S+) (.*)$/.exec(printed);
  if (!m) throw new Error(`not a /log row: ${printed}`);
  return { time: m[1]!, topics: m[2]!, message: m[3]! };
}

const doctorCommand = (options: string): string => `$ ros-vpc-ipsec doctor --stack office${options}`;

/**
 * doctor's full output for a class's evidence, as `doctor --no-cloud --cloud-log` prints it: the cloud's settings not
 * read, so the logs alone speak.
 */
export function exampleOutput(id: MismatchClass): string {
  const { result, router, cloud } = exampleVerdict(id);
  return verdictText(result, router, cloud);
}

/** The verdict on a class's evidence, and the evidence as doctor would have read it. */
export function exampleVerdict(id: MismatchClass): { result: Verdict; router: RouterEvidence; cloud: CloudEvidence } {
  const example = DOCTOR_EXAMPLES[id];
  const s = spec(example.cloud, example.spec);
  const r = router(routerView(s, example.routerView), DOWN, example.routerLog);
  const c: CloudEvidence = { platform: example.cloud, read: false, log: [...example.cloudLog] };
  return { result: verdict(s, r, c, { router: routerView(s) }), router: r, cloud: c };
}

/** The verdict's first line and its first cause, up to the fix: what a class's section shows. */
export function firstCause(output: string): string {
  const lines = output.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Cause: "));
  const end = lines.findIndex((l, i) => i > start && l.startsWith("  Fix: "));
  if (start < 0 || end < 0) throw new Error(`doctor's output names no cause:\n${output}`);
  return [lines[0]!, "", ...lines.slice(start, end + 1)].join("\n");
}

function classBlock(id: MismatchClass): string {
  const example = DOCTOR_EXAMPLES[id];
  const gateway = example.cloud === "tencent" ? "Tencent's" : "Alibaba's";
  const options = " --no-cloud --cloud-log gateway.log";
  return [
    `**doctor says**, given the router's \`/log\` and ${gateway} gateway log of a typical case (the cloud's settings not read; trimmed to the verdict and its first cause):`,
    "",
    "```",
    doctorCommand(options),
    firstCause(exampleOutput(id)).trimEnd(),
    "```",
  ].join("\n");
}

/** A healthy Tencent tunnel: status, then doctor reading both ends' settings. */
function healthyBlock(): string {
  const s = spec("tencent");
  const r = router(routerView(s), UP, []);
  const cloud = { state: "AVAILABLE", netStatus: "AVAILABLE" };
  const c: CloudEvidence = { platform: "tencent", read: true, connectionId: "vpnx-3k2m9q1f", ...cloud, view: tencentView(s), gatewayIp: GATEWAY_IP, customerGatewayIp: ROUTER_IP, log: [] };
  return [
    "```",
    "$ ros-vpc-ipsec status --stack office",
    statusTable(s.name, UP, cloud).trimEnd(),
    "",
    doctorCommand(""),
    verdictText(verdict(s, r, c, expected(s)), r, c).trimEnd(),
    "```",
  ].join("\n");
}

/** The Tencent gateway's lines when the router offers DH group 2 and it expects 14 (IKEv2), as the lab's negotiation model writes them. */
const DH_GROUP_LOG = [
  "06[IKE] 203.0.113.10 is initiating an IKE_SA",
  "06[CFG] received proposals: IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1024",
  "06[CFG] configured proposals: IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048",
  "07[IKE] received KE type 2,expected 14",
  "07[CFG] no acceptable DIFFIE_HELLMAN_GROUP found",
  "07[ENC] generating IKE_SA_INIT response 0 [ N(NO_PROP) ]",
  "IKE_NEGO: no matching proposal, configured [IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048], received [IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1024]",
];

/** The same tunnel after the router's profile was changed to DH group 2 by hand: logs and settings together. */
function settingsBlock(): string {
  const s = spec("tencent");
  const view = routerView(s);
  const r = router({ ...view, ike: { ...view.ike, dhGroup: [2] } }, DOWN, ["jan/02 10:12:01 ipsec,error got fatal error: NO_PROPOSAL_CHOSEN"]);
  const c: CloudEvidence = {
    platform: "tencent",
    read: true,
    connectionId: "vpnx-3k2m9q1f",
    state: "AVAILABLE",
    netStatus: "UNAVAILABLE",
    view: tencentView(s),
    gatewayIp: GATEWAY_IP,
    customerGatewayIp: ROUTER_IP,
    log: DH_GROUP_LOG,
  };
  return ["```", doctorCommand(" --cloud-log gateway.log"), verdictText(verdict(s, r, c, expected(s)), r, c).trimEnd(), "```"].join("\n");
}

/** The Alibaba connection's settings as DescribeVpnConnections shows them (its ikeLocalId the gateway), without the key. */
function alicloudView(s: TunnelSpec, ikeEncAlg?: string): EndView {
  const settings = alicloudConnectionSettings(s);
  const ikeConfig = { ...settings.ikeConfig, ikeLocalId: GATEWAY_IP, ...(ikeEncAlg ? { ikeEncAlg } : {}) };
  const { preSharedKey: _hidden, ...view } = alicloudEndView({ ...settings, ikeConfig }, s.routerPublicIp);
  return view;
}

/** An Alibaba tunnel whose IKE encryption was changed in the console (aes, i.e. AES-128): status, then doctor with no log. */
function alicloudBlock(): string {
  const s = spec("alicloud");
  const r = router(routerView(s), DOWN, []);
  const cloud = { found: true, state: "active", netStatus: "ike_sa_not_established" };
  const c: CloudEvidence = { platform: "alicloud", read: true, connectionId: "vco-bp1q8bgx4xnkm2ogj", state: cloud.state, netStatus: cloud.netStatus, view: alicloudView(s, "aes"), gatewayIp: GATEWAY_IP, customerGatewayIp: ROUTER_IP, log: [] };
  return [
    "```",
    "$ ros-vpc-ipsec status --stack office",
    statusTable(s.name, DOWN, cloud).trimEnd(),
    "",
    doctorCommand(""),
    verdictText(verdict(s, r, c, { router: routerView(s), cloud: alicloudView(s) }), r, c).trimEnd(),
    "```",
  ].join("\n");
}

/** Every generated block by name: one per class, and the doctor section's full examples. */
export function doctorBlocks(): ReadonlyMap<string, string> {
  return new Map<string, string>([
    ...CLASSES.map((c): [string, string] => [c.id, classBlock(c.id)]),
    ["healthy", healthyBlock()],
    ["settings", settingsBlock()],
    ["alicloud", alicloudBlock()],
  ]);
}

export const doctorBegin = (name: string): string => `<!-- generated: doctor ${name} (npm run docs) -->`;
export const DOCTOR_END = "<!-- end generated -->";

/** The document with every doctor block replaced by the current output; a block without its markers is an error. */
export function withDoctorExamples(document: string): string {
  let out = document;
  for (const [name, block] of doctorBlocks()) {
    const begin = doctorBegin(name);
    const start = out.indexOf(begin);
    const end = start < 0 ? -1 : out.indexOf(DOCTOR_END, start);
    if (start < 0 || end < 0) throw new Error(`docs/troubleshooting.md lost the markers of the doctor block "${name}"`);
    out = `${out.slice(0, start + begin.length)}\n\n${block}\n\n${out.slice(end)}`;
  }
  return out;
}
