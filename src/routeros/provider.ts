// The RouterOsIpsecTunnel dynamic provider: check, diff (offline), create, read, update, delete of one tunnel's
// rows on a router. Runs in the provider host process; loaded by the tiny serialized shim in tunnel.ts.
import type * as pulumi from "@pulumi/pulumi";
import { formatProblem } from "../spec/problems";
import type { TunnelSpec } from "../spec/types";
import { problemsAroundUnknowns } from "../spec/unknowns";
import { applyPlan, readPolicyStates, readSnapshot, readStatusRows, statusOf, type TunnelStatus } from "./device";
import { RouterOsConnectionError, RouterOsTrapError } from "./errors";
import { checkConnection, endpointOf, hasUnknowns, normaliseTls, requireSpec, specOf, tunnelId, UNKNOWN, type StackDefaults, type TunnelInputs, type TunnelOutputs } from "./inputs";
import { sessionFor } from "./pool";
import { ownedRows, reconcile, removalPlan, type ActualRow, type Drift, type Plan, type Snapshot } from "./reconcile";
import { ownerMarker, renderRouterOsRows, type DesiredRows } from "./render";
import { MENU_ORDER, versionAtLeast, type MenuName } from "./schema";
import { renderRouterOsScript } from "./script";
import type { RouterOsSession } from "./session";

const INPUT_KEYS: ReadonlyArray<keyof TunnelInputs> = ["spec", "preSharedKey", "gatewayIp", "router", "password", "adopt", "waitForEstablishedSeconds"];

export class RouterOsTunnelProvider implements pulumi.dynamic.ResourceProvider<TunnelInputs, TunnelOutputs> {
  private defaults: StackDefaults = {};

