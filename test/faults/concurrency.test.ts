// Two stacks changing one router at once: two dynamic-provider hosts (two processes, each with its own session pool)
// create, update and delete tunnels on one emulated router concurrently, among rows made by hand. Every tunnel ends
// with exactly the rows it alone would write, and nothing it does not own changes. Needs dist/ (npm test builds it).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TunnelInputs } from "../../src/routeros/inputs";
import { routerOsProviderShim } from "../../src/routeros/tunnel";
import type { RouterOsEmulator } from "../emulators/routeros";
import { secret, serializedProvider, startProviderHost, type HostedResource, type ProviderHost, type Props } from "../helpers/provider-host";
import { closeAllSessions, PASSWORD, providerFor, startRouter } from "../helpers/router";
import { foreignRows, MENUS, otherTunnel, seedHandMade } from "./helpers/routeros";

const TYPE = "pulumi-nodejs:dynamic/ros-vpc-ipsec:RouterOsIpsecTunnel";
/** Two tunnels per process; numbers pick each tunnel's networks. */
const TUNNELS = [
  { process: 0, name: "hq", n: 11 },
  { process: 0, name: "hq_backup", n: 12 },
  { process: 1, name: "branch_a", n: 21 },
  { process: 1, name: "branch_b", n: 22 },
] as const;

const owner = (row: Record<string, string>, menu: string): string | undefined =>
  row.comment?.startsWith("ros-vpc-ipsec:") ? row.comment.slice("ros-vpc-ipsec:".length) : /\/(profile|proposal)$/.test(menu) && TUNNELS.some((t) => t.name === row.name) ? row.name : undefined;
const managedNames = new Set<string>(TUNNELS.map((t) => t.name));
const isManaged = (menu: string, row: Record<string, string>) => managedNames.has(owner(row, menu) ?? "");

/** One tunnel's rows, ids left out, sorted: what it wrote, wherever it sits. */
function rowsOf(router: RouterOsEmulator, name: string): string[] {
  return MENUS.flatMap((menu) =>
    router
      .rows(menu)
      .filter((row) => owner(row, menu) === name)
      .map(({ ".id": _id, ...row }) => `${menu} ${JSON.stringify(row)}`),
  ).sort();
}

/** Inputs as the program sends them: the password comes from the stack's config, not the inputs. */
function inputsFor(router: RouterOsEmulator, t: (typeof TUNNELS)[number], version: "initial" | "updated"): Props {
  const base = otherTunnel(router, t.name, t.n);
  const { password: _password, ...rest } = base;
  if (version === "initial") return rest as unknown as Props;
  const spec = { ...base.spec, cloudCidrs: [`10.${t.n}.0.0/16`, `10.${t.n + 100}.0.0/16`] } as TunnelInputs["spec"];
  return { ...rest, spec, preSharedKey: `rotated-${t.name}-key-0123456789` } as unknown as Props;
}

/** Every managed bypass row sits above the rule it must precede (masquerade; fasttrack). */
function bypassesInPlace(router: RouterOsEmulator): boolean {
  const above = (menu: string, anchor: (r: Record<string, string>) => boolean) => {
    const rows = router.rows(menu);
    const first = rows.findIndex(anchor);
    return rows.every((r, i) => !isManaged(menu, r) || i < first);
  };
  return above("/ip/firewall/nat", (r) => r.action === "masquerade") && above("/ip/firewall/filter", (r) => r.action === "fasttrack-connection");
}

describe("two provider processes changing one router at once", () => {
  let router: RouterOsEmulator;
  let reference: RouterOsEmulator;
  const hosts: ProviderHost[] = [];
  const resources: HostedResource[] = [];
  const state = new Map<string, Props>();
  let foreign: string[];

  /** The rows each tunnel writes when it is alone on a router (same hand-made rows, one provider, in sequence). */
  async function alone(version: "initial" | "updated"): Promise<Map<string, string[]>> {
    const provider = await providerFor(reference);
    const expected = new Map<string, string[]>();
    for (const t of TUNNELS) {
      const inputs = { ...(inputsFor(reference, t, version) as unknown as TunnelInputs), password: PASSWORD };
      const made = (await provider.create(inputs)).outs!;
      expected.set(t.name, rowsOf(reference, t.name));
      await provider.delete("id", made);
    }
    await closeAllSessions();
    return expected;
  }

  before(async () => {
    router = await startRouter();
    reference = await startRouter();
    seedHandMade(router);
    seedHandMade(reference);
    const shim = await serializedProvider(routerOsProviderShim);
    for (let i = 0; i < 2; i++) {
      const host = await startProviderHost({ cwd: process.cwd() });
      await host.configure({ "ros-vpc-ipsec:routerPassword": secret(PASSWORD), "ros-vpc-ipsec:routerUser": "admin" });
      hosts.push(host);
      resources.push(host.resource(shim, TYPE));
    }
    foreign = foreignRows(router, isManaged);
    router.faults = { latencyMs: 5 }; // every reply waits: the processes' commands interleave
  });
  after(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    await Promise.all([router.stop(), reference.stop()]);
  });

  it("create: four tunnels, two per process, at once — each with the rows it alone would write, one session per process", async () => {
    const expected = await alone("initial");
    router.resetCounters();
    const created = await Promise.all(TUNNELS.map((t) => resources[t.process]!.create(inputsFor(router, t, "initial"))));
    TUNNELS.forEach((t, i) => state.set(t.name, created[i]!.properties));
    assert.equal(router.counters.peakConnections, 2, "each process holds one API session, and both were open at once");
    assert.ok(router.counters.peakInFlight > 1, "commands of both processes were outstanding at the same time");
    for (const t of TUNNELS) assert.deepEqual(rowsOf(router, t.name), expected.get(t.name), t.name);
    assert.ok(bypassesInPlace(router), "a bypass ended below masquerade or fasttrack");
    assert.deepEqual(foreignRows(router, isManaged), foreign);
  });

  it("update: all four change key and networks at once — same rows as each updated alone", async () => {
    const expected = await alone("updated");
    const updated = await Promise.all(TUNNELS.map((t) => resources[t.process]!.update(`id-${t.name}`, state.get(t.name)!, inputsFor(router, t, "updated"))));
    TUNNELS.forEach((t, i) => state.set(t.name, updated[i]!.properties));
    for (const t of TUNNELS) assert.deepEqual(rowsOf(router, t.name), expected.get(t.name), t.name);
    assert.ok(bypassesInPlace(router));
    assert.deepEqual(foreignRows(router, isManaged), foreign);
  });

  it("delete one tunnel of each process while the other two are changed back: only the deleted ones' rows go", async () => {
    const expected = await alone("initial");
    const [gone, kept] = [TUNNELS.filter((t) => t.n % 2 === 1), TUNNELS.filter((t) => t.n % 2 === 0)];
    await Promise.all([
      ...gone.map((t) => resources[t.process]!.delete(`id-${t.name}`, state.get(t.name)!)),
      ...kept.map((t) => resources[t.process]!.update(`id-${t.name}`, state.get(t.name)!, inputsFor(router, t, "initial"))),
    ]);
    for (const t of gone) assert.deepEqual(rowsOf(router, t.name), [], t.name);
    for (const t of kept) assert.deepEqual(rowsOf(router, t.name), expected.get(t.name), t.name);
    assert.ok(bypassesInPlace(router));
    assert.deepEqual(foreignRows(router, isManaged), foreign);
    assert.equal(hosts.some((h) => /Error/.test(h.stderr())), false, hosts.map((h) => h.stderr()).join("\n"));
  });
});
