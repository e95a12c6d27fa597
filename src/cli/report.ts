// doctor's and status's output for people: the verdict, the evidence and the fix; the status table. Pure.
import type { CloudEvidence, RouterEvidence, Verdict } from "../diagnose/verdict";
import type { TunnelStatus } from "../routeros/device";

export function verdictText(v: Verdict, router?: RouterEvidence, cloud?: CloudEvidence): string {
  const lines = [`ros-vpc-ipsec doctor: tunnel ${v.tunnel}: ${v.summary}`, ""];
  if (router) {
    const policies = router.status.policies.map((p) => `${p.src} → ${p.dst} ${p.ph2State}`).join("; ") || "no policies";
    lines.push(`  router  ${router.endpoint}  RouterOS ${router.version}  peer ${router.status.peerState}  SAs ${router.status.installedSas}  ${policies}`);
  }
  if (cloud) lines.push(`  cloud   ${cloud.platform === "tencent" ? "Tencent Cloud" : "Alibaba Cloud"}  ${cloudLine(v.tunnel, cloud)}`);
  const ruledOut = v.causes.filter((c) => c.basis === "unlikely");
  v.causes.filter((c) => c.basis !== "unlikely").forEach((cause, i) => {
    lines.push("", `${i === 0 ? "Cause" : "Also"}: ${cause.title}${cause.fields.length ? ` [${cause.fields.join(", ")}]` : ""} (${basisText[cause.basis]})`);
    lines.push(`  ${cause.cause}`);
    for (const item of cause.evidence.slice(0, 8)) lines.push(`    ${item}`);
    if (cause.evidence.length > 8) lines.push(`    … ${cause.evidence.length - 8} more`);
    lines.push(`  Fix: ${cause.fix}`);
    for (const note of cause.notes) lines.push(`  Note: ${note}`);
  });
  if (ruledOut.length > 0) {
    lines.push("", `Ruled out (a log line suggests it, but both ends' settings agree): ${ruledOut.map((c) => `${c.title} [${c.fields.join(", ")}]`).join("; ")}`);
  }
  if (v.specDifferences.length > 0) {
    lines.push("", "Differences from the spec (pulumi up --refresh puts the spec back):");
    for (const d of v.specDifferences) lines.push(`  ${d.end}: ${d.path}: spec ${show(d.expected)}, actual ${show(d.actual)}`);
  }
  for (const warning of v.warnings) lines.push("", `Warning: ${warning}`);
  return `${lines.join("\n")}\n`;
}

/** The cloud's connection in the cloud's own words (Tencent NetStatus, Alibaba Status); or why there is none. */
function cloudLine(tunnel: string, cloud: CloudEvidence): string {
  if (!cloud.read) return "settings not read (--no-cloud)";
  if (cloud.connectionId === undefined) return `no connection named ${tunnel}`;
  const status = cloud.platform === "tencent" ? "NetStatus" : "Status";
  return `${cloud.connectionId}  State ${cloud.state ?? "?"}  ${status} ${cloud.netStatus ?? "?"}  gateway ${cloud.gatewayIp ?? "?"}`;
}

const basisText: Record<Verdict["causes"][number]["basis"], string> = {
  confirmed: "the logs and both ends' settings agree",
  settings: "the two ends' settings differ",
  logs: "from the logs",
  router: "the router's own checks",
  cloud: "what the cloud's API holds",
  unlikely: "the logs suggest it, but both ends' settings agree",
};

/** The cloud's row of `status`: its view of the tunnel, or (found: false) that it holds no connection for it. */
export interface CloudStatus {
  found?: boolean;
  state?: string;
  netStatus?: string;
}

export function statusTable(name: string, router: TunnelStatus, cloud?: CloudStatus): string {
  const rows = [
    ["end", "state", "uptime", "SAs", "rx bytes", "tx bytes"],
    ["router", router.peerState, router.uptime ?? "-", String(router.installedSas), String(router.rxBytes ?? "-"), String(router.txBytes ?? "-")],
    ...(cloud ? [["cloud", cloud.found === false ? `no connection named ${name}` : (cloud.netStatus ?? "?"), "-", "-", "-", "-"]] : []),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const table = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd());
  const policies = router.policies.map((p) => `  policy ${p.src} → ${p.dst}: ${p.ph2State}${p.invalid ? " (invalid)" : ""}`);
  return `tunnel ${name}\n${[...table, ...policies].join("\n")}\n`;
}

const show = (value: unknown): string => (Array.isArray(value) ? value.join(",") : String(value));
