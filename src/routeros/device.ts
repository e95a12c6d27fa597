// What one tunnel needs from a router: a snapshot of its rows (one level of concurrent prints), applying a plan
// level by level (each level's commands concurrent), and the tunnel's status. I/O through a RouterOsSession.
import { RouterOsConnectionError } from "./errors";
import { and, eq, or, type Query } from "./query";
import type { ActualRow, Command, Plan, Snapshot } from "./reconcile";
import type { DesiredRows, Fields } from "./render";
import { MENU_ORDER, MENUS, type MenuName } from "./schema";
import type { Row, RouterOsSession } from "./session";

export interface TunnelStatus {
  /** The active peer's state ("established", "message-1-sent", ...) or "down" when the router has none. */
  peerState: string;
  side?: string;
  uptime?: string;
  /** Installed SAs to or from the gateway (two per working policy: in and out). */
  installedSas: number;
  rxBytes?: number;
  txBytes?: number;
  policies: Array<{ src: string; dst: string; ph2State: string; active: boolean; invalid: boolean }>;
}

const READ_ONLY_FIELDS = ["ph2-state", "active", "invalid"];

/** Only the tunnel's rows and the rows it must be ordered against, whatever else the router holds. */
export function snapshotQueries(desired: DesiredRows, marker: string): Record<MenuName, Query> {
  const byKey = (menu: MenuName): Query[] => desired[menu].map((row) => and(...MENUS[menu].key.filter((k) => k !== "chain").map((k) => keyEq(menu, k, row[k] ?? ""))));
  const name = desired.peer[0]?.name ?? desired.profile[0]?.name ?? "";
  const mine = eq("comment", marker);
  const anchored = (menu: "nat" | "filter"): Query => {
    const anchor = MENUS[menu].anchor!;
    return and(eq("chain", anchor.chain), or(mine, ...anchor.actions.map((a) => eq("action", a)), ...byKey(menu)));
  };
  return {
    profile: eq("name", name),
    proposal: eq("name", name),
    peer: or(eq("name", name), mine, eq("profile", name)),
    identity: or(eq("peer", name), mine),
    policy: or(mine, eq("proposal", name), ...byKey("policy")),
    nat: anchored("nat"),
    filter: anchored("filter"),
    raw: or(mine, ...byKey("raw")),
  };
}

/** Queries compare printed text, and the firewall prints a /32 as the bare address: a host prefix is asked in both forms. */
function keyEq(menu: MenuName, field: string, value: string): Query {
  const host = MENUS[menu].fields[field]?.kind === "prefix" ? /^(\d{1,3}(?:\.\d{1,3}){3})\/32$/.exec(value)?.[1] : undefined;
  return host ? or(eq(field, value), eq(field, host)) : eq(field, value);
}

export async function readSnapshot(session: RouterOsSession, desired: DesiredRows, marker: string): Promise<{ snapshot: Snapshot; version: string }> {
  const queries = snapshotQueries(desired, marker);
  const [version, ...rows] = await Promise.all([
    session.version(),
    ...MENU_ORDER.map((menu) =>
      session.print(MENUS[menu].path, {
        query: queries[menu],
        proplist: [".id", "dynamic", ...Object.keys(MENUS[menu].fields), ...(menu === "policy" ? READ_ONLY_FIELDS : [])],
      }),
    ),
  ]);
  const snapshot = Object.fromEntries(MENU_ORDER.map((menu, i) => [menu, (rows[i] ?? []).map(toActual)])) as Snapshot;
  return { snapshot, version };
}

/** Runs the plan; returns the ids of added rows per menu, in the order their add commands appear. */
export async function applyPlan(session: RouterOsSession, plan: Plan): Promise<Record<MenuName, string[]>> {
  const added = Object.fromEntries(MENU_ORDER.map((m) => [m, [] as string[]])) as Record<MenuName, string[]>;
  for (const level of plan.levels) {
    const results = await Promise.all(level.map((command) => runCommand(session, command).catch((error: unknown) => Promise.reject(unanswered(error, command)))));
    level.forEach((command, i) => {
      if (command.op === "add") added[command.menu].push(results[i] as string);
    });
  }
  return added;
}

/**
 * A write the session lost before its answer came may or may not have taken effect: the error says which (the first
 * of a level's writes the loss cut off), so the reader knows why the rerun reads the router before writing again.
 */
function unanswered(error: unknown, command: Command): unknown {
  if (!(error instanceof RouterOsConnectionError) || error.command !== undefined) return error;
  const word = `${MENUS[command.menu].path}/${command.op}`;
  return new RouterOsConnectionError(`${error.message} before ${word} was answered (it may or may not have been applied)`, error.reason, word);
}

function runCommand(session: RouterOsSession, command: Command): Promise<string | void> {
  const path = MENUS[command.menu].path;
  switch (command.op) {
    case "add":
      return session.add(path, command.fields, command.placeBefore);
    case "set":
      return session.set(path, command.id, command.fields);
    case "remove":
      return session.remove(path, command.ids);
    case "move":
      return session.move(path, command.ids, command.destination);
  }
}

export interface StatusRows {
  peers: Row[];
  sas: Row[];
}

/** The rows behind a tunnel's status: its active peer and installed SAs (read alongside its snapshot). */
export async function readStatusRows(session: RouterOsSession, gatewayIp: string): Promise<StatusRows> {
  const [peers, sas] = await Promise.all([
    session.print("/ip/ipsec/active-peers", { query: eq("remote-address", gatewayIp), proplist: ["state", "side", "uptime", "rx-bytes", "tx-bytes"] }),
    session.print("/ip/ipsec/installed-sa", { query: or(eq("src-address", gatewayIp), eq("dst-address", gatewayIp)), proplist: ["spi", "state"] }),
  ]);
  return { peers, sas };
}

/** The tunnel's policies with their phase-2 state, as they are now (for polling while a tunnel comes up). */
export async function readPolicyStates(session: RouterOsSession, marker: string): Promise<ActualRow[]> {
  const rows = await session.print(MENUS.policy.path, { query: eq("comment", marker), proplist: [".id", "src-address", "dst-address", ...READ_ONLY_FIELDS] });
  return rows.map(toActual);
}

/** The tunnel's negotiation state from its status rows and its policies' phase-2 state. */
export function statusOf({ peers, sas }: StatusRows, policies: ActualRow[]): TunnelStatus {
  const peer = peers.find((p) => p.state === "established") ?? peers[0];
  return {
    peerState: peer?.state ?? "down",
    ...(peer?.side ? { side: peer.side } : {}),
    ...(peer?.uptime ? { uptime: peer.uptime } : {}),
    ...(peer?.["rx-bytes"] ? { rxBytes: Number(peer["rx-bytes"]) } : {}),
    ...(peer?.["tx-bytes"] ? { txBytes: Number(peer["tx-bytes"]) } : {}),
    installedSas: sas.length,
    policies: policies.map((p) => ({
      src: p.fields["src-address"] ?? "",
      dst: p.fields["dst-address"] ?? "",
      ph2State: p.fields["ph2-state"] ?? "no-phase2",
      active: p.fields.active === "true",
      invalid: p.fields.invalid === "true",
    })),
  };
}

function toActual(row: Row): ActualRow {
  const { ".id": id = "", ...fields } = row;
  return { id, fields: fields as Fields };
}
