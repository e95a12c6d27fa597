// doctor's verdict: the logs of both ends (catalog findings), both ends' actual settings compared with each other
// and with the spec, the router's own checks (rows, NAT bypass order, FastTrack) and whether the cloud holds the
// tunnel's connection → one ranked answer.
// Pure; no I/O: src/routeros/evidence.ts, src/tencent/evidence.ts and src/alicloud/evidence.ts gather what it reads.
import type { TunnelStatus } from "../routeros/device";
import type { EndMismatch, EndView } from "../spec/ends";
import { sameEndDifferences, compareEnds } from "../spec/ends";
import type { TunnelSpec } from "../spec/types";
import { classInfo, CLASSES } from "./classes";
import { where } from "./fields";
import { diagnose } from "./match";
import type { Finding, MismatchClass, SpecField } from "./types";

export interface RouterEvidence {
  /** "host:port" of the API. */
  endpoint: string;
  version: string;
  /** The tunnel's peer/profile/identity/proposal/policies as the router has them; undefined when there is no peer. */
  view?: EndView;
  status: TunnelStatus;
  /** Rows the spec wants that the router lacks, in words ("peer to_tencent"). */
  missing: string[];
  natBypass: "above-masquerade" | "below-masquerade" | "missing" | "not-wanted";
  /** A fasttrack rule exists in forward, and whether the tunnel's traffic is kept out of it. */
  fastTrack: { rule: boolean; bypassed: boolean };
  log: Array<{ time?: string; topics: string; message: string }>;
}

export interface CloudEvidence {
  platform: "tencent" | "alicloud";
  /** Whether the cloud's API was read: false when only the log the user gave is known (--no-cloud). */
  read: boolean;
  /** The one VPN gateway whose connections were read (the stack's existingGatewayId); unset: the whole region. */
  gatewayIdRead?: string;
  /** The tunnel's connection; unset when the API was read and holds none for this tunnel. */
  connectionId?: string;
  /** The connection object's own state: Tencent State (PENDING, AVAILABLE), Alibaba State (active, updating). */
  state?: string;
  /** The tunnel as the cloud sees it: Tencent NetStatus (AVAILABLE = up), Alibaba Status (ipsec_sa_established = up). */
  netStatus?: string;
  view?: EndView;
  gatewayIp?: string;
  customerGatewayIp?: string;
  /** The cloud gateway's log lines, as the user gave them. */
  log: string[];
}

export interface Cause {
  class: MismatchClass | "router-rows" | "nat-bypass" | "cloud-connection";
  title: string;
  fields: string[];
  cause: string;
  fix: string;
  /** Where it shows: log lines, settings the two ends disagree on, the router's own checks. */
  evidence: string[];
  notes: string[];
  /**
   * "confirmed": logs and settings agree; "settings": the ends differ though no log says it; "logs": only logs;
   * "router": the router's own checks; "cloud": what the cloud's API holds; "unlikely": a log suspicion the settings
   * rule out.
   */
  basis: "confirmed" | "settings" | "logs" | "router" | "cloud" | "unlikely";
}

export interface Verdict {
  tunnel: string;
  healthy: boolean;
  summary: string;
  causes: Cause[];
  /** Router versus cloud, field by field. */
  settings: EndMismatch[];
  /** Each end versus the spec. */
  specDifferences: Array<{ end: "router" | "cloud"; path: string; expected: unknown; actual: unknown }>;
  warnings: string[];
}

export interface Expected {
  router?: EndView;
  cloud?: EndView;
}

