// Every `!trap` text the emulator can send, in one place so docs/emulator.md and the tests can name them.
// Pure: builds errors, never writes to a socket. Texts marked "assumed" in docs/emulator.md have no real-router capture.

import { atLeast, type RosVersion } from "./version";

/** A RouterOS `!trap`: thrown by the model, turned into `!trap =category= =message=` + `!done` by the session. */
export class RosTrap extends Error {
  constructor(
    message: string,
    readonly category?: number,
  ) {
    super(message);
  }
}

export const trap = {
  /** [seen] 7.x names the parameter, 6.x does not. */
  unknownParameter: (name: string, v: RosVersion): RosTrap =>
    new RosTrap(atLeast(v, "7.0") ? `unknown parameter ${name}` : "unknown parameter"),
  /** [seen] enum value outside the set, and a reference to a missing peer/profile/proposal/group. */
  noMatch: (field: string): RosTrap => new RosTrap(`input does not match any value of ${field}`, 1),
  /** [assumed] number outside its range. */
  outOfRange: (field: string, min: number, max: number): RosTrap =>
    new RosTrap(`value of ${field} out of range (${min}..${max})`, 1),
  /** [seen] set/remove/move of an .id that does not exist. */
  noSuchItem: (): RosTrap => new RosTrap("no such item (4)"),
  /** [assumed] set/remove without =.id= or =numbers= (and get/unset without =value-name=). */
  missingNumbers: (): RosTrap => new RosTrap("missing value(s) of argument(s) numbers"),
  missingValueName: (): RosTrap => new RosTrap("missing value(s) of argument(s) value-name"),
  /** [seen] remove or rename of a built-in row. */
  cannotChangeBuiltin: (): RosTrap => new RosTrap("failure: cannot change builtin"),
  /** [seen] move of, or move/place-before onto, the dynamic fasttrack dummy rule. */
  cannotMoveBuiltin: (): RosTrap => new RosTrap("failure: cannot move builtin"),
  /** [assumed] a second row with the same name. */
  duplicate: (): RosTrap => new RosTrap("failure: entry already exists"),
  /** [assumed] remove of a row another row still refers to. */
  inUse: (what: string, by: string): RosTrap => new RosTrap(`failure: ${what} is in use by ${by}`),
  /** [assumed] add (or a set that would leave a row) without a field the row cannot do without. */
  required: (field: string): RosTrap => new RosTrap(`failure: ${field} must be specified`),
  /** [assumed] unset of a field that cannot be unset. */
  cannotUnset: (field: string): RosTrap => new RosTrap(`failure: cannot unset ${field}`),
  /** [seen] a path segment that leads nowhere; always followed by noSuchCommandPrefix. */
  noSuchDirectory: (segment: string): RosTrap => new RosTrap(`no such command or directory (${segment})`),
  /** [seen] second trap for an unknown path. */
  noSuchCommandPrefix: (): RosTrap => new RosTrap("no such command prefix"),
  /** [seen] a command that the menu does not have. */
  noSuchCommand: (): RosTrap => new RosTrap("no such command"),
  /** [seen] login after 6.43 with a wrong name or password. */
  badLogin: (): RosTrap => new RosTrap("invalid user name or password (6)"),
  /** [seen] pre-6.43 challenge login with a wrong response. */
  cannotLogIn: (): RosTrap => new RosTrap("cannot log in"),
  /** [seen, docs] the command a /cancel stopped. */
  interrupted: (): RosTrap => new RosTrap("interrupted", 2),
  /** [assumed] /cancel of a tag that is not running. */
  unknownTag: (): RosTrap => new RosTrap("no such command or tag"),
  /** [assumed] a malformed query stack (operator with too few operands, unknown operator). */
  badQuery: (): RosTrap => new RosTrap("invalid query", 5),
};

/** Returns `err` if it is a RosTrap; rethrows anything else (so emulator bugs are never reported as traps). */
export function asTrap(err: unknown): RosTrap {
  if (err instanceof RosTrap) return err;
  throw err;
}
