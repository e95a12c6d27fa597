// One RouterOS API session over node-routeros, hardened: TLS by default, timeouts, typed !trap errors, pending
// commands rejected when the connection drops or the router sends !fatal, concurrent tagged commands (at most
// maxInFlight at once; the rest wait their turn). The only file that talks to a router.
import type { TLSSocket } from "node:tls";
import { RouterOsConnectionError, RouterOsTrapError } from "./errors";
import { queryWords, type Query } from "./query";
import { defaultPort, explainTlsError, pinMismatch, tlsConnectOptions, type RouterTls } from "./tls";
import { hardenNodeRouterOs } from "./wire";

export interface RouterEndpoint {
  host: string;
  port?: number;
  user: string;
  password: string;
  tls: RouterTls;
  /** Per command and for the whole login (default 15 s). A command's clock starts when it is sent. */
  timeoutMs?: number;
  /** Commands awaiting their reply at once on this session (default MAX_IN_FLIGHT); further commands queue. */
  maxInFlight?: number;
}

/**
 * How many commands one session keeps outstanding. RouterOS documents no limit; but a 200-tunnel hub issues 3,200
 * commands, and sent all at once the last would wait on the router for every one before it, long enough on a slow
 * router to hit the per-command timeout, which drops the shared session and fails every tunnel. Queued here
 * instead, a command's timeout covers only its own turn. 64 keeps a 20 ms link busy at 3 commands per ms
 * (docs/benchmarks.md compares bounds).
 */
export const MAX_IN_FLIGHT = 64;

export type Row = Record<string, string>;

/** How long close() waits for the router to acknowledge the end of the session before dropping the socket. */
const CLOSE_GRACE_MS = 1000;

interface NodeRouterOsApi extends NodeJS.EventEmitter {
  connect(): Promise<unknown>;
  close(): Promise<unknown>;
  connector?: { socket?: TLSSocket & { rosFatal?: string }; destroy(): void };
}

interface ChannelLike extends NodeJS.EventEmitter {
  write(params: string[]): Promise<Row[]>;
}

export class RouterOsSession {
  private pending = new Set<(error: Error) => void>();
  /** Commands over the maxInFlight bound, in the order they were issued. */
  private waiting: Array<{ send: () => void; fail: (error: Error) => void }> = [];
  private inFlight = 0;
  private lost?: RouterOsConnectionError;
  private versionRead?: Promise<string>;
  /** Commands sent on this session (benchmarks and tests count round trips with it). */
  commandsSent = 0;
  /** The bound for sessions whose endpoint sets none (benchmarks compare bounds through it). */
  static defaultMaxInFlight = MAX_IN_FLIGHT;

  private constructor(
    private readonly api: NodeRouterOsApi,
    readonly endpoint: Readonly<RouterEndpoint>,
  ) {}

