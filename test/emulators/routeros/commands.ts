// Turns one API sentence (command word + attribute and query words) into reply sentences, using the menu tables.
// No sockets and no timing: session.ts adds tags, latency, faults and login. /login, /cancel, /quit are not here.

import { isDirectory, menuOn } from "./menus";
import { ACTIVE_PEERS, INSTALLED_SA } from "./menus/ipsec-monitor";
import * as m from "./mutations";
import { compileQuery, type PrintedRow } from "./query";
import type { Router } from "./router";
import type { MenuSpec, Row } from "./schema";
import { asTrap, RosTrap, trap } from "./trap";
import { atLeast, type RosVersion } from "./version";

export interface Reply {
  readonly type: "!re" | "!done" | "!trap" | "!empty";
  readonly attrs: ReadonlyArray<readonly [string, string]>;
}

/** A parsed sentence: attribute words in order (later duplicates win), query words, API attributes. */
export interface Sentence {
  readonly command: string;
  readonly args: ReadonlyMap<string, string>;
  readonly queries: readonly string[];
  readonly tag?: string;
  /** A word that is neither =attribute, ?query nor .tag (refused as an unknown parameter). */
  readonly stray?: string;
}

export function parseSentence(words: readonly string[]): Sentence {
  const args = new Map<string, string>();
  const queries: string[] = [];
  let tag: string | undefined;
  let stray: string | undefined;
  for (const word of words.slice(1)) {
    if (word.startsWith("=")) {
      const eq = word.indexOf("=", 1);
      args.set(eq < 0 ? word.slice(1) : word.slice(1, eq), eq < 0 ? "" : word.slice(eq + 1));
    } else if (word.startsWith("?")) queries.push(word);
    else if (word.startsWith(".tag=")) tag = word.slice(5);
    else stray ??= word;
  }
  return { command: words[0] ?? "", args, queries, tag, stray };
}

/** The outcome of a command: replies now, and for `print follow` a subscription that emits more `!re` until cancelled. */
export interface Outcome {
  readonly replies: Reply[];
  readonly follow?: (emit: (reply: Reply) => void) => () => void;
}

const done = (attrs: Array<[string, string]> = []): Reply => ({ type: "!done", attrs });
export const trapReply = (t: RosTrap): Reply => ({
  type: "!trap",
  attrs: t.category === undefined ? [["message", t.message]] : [["category", String(t.category)], ["message", t.message]],
});

/** Finds the menu and command; unknown paths get RouterOS's two-trap answer. */
function resolve(command: string, v: RosVersion): { menu: MenuSpec; verb: string } | Reply[] {
  const parts = command.split("/");
  if (parts[0] !== "" || parts.length < 2) return [trapReply(trap.noSuchCommand()), done()];
  const verb = parts[parts.length - 1]!;
  const path = parts.slice(0, -1).join("/");
  const menu = menuOn(path, v);
  if (menu) return { menu, verb };
  for (let i = 1; i < parts.length - 1; i++) {
    if (!isDirectory(parts.slice(0, i + 1).join("/"), v)) {
      return [trapReply(trap.noSuchDirectory(parts[i]!)), trapReply(trap.noSuchCommandPrefix()), done()];
    }
  }
  return [trapReply(trap.noSuchCommand()), done()];
}

const PRINT_FLAGS = [".proplist", "detail", "without-paging", "count-only", "terse", "follow", "follow-only"];

function printed(router: Router, menu: MenuSpec, row: Row, sensitive: boolean): Map<string, string> {
  return new Map(router.render(menu.path, row, sensitive));
}

function project(row: PrintedRow, proplist: readonly string[] | undefined): Reply {
  const attrs = [...row].filter(([name]) => !proplist || proplist.includes(name));
  return { type: "!re", attrs };
}