export function verdict(spec: TunnelSpec, router: RouterEvidence | undefined, cloud: CloudEvidence | undefined, expected: Expected = {}): Verdict {
  const gatewayIp = cloud?.gatewayIp ?? spec.cloudGatewayIp;
  const settings = router?.view && cloud?.view ? compareEnds(router.view, cloud.view, { routerPublicIp: spec.routerPublicIp, gatewayIp }) : [];
  const specDifferences = [
    ...(router?.view && expected.router ? sameEndDifferences(expected.router, router.view).map((d) => ({ end: "router" as const, ...d })) : []),
    ...(cloud?.view && expected.cloud ? sameEndDifferences(expected.cloud, cloud.view).map((d) => ({ end: "cloud" as const, ...d })) : []),
  ];
  const routerLog = router ? sinceLastEstablished(router.log, (l) => l.message) : [];
  const cloudLog = cloud ? sinceLastEstablished(cloud.log, (l) => l) : [];
  const findings = diagnose([
    ...(routerLog.length > 0 ? [{ log: routerLog, dialect: "routeros" as const }] : []),
    // Alibaba's gateway lines carry no marker of their own (racoon-style keywords, strongSwan's catalog rows); a
    // Tencent gateway log marks each line (strongSwan threads, IKE_NEGO:), so its dialect is told line by line.
    ...(cloudLog.length > 0 ? [{ log: cloudLog, ...(cloud?.platform === "alicloud" ? { dialect: "strongswan" as const } : {}) }] : []),
  ]);
  const compared = router?.view && cloud?.view ? comparedFields(router.view, cloud.view) : new Set<string>();
  const { causes: joined, used } = merge(findings, settings, compared);
  const merged = joined
    .map((c) => behindNat(c, router))
    .map((c) => withSpecDrift(c, specDifferences, compared));
  const causes = [...merged, ...routerCauses(spec, router), ...cloudCauses(spec, cloud)].sort(
    (a, b) => RANK[a.basis] - RANK[b.basis],
  );
  const warnings = [
    // A warning that confirms a log finding is part of that cause; the rest stand on their own.
    ...settings.filter((m) => m.severity === "warning" && !used.has(m)).map(warning),
    ...(router?.fastTrack.rule && !router.fastTrack.bypassed
      ? ["a FastTrack rule is active and the tunnel's traffic is not kept out of it: established flows may skip IPsec (set router.fastTrackBypass)"]
      : []),
  ];
  const established = router?.status.peerState === "established" && router.status.installedSas > 0;
  const phase2Up = router?.status.policies.every((p) => p.ph2State === "established") ?? false;
  const healthy = established && phase2Up && cloudReportsUp(cloud) !== false && causes.length === 0;
  // When every log suspicion is ruled out by the settings, nothing explains the failure: say so first.
  const explained = causes.some((c) => c.basis !== "unlikely");
  const ranked = healthy || explained ? causes : [silent(router, cloud), ...causes];
  return {
    tunnel: spec.name,
    healthy,
    summary: summarize(healthy, router, cloud, ranked),
    causes: ranked,
    settings,
    specDifferences,
    warnings,
  };
}

/** The status each cloud reports for a tunnel that is up: Alibaba's ike_sa_established is phase 1 alone. */
const UP_STATUS: Record<CloudEvidence["platform"], string> = { tencent: "AVAILABLE", alicloud: "ipsec_sa_established" };

/**
 * Whether the cloud reports the tunnel up: undefined when it was not read, or shows no status; false when it was
 * read and holds no connection for the tunnel.
 */
export function cloudReportsUp(cloud: CloudEvidence | undefined): boolean | undefined {
  if (!cloud?.read) return undefined;
  if (cloud.connectionId === undefined) return false;
  return cloud.netStatus === undefined ? undefined : cloud.netStatus === UP_STATUS[cloud.platform];
}

/** A line that records a successful negotiation, in any of the three dialects. */
const ESTABLISHED = /ISAKMP-SA established|IPsec-SA established|IKE_SA \S+\[\d+\] established|CHILD_SA \S+\{\d+\} established|ph2 .*established|SA_ESTABLISH_SUCC/;

/**
 * The last successful negotiation and what followed it: what went wrong since the tunnel last came up. The success
 * line stays, so the ranking knows phase 2 had been up (a proposal refused after it points at the rekey).
 */
export function sinceLastEstablished<T>(lines: readonly T[], text: (line: T) => string): T[] {
  let last = -1;
  lines.forEach((line, i) => {
    if (ESTABLISHED.test(text(line))) last = i;
  });
  return lines.slice(Math.max(last, 0));
}

const CLASS_OF_FIELD: Record<string, MismatchClass> = Object.fromEntries(
  CLASSES.filter((c) => !c.generic && c.id !== "router-behind-nat").flatMap((c) => c.fields.map((f) => [f, c.id])),
);

/** The fields both ends' settings show (so agreement on them rules a log's suspicion out). */
function comparedFields(router: EndView, cloud: EndView): Set<string> {
  const fields = ["ike.version", "ike.encryption", "ike.integrity", "ike.dhGroup", "ipsec.encryption", "ipsec.integrity", "ipsec.pfsGroup", "siteCidrs", "cloudCidrs"];
  // Under IKEv1 the modes are compared; under IKEv2 on both ends there is no exchange mode to disagree on.
  if (router.ikeVersion === cloud.ikeVersion) fields.push("ike.exchangeMode");
  if (router.preSharedKey !== undefined && cloud.preSharedKey !== undefined) fields.push("preSharedKey");
  // An automatic my-id is whatever address the router has: behind NAT not the one the settings suggest.
  if (router.localId !== undefined && router.localId !== "auto" && cloud.remoteId !== undefined) fields.push("identities.router");
  if (router.remoteId !== undefined && cloud.localId !== undefined) fields.push("identities.cloud");
  // NAT-T where both ends show it: Alibaba does, Tencent does not; the router only under IKEv1 (IKEv2 ignores it).
  if (router.natTraversal !== undefined && cloud.natTraversal !== undefined) fields.push("router.natTraversal");
  return new Set(fields);
}

