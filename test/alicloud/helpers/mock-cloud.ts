// A recording stand-in for the Pulumi engine and the Alibaba provider: every registered resource with its inputs,
// parent, dependencies and secret-output options, plus canned ids and lookups. Test-only; never reaches a cloud.
// Call startMockCloud() before loading the code under test (setMocks is process-global; each test file is a process).
import * as pulumi from "@pulumi/pulumi";

export interface RecordedResource {
  type: string;
  name: string;
  /** As the engine would receive them: a secret input appears as a secret envelope (see isSecretEnvelope). */
  inputs: Record<string, unknown>;
  /** Name of the parent resource ("" when none). */
  parent: string;
  /** Names of every resource this one waits for (explicit dependsOn and the resources behind its input Outputs). */
  dependsOn: string[];
  additionalSecretOutputs: string[];
  deleteBeforeReplace: boolean;
}

/** What the getGateways lookup knows (DescribeVpnGateways), keyed by gateway id. */
export interface MockGateway {
  id: string;
  vpcId: string;
  internetIp: string;
  enableIpsec: "enable" | "disable";
}

export interface MockCloud {
  /** Every resource registered so far, in registration order. */
  resources(): RecordedResource[];
  /** Resources whose name starts with the prefix (a component's children are named from it). */
  named(prefix: string): RecordedResource[];
  one(name: string): RecordedResource;
  /** Invoke tokens called so far, with their arguments. */
  invokes: Array<{ token: string; inputs: Record<string, unknown> }>;
}

/** The public address every mock gateway gets. */
export const MOCK_GATEWAY_IP = "47.98.10.1";

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretEnvelope(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** The value inside a secret envelope (fails the test when the value was not secret). */
export function revealSecret(value: unknown): unknown {
  if (!isSecretEnvelope(value)) throw new Error(`expected a secret, got ${JSON.stringify(value)}`);
  return value.value;
}

/** Ids shaped like Alibaba's, derived from the resource name so assertions can spell them out. */
export function mockId(type: string, name: string, inputs: Record<string, unknown>): string {
  const slug = name.replace(/[^a-z0-9]/gi, "").toLowerCase();
  switch (type) {
    case "alicloud:vpn/gateway:Gateway":
      return `vpn-${slug}`;
    case "alicloud:vpn/customerGateway:CustomerGateway":
      return `cgw-${slug}`;
    case "alicloud:vpn/connection:Connection":
      return `vco-${slug}`;
    case "alicloud:vpc/routeEntry:RouteEntry":
      return `${String(inputs.routeTableId)}:vrt-mock:${String(inputs.destinationCidrblock)}:VpnGateway:${String(inputs.nexthopId)}`;
    case "alicloud:vpn/routeEntry:RouteEntry":
      return `${String(inputs.vpnGatewayId)}:${String(inputs.nextHop)}:${String(inputs.routeDest)}`;
    default:
      return `${slug}-id`;
  }
}

/** Outputs the provider computes, as a mock. */
function computedState(type: string): Record<string, unknown> {
  if (type === "alicloud:vpn/gateway:Gateway") return { internetIp: MOCK_GATEWAY_IP, status: "active" };
  if (type === "alicloud:vpn/connection:Connection") return { status: "ike_sa_not_established" };
  return {};
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getDeletebeforereplace(): boolean;
}
interface Monitor {
  registerResource(request: RegisterRequest, callback: unknown): unknown;
}

const nameOfUrn = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

export function startMockCloud(gateways: MockGateway[] = []): MockCloud {
  const inputsByName = new Map<string, { type: string; inputs: Record<string, unknown> }>();
  const options = new Map<string, Omit<RecordedResource, "inputs" | "type" | "name">>();
  const order: string[] = [];
  const invokes: MockCloud["invokes"] = [];
  void pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const inputs = args.inputs as Record<string, unknown>;
        inputsByName.set(args.name, { type: args.type, inputs });
        order.push(args.name);
        return { id: mockId(args.type, args.name, inputs), state: { ...inputs, ...computedState(args.type) } };
      },
      call: (args) => {
        const inputs = args.inputs as Record<string, unknown>;
        invokes.push({ token: args.token, inputs });
        if (args.token !== "alicloud:vpn/getGateways:getGateways") throw new Error(`unexpected invoke ${args.token}`);
        const ids = (inputs.ids as string[] | undefined) ?? [];
        const found = gateways.filter((g) => ids.includes(g.id));
        return { gateways: found, ids: found.map((g) => g.id), names: found.map((g) => g.id), id: "region" };
      },
    },
    "ros-vpc-ipsec",
    "test",
    false,
  );
  // The mock monitor passes only names and inputs to newResource; the options are read off the request here.
  const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): Monitor };
  const monitor = settings.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    options.set(request.getName(), {
      parent: request.getParent() ? nameOfUrn(request.getParent()) : "",
      dependsOn: request.getDependenciesList().map(nameOfUrn),
      additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
      deleteBeforeReplace: request.getDeletebeforereplace(),
    });
    return register(request, callback);
  };

  const resources = (): RecordedResource[] =>
    order.map((name) => {
      const { type, inputs } = inputsByName.get(name)!;
      const opts = options.get(name) ?? { parent: "", dependsOn: [], additionalSecretOutputs: [], deleteBeforeReplace: false };
      return { type, name, inputs, ...opts };
    });
  return {
    resources,
    named: (prefix) => resources().filter((r) => r.name.startsWith(prefix)),
    one: (name) => {
      const found = resources().find((r) => r.name === name);
      if (!found) throw new Error(`no resource named ${name}; registered: ${order.join(", ")}`);
      return found;
    },
    invokes,
  };
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