  static async open(endpoint: RouterEndpoint): Promise<RouterOsSession> {
    hardenNodeRouterOs();
    const { RouterOSAPI } = require("node-routeros") as { RouterOSAPI: new (options: object) => NodeRouterOsApi };
    const timeoutMs = endpoint.timeoutMs ?? 15000;
    const api = new RouterOSAPI({
      host: endpoint.host,
      port: endpoint.port ?? defaultPort(endpoint.tls),
      user: endpoint.user,
      password: endpoint.password,
      timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
      tls: tlsConnectOptions(endpoint.tls),
      keepalive: false,
    });
    const session = new RouterOsSession(api, endpoint);
    let socketError: (Error & { code?: string }) | undefined;
    api.on("error", (error: Error & { code?: string; errno?: string }) => {
      const cause = socketError?.code ?? error.code ?? error.errno;
      const why = cause === "ECONNRESET" ? "the router reset the connection" : cause === "SOCKTMOUT" ? "the connection was idle too long" : error.message || cause || "the connection failed";
      session.drop(new RouterOsConnectionError(`lost the API session to ${where(endpoint)}: ${why}`, "closed"));
    });
    api.on("close", () => {
      const fatal = api.connector?.socket?.rosFatal;
      session.drop(
        fatal
          ? new RouterOsConnectionError(`${where(endpoint)} ended the API session: ${fatal}`, "fatal")
          : new RouterOsConnectionError(`${where(endpoint)} closed the API session`, "closed"),
      );
    });
    const connecting = api.connect();
    const socket = api.connector?.socket;
    socket?.setNoDelay(true); // concurrent commands must not wait for each other's ACKs (Nagle)
    socket?.prependListener("error", (error: Error & { code?: string }) => (socketError ??= error));
    if (endpoint.tls.mode === "fingerprint" && socket) {
      const { fingerprint } = endpoint.tls;
      // Runs before node-routeros's own handler, so a wrong certificate never receives the login.
      socket.prependOnceListener("secureConnect", () => {
        const mismatch = pinMismatch(socket, fingerprint);
        if (mismatch) socket.destroy(Object.assign(new Error(mismatch), { code: "PIN_MISMATCH" }));
      });
    }
    // node-routeros never settles connect() when the router closes the connection (or sends !fatal) during the login.
    const closedFirst = new Promise<never>((_, reject) => api.once("close", () => reject(session.lost)));
    closedFirst.catch(() => undefined);
    try {
      await withTimeout(Promise.race([connecting, closedFirst]), timeoutMs, () => new RouterOsConnectionError(`no API login at ${where(endpoint)} within ${timeoutMs} ms`, "timeout"));
    } catch (error) {
      api.connector?.destroy();
      throw openError(endpoint, error, socketError);
    }
    return session;
  }

  get closed(): boolean {
    return this.lost !== undefined;
  }

  /** The router's RouterOS version, read once per session. */
  version(): Promise<string> {
    this.versionRead ??= this.run("/system/resource/print", ["=.proplist=version"]).then((rows) => (rows[0]?.version ?? "").split(" ")[0] ?? "");
    return this.versionRead;
  }

  /** Sends one command (its own tag) and resolves with its rows; independent calls run concurrently. */
  run(command: string, words: string[] = []): Promise<Row[]> {
    if (this.lost) return Promise.reject(this.lost);
    if (this.inFlight < this.maxInFlight) return this.send(command, words);
    return new Promise<Row[]>((resolve, reject) => this.waiting.push({ send: () => this.send(command, words).then(resolve, reject), fail: reject }));
  }

  private get maxInFlight(): number {
    return Math.max(1, this.endpoint.maxInFlight ?? RouterOsSession.defaultMaxInFlight);
  }

