// One shared API session per router within a provider process: every tunnel on a hub router multiplexes its
// commands over it (tags), so a hub costs one login, and the router's API session limit is never approached.
import { RouterOsSession, type RouterEndpoint } from "./session";

const sessions = new Map<string, Promise<RouterOsSession>>();

const keyOf = (e: RouterEndpoint): string => JSON.stringify([e.host, e.port, e.user, e.password, e.tls]);

/**
 * An open session to the endpoint, reusing the process's session when it is still alive. Concurrent callers (a
 * hub's tunnels) share one login: they wait for the same opening and fail with it, and when the session is lost
 * they share the one replacement, so a router never sees more than one session per process and endpoint.
 */
export async function sessionFor(endpoint: RouterEndpoint): Promise<RouterOsSession> {
  const key = keyOf(endpoint);
  for (let existing = sessions.get(key); existing; existing = sessions.get(key)) {
    const session = await existing;
    if (!session.closed) return session;
    if (sessions.get(key) === existing) break; // still the lost one: this caller replaces it
  }
  const opening = RouterOsSession.open(endpoint);
  sessions.set(key, opening);
  opening.catch(() => {
    if (sessions.get(key) === opening) sessions.delete(key);
  });
  return opening;
}

/** Closes every pooled session (tests, and processes that want to exit promptly). */
export async function closeAllSessions(): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  await Promise.all(all.map((s) => s.then((x) => x.close()).catch(() => undefined)));
}
