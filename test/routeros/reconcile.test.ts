import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reconcile, removalPlan, type ActualRow, type Snapshot } from "../../src/routeros/reconcile";
import { ownerMarker, renderRouterOsRows, type DesiredRows } from "../../src/routeros/render";
import { MENU_ORDER } from "../../src/routeros/schema";
import { exampleSpec } from "../helpers/specs";

const marker = ownerMarker("to_tencent");
const options = { marker, version: "7.16" };
const desired = renderRouterOsRows(exampleSpec("article"));

function emptySnapshot(): Snapshot {
  return Object.fromEntries(MENU_ORDER.map((m) => [m, [] as ActualRow[]])) as Snapshot;
}

/** The router after a successful create: every desired row present, with ids. */
function appliedSnapshot(rows: DesiredRows = desired): Snapshot {
  const snap = emptySnapshot();
  let n = 0x10;
  for (const menu of MENU_ORDER) snap[menu] = rows[menu].map((fields) => ({ id: `*${(n++).toString(16).toUpperCase()}`, fields: { ...fields } }));
  return snap;
}

const ops = (plan: ReturnType<typeof reconcile>) => plan.levels.map((level) => level.map((c) => `${c.op} ${c.menu}`).sort());

describe("reconcile", () => {
  it("creates everything in three dependent levels on an empty router", () => {
    const plan = reconcile(desired, emptySnapshot(), options);
    assert.deepEqual(ops(plan), [["add nat", "add profile", "add proposal"], ["add peer"], ["add identity", "add policy"]]);
    assert.deepEqual(plan.conflicts, []);
  });

  it("writes nothing when the router already matches, even in RouterOS's own spellings", () => {
    const snap = appliedSnapshot();
    const profile = snap.profile[0]!;
    profile.fields = { ...profile.fields, lifetime: "24h", "nat-traversal": "true" };
    snap.peer[0]!.fields.address = "119.91.254.122";
    const plan = reconcile(desired, snap, options);
    assert.deepEqual(plan.levels, []);
    assert.deepEqual(plan.drift, []);
  });

  it("sets only the field that changed", () => {
    const changed = renderRouterOsRows(exampleSpec("article", { ike: { version: "ikev1", encryption: "aes-128-cbc", integrity: "md5", dhGroup: 2 } }));
    const plan = reconcile(changed, appliedSnapshot(), options);
    assert.deepEqual(plan.levels, [[{ op: "set", menu: "profile", id: appliedSnapshot().profile[0]!.id, fields: { "dh-group": "modp1024" } }]]);
  });

  it("re-adds a row deleted out of band and removes rows it no longer wants", () => {
    const snap = appliedSnapshot();
    snap.policy = [];
    const plan = reconcile(renderRouterOsRows(exampleSpec("article", { router: { natBypass: false } })), snap, options);
    assert.deepEqual(ops(plan), [["remove nat"], ["add policy"]]);
    assert.deepEqual(plan.drift.map((d) => `${d.kind} ${d.menu}`).sort(), ["extra nat", "missing policy"]);
  });

  it("places new NAT bypass rows before the first masquerade, skipping dynamic rows", () => {
    const snap = emptySnapshot();
    snap.nat = [
      { id: "*1", fields: { chain: "srcnat", action: "masquerade", dynamic: "true" } },
      { id: "*2", fields: { chain: "dstnat", action: "dst-nat" } },
      { id: "*3", fields: { chain: "srcnat", action: "masquerade", "out-interface-list": "WAN" } },
    ];
    const add = reconcile(desired, snap, options).levels[0]!.find((c) => c.menu === "nat");
    assert.deepEqual(add, { op: "add", menu: "nat", fields: desired.nat[0], placeBefore: "*3" });
  });

  it("places new NAT bypass rows before a netmap rule too: it rewrites the source like masquerade", () => {
    const snap = emptySnapshot();
    snap.nat = [
      { id: "*2", fields: { chain: "srcnat", action: "accept", "src-address": "192.168.9.0/24" } },
      { id: "*4", fields: { chain: "srcnat", action: "netmap", "to-addresses": "203.0.113.0/24" } },
      { id: "*5", fields: { chain: "srcnat", action: "masquerade" } },
    ];
    const add = reconcile(desired, snap, options).levels[0]!.find((c) => c.menu === "nat");
    assert.deepEqual(add, { op: "add", menu: "nat", fields: desired.nat[0], placeBefore: "*4" });
  });

  it("moves a NAT bypass row that ended up below masquerade back above it", () => {
    const snap = appliedSnapshot();
    snap.nat.unshift({ id: "*A0", fields: { chain: "srcnat", action: "src-nat", "to-addresses": "203.0.113.1" } });
    const plan = reconcile(desired, snap, options);
    assert.deepEqual(plan.levels, [[{ op: "move", menu: "nat", ids: [snap.nat[1]!.id], destination: "*A0" }]]);
    assert.deepEqual(plan.drift, [{ menu: "nat", key: "srcnat|192.168.1.0/24|10.100.1.0/24", kind: "order" }]);
  });

  it("never touches a row without the marker: a hand-made peer of the same name is a conflict", () => {
    const snap = emptySnapshot();
    snap.peer = [{ id: "*5", fields: { name: "to_tencent", address: "119.91.254.122/32", profile: "default" } }];
    const plan = reconcile(desired, snap, options);
    assert.deepEqual(plan.conflicts, [{ menu: "peer", key: "to_tencent", id: "*5" }]);
    assert.ok(plan.levels.flat().every((c) => !("id" in c) || c.id !== "*5"));
  });

  it("takes over a hand-made tunnel with adopt, marking its rows", () => {
    const snap = emptySnapshot();
    snap.peer = [{ id: "*5", fields: { name: "to_tencent", address: "119.91.254.122/32", profile: "to_tencent", "exchange-mode": "main" } }];
    snap.policy = [{ id: "*6", fields: { peer: "to_tencent", tunnel: "true", "src-address": "192.168.1.0/24", "dst-address": "10.100.1.0/24", proposal: "default" } }];
    const plan = reconcile(desired, snap, { ...options, adopt: true });
    assert.deepEqual(plan.conflicts, []);
    const sets = plan.levels.flat().filter((c) => c.op === "set");
    assert.deepEqual(sets.map((c) => (c.op === "set" ? [c.menu, c.id, c.fields.comment] : [])), [
      ["peer", "*5", marker],
      ["policy", "*6", marker],
    ]);
  });

  it("adopts the profile an interrupted create left (same name, identical, unused) but not a different one", () => {
    const left = emptySnapshot();
    left.profile = [{ id: "*7", fields: { ...desired.profile[0]! } }];
    assert.deepEqual(ops(reconcile(desired, left, options))[0], ["add nat", "add proposal"]);
    const other = emptySnapshot();
    other.profile = [{ id: "*7", fields: { ...desired.profile[0]!, "dh-group": "modp2048" } }];
    assert.deepEqual(reconcile(desired, other, options).conflicts, [{ menu: "profile", key: "to_tencent", id: "*7" }]);
  });

  it("does not adopt an identical profile that another peer uses", () => {
    const snap = emptySnapshot();
    snap.profile = [{ id: "*7", fields: { ...desired.profile[0]! } }];
    snap.peer = [{ id: "*8", fields: { name: "hand-made", profile: "to_tencent", address: "198.51.100.1/32" } }];
    assert.deepEqual(reconcile(desired, snap, options).conflicts.map((c) => c.menu), ["profile"]);
  });

  it("writes the hidden secret only when asked (the key changed)", () => {
    const snap = appliedSnapshot();
    delete snap.identity[0]!.fields.secret;
    assert.deepEqual(reconcile(desired, snap, options).levels, []);
    const plan = reconcile(desired, snap, { ...options, writeSecret: true });
    assert.deepEqual(plan.levels, [[{ op: "set", menu: "identity", id: snap.identity[0]!.id, fields: { secret: "123456" } }]]);
  });

  it("removes exactly the owned rows on delete, dependents first, and leaves everything else", () => {
    const snap = appliedSnapshot();
    snap.nat.push({ id: "*F1", fields: { chain: "srcnat", action: "masquerade" } });
    snap.peer.push({ id: "*F2", fields: { name: "other", comment: "mine" } });
    const plan = removalPlan(desired, snap, options);
    const removed = (level: number) => plan.levels[level]!.map((c) => c.menu).sort();
    assert.deepEqual([removed(0), removed(1), removed(2)], [["identity", "nat", "policy"], ["peer"], ["profile", "proposal"]]);
    const ids = plan.levels.flat().flatMap((c) => (c.op === "remove" ? c.ids : []));
    assert.ok(!ids.includes("*F1") && !ids.includes("*F2"));
  });

  it("plans nothing for a delete when the rows are already gone", () => {
    assert.deepEqual(removalPlan(desired, emptySnapshot(), options).levels, []);
  });
});