  private send(command: string, words: string[]): Promise<Row[]> {
    if (this.lost) return Promise.reject(this.lost);
    this.inFlight++;
    const { Channel } = require("node-routeros") as { Channel: new (connector: unknown) => ChannelLike };
    const channel = new Channel(this.api.connector);
    let trap: { message?: string; category?: string } | undefined;
    channel.once("trap", (data: { message?: string; category?: string }) => (trap = data));
    const timeoutMs = this.endpoint.timeoutMs ?? 15000;
    this.commandsSent++;
    return new Promise<Row[]>((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error, rows?: Row[]) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        if (!settled) {
          settled = true;
          this.inFlight--;
          this.sendWaiting();
        }
        if (error) reject(error);
        else resolve(rows ?? []);
      };
      const fail = (error: Error) => settle(error);
      const timer = setTimeout(() => {
        const error = new RouterOsConnectionError(`${command} got no answer from ${where(this.endpoint)} within ${timeoutMs} ms`, "timeout", command);
        this.drop(error); // rejects this command too; the stream's state is unknown: a new session is safer than a late answer
        settle(error);
      }, timeoutMs);
      this.pending.add(fail);
      channel.write([command, ...words]).then(
        (rows) => settle(undefined, rows),
        (error: Error) => settle(trap ? new RouterOsTrapError(trap.message ?? error.message, numberOrUndefined(trap.category), command) : error),
      );
    });
  }

  print(path: string, options: { query?: Query; proplist?: readonly string[] } = {}): Promise<Row[]> {
    const words = [...(options.proplist ? [`=.proplist=${options.proplist.join(",")}`] : []), ...(options.query ? queryWords(options.query) : [])];
    return this.run(`${path}/print`, words);
  }

  async add(path: string, fields: Row, placeBefore?: string): Promise<string> {
    const rows = await this.run(`${path}/add`, [...attributes(fields), ...(placeBefore ? [`=place-before=${placeBefore}`] : [])]);
    const id = rows.find((r) => r.ret !== undefined)?.ret;
    if (!id) throw new RouterOsConnectionError(`${path}/add answered without the new row's id`, "closed", `${path}/add`);
    return id;
  }

  async set(path: string, id: string, fields: Row): Promise<void> {
    await this.run(`${path}/set`, [`=.id=${id}`, ...attributes(fields)]);
  }

  async remove(path: string, ids: readonly string[]): Promise<void> {
    await this.run(`${path}/remove`, [`=.id=${ids.join(",")}`]);
  }

  async move(path: string, ids: readonly string[], destination: string): Promise<void> {
    await this.run(`${path}/move`, [`=numbers=${ids.join(",")}`, `=destination=${destination}`]);
  }

  async close(): Promise<void> {
    if (this.lost) return;
    this.drop(new RouterOsConnectionError("the session was closed", "closed"));
    // node-routeros waits for the router's FIN; a router that never sends it must not hold the process.
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
    await Promise.race([this.api.close().catch(() => undefined), gaveUp]).finally(() => clearTimeout(timer));
    this.api.connector?.destroy();
  }

  /** Hands freed slots to queued commands, oldest first. */
  private sendWaiting(): void {
    while (!this.lost && this.inFlight < this.maxInFlight) {
      const next = this.waiting.shift();
      if (!next) return;
      next.send();
    }
  }

  private drop(error: RouterOsConnectionError): void {
    this.lost ??= error;
    for (const fail of [...this.pending]) fail(error);
    this.pending.clear();
    for (const queued of this.waiting.splice(0)) queued.fail(error);
  }
}

const attributes = (fields: Row): string[] => Object.entries(fields).map(([k, v]) => `=${k}=${v}`);
const where = (endpoint: RouterEndpoint): string => `${endpoint.host}:${endpoint.port ?? defaultPort(endpoint.tls)}`;
const numberOrUndefined = (text: string | undefined): number | undefined => (text === undefined || text === "" ? undefined : Number(text));

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(error()), ms)))]).finally(() => clearTimeout(timer));
}

function openError(endpoint: RouterEndpoint, error: unknown, socketError: (Error & { code?: string }) | undefined): RouterOsConnectionError {
  if (error instanceof RouterOsConnectionError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (socketError?.code === "PIN_MISMATCH") return new RouterOsConnectionError(`refusing ${where(endpoint)}: ${socketError.message}`, "tls");
  if (socketError && endpoint.tls.mode !== "off" && (socketError.code ?? "").match(/CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|ERR_SSL/)) {
    return new RouterOsConnectionError(`refusing ${where(endpoint)}: ${explainTlsError(socketError.code, socketError.message)}`, "tls");
  }
  if (socketError) {
    return new RouterOsConnectionError(`cannot reach the RouterOS API at ${where(endpoint)} (${socketError.code ?? socketError.message}): is the ${endpoint.tls.mode === "off" ? "api" : "api-ssl"} service enabled and reachable?`, "connect");
  }
  if (/password|log in|loggin/i.test(message)) {
    return new RouterOsConnectionError(`${where(endpoint)} refused the login of user ${endpoint.user}: wrong user name or password, or the user lacks the api policy`, "login");
  }
  return new RouterOsConnectionError(`cannot open an API session to ${where(endpoint)}: ${message || "connection closed"}`, "connect");
}
