// What doctor and status need from the router: the tunnel's rows whoever made them, its status, the NAT bypass
// order, FastTrack, and the recent ipsec lines of /log — one level of concurrent reads over one session.
import type { RouterEvidence } from "../diagnose/verdict";
import type { TunnelSpec } from "../spec/types";
import { readSnapshot, readStatusRows, statusOf } from "./device";
import { eq } from "./query";
import { reconcile } from "./reconcile";
import { routerOsEndView } from "./readback";
import { ownerMarker, renderRouterOsRows } from "./render";
import type { RouterOsSession } from "./session";

/** How many of the newest /log lines are read (RouterOS keeps 1000 in memory by default). */
const LOG_LINES = 1000;

export async function readRouterEvidence(session: RouterOsSession, spec: TunnelSpec, gatewayIp: string): Promise<RouterEvidence> {
  const marker = ownerMarker(spec.name);
  const draft = renderRouterOsRows(spec, { gatewayIp });
  const [{ snapshot, version }, statusRows, log] = await Promise.all([
    readSnapshot(session, draft, marker),
    readStatusRows(session, gatewayIp),
    session.print("/log", { proplist: ["time", "topics", "message"] }),
  ]);
  const desired = renderRouterOsRows(spec, { gatewayIp, version });
  // Doctor looks at the tunnel's rows whoever made them: a tunnel made by hand is diagnosed the same way.
  const plan = reconcile(desired, snapshot, { marker, version, adopt: true });
  const peer = snapshot.peer.find((r) => r.fields.name === spec.name);
  const policies = snapshot.policy.filter((r) => r.fields.peer === spec.name);
  const proposalName = policies[0]?.fields.proposal ?? spec.name;
  const fasttrack = snapshot.filter.some((r) => r.fields.action === "fasttrack-connection" && r.fields.dynamic !== "true");
  const natMissing = plan.drift.some((d) => d.menu === "nat" && d.kind === "missing");
  const natBelow = plan.drift.some((d) => d.menu === "nat" && d.kind === "order");
  return {
    endpoint: `${session.endpoint.host}:${session.endpoint.port}`,
    version,
    ...(peer
      ? {
          view: routerOsEndView({
            profile: snapshot.profile.find((r) => r.fields.name === (peer.fields.profile ?? "default"))?.fields,
            proposal: snapshot.proposal.find((r) => r.fields.name === proposalName)?.fields,
            peer: peer.fields,
            identity: snapshot.identity.find((r) => r.fields.peer === spec.name)?.fields,
            policies: policies.map((r) => r.fields),
          }),
        }
      : {}),
    status: statusOf(statusRows, policies),
    // A row edited out of its key (a policy's dst changed) shows as missing plus extra: the settings report that.
    missing: plan.drift
      .filter((d) => d.kind === "missing" && ["profile", "proposal", "peer", "identity", "policy"].includes(d.menu))
      .filter((d) => !plan.drift.some((e) => e.kind === "extra" && e.menu === d.menu))
      .map((d) => `${d.menu} ${d.key}`),
    natBypass: !spec.router.natBypass ? "not-wanted" : natMissing ? "missing" : natBelow ? "below-masquerade" : "above-masquerade",
    fastTrack: { rule: fasttrack, bypassed: spec.router.fastTrackBypass !== "off" && !plan.drift.some((d) => (d.menu === "filter" || d.menu === "raw") && d.kind === "missing") },
    log: log
      .filter((row) => (row.topics ?? "").split(",").includes("ipsec"))
      .slice(-LOG_LINES)
      .map((row) => ({ ...(row.time ? { time: row.time } : {}), topics: row.topics ?? "", message: row.message ?? "" })),
  };
}

/** Status alone (for `ros-vpc-ipsec status`): the active peer, SAs and policies of the tunnel. */
export async function readRouterStatus(session: RouterOsSession, spec: TunnelSpec, gatewayIp: string) {
  const [rows, policies] = await Promise.all([
    readStatusRows(session, gatewayIp),
    session.print("/ip/ipsec/policy", { query: eq("peer", spec.name), proplist: [".id", "src-address", "dst-address", "ph2-state", "active", "invalid"] }),
  ]);
  return statusOf(rows, policies.map(({ ".id": id = "", ...fields }) => ({ id, fields })));
}