  async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.defaults = {
      routerUser: request.config.get("ros-vpc-ipsec:routerUser"),
      routerPassword: request.config.get("ros-vpc-ipsec:routerPassword"),
    };
  }

  async check(_olds: TunnelInputs, news: TunnelInputs): Promise<pulumi.dynamic.CheckResult<TunnelInputs>> {
    const problems = [...checkConnection(news, this.defaults)];
    if (news.gatewayIp === undefined && (news.spec as { cloudGatewayIp?: unknown } | undefined)?.cloudGatewayIp === undefined) {
      problems.push({ path: "gatewayIp", severity: "error", message: "is not set: the router's peer is the cloud gateway", hint: "pass the cloud side's gatewayPublicIp output, or set spec.cloudGatewayIp" });
    }
    // Values not known yet (preview) are checked when they are: the rest of the spec is checked now, around stand-ins.
    const gateway = news.gatewayIp === undefined || hasUnknowns(news.gatewayIp) ? {} : { cloudGatewayIp: news.gatewayIp };
    const spec = news.spec as unknown;
    const specInput = spec === UNKNOWN ? spec : { ...(typeof spec === "object" && spec !== null ? spec : {}), preSharedKey: news.preSharedKey, ...gateway };
    problems.push(...problemsAroundUnknowns(specInput, (value) => value === UNKNOWN).map((p) => ({ ...p, path: `spec${p.path.startsWith("[") ? "" : "."}${p.path}` })));
    const failures = problems.filter((p) => p.severity === "error").map((p) => ({ property: p.path, reason: formatProblem(p) }));
    return { inputs: news, failures };
  }

  async diff(_id: string, olds: TunnelOutputs, news: TunnelInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces = [
      ...(olds.spec?.name !== news.spec?.name ? ["spec"] : []),
      ...(olds.router?.host !== news.router?.host || portOf(olds) !== portOf(news) ? ["router"] : []),
    ];
    // The replacement's rows would be found by their marker or collide with the old ones': remove the old tunnel first.
    if (replaces.length > 0 || hasUnknowns(news) || !olds.rows) return { changes: true, replaces, deleteBeforeReplace: replaces.length > 0 };
    const spec = specOf(news).spec;
    if (!spec) return { changes: true };
    const plan = reconcile(renderRouterOsRows(spec, { version: olds.routerVersion }), olds.rows, {
      marker: ownerMarker(spec.name),
      version: olds.routerVersion,
      writeSecret: olds.preSharedKey !== news.preSharedKey,
    });
    // The spec compares as normalised ("24h" is "1d", a CIDR is a one-item list); the other inputs as given.
    const specChanged = JSON.stringify(specOf(olds).spec) !== JSON.stringify(spec);
    const inputsChanged = specChanged || INPUT_KEYS.some((key) => key !== "spec" && JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
    // Drift the last refresh found (order, or a key the router shows) is a change even when the rows look alike.
    return { changes: plan.levels.length > 0 || (olds.drift?.length ?? 0) > 0 || inputsChanged, replaces: [] };
  }

  async create(inputs: TunnelInputs): Promise<pulumi.dynamic.CreateResult<TunnelOutputs>> {
    const outs = await this.converge(inputs, "create", true);
    return { id: tunnelId(inputs), outs };
  }

  async update(_id: string, olds: TunnelOutputs, news: TunnelInputs): Promise<pulumi.dynamic.UpdateResult<TunnelOutputs>> {
    return { outs: await this.converge(news, "update", olds.preSharedKey !== news.preSharedKey) };
  }

  async read(id: string, props?: TunnelOutputs): Promise<pulumi.dynamic.ReadResult<TunnelOutputs>> {
    if (!props) throw new Error(`cannot read tunnel ${id}: Pulumi gave no state (import is not supported for dynamic resources; use adopt: true)`);
    const inputs = inputsOf(props);
    const spec = requireSpec(inputs);
    const session = await this.session(inputs, "read");
    const { snapshot, version, status } = await observe(session, spec);
    const desired = renderRouterOsRows(spec, { version });
    const marker = ownerMarker(spec.name);
    const plan = reconcile(desired, snapshot, { marker, version });
    const owned = ownedRows(desired, snapshot, { marker, version });
    const rows = byMenu((menu) => snapshot[menu].filter((r) => owned.has(r.id)).map(withoutSecret));
    const outs = outputs(inputs, spec, version, rows, plan, statusOf(status, rows.policy));
    // The SDK types ReadResult.inputs as the outputs type; the engine stores them as the resource's inputs.
    return { id, props: outs, inputs: inputs as TunnelOutputs };
  }

  async delete(_id: string, props: TunnelOutputs): Promise<void> {
    const inputs = inputsOf(props);
    const spec = requireSpec(inputs);
    const session = await this.session(inputs, "delete");
    const marker = ownerMarker(spec.name);
    await step(`deleting tunnel ${spec.name}`, `Rows not removed yet still carry the comment ${marker}; rerunning is safe and removes them.`, async () => {
      const { snapshot, version } = await readSnapshot(session, renderRouterOsRows(spec), marker);
      await applyPlan(session, removalPlan(renderRouterOsRows(spec, { version }), snapshot, { marker, version }));
    });
  }

  private async converge(inputs: TunnelInputs, what: "create" | "update", writeSecret: boolean): Promise<TunnelOutputs> {
    const spec = requireSpec(inputs);
    const marker = ownerMarker(spec.name);
    const session = await this.session(inputs, what);
    const rerun = `Rows written so far carry the comment ${marker} or the tunnel's name; rerunning is safe and converges them.`;
    return step(`${what === "create" ? "creating" : "updating"} tunnel ${spec.name}`, rerun, async () => {
      const { snapshot, version, status } = await observe(session, spec);
      const desired = renderRouterOsRows(spec, { version });
      const plan = reconcile(desired, snapshot, { marker, version, adopt: inputs.adopt, writeSecret });
      if (plan.conflicts.length > 0) throw conflictError(spec.name, plan);
      const added = await applyPlan(session, plan);
      const rows = rowsAfter(desired, snapshot, plan, added);
      let current = statusOf(status, rows.policy);
      if (inputs.waitForEstablishedSeconds) current = await waitForEstablished(session, spec, rows.policy, inputs.waitForEstablishedSeconds);
      return outputs(inputs, spec, version, rows, { ...plan, drift: [] }, current);
    });
  }

  private async session(inputs: TunnelInputs, what: string): Promise<RouterOsSession> {
    try {
      return await sessionFor(endpointOf(inputs, this.defaults));
    } catch (error) {
      // Nothing is sent before the login succeeds. A refused login or certificate needs fixing first; anything else
      // (unreachable, dropped, !fatal, too slow) may simply be run again.
      const needsFix = error instanceof RouterOsConnectionError && (error.reason === "login" || error.reason === "tls");
      const rerun = needsFix ? "Nothing was changed on the router; rerun once that is fixed." : "Nothing was changed on the router; rerunning is safe.";
      throw new Error(`cannot ${what} the tunnel on the router: ${(error as Error).message}. ${rerun}`);
    }
  }
}

/** RouterOS split IPsec peers into profile, peer and identity in 6.43: older versions have none of those menus. */
const OLDEST_ROUTEROS = "6.43";