/**
 * Log findings and settings mismatches joined by spec field: both = confirmed. A log finding whose fields the two
 * ends' settings show to agree is ruled out ("unlikely"): an ambiguous line then yields to the next explanation.
 * A warning (lifetimes, NAT-T, DPD) confirms only a line that names its class, and is no cause by itself.
 */
function merge(findings: readonly Finding[], mismatches: EndMismatch[], compared: ReadonlySet<string>): { causes: Cause[]; used: Set<EndMismatch> } {
  const causes: Cause[] = [];
  const used = new Set<EndMismatch>();
  for (const finding of findings) {
    const matching = mismatches.filter((m) => finding.fields.includes(m.path as SpecField) && (m.severity === "error" || !finding.generic));
    matching.forEach((m) => used.add(m));
    causes.push({
      class: finding.class,
      title: finding.title,
      fields: [...finding.fields],
      cause: finding.cause,
      fix: finding.fix,
      evidence: [...finding.captured.map((c) => c.summary), ...matching.map(describe), ...finding.evidence.map((e) => `${e.dialect}: ${e.line.trim()}`)],
      notes: [...finding.notes, ...(ruledOut(finding, matching, compared) ? [`both ends' settings agree on ${finding.fields.join(", ")}, so this is unlikely`] : [])],
      basis: matching.length > 0 ? "confirmed" : ruledOut(finding, matching, compared) ? "unlikely" : "logs",
    });
  }
  for (const mismatch of mismatches.filter((m) => m.severity === "error" && !used.has(m))) {
    const id = CLASS_OF_FIELD[mismatch.path];
    const info = id ? classInfo(id) : undefined;
    causes.push({
      class: id ?? "peer-not-answering",
      title: info?.title ?? `${mismatch.path} differs`,
      fields: [mismatch.path],
      cause: info?.cause ?? `The two ends are configured with different ${mismatch.path}.`,
      fix: info ? info.fix : `Make ${mismatch.path} the same on both ends.`,
      evidence: [describe(mismatch)],
      notes: info?.notes ? [...info.notes] : [],
      basis: "settings",
    });
  }
  return { causes, used };
}

/**
 * A log finding on a field the two ends cannot be compared on (NAT-T and DPD against Tencent, say) gains the end's
 * difference from the spec as evidence: the spec is then the only reference that end's setting can be checked against.
 */
function withSpecDrift(cause: Cause, drift: Verdict["specDifferences"], compared: ReadonlySet<string>): Cause {
  if (cause.basis !== "logs") return cause;
  const own = (path: string) => cause.fields.some((f) => !compared.has(f) && (path === f || path.startsWith(`${f}.`)));
  const lines = drift.filter((d) => own(d.path)).map((d) => `spec: ${d.end}: ${d.path}: spec ${show(d.expected)}, actual ${show(d.actual)}`);
  return lines.length === 0 ? cause : { ...cause, evidence: [...lines, ...cause.evidence] };
}

/** Confirmed causes first, then what the settings show, then either end's own state, then what only logs show. */
const RANK: Record<Cause["basis"], number> = { confirmed: 0, settings: 1, router: 2, cloud: 2, logs: 3, unlikely: 4 };

const ruledOut = (finding: Finding, matching: EndMismatch[], compared: ReadonlySet<string>): boolean =>
  matching.length === 0 && finding.fields.length > 0 && finding.fields.every((f) => compared.has(f));

/**
 * An identity mismatch while the router presents an automatic id: behind NAT "auto" is the router's private address,
 * not the public one the cloud expects. (With an explicit my-id, as the spec renders it, this cannot happen.)
 */
function behindNat(cause: Cause, router: RouterEvidence | undefined): Cause {
  if (cause.class !== "identity" || (router?.view?.localId ?? "auto") !== "auto") return cause;
  const info = classInfo("router-behind-nat");
  return {
    ...cause,
    basis: cause.basis === "unlikely" ? "logs" : cause.basis,
    notes: cause.notes.filter((n) => !n.startsWith("both ends' settings agree")),
    class: info.id,
    title: info.title,
    fields: [...info.fields],
    cause: `${info.cause} The router's my-id is auto, which is its own (private) address behind NAT.`,
    fix: `${info.fix} With ros-vpc-ipsec: \`pulumi up --refresh\` sets my-id back to the spec's explicit identity.`,
    evidence: ["router: /ip ipsec identity my-id=auto", ...cause.evidence],
  };
}

