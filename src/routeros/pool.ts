// One shared API session per router within a provider process: every tunnel on a hub router multiplexes its
// commands over it (tags), so a hub costs one login, and the router's API session limit is never approached.
import { RouterOsSession, type RouterEndpoint } from "./session";

const sessions = new Map<string, Promise<RouterOsSession>>();

const keyOf = (e: RouterEndpoint): string => JSON.stringify([e.host, e.port, e.user, e.password, e.tls]);

/** An open session to the endpoint, reusing the process's session when it is still alive. */
export async function sessionFor(endpoint: RouterEndpoint): Promise<RouterOsSession> {
  const key = keyOf(endpoint);
  const existing = sessions.get(key);
  if (existing) {
    const session = await existing.catch(() => undefined);
    if (session && !session.closed) return session;
  }
  const opening = RouterOsSession.open(endpoint);
  sessions.set(key, opening);
  opening.catch(() => sessions.delete(key));
  return opening;
}

/** Closes every pooled session (tests, and processes that want to exit promptly). */
export async function closeAllSessions(): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  await Promise.all(all.map((s) => s.then((x) => x.close()).catch(() => undefined)));
}