/** One level of concurrent reads: the tunnel's rows, the router's version and the tunnel's status rows. */
async function observe(session: RouterOsSession, spec: TunnelSpec) {
  const draft = renderRouterOsRows(spec);
  const supported = session.version().then((version) => {
    if (version && !versionAtLeast(version, OLDEST_ROUTEROS)) {
      throw new Error(`the router runs RouterOS ${version}; ros-vpc-ipsec needs ${OLDEST_ROUTEROS} or later (IPsec profiles and identities): upgrade RouterOS`);
    }
  });
  const [, { snapshot, version }, status] = await Promise.all([
    supported,
    readSnapshot(session, draft, ownerMarker(spec.name)),
    readStatusRows(session, spec.cloudGatewayIp ?? ""),
  ]).catch(async (error: unknown) => {
    await supported; // an unsupported version explains any failure of the reads
    throw error;
  });
  return { snapshot, version, status };
}

async function waitForEstablished(session: RouterOsSession, spec: TunnelSpec, policies: ActualRow[], seconds: number): Promise<TunnelStatus> {
  const deadline = Date.now() + seconds * 1000;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2000)) {
    const [rows, fresh] = await Promise.all([
      readStatusRows(session, spec.cloudGatewayIp ?? ""),
      readPolicyStates(session, ownerMarker(spec.name)),
    ]);
    const status = statusOf(rows, fresh.length > 0 ? fresh : policies);
    if (status.peerState === "established") return status;
    if (Date.now() + delay > deadline) {
      throw new Error(`tunnel ${spec.name} is not established after ${seconds} s (peer state: ${status.peerState}); the router's rows are in place: run \`ros-vpc-ipsec doctor\` to see why`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function outputs(inputs: TunnelInputs, spec: TunnelSpec, version: string, rows: Snapshot, plan: Pick<Plan, "drift">, status: TunnelStatus): TunnelOutputs {
  return {
    ...inputsOf(inputs),
    routerVersion: version,
    rows,
    outOfOrder: plan.drift.filter((d) => d.kind === "order").map((d) => `${d.menu} ${d.key}`),
    drift: plan.drift.map(describeDrift),
    status,
    script: renderRouterOsScript(spec, { version }),
  };
}

/** The tunnel's rows after a plan ran: existing rows with the desired values, added rows with their new ids. */
function rowsAfter(desired: DesiredRows, snapshot: Snapshot, plan: Plan, added: Record<MenuName, string[]>): Snapshot {
  return byMenu((menu) => {
    const fresh = [...added[menu]];
    return desired[menu].map((want, i) => {
      const id = plan.matched[menu][i] ?? fresh.shift() ?? "";
      const before = snapshot[menu].find((r) => r.id === id)?.fields ?? {};
      return withoutSecret({ id, fields: { ...before, ...want } });
    });
  });
}

function describeDrift(drift: Drift): string {
  const what = `${drift.menu} ${drift.key}`;
  switch (drift.kind) {
    case "missing":
      return `${what}: missing from the router`;
    case "changed":
      return `${what}: ${drift.fields?.join(", ")} changed on the router`;
    case "extra":
      return `${what}: on the router but no longer in the spec`;
    case "order":
      return `${what}: no longer above the rule it must precede`;
  }
}

function conflictError(name: string, plan: Plan): Error {
  const list = plan.conflicts.map((c) => `${c.menu} ${c.key} (${c.id})`).join(", ");
  return new Error(
    `the router already has rows for tunnel ${name} that ros-vpc-ipsec did not create: ${list}. Nothing was changed. ` +
      "To take over a tunnel made by hand set adopt: true; otherwise rename the tunnel or remove those rows.",
  );
}

/** Runs one operation's reads and writes; a refusal or a lost session becomes an error saying what a rerun does. */
async function step<T>(what: string, rerun: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof RouterOsTrapError || error instanceof RouterOsConnectionError) {
      throw new Error(`${what} stopped: ${error.message}. ${rerun}`);
    }
    throw error;
  }
}

const withoutSecret = (row: ActualRow): ActualRow => {
  const { secret: _secret, ...fields } = row.fields;
  return { id: row.id, fields };
};

const byMenu = (rows: (menu: MenuName) => ActualRow[]): Snapshot => Object.fromEntries(MENU_ORDER.map((m) => [m, rows(m)])) as Snapshot;

function inputsOf(value: TunnelInputs): TunnelInputs {
  const out: Record<string, unknown> = {};
  for (const key of INPUT_KEYS) if (value[key] !== undefined) out[key] = value[key];
  return out as unknown as TunnelInputs;
}

const portOf = (inputs: Pick<TunnelInputs, "router">): number | undefined =>
  inputs.router ? (inputs.router.port ?? (normaliseTls(inputs.router.tls).mode === "off" ? 8728 : 8729)) : undefined;