function routerCauses(spec: TunnelSpec, router: RouterEvidence | undefined): Cause[] {
  if (!router) return [];
  const causes: Cause[] = [];
  if (router.missing.length > 0) {
    causes.push({
      class: "router-rows",
      title: "the router lacks part of the tunnel",
      fields: [],
      cause: `The router is missing: ${router.missing.join(", ")}.`,
      fix: "Run `pulumi up --refresh` for the site stack: it re-creates the missing rows.",
      evidence: router.missing.map((m) => `router: no ${m}`),
      notes: [],
      basis: "router",
    });
  }
  if (spec.router.natBypass && (router.natBypass === "missing" || router.natBypass === "below-masquerade")) {
    causes.push({
      class: "nat-bypass",
      title: "NAT bypass not in effect",
      fields: ["router.natBypass"],
      cause:
        router.natBypass === "missing"
          ? "No srcnat accept rule keeps tunnel traffic from being masqueraded: packets leave with the router's public address and match no IPsec policy."
          : "The srcnat accept rule for the tunnel sits below a rule that rewrites the source (masquerade, src-nat, …), so tunnel traffic is NATed first.",
      fix: `Move the accept rule above masquerade (${where("router.natBypass")}); \`pulumi up --refresh\` does it.`,
      evidence: [`router: NAT bypass ${router.natBypass}`],
      notes: [],
      basis: "router",
    });
  }
  return causes;
}

/** The cloud's API was read and holds no connection for the tunnel: nothing there can be up. */
function cloudCauses(spec: TunnelSpec, cloud: CloudEvidence | undefined): Cause[] {
  if (!cloud?.read || cloud.connectionId !== undefined) return [];
  const tencent = cloud.platform === "tencent";
  const region = tencent ? "tencentcloud:region" : "alicloud:region";
  const where = cloud.gatewayIdRead ? `cloud.existingGatewayId (only ${cloud.gatewayIdRead}'s connections were read)` : `${region} (the region it is in)`;
  return [
    {
      class: "cloud-connection",
      title: "the cloud has no connection for this tunnel",
      fields: ["name", "routerPublicIp"],
      cause: `${tencent ? "Tencent Cloud" : "Alibaba Cloud"} holds no VPN connection named ${spec.name}${tencent ? "" : `, nor one alone whose customer gateway is ${spec.routerPublicIp}`}, ${cloud.gatewayIdRead ? `on the VPN gateway ${cloud.gatewayIdRead}` : "in the region read"}.`,
      fix: `Run \`pulumi up\` for the site stack: it creates the connection. If the connection exists, check the stack's ${where} and that its name is the spec's \`name\`.`,
      evidence: [`cloud: no connection named ${spec.name}`],
      notes: [],
      basis: "cloud",
    },
  ];
}

function silent(router: RouterEvidence | undefined, cloud: CloudEvidence | undefined): Cause {
  const info = classInfo("peer-not-answering");
  return {
    class: "peer-not-answering",
    title: "down, and neither the logs nor the settings say why",
    fields: [...info.fields],
    cause: `${info.cause} The two ends' settings agree${cloud?.log.length ? "" : " (no cloud log was given: pass --cloud-log for more)"}.`,
    fix: info.fix,
    evidence: [`router peer: ${router?.status.peerState ?? "not read"}`, `cloud: ${cloud?.netStatus ?? (cloud?.read ? "no status" : "not read")}`],
    notes: [...(info.notes ?? [])],
    basis: "settings",
  };
}

function summarize(healthy: boolean, router: RouterEvidence | undefined, cloud: CloudEvidence | undefined, causes: Cause[]): string {
  if (healthy) return `UP: the peer is established with ${router?.status.installedSas ?? 0} SAs${cloud?.netStatus ? ` and the cloud reports ${cloud.netStatus}` : ""}`;
  const first = causes[0];
  return first ? `DOWN: ${first.title}${first.fields.length ? ` (${first.fields.join(", ")})` : ""}` : "DOWN: no cause found";
}

/** A difference that does not stop negotiation: the field, both values, when it matters, and its class's fix. */
function warning(m: EndMismatch): string {
  const id = CLASS_OF_FIELD[m.path];
  return `${m.path}: router ${show(m.router)}, cloud ${show(m.cloud)} (${m.when ?? "fails only in some circumstances"})${id ? `. Fix: ${classInfo(id).fix}` : ""}`;
}

/** Lists as "a,b"; a DPD view as "on, interval 10s, timeout 30s". */
const show = (value: unknown): string => {
  if (Array.isArray(value)) return value.join(",");
  if (value !== null && typeof value === "object" && "enabled" in value) {
    const { enabled, ...timers } = value as { enabled: unknown };
    return [enabled ? "on" : "off", ...Object.entries(timers).map(([k, v]) => `${k} ${String(v)}s`)].join(", ");
  }
  return String(value);
};
const describe = (m: EndMismatch): string => `settings: ${m.path}: router ${show(m.router)}, cloud ${show(m.cloud)}`;