describe("reconcile, what a hand or an upgrade leaves behind", () => {
  it("puts back a peer, a policy or a NAT bypass disabled by hand", () => {
    const snap = appliedSnapshot();
    snap.peer[0]!.fields.disabled = "true";
    snap.nat[0]!.fields.disabled = "yes";
    const plan = reconcile(desired, snap, options);
    const sets = plan.levels.flat().filter((c) => c.op === "set");
    assert.deepEqual(sets.map((c) => (c.op === "set" ? [c.menu, c.fields] : [])), [
      ["nat", { disabled: "false" }],
      ["peer", { disabled: "false" }],
    ]);
  });

  it("recognises its proposal after an upgrade past 7.15 (no comment yet) and marks it", () => {
    const snap = appliedSnapshot(renderRouterOsRows(exampleSpec("article"), { version: "7.12" }));
    const plan = reconcile(desired, snap, { marker, version: "7.16" });
    assert.deepEqual(plan.conflicts, []);
    assert.deepEqual(plan.levels.flat(), [{ op: "set", menu: "proposal", id: snap.proposal[0]!.id, fields: { comment: marker } }]);
  });

  it("takes back its profile after an interrupted create even when the spec changed since", () => {
    const snap = emptySnapshot();
    snap.profile = [{ id: "*7", fields: { ...desired.profile[0]! } }];
    snap.nat = [{ id: "*8", fields: { ...desired.nat[0]! } }];
    const changed = renderRouterOsRows(exampleSpec("article", { ike: { version: "ikev1", encryption: "aes-128-cbc", integrity: "md5", dhGroup: 1, lifetime: "8h" } }));
    const plan = reconcile(changed, snap, options);
    assert.deepEqual(plan.conflicts, []);
    assert.ok(plan.levels.flat().some((c) => c.op === "set" && c.menu === "profile" && c.id === "*7"));
  });

  it("still refuses an unused profile of the same name when nothing of the tunnel is on the router", () => {
    const snap = emptySnapshot();
    snap.profile = [{ id: "*7", fields: { ...desired.profile[0]!, lifetime: "8h" } }];
    assert.deepEqual(reconcile(desired, snap, options).conflicts.map((c) => c.menu), ["profile"]);
  });
});
