// End to end without the Pulumi CLI: the lab program run by a mini engine through the SDK's dynamic-provider host,
// over both emulators and the negotiation model — up, no-op up, update, refresh, one mismatch per class, destroy.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { MismatchClass } from "../emulators/ike";
import { asPulumiConfig, startLab, type Lab, type NegotiateOptions } from "../helpers/lab";
import { startMiniEngine, type MiniEngine } from "../helpers/mini-engine";

const FAST = { "ros-vpc-ipsec:tencentBackoffInitialMs": "20", "ros-vpc-ipsec:tencentBackoffMaxMs": "200" };
const program = () => (require("../../src/program") as () => Promise<Record<string, unknown>>)();

describe("the lab stack, end to end through the dynamic-provider host", () => {
  let lab: Lab;
  let engine: MiniEngine;
  let config: Record<string, unknown>;
  const setConfig = (changes: Record<string, unknown>) => {
    config = { ...config, ...changes };
    require("@pulumi/pulumi").runtime.setAllConfig(asPulumiConfig(config));
  };
  /** The lab tunnel as stacks/Pulumi.lab.yaml has it (IKEv2), or with the given ike settings. */
  const setIke = (ike?: object) => setConfig({ "ros-vpc-ipsec:tunnel": { ...(lab.config["ros-vpc-ipsec:tunnel"] as object), ...(ike ? { ike } : {}) } });
  const IKEV1 = { version: "ikev1", exchangeMode: "main" };
  /** up (the model renegotiating as the ends change), then the tunnel must be established. */
  const upEstablished = async (why: string) => {
    lab.watch();
    await engine.up(program);
    lab.unwatch();
    assert.equal(lab.negotiate()?.established, true, why);
  };

  const routerRow = (menu: string, match: (r: Record<string, string>) => boolean) => lab.router.rows(menu).find(match)!;
  const edit = (menu: string, match: (r: Record<string, string>) => boolean, fields: Record<string, string>) =>
    lab.router.update(menu, routerRow(menu, match)[".id"]!, fields);
  const mine = (r: Record<string, string>) => r.name === "to_tencent" || r.comment === "ros-vpc-ipsec:to_tencent";

  /** The tunnel's router rows without SA state, counters or ids (a repair may re-add a row). */
  const tunnelRows = () =>
    ["/ip/ipsec/peer", "/ip/ipsec/profile", "/ip/ipsec/identity", "/ip/ipsec/proposal", "/ip/ipsec/policy"].map((menu) =>
      lab.router.rows(menu).filter((r) => mine(r) || r.peer === "to_tencent").map(({ ".id": _id, "ph2-state": _s, active: _a, "ph2-count": _c, ...r }) => r),
    );
  /** Where both logs end now, so that a negotiation's new lines can be read afterwards. */
  const logMark = () => ({ router: lab.router.rows("/log").length, cloud: existsSync(lab.cloudLogFile) ? readFileSync(lab.cloudLogFile, "utf8").length : 0 });
  /** A failed negotiation since `mark` shows on both sides: a router ipsec,error line and new cloud gateway lines. */
  const assertBothSidesLogged = (expected: MismatchClass, mark: ReturnType<typeof logMark>) => {
    const routerLines = lab.router.rows("/log").slice(mark.router).filter((l) => l.topics?.includes("ipsec"));
    const cloudLines = readFileSync(lab.cloudLogFile, "utf8").slice(mark.cloud).split("\n").filter(Boolean);
    assert.ok(routerLines.some((l) => l.topics?.includes("error")), `the router logged no ipsec error for ${expected}`);
    // The router's packets go to an address with no gateway behind it: the cloud sees nothing, so it logs nothing new.
    if (expected !== "wrong-peer-address") assert.ok(cloudLines.length > 0, `the cloud logged nothing for ${expected}`);
    if (expected === "wrong-peer-address") assert.ok(cloudLines.every((l) => !/established/i.test(l)));
    assert.equal(lab.cloud.state().vpnConnections[0]?.NetStatus, "UNAVAILABLE");
  };

  before(async () => {
    lab = await startLab({ dir: mkdtempSync(join(tmpdir(), "rvi-lab-")), router: { sensitivePolicy: true } });
    config = { ...lab.config, ...FAST };
    engine = await startMiniEngine({ cwd: process.cwd(), config: asPulumiConfig(config) });
  });
  after(async () => {
    lab.unwatch();
    await engine.stop();
    await lab.stop();
  });

  it("up creates both ends in dependency order and the tunnel comes up", async () => {
    lab.watch();
    const outputs = await engine.up(program);
    lab.unwatch();
    assert.deepEqual(engine.operations.map((o) => o.split(" ")[0]), ["create", "create", "create", "create", "create"]);
    assert.equal(engine.operations.at(-1), "create to_tencent-router", "the router comes last: it needs the gateway's address");
    const gateway = lab.cloud.state().vpnGateways[0] as { PublicIpAddress: string };
    assert.equal(outputs.gatewayPublicIp, gateway.PublicIpAddress);
    assert.equal(lab.router.rows("/ip/ipsec/peer").find((p) => p.name === "to_tencent")?.address, `${gateway.PublicIpAddress}/32`);
    assert.equal((outputs.routerStatus as { peerState: string }).peerState, "established");
    assert.equal(lab.router.rows("/ip/ipsec/installed-sa").length, 2);
  });

  it("refresh reads both ends: the cloud connection now reports NetStatus AVAILABLE", async () => {
    await engine.refresh();
    const connection = engine.resources().find((r) => r.name === "to_tencent-tencent-connection")!;
    assert.equal(connection.outputs.netStatus, "AVAILABLE");
  });

  it("a second up with nothing changed changes nothing on either end", async () => {
    lab.router.resetCounters();
    lab.cloud.resetCalls();
    await engine.up(program);
    assert.ok(engine.operations.every((o) => o.startsWith("same ")), engine.operations.join(", "));
    const writes = Object.keys(lab.router.counters.commands).filter((c) => /\/(add|set|remove|move)$/.test(c));
    assert.deepEqual(writes, []);
    assert.deepEqual(Object.keys(lab.cloud.calls).filter((a) => !a.startsWith("Describe")), []);
  });

  it("a new pre-shared key updates both ends in place and the tunnel comes back", async () => {
    setConfig({ "ros-vpc-ipsec:preSharedKey": "lab-psk-rotated-9Tz4xW2q" });
    lab.watch();
    await engine.up(program);
    lab.unwatch();
    assert.deepEqual(engine.operations.filter((o) => !o.startsWith("same")).sort(), ["update to_tencent-router", "update to_tencent-tencent-connection"]);
    assert.equal(lab.router.rows("/ip/ipsec/identity").find((r) => r.peer === "to_tencent")?.secret, "lab-psk-rotated-9Tz4xW2q");
    assert.equal(lab.negotiate()?.established, true);
  });

  describe("one mismatch per class, injected at one end: each side logs its lines", () => {
    // The third column runs the case on a tunnel with those ike settings (switched to first, switched back after).
    const CASES: Array<[MismatchClass, () => NegotiateOptions | void, object?]> = [
      ["psk", () => edit("/ip/ipsec/identity", mine, { secret: "not-the-cloud-key-1234" })],
      ["ike-version", () => edit("/ip/ipsec/peer", mine, { "exchange-mode": "main" })],
      ["identity", () => edit("/ip/ipsec/identity", mine, { "my-id": "fqdn:someone-else.example.com" })],
      ["ike-algorithm", () => edit("/ip/ipsec/profile", mine, { "enc-algorithm": "aes-128" })],
      ["dh-group", () => edit("/ip/ipsec/profile", mine, { "dh-group": "modp1024" })],
      ["ipsec-algorithm", () => edit("/ip/ipsec/proposal", mine, { "auth-algorithms": "sha1" })],
      ["traffic-selectors", () => edit("/ip/ipsec/policy", mine, { "dst-address": "10.100.2.0/24" })],
      ["pfs-group", () => (edit("/ip/ipsec/proposal", mine, { "pfs-group": "modp3072" }), { scenario: { rekey: true } })],
      ["wrong-peer-address", () => edit("/ip/ipsec/peer", mine, { address: "203.0.113.250" })],
      ["customer-gateway-ip", () => ({ routerPublicAddress: "198.51.100.99" })],
      // Behind NAT an automatic my-id is the router's private address (the spec's explicit id avoids this).
      [
        "router-behind-nat",
        () => (
          edit("/ip/ipsec/identity", mine, { "my-id": "auto" }),
          { scenario: { routerBehindNat: "masquerade" }, routerAddress: "192.168.100.2", routerPublicAddress: "198.51.100.2" }
        ),
      ],
      // IKEv2 always floats to UDP 4500 behind NAT (the model establishes); an IKEv1 profile with nat-traversal=no cannot.
      [
        "nat-traversal",
        () => (
          edit("/ip/ipsec/profile", mine, { "nat-traversal": "no" }),
          { scenario: { routerBehindNat: "masquerade" }, routerAddress: "192.168.100.2", routerPublicAddress: "198.51.100.2" }
        ),
        IKEV1,
      ],
    ];

    for (const [expected, inject, ike] of CASES) {
      it(ike ? `${expected} (on an IKEv1 tunnel)` : expected, async () => {
        if (ike) {
          setIke(ike);
          await upEstablished(`the ${expected} case's tunnel did not come up`);
        }
        const before = tunnelRows();
        const mark = logMark();
        const options = inject() ?? {};
        const result = lab.negotiate(options)!;
        assert.equal(result.established && !result.failsOnlyWhen, false, `no failure for ${expected}`);
        assert.equal(result.mismatch, expected);
        assertBothSidesLogged(expected, mark);
        // refresh + up (pulumi up --refresh) repairs what was changed on the router; network knobs end with the scenario.
        lab.watch();
        await engine.refresh();
        await engine.up(program);
        lab.unwatch();
        assert.equal(lab.negotiate()?.established, true, `not repaired after ${expected}`);
        // Established without the case's network knobs proves little for the NAT cases: the edited rows must be back too.
        assert.deepEqual(tunnelRows(), before, `the router's rows are not restored after ${expected}`);
        if (ike) {
          setIke();
          await upEstablished(`the lab tunnel did not come back after ${expected}`);
        }
      });
    }

    it("peer-not-answering: whichever side initiates logs its time-up or retransmit lines", () => {
      const fileBefore = existsSync(lab.cloudLogFile) ? readFileSync(lab.cloudLogFile, "utf8").length : 0;
      const logBefore = lab.router.rows("/log").length;
      assert.equal(lab.negotiate({ scenario: { blocked: true, initiator: "router" } })?.mismatch, "peer-not-answering");
      assert.ok(lab.router.rows("/log").slice(logBefore).some((l) => /phase1 negotiation failed due to time up/.test(l.message ?? "")));
      assert.equal(lab.negotiate({ scenario: { blocked: true, initiator: "cloud" } })?.mismatch, "peer-not-answering");
      assert.match(readFileSync(lab.cloudLogFile, "utf8").slice(fileBefore), /retransmit/);
      assert.equal(lab.negotiate()?.established, true);
    });
  });

  it("an IKEv1 tunnel: aggressive mode on the router fails when the router initiates, works when the cloud does", async () => {
    setIke(IKEV1);
    await engine.up(program);
    assert.equal(lab.negotiate()?.established, true);
    const peer = lab.router.rows("/ip/ipsec/peer").find((p) => p.name === "to_tencent")!;
    lab.router.update("/ip/ipsec/peer", peer[".id"]!, { "exchange-mode": "aggressive" });
    const mark = logMark();
    assert.equal(lab.negotiate({ scenario: { initiator: "router" } })?.mismatch, "exchange-mode");
    assertBothSidesLogged("exchange-mode", mark);
    assert.equal(lab.negotiate({ scenario: { initiator: "cloud" } })?.established, true);
    lab.router.update("/ip/ipsec/peer", peer[".id"]!, { "exchange-mode": "main" });
  });

  it("an IKEv1 tunnel: phase-2 lifetimes differ, which fails only under a strict proposal check on the responding router", () => {
    const profile = lab.router.rows("/ip/ipsec/profile").find((p) => p.name === "to_tencent")!;
    const proposal = lab.router.rows("/ip/ipsec/proposal").find((p) => p.name === "to_tencent")!;
    lab.router.update("/ip/ipsec/proposal", proposal[".id"]!, { lifetime: "30m" });
    assert.equal(lab.negotiate({ scenario: { initiator: "cloud" } })?.established, true, "obey takes the initiator's lifetime");
    lab.router.update("/ip/ipsec/profile", profile[".id"]!, { "proposal-check": "strict" });
    const logBefore = lab.router.rows("/log").length;
    const result = lab.negotiate({ scenario: { initiator: "cloud" } });
    assert.equal(result?.mismatch, "lifetime");
    assert.ok(lab.router.rows("/log").slice(logBefore).some((l) => /lifetime/.test(l.message ?? "")));
    assert.ok(result!.cloudLog.length > 0);
  });

  it("destroy removes everything from both ends", async () => {
    await engine.destroy();
    assert.ok(!lab.router.rows("/ip/ipsec/peer").some((p) => p.name === "to_tencent"));
    assert.ok(!lab.router.rows("/ip/firewall/nat").some((r) => r.comment?.startsWith("ros-vpc-ipsec:")));
    const cloud = lab.cloud.state();
    assert.deepEqual([cloud.vpnGateways.length, cloud.customerGateways.length, cloud.vpnConnections.length], [0, 0, 0]);
  });
});
