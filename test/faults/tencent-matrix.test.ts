// The Tencent half of the fault matrix: every API call of each provider's create, update and delete under throttling,
// InternalError, 502, 503, slow replies, dropped connections and lost replies (once, and on every attempt), failed
// tasks and an empty tunnel id, then the rerun. A fast slice always runs; ROS_VPC_IPSEC_LONG_TESTS=1 runs every cell
// and checks docs/reliability.md.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { cellKey, codeOf, docSection, LONG_ONLY, parseSection, renderSection, WRITE_DOC, writeDocSection, type CellResult, type Outcome, type Step } from "./helpers/matrix";
import {
  applies,
  persistences,
  reference,
  runTencentCell,
  TENCENT_FAULTS,
  TENCENT_OPERATIONS,
  tencentSteps,
  tencentTable,
  type Operation,
  type Persistence,
  type Resource,
  type TencentFault,
} from "./helpers/tencent";

const SECTION = "tencent";
const INTRO = [
  "### Tencent Cloud",
  "",
  "Each cell: an emulated VPC that already holds another stack's gateway, customer gateway, tunnel, VPC route and",
  "gateway route, all named `to_tencent` like ours; one provider operation runs with a fault aimed at the nth call",
  "of an action — once, or on that call and every later one of the action until the run ends (the retries too) —",
  "then, if it failed, runs again as the engine would (a create that failed with an id was recorded as partially",
  "created, so the rerun is an update). Three attempts per call, 0.5 s per request, waits end after 2 s. Cells",
  "read `once / always`; `·` where the fault cannot happen to that call (failed tasks: asynchronous actions only).",
].join("\n");

const KEY = (resource: Resource, operation: Operation) => `${resource} ${operation}`;

/** The fast slice: every fault kind once, a create dropped on every attempt, and each cell that once found a bug. */
const SLICE: Array<[Resource, Operation, string, TencentFault, Persistence, Outcome, string]> = [
  ...TENCENT_FAULTS.map((kind): [Resource, Operation, string, TencentFault, Persistence, Outcome, string] => [
    "connection",
    "create",
    "CreateVpnConnection",
    kind,
    "once",
    kind === "taskFailed" ? "rerun" : "retried",
    kind === "taskFailed" ? "Tencent dropped the failed tunnel; the rerun creates it" : "retried, or the tunnel found by gateway, customer gateway, name and token",
  ]),
  ["connection", "create", "DescribeVpcTaskResult", "lostResponse", "always", "rerun", "the tunnel exists, its task unknown: recorded with its id, so the rerun waits for it instead of creating a second"],
  ["connection", "create", "DescribeVpnConnections", "InternalError", "always", "rerun", "not seen AVAILABLE: recorded, the rerun waits"],
  ["connection", "delete", "DeleteVpnConnection", "InternalError", "always", "rerun", "the wait's error names the answer that kept the deletion from starting"],
  ["gateway", "create", "CreateVpnGateway", "lostResponse", "once", "retried", "the gateway made meanwhile is found by its create token"],
  ["gateway", "create", "CreateVpnGateway", "drop", "always", "rerun", "never made: the lookup after each attempt finds nothing, the run fails, the rerun makes exactly one"],
  ["gateway", "create", "CreateVpnGateway", "taskFailed", "once", "rerun", "the PENDING_ERROR gateway is deleted; the rerun makes a new one"],
  ["gateway", "update", "ResetVpnGatewayInternetMaxBandwidth", "http503", "always", "rerun", "a 503 is not a refused bandwidth: no advice to replace the gateway"],
  ["gateway", "update", "DescribeVpnGateways #2", "RequestLimitExceeded", "always", "rerun", "the read-back after the changes says the changes were made"],
  ["customer gateway", "create", "CreateCustomerGateway", "slow", "once", "retried", "made while the client gave up: found by its address"],
  ["vpc routes", "update", "DeleteRoutes", "lostResponse", "always", "rerun", "routes removed but unacknowledged: the rerun converges on the destinations"],
  ["gateway routes", "create", "CreateVpnGatewayRoutes", "lostResponse", "once", "retried", "routes made but unacknowledged are found, not added twice"],
];

describe("the Tencent fault matrix", () => {
  const steps = new Map<string, Step[]>();
  const expected = new Map<string, string>();
  const tables = () => TENCENT_OPERATIONS.map(([r, o]) => tencentTable(r, o, steps.get(KEY(r, o)) ?? []));
  const documented = () => parseSection(docSection(SECTION), tables());

  before(async () => {
    for (const [resource, operation] of TENCENT_OPERATIONS) {
      steps.set(KEY(resource, operation), await tencentSteps(resource, operation));
      expected.set(KEY(resource, operation), await reference(resource, operation));
    }
  });

  it("docs/reliability.md covers exactly the calls each operation makes today", { skip: WRITE_DOC ? "writing the doc" : false }, () => {
    const doc = documented();
    for (const [resource, operation] of TENCENT_OPERATIONS) {
      const key = KEY(resource, operation);
      assert.deepEqual(doc.steps.get(key), steps.get(key)!.map((s) => s.name), `${key} makes other calls than the doc lists: run the long matrix with ROS_VPC_IPSEC_WRITE_RELIABILITY=1`);
    }
  });

  describe("the fast slice", () => {
    for (const [resource, operation, name, kind, persistence, outcome, why] of SLICE) {
      it(`${resource} ${operation}, ${kind} (${persistence}) at ${name}: ${why}`, async () => {
        const step = steps.get(KEY(resource, operation))!.find((s) => s.name === name);
        assert.ok(step, `${resource} ${operation} no longer calls ${name}`);
        const cell = await runTencentCell(resource, operation, step, kind, persistence, expected.get(KEY(resource, operation))!);
        assert.deepEqual(cell.problems, []);
        assert.equal(cell.outcome, outcome);
        if (!WRITE_DOC) assert.equal(documented().cells.get(cellKey(cell.operation, name, cell.fault)), codeOf(cell), "docs/reliability.md records another outcome");
      });
    }
  });

  describe("every cell", () => {
    const results: CellResult[] = [];
    for (const [resource, operation] of TENCENT_OPERATIONS) {
      it(`${resource} ${operation}: every call under every fault, then the rerun, converges`, { skip: LONG_ONLY }, async () => {
        const cells: CellResult[] = [];
        for (const step of steps.get(KEY(resource, operation))!) {
          for (const kind of TENCENT_FAULTS) {
            if (!applies(kind, step.command)) continue;
            for (const persistence of persistences(kind)) cells.push(await runTencentCell(resource, operation, step, kind, persistence, expected.get(KEY(resource, operation))!));
          }
        }
        results.push(...cells);
        assert.deepEqual(cells.filter((c) => c.problems.length > 0).map((c) => `${c.step}, ${c.fault}: ${c.problems.join("; ")}`), []);
      });
    }

    it("docs/reliability.md records the matrix as it ran", { skip: LONG_ONLY }, () => {
      const section = renderSection(SECTION, INTRO, tables(), results, { operation: "connection create", step: "CreateVpnConnection" });
      if (WRITE_DOC) writeDocSection(SECTION, section);
      else assert.equal(docSection(SECTION), section, "the matrix changed: run it with ROS_VPC_IPSEC_WRITE_RELIABILITY=1 and review the diff");
    });
  });
});
