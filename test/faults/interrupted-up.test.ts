// An interrupted `pulumi up` followed by `pulumi up`: the lab program through the provider host and an engine that
// fails like Pulumi, stopped midway by a fault in the cloud, then on the router. The second up converges both ends
// with no duplicate and the tunnel comes up; a third changes nothing. Needs dist/ (npm test builds it).
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { RouterOsEmulator } from "../emulators/routeros";
import type { TencentVpcEmulator } from "../emulators/tencent";
import { asPulumiConfig, startLab, type Lab } from "../helpers/lab";
import { startMiniEngine, type MiniEngine } from "../helpers/mini-engine";
import { AimedFault } from "./helpers/routeros";

const FAST = {
  "ros-vpc-ipsec:tencentBackoffInitialMs": "20",
  "ros-vpc-ipsec:tencentBackoffMaxMs": "200",
  "ros-vpc-ipsec:tencentRetryAttempts": "3",
};
const program = () => (require("../../src/program") as () => Promise<Record<string, unknown>>)();
const MARKER = "ros-vpc-ipsec:to_tencent";

/** How many of each object both ends hold: the tunnel's rows on the router, every object in the cloud. */
function census(router: RouterOsEmulator, cloud: TencentVpcEmulator): Record<string, number> {
  const mine = (menu: string) => router.rows(menu).filter((r) => r.comment === MARKER || r.name === "to_tencent").length;
  const s = cloud.state();
  return {
    profile: mine("/ip/ipsec/profile"),
    proposal: mine("/ip/ipsec/proposal"),
    peer: mine("/ip/ipsec/peer"),
    identity: mine("/ip/ipsec/identity"),
    policy: mine("/ip/ipsec/policy"),
    nat: mine("/ip/firewall/nat"),
    gateways: s.vpnGateways.length,
    customerGateways: s.customerGateways.length,
    connections: s.vpnConnections.length,
    vpcRoutes: s.routeTables.flatMap((t) => t.RouteSet ?? []).length,
  };
}
const ONE_OF_EACH = { profile: 1, proposal: 1, peer: 1, identity: 1, policy: 1, nat: 1, gateways: 1, customerGateways: 1, connections: 1, vpcRoutes: 1 };

describe("an interrupted `pulumi up`, then `pulumi up` again", () => {
  let lab: Lab;
  let engine: MiniEngine;

  before(async () => {
    lab = await startLab({ dir: mkdtempSync(join(tmpdir(), "rvi-interrupted-")), router: { sensitivePolicy: true }, gatewayPendingMs: 0 });
    engine = await startMiniEngine({ cwd: process.cwd(), config: asPulumiConfig({ ...lab.config, ...FAST }) });
  });
  after(async () => {
    lab.unwatch();
    await engine.stop();
    await lab.stop();
  });

  /** The interrupted up, then the rerun and a no-op up: returns the first up's error. */
  async function interruptedThenRerun(): Promise<Error> {
    const first = await engine.up(program).then(
      () => undefined,
      (error: Error) => error,
    );
    assert.ok(first, "the fault did not interrupt the first up");
    lab.router.faults = { latencyMs: 0 };
    lab.cloud.clearFaults();
    lab.watch();
    const outputs = await engine.up(program);
    lab.unwatch();
    assert.deepEqual(census(lab.router, lab.cloud), ONE_OF_EACH);
    assert.equal((outputs.routerStatus as { peerState: string }).peerState, "established");
    assert.equal(lab.negotiate()?.established, true);
    await engine.up(program);
    assert.ok(engine.operations.every((o) => o.startsWith("same ")), `a third up still changed something: ${engine.operations.join(", ")}`);
    return first;
  }

  it("in the cloud: CreateVpnConnection fails on every attempt; the second up creates the tunnel and the router's rows", async () => {
    lab.cloud.injectFault({ action: "CreateVpnConnection", kind: "InternalError", times: 1000 });
    const first = await interruptedThenRerun();
    assert.match(first.message, /CreateVpnConnection: InternalError.*Nothing was created; rerunning is safe/s);
  });

  it("on the router, after the destroy: the identity's add applied but never answered; the second up finishes the rows", async () => {
    await engine.destroy();
    assert.deepEqual(Object.values(census(lab.router, lab.cloud)), Object.values(ONE_OF_EACH).map(() => 0));
    lab.router.faults = new AimedFault(lab.router, "lostResponse", { name: "/ip/ipsec/identity/add", command: "/ip/ipsec/identity/add", occurrence: 1 });
    const first = await interruptedThenRerun();
    assert.match(first.message, /(closed|lost) the API session.* before \/ip\/ipsec\/identity\/add was answered.*rerunning is safe/s);
  });
});
