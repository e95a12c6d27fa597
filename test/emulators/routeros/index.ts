// Public face of the RouterOS API emulator: start/stop a server on 127.0.0.1 (plain or api-ssl), seed and read rows,
// decide IPsec negotiation outcomes, flip faults, read counters. Never listens on anything but 127.0.0.1.

import { createServer as createNetServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { newCounters, resetCounters, type Counters, type Faults } from "./faults";
import { addRow, removeIds, setRows } from "./mutations";
import { setNegotiation, type NegotiationOutcome } from "./negotiation";
import { Router } from "./router";
import { Session } from "./session";
import { generateTlsMaterial } from "./tls";
import { RosTrap } from "./trap";
import { parseVersion } from "./version";
import { fromBytes, toBytes } from "./words";

export type { Counters, Faults } from "./faults";
export type { NegotiationOutcome } from "./negotiation";

export interface RouterOsEmulatorOptions {
  /** Emulated RouterOS version, e.g. "6.49.10", "7.12", "7.18.2". Default "7.16". */
  version?: string;
  /** API user name. Default "admin". */
  user?: string;
  /** API password. Default "". */
  password?: string;
  /** Serve api-ssl with a certificate generated at start-up. */
  tls?: boolean;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Whether the API user's group has the `sensitive` policy (identity secrets shown by print). Default false. */
  sensitivePolicy?: boolean;
  /** Start with the default-configuration firewall (fasttrack rule + masquerade) instead of empty tables. Default true. */
  defaultFirewall?: boolean;
  /** /system/resource board-name. Default "RB5009UG+S+". */
  boardName?: string;
  /** /system/identity name. Default "MikroTik". */
  identity?: string;
  /** The router's own public address, used as local-address of active-peers/installed-sa. Default "198.51.100.2". */
  wanAddress?: string;
}

function toByteFields(fields: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(fields).map(([k, v]) => [k, toBytes(v)]));
}

/** Runs a model write, turning a RouterOS refusal into an Error naming the menu. */
function strictly<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof RosTrap) throw new Error(`${what}: RouterOS would refuse: ${err.message}`);
    throw err;
  }
}

export class RouterOsEmulator {
  readonly host = "127.0.0.1" as const;
  readonly port: number;
  readonly version: string;
  readonly tls?: { certPem: string; caPem: string; fingerprint256: string };
  faults: Faults = { latencyMs: 0 };
  readonly counters: Counters = newCounters();

  private readonly sockets = new Set<Socket>();
  private readonly sessions = new Set<Session>();

  private constructor(
    private readonly server: Server,
    private readonly router: Router,
    private readonly opts: Required<Pick<RouterOsEmulatorOptions, "user" | "password" | "sensitivePolicy">>,
    port: number,
    tls: RouterOsEmulator["tls"],
  ) {
    this.port = port;
    this.version = router.version.text;
    if (tls) this.tls = tls;
  }

  static async start(options: RouterOsEmulatorOptions = {}): Promise<RouterOsEmulator> {
    const version = parseVersion(options.version ?? "7.16");
    const router = new Router({
      version,
      defaultFirewall: options.defaultFirewall ?? true,
      boardName: options.boardName ?? "RB5009UG+S+",
      identity: toBytes(options.identity ?? "MikroTik"),
      wanAddress: options.wanAddress ?? "198.51.100.2",
    });
    const material = options.tls ? await generateTlsMaterial() : undefined;
    let emulator: RouterOsEmulator | undefined;
    const onSocket = (socket: Socket): void => emulator?.accept(socket);
    const server = material
      ? createTlsServer({ key: material.keyPem, cert: material.certPem }, onSocket)
      : createNetServer(onSocket);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("emulator: no TCP address");
    emulator = new RouterOsEmulator(
      server,
      router,
      { user: options.user ?? "admin", password: options.password ?? "", sensitivePolicy: options.sensitivePolicy ?? false },
      address.port,
      material && { certPem: material.certPem, caPem: material.caPem, fingerprint256: material.fingerprint256 },
    );
    return emulator;
  }

  private accept(socket: Socket): void {
    const c = this.counters;
    c.connections++;
    c.openConnections++;
    c.peakConnections = Math.max(c.peakConnections, c.openConnections);
    socket.setNoDelay(true);
    this.sockets.add(socket);
    const emulator = this;
    const session = new Session(socket, {
      router: this.router,
      get faults() {
        return emulator.faults;
      },
      counters: this.counters,
      user: this.opts.user,
      password: this.opts.password,
      sensitivePolicy: this.opts.sensitivePolicy,
    });
    this.sessions.add(session);
    socket.once("close", () => {
      c.openConnections--;
      this.sockets.delete(socket);
      this.sessions.delete(session);
    });
  }

  /** All rows of a menu as print would show them with the sensitive policy: .id included, table order, UTF-8 text. */
  rows(menu: string): Array<Record<string, string>> {
    return this.router.rows(menu).map((row) => Object.fromEntries(this.router.render(menu, row, true).map(([k, v]) => [k, fromBytes(v)])));
  }

  /**
   * Adds a row and returns its .id. Non-dynamic rows go through the same checks as an API `add` (throws if RouterOS
   * would refuse); dynamic rows (active-peers, connection tracking...) are stored as given.
   */
  seed(menu: string, fields: Record<string, string>, opts: { dynamic?: boolean; placeBefore?: string } = {}): string {
    const spec = this.router.menu(menu);
    if (!opts.dynamic) {
      const args = toByteFields(fields);
      if (opts.placeBefore !== undefined) args.set("place-before", opts.placeBefore);
      return strictly(`seed ${menu}`, () => addRow(this.router, spec, args));
    }
    const values = Object.fromEntries([...toByteFields(fields)].map(([k, v]) => {
      const f = this.router.field(spec, k);
      return [k, f?.type.kind === "ref" ? (this.router.byKey(f.type.menu, v)?.id ?? v) : v];
    }));
    const row = this.router.newRow(values, { dynamic: true });
    this.router.insert(menu, row, opts.placeBefore);
    return row.id;
  }

  /** Out-of-band edit (drift, as if made on the console): checked like an API `set`, but read-only fields may be written. */
  update(menu: string, id: string, fields: Record<string, string>): void {
    const args = toByteFields(fields);
    args.set(".id", id);
    strictly(`update ${menu} ${id}`, () => setRows(this.router, this.router.menu(menu), args, { outOfBand: true }));
  }

  /** Out-of-band removal with no checks at all (references to the row are left dangling, shown as the bare .id). */
  removeRow(menu: string, id: string): void {
    if (!this.router.row(menu, id)) throw new Error(`removeRow: ${menu} has no row ${id}`);
    removeIds(this.router, menu, [id]);
  }

  setNegotiation(peerName: string, outcome: NegotiationOutcome): void {
    setNegotiation(this.router, peerName, outcome);
  }

  appendLog(topics: string, message: string): void {
    this.router.appendLog(toBytes(topics), toBytes(message));
  }

  resetCounters(): void {
    resetCounters(this.counters);
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.shutdown();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
