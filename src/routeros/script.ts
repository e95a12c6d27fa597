// The router's half as a RouterOS CLI script (.rsc) a person can review and paste over SSH, as the article does.
// Pure; no I/O. Re-pasting converges the same objects; the pre-shared key is left out unless asked for.
import type { TunnelSpec } from "../spec/types";
import { DEFAULT_ROUTEROS_VERSION, ownerMarker, renderRouterOsRows, type Fields, type RenderOptions } from "./render";
import { MENUS, type MenuName } from "./schema";

export interface ScriptOptions extends RenderOptions {
  /** Write the pre-shared key into the script (it is otherwise a placeholder). */
  showSecrets?: boolean;
}

export const PSK_PLACEHOLDER = "<PRE-SHARED-KEY>";

export function renderRouterOsScript(spec: TunnelSpec, options: ScriptOptions = {}): string {
  const rows = renderRouterOsRows(spec, options);
  const version = options.version ?? DEFAULT_ROUTEROS_VERSION;
  const gatewayIp = options.gatewayIp ?? spec.cloudGatewayIp;
  const marker = quoted(ownerMarker(spec.name));
  for (const identity of rows.identity) identity.secret = options.showSecrets ? spec.preSharedKey : PSK_PLACEHOLDER;

  const out: string[] = [
    `# ros-vpc-ipsec: IPsec tunnel ${spec.name} for RouterOS ${version} (generated; review before pasting).`,
    `# Site ${spec.siteCidrs.join(", ")} <-> cloud ${spec.cloudCidrs.join(", ")} through the cloud gateway ${gatewayIp}.`,
    "# Pasting it again updates the same objects: the ones named after the tunnel or commented with its marker.",
  ];
  if (!options.showSecrets) out.push(`# Replace ${PSK_PLACEHOLDER} with the tunnel's pre-shared key before pasting.`);

  out.push("", "# Rows that reference the peer are rebuilt, so remove this tunnel's previous ones first.");
  for (const menu of ["policy", "identity"] as const) out.push(`${cli(menu)} remove [find where comment=${marker}]`);

  out.push("", "# Phase 1 (profile), phase 2 (proposal) and the peer: updated in place when they exist.");
  for (const menu of ["profile", "proposal", "peer"] as const) {
    for (const row of rows[menu]) out.push(upsertByName(menu, row));
  }

  out.push("", "# Authentication and the traffic selectors: one policy per (site, cloud) network pair.");
  for (const menu of ["identity", "policy"] as const) for (const row of rows[menu]) out.push(`${cli(menu)} add ${fields(row)}`);

  const firewall: Array<[MenuName, string, string, string]> = [
    ["nat", "NAT bypass: accept tunnel traffic in srcnat above the first rule that rewrites the source (masquerade, src-nat, …).", "NAT bypass: off in this spec", anchorCondition("nat")],
    ["filter", "FastTrack bypass: accept IPsec traffic in forward above the fasttrack rule.", "FastTrack bypass in the filter table: not in this spec", anchorCondition("filter")],
    ["raw", "FastTrack bypass: keep tunnel traffic out of connection tracking.", "FastTrack bypass in the raw table: not in this spec", ""],
  ];
  for (const [menu, why, unused, before] of firewall) {
    // Without rows the remove stays: re-pasting after the option was turned off takes the old rule away.
    const heading = rows[menu].length > 0 ? why : `${unused}; a rule this tunnel added before is removed.`;
    out.push("", `# ${heading}`, `${cli(menu)} remove [find where comment=${marker}]`);
    for (const row of rows[menu]) out.push(before ? addBefore(menu, row, before) : `${cli(menu)} add ${fields(row)}`);
  }
  return `${out.join("\n")}\n`;
}

const cli = (menu: MenuName): string => MENUS[menu].path.replace(/\//g, " ").trim().replace(/^/, "/");

function upsertByName(menu: MenuName, row: Fields): string {
  const { name = "", ...rest } = row;
  const find = `[${cli(menu)} find where name=${quoted(name)}]`;
  return `:if ([:len ${find}] = 0) do={ ${cli(menu)} add name=${quote(name)} ${fields(rest)} } else={ ${cli(menu)} set ${find} ${fields(rest)} }`;
}

/** The RouterOS `find` condition for a menu's anchor rows, from the same table the provider places rows by. */
function anchorCondition(menu: MenuName): string {
  const anchor = MENUS[menu].anchor!;
  return `chain=${anchor.chain} and (${anchor.actions.map((a) => `action=${a}`).join(" or ")})`;
}

function addBefore(menu: MenuName, row: Fields, condition: string): string {
  const add = `${cli(menu)} add ${fields(row)}`;
  return `{ :local before [${cli(menu)} find where ${condition} and dynamic=no]; :if ([:len $before] > 0) do={ ${add} place-before=[:pick $before 0] } else={ ${add} } }`;
}

const fields = (row: Fields): string =>
  Object.entries(row)
    .map(([k, v]) => `${k}=${quote(v)}`)
    .join(" ");

/** A RouterOS CLI argument value: bare when it is one plain word, otherwise quoted. */
export const quote = (value: string): string => (/^[A-Za-z0-9_.:/,+-]+$/.test(value) ? value : quoted(value));

/** A double-quoted RouterOS string with \ " $ ? and control or non-ASCII bytes escaped (required in `where`). */
export function quoted(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const ch = String.fromCharCode(byte);
    if (ch === "\\" || ch === '"' || ch === "$" || ch === "?") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    else out += ch;
  }
  return `"${out}"`;
}