function print(router: Router, menu: MenuSpec, s: Sentence, sensitive: boolean): Outcome {
  for (const name of s.args.keys()) {
    if (!PRINT_FLAGS.includes(name) || (name.startsWith("follow") && !menu.followable)) throw trap.unknownParameter(name, router.version);
  }
  const match = compileQuery(s.queries);
  const proplist = s.args.get(".proplist")?.split(",");
  // The query reads only the fields it names: test each row through them, render only the rows that match.
  // (One view object for every row: a closure per row costs more than the test on a 5,000-rule table.)
  let current: Row | undefined;
  const view = { get: (name: string) => router.renderField(menu, current!, name, sensitive) };
  const rows = router
    .rows(menu.path)
    .filter((row) => ((current = row), match(view)))
    .map((row) => printed(router, menu, row, sensitive));
  if (s.args.has("count-only")) return { replies: [done([["ret", String(rows.length)]])] };
  const followOnly = s.args.has("follow-only");
  const replies = followOnly ? [] : rows.map((row) => project(row, proplist));
  if (s.args.has("follow") || followOnly) {
    return {
      replies,
      follow: (emit) =>
        router.watchLog((row) => {
          const view = printed(router, menu, row, sensitive);
          if (match(view)) emit(project(view, proplist));
        }),
    };
  }
  if (replies.length === 0 && menu.shape === "list" && atLeast(router.version, "7.18")) replies.push({ type: "!empty", attrs: [] });
  return { replies: [...replies, done()] };
}

function get(router: Router, menu: MenuSpec, s: Sentence, sensitive: boolean): Reply[] {
  const name = s.args.get("value-name");
  if (name === undefined) throw trap.missingValueName();
  const [row] = m.selectRows(router, menu, s.args);
  const value = row ? printed(router, menu, row, sensitive).get(name) : undefined;
  if (!row || !router.field(menu, name)) throw trap.noMatch("value-name");
  return [done(value === undefined ? [] : [["ret", value]])];
}

/** Executes a logged-in command (anything but /login, /cancel, /quit). */
export function execute(router: Router, s: Sentence, sensitive: boolean): Outcome {
  const found = resolve(s.command, router.version);
  if (Array.isArray(found)) return { replies: found };
  const { menu, verb } = found;
  try {
    if (!(menu.commands as readonly string[]).includes(verb) || (verb === "move" && !menu.ordered)) throw trap.noSuchCommand();
    if (s.stray !== undefined) throw trap.unknownParameter(s.stray, router.version);
    if (s.queries.length > 0 && verb !== "print" && verb !== "getall") throw trap.unknownParameter(s.queries[0]!, router.version);
    switch (verb) {
      case "print":
      case "getall":
        return print(router, menu, s, sensitive);
      case "get":
        return { replies: get(router, menu, s, sensitive) };
      case "add":
        return { replies: [done([["ret", m.addRow(router, menu, s.args)]])] };
      case "set":
        m.setRows(router, menu, s.args);
        break;
      case "unset":
        m.unsetField(router, menu, s.args);
        break;
      case "remove":
        m.removeRows(router, menu, s.args);
        break;
      case "move":
        m.moveRows(router, menu, s.args);
        break;
      case "enable":
      case "disable":
        m.setDisabled(router, menu, s.args, verb === "disable");
        break;
      case "comment":
        m.setComment(router, menu, s.args);
        break;
      case "reset-counters":
        m.selectRows(router, menu, s.args);
        break;
      case "kill-connections":
        for (const row of router.rows(ACTIVE_PEERS)) if (row.meta.peer) router.setNegotiationState(row.meta.peer, undefined);
        for (const path of [ACTIVE_PEERS, INSTALLED_SA]) m.removeIds(router, path, router.rows(path).map((r) => r.id));
        break;
      case "flush":
        m.removeIds(router, menu.path, router.rows(menu.path).map((r) => r.id));
        break;
    }
    return { replies: [done()] };
  } catch (err) {
    return { replies: [trapReply(asTrap(err)), done()] };
  }
}
