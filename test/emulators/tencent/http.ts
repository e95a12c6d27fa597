// The HTTP edge: listens on 127.0.0.1 only, reads each request, hands it to a handler and carries the outcome
// out (a reply, a delayed reply, or a socket destroyed without reply). Knows nothing of the Tencent API.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { IncomingCall, Outcome } from "./dispatch";

export const LOOPBACK = "127.0.0.1";
const MAX_BODY_BYTES = 1024 * 1024;

export interface Listener {
  port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined));
    req.on("error", reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(",") : value;
  return headers;
}

export function listen(port: number, handle: (call: IncomingCall) => Outcome): Promise<Listener> {
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    readBody(req).then(
      (body) => {
        if (body === undefined) {
          res.writeHead(413, { "content-type": "text/plain" }).end("Request Entity Too Large");
          return;
        }
        const outcome = handle({ method: req.method ?? "", url: req.url ?? "/", headers: headersOf(req), body });
        if (outcome.kind === "destroy") {
          req.socket.destroy();
          return;
        }
        const send = () => res.writeHead(outcome.status, { "content-type": outcome.contentType }).end(outcome.body);
        if (outcome.delayMs <= 0) return send();
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) send();
        }, outcome.delayMs);
        timers.add(timer);
      },
      () => req.socket.destroy(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, LOOPBACK, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const timer of timers) clearTimeout(timer);
            timers.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
