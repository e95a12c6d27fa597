// Typed errors of a RouterOS API session: what failed, on which command, and whether a rerun is safe.

/** RouterOS refused a command (`!trap`): its message, category (0-7) and the command that failed. */
export class RouterOsTrapError extends Error {
  constructor(
    readonly trapMessage: string,
    readonly category: number | undefined,
    readonly command: string,
  ) {
    super(`RouterOS refused ${command}: ${trapMessage}${category === undefined ? "" : ` (category ${category}: ${TRAP_CATEGORIES[category] ?? "unknown"})`}`);
    this.name = "RouterOsTrapError";
  }
}

export const TRAP_CATEGORIES: Record<number, string> = {
  0: "missing item or command",
  1: "argument value failure",
  2: "execution interrupted",
  3: "scripting failure",
  4: "general failure",
  5: "API failure",
  6: "TTY failure",
  7: "value generated with :return",
};

/** The session could not be opened or was lost: connection, TLS, login, timeout or `!fatal`. */
export class RouterOsConnectionError extends Error {
  constructor(
    message: string,
    readonly reason: "connect" | "tls" | "login" | "timeout" | "closed" | "fatal",
    readonly command?: string,
  ) {
    super(message);
    this.name = "RouterOsConnectionError";
  }
}
