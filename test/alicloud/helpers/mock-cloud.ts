// A recording stand-in for the Pulumi engine and the Alibaba provider: every registered resource with its inputs,
// parent, dependencies and secret-output options, plus canned ids and lookups. Test-only; never reaches a cloud.
// Call startMockCloud() before loading the code under test (setMocks is process-global; each test file is a process).
import * as pulumi from "@pulumi/pulumi";
import { MOCK_ALICLOUD_GATEWAY_IP, MOCK_ALICLOUD_STANDBY_IP, startMockEngine, type MockEngine, type Registered } from "../../helpers/mock-engine";

export { isSecret as isSecretEnvelope, mockId, revealSecret } from "../../helpers/mock-engine";
export type RecordedResource = Registered;

/** What the getGateways lookup knows (DescribeVpnGateways), keyed by gateway id. */
export interface MockGateway {
  id: string;
  vpcId: string;
  internetIp: string;
  enableIpsec: "enable" | "disable";
  /** Set on a dual-tunnel gateway: its standby tunnel's address. */
  disasterRecoveryInternetIp?: string;
}

export interface MockCloud {
  /** Every resource registered so far, in registration order. */
  resources(): RecordedResource[];
  named(prefix: string): RecordedResource[];
  one(name: string): RecordedResource;
  invokes: MockEngine["invokes"];
}

/** The public address every mock gateway gets. */
export const MOCK_GATEWAY_IP = MOCK_ALICLOUD_GATEWAY_IP;
/** The standby address every mock dual-tunnel gateway gets. */
export const MOCK_STANDBY_IP = MOCK_ALICLOUD_STANDBY_IP;

/** The shared mock engine, answering the Alibaba gateway lookup from `gateways`. */
export function startMockCloud(gateways: MockGateway[] = []): MockCloud {
  const engine = startMockEngine({
    invoke: (token, inputs) => {
      if (token !== "alicloud:vpn/getGateways:getGateways") throw new Error(`unexpected invoke ${token}`);
      const ids = (inputs.ids as string[] | undefined) ?? [];
      const found = gateways.filter((g) => ids.includes(g.id));
      return { gateways: found, ids: found.map((g) => g.id), names: found.map((g) => g.id), id: "region" };
    },
  });
  return { resources: engine.all, named: engine.named, one: engine.one, invokes: engine.invokes };
}

/** An Output's value (the way a test waits for the engine). */
export function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply(done));
}

/** An Output's value, or the error it fails with. */
export function settle<T>(output: pulumi.Output<T>): Promise<{ value?: T; error?: unknown }> {
  return new Promise((done) => {
    output.apply((value) => done({ value }));
    // Output has no public rejection hook: its promise is reached through the same path pulumi.all uses.
    void (output as unknown as { promise(): Promise<T> }).promise().catch((error: unknown) => done({ error }));
  });
}

/** Lets registrations and unhandled rejections that are already under way run to the end. */
export const quiet = (ms = 50): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Runs `body` with unhandled rejections collected instead of failing the test: a check that fails at deploy time
 * rejects the inputs of the resources waiting on it, which the Pulumi runtime reports as an unhandled rejection
 * (`pulumi up` prints it and stops). Returns the messages of what was rejected.
 */
export async function rejectionsDuring(body: () => Promise<void>, settleMs = 100): Promise<string[]> {
  const saved = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  const messages: string[] = [];
  const collect = (reason: unknown) => messages.push(reason instanceof Error ? reason.message : String(reason));
  process.on("unhandledRejection", collect);
  try {
    await body();
    await quiet(settleMs);
    // As `pulumi up`'s handler does: a logged error tells the runtime that the resources left waiting are not leaks.
    if (messages.length > 0) void pulumi.log.error(`expected by the test: ${messages.length} rejected registrations`);
  } finally {
    process.off("unhandledRejection", collect);
    for (const listener of saved) process.on("unhandledRejection", listener);
  }
  return messages;
}
