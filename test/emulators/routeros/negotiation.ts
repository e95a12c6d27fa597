// The test hook that decides how a peer's IKE negotiation ends: established (active-peers + installed-sa rows),
// failed (log lines, no SAs) or idle. Writes emulator state only; never talks to a socket.

import { randomBytes } from "node:crypto";
import { SA_ENC } from "./algorithms";
import { removeIds } from "./mutations";
import { ACTIVE_PEERS, INSTALLED_SA } from "./menus/ipsec-monitor";
import { PEER, POLICY, PROPOSAL } from "./menus/ipsec";
import type { Router } from "./router";
import type { Row } from "./schema";
import { formatDuration, parseDuration } from "./values";
import { toBytes } from "./words";

export type NegotiationOutcome =
  | { state: "established"; initiator?: "local" | "remote"; natt?: boolean }
  | { state: "failed"; log: Array<{ topics: string; message: string }> }
  | { state: "idle" };

let spiCounter = 0x0c6ba1b4;

function clearMonitoring(router: Router, peerId: string): void {
  for (const menu of [ACTIVE_PEERS, INSTALLED_SA]) {
    removeIds(router, menu, router.rows(menu).filter((r) => r.meta.peer === peerId).map((r) => r.id));
  }
}

/** "1.2.3.4/32" → "1.2.3.4"; a DNS name stays as it is. */
const host = (address: string): string => (/^[\d.]+\/32$/.test(address) ? address.slice(0, -3) : address.split("/")[0] ?? address);

function saRows(router: Router, peer: Row, local: string, remote: string, since: number): Row[] {
  const policies = router.rows(POLICY).filter((p) => p.values.peer === peer.id && router.value(POLICY, p, "template") === "false");
  const proposals = (policies.length ? policies : [undefined]).map((p) =>
    p ? router.row(PROPOSAL, p.values.proposal ?? "") ?? router.byKey(PROPOSAL, "default")! : router.byKey(PROPOSAL, "default")!,
  );
  return proposals.flatMap((proposal) => {
    const auth = (router.value(PROPOSAL, proposal, "auth-algorithms") ?? "sha1").split(",")[0]!;
    const enc = (router.value(PROPOSAL, proposal, "enc-algorithms") ?? "aes-256-cbc").split(",")[0]!;
    const [encAlgorithm, keySize] = SA_ENC[enc] ?? ["aes-cbc", "256"];
    const lifetime = parseDuration(router.value(PROPOSAL, proposal, "lifetime") ?? "30m") ?? 1_800_000;
    const stamp = new Date(since).toISOString().replace("T", " ").slice(0, 19);
    return [
      [local, remote],
      [remote, local],
    ].map(([src, dst]) =>
      router.newRow(
        {
          spi: `0x${(spiCounter++).toString(16).toUpperCase()}`,
          "src-address": src!,
          "dst-address": dst!,
          state: "mature",
          "auth-algorithm": auth,
          "enc-algorithm": encAlgorithm,
          "enc-key-size": keySize,
          "auth-key": randomBytes(20).toString("hex"),
          "enc-key": randomBytes(Number(keySize) / 8).toString("hex"),
          "add-lifetime": `${formatDuration(Math.floor((lifetime * 0.8) / 1000) * 1000)}/${formatDuration(lifetime)}`,
          addtime: stamp,
          "expires-in": formatDuration(lifetime),
          "current-bytes": "0",
          "current-packets": "0",
          replay: "128",
        },
        { dynamic: true, meta: { peer: peer.id } },
      ),
    );
  });
}

export function setNegotiation(router: Router, peerName: string, outcome: NegotiationOutcome): void {
  const peer = router.byKey(PEER, toBytes(peerName));
  if (!peer) throw new Error(`setNegotiation: no /ip/ipsec/peer named "${peerName}"`);
  clearMonitoring(router, peer.id);
  if (outcome.state === "idle") return router.setNegotiationState(peer.id, undefined);
  if (outcome.state === "failed") {
    router.setNegotiationState(peer.id, { state: "failed" });
    for (const line of outcome.log) router.appendLog(toBytes(line.topics), toBytes(line.message));
    return;
  }
  const since = router.now;
  const initiator = outcome.initiator ?? "local";
  const natt = outcome.natt ?? false;
  router.setNegotiationState(peer.id, { state: "established", since, initiator, natt });
  const local = router.value(PEER, peer, "local-address") ?? router.options.wanAddress;
  const remote = host(router.value(PEER, peer, "address") ?? "0.0.0.0");
  const policies = router.rows(POLICY).filter((p) => p.values.peer === peer.id).length;
  const active = router.newRow(
    {
      id: remote,
      "local-address": local,
      port: natt ? "4500" : "500",
      "remote-address": remote,
      state: "established",
      side: initiator === "local" ? "initiator" : "responder",
      responder: String(initiator === "remote"),
      "natt-peer": String(natt),
      "last-seen": "1s",
      "ph2-total": String(Math.max(1, policies)),
      "rx-bytes": "1512",
      "tx-bytes": "1820",
      "rx-packets": "12",
      "tx-packets": "14",
    },
    { dynamic: true, meta: { peer: peer.id, since: String(since) } },
  );
  router.insert(ACTIVE_PEERS, active);
  for (const sa of saRows(router, peer, local, remote, since)) router.insert(INSTALLED_SA, sa);
  router.appendLog(toBytes("ipsec,info"), toBytes(`ph2 ${initiator === "local" ? "side: initiator" : "side: responder"} peer: ${remote} established`));
}
