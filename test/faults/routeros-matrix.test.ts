// The RouterOS half of the fault matrix: every command create, update and delete send, under a drop, !trap, !fatal,
// timeout and lost response, then the rerun — converged, nothing duplicated, no foreign row touched, a clear error
// that shows no secret.
// A fast slice always runs; ROS_VPC_IPSEC_LONG_TESTS=1 runs every cell and checks docs/reliability.md against them.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { cellKey, codeOf, docSection, LONG_ONLY, parseSection, renderSection, WRITE_DOC, writeDocSection, type CellResult, type Step } from "./helpers/matrix";
import { reference, ROS_FAULTS, ROS_OPERATIONS, rosSteps, rosTable, runRosCell, type RosFault, type RosOperation } from "./helpers/routeros";

const SECTION = "routeros";
const INTRO = [
  "### RouterOS",
  "",
  "Each cell: a router holding rows made by hand (a tunnel named `branch`, a NAT bypass and a port forward) and a",
  "second managed tunnel `to_tencent2`; the operation runs with one fault aimed at one command (the nth sentence",
  "carrying that command word), then, if it failed, runs again as a new `pulumi up` would. The operation is the",
  "secure example with a FastTrack bypass and two network pairs; the update rotates the key, moves the peer,",
  "changes both lifetimes, replaces one pair and finds masquerade moved above its NAT bypass by hand.",
].join("\n");

/** The fast slice: each fault at least once, each operation, and each cell that once found a bug. */
const SLICE: Array<[RosOperation, string, RosFault, string]> = [
  ["create", "/login", "drop", "a connection dropped during the login is reported at once as closed, not after the timeout"],
  ["create", "/ip/ipsec/peer/add", "drop", "a drop before the peer: the profile and firewall rows are found by the rerun"],
  ["create", "/ip/ipsec/peer/add", "trap", "a refused peer: its level stops, the rerun writes the rest"],
  ["create", "/ip/ipsec/peer/add", "fatal", "!fatal: the router's reason is in the error"],
  ["create", "/ip/ipsec/peer/add", "timeout", "no answer within the command timeout: the session is dropped"],
  ["create", "/ip/ipsec/peer/add", "lostResponse", "a peer added but never acknowledged is adopted by its marker, not added twice"],
  ["create", "/ip/ipsec/profile/add", "lostResponse", "a profile (no comment field) added but unacknowledged is adopted because nothing uses it and it is identical"],
  ["create", "/ip/firewall/nat/add #1", "trap", "one of two concurrent NAT adds refused: the rerun adds it above masquerade"],
  ["update", "/ip/ipsec/identity/set", "lostResponse", "the new key written but unacknowledged"],
  ["update", "/ip/firewall/nat/move", "drop", "the bypass not yet moved back above masquerade"],
  ["update", "/ip/ipsec/policy/remove", "fatal", "the old pair's policy not yet removed"],
  ["delete", "/ip/ipsec/peer/remove", "lostResponse", "the peer removed but unacknowledged: the rerun removes the profile and nothing else"],
  ["delete", "/ip/ipsec/profile/remove", "trap", "the last row refused: the rerun removes it by name"],
];

describe("the RouterOS fault matrix", () => {
  const steps = {} as Record<RosOperation, Step[]>;
  const expected = {} as Record<RosOperation, string[]>;
  const documented = () => parseSection(docSection(SECTION), ROS_OPERATIONS.map((op) => rosTable(op, [])));

  before(async () => {
    for (const operation of ROS_OPERATIONS) {
      steps[operation] = await rosSteps(operation);
      expected[operation] = await reference(operation);
    }
  });

  it("docs/reliability.md covers exactly the commands each operation sends today", { skip: WRITE_DOC ? "writing the doc" : false }, () => {
    const doc = documented();
    for (const operation of ROS_OPERATIONS) {
      assert.deepEqual(doc.steps.get(operation), steps[operation].map((s) => s.name), `${operation} sends other commands than the doc lists: run the long matrix with ROS_VPC_IPSEC_WRITE_RELIABILITY=1`);
    }
  });

  describe("the fast slice", () => {
    for (const [operation, name, fault, why] of SLICE) {
      it(`${operation}, ${fault} at ${name}: ${why}`, async () => {
        const step = steps[operation].find((s) => s.name === name);
        assert.ok(step, `${operation} no longer sends ${name}`);
        const cell = await runRosCell(operation, step, fault, expected[operation]);
        assert.deepEqual(cell.problems, []);
        assert.equal(cell.outcome, "rerun", "the RouterOS provider does not retry: every fault fails the first run");
        if (!WRITE_DOC) assert.equal(documented().cells.get(cellKey(operation, name, fault)), codeOf(cell), "docs/reliability.md records another outcome");
      });
    }
  });

  describe("every cell", () => {
    const results: CellResult[] = [];
    for (const operation of ROS_OPERATIONS) {
      for (const fault of ROS_FAULTS) {
        it(`${operation}: ${fault} at every command, then the rerun, converges`, { skip: LONG_ONLY }, async () => {
          const cells: CellResult[] = [];
          for (const step of steps[operation]) cells.push(await runRosCell(operation, step, fault, expected[operation]));
          results.push(...cells);
          assert.deepEqual(cells.filter((c) => c.problems.length > 0).map((c) => `${c.step}: ${c.problems.join("; ")}`), []);
        });
      }
    }

    it("docs/reliability.md records the matrix as it ran", { skip: LONG_ONLY }, () => {
      const section = renderSection(SECTION, INTRO, ROS_OPERATIONS.map((op) => rosTable(op, steps[op])), results, { operation: "delete", step: "/ip/ipsec/proposal/remove" });
      if (WRITE_DOC) writeDocSection(SECTION, section);
      else assert.equal(docSection(SECTION), section, "the matrix changed: run it with ROS_VPC_IPSEC_WRITE_RELIABILITY=1 and review the diff");
    });
  });
});
