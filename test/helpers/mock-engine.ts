// Test support (not a test): a recording stand-in for the Pulumi engine under pulumi.runtime.setMocks — every
// registered resource with its inputs (secrets as the engine receives them), parent, dependencies and options — and
// canned ids and outputs for the project's dynamic resources and the Alibaba resources it uses. Call
// startMockEngine() before loading the code under test (setMocks is process-global; each test file is a process).
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
  type: string;
  name: string;
  /** As the engine would receive them: a secret input appears as a secret envelope (see isSecret). */
  inputs: Record<string, unknown>;
  /** Name of the parent resource ("" when none). */
  parent: string;
  /** Names of every resource this one waits for (explicit dependsOn and the resources behind its input Outputs). */
  dependsOn: string[];
  additionalSecretOutputs: string[];
  deleteBeforeReplace: boolean;
  /** Inputs whose change replaces the resource (replaceOnChanges). */
  replaceOnChanges: string[];
}

export interface MockEngine {
  /** Every resource registered so far, in registration order. */
  all(): Registered[];
  /** Resources whose name starts with the prefix (a component's children are named from it). */
  named(prefix: string): Registered[];
  one(name: string): Registered;
  /** Invoke tokens called so far, with their arguments. */
  invokes: Array<{ token: string; inputs: Record<string, unknown> }>;
}

export interface MockOptions {
  /** Tencent: public addresses of existing gateways by id (what DescribeVpnGateways would say). */
  existing?: Record<string, string>;
  /** Answers invokes (e.g. alicloud:vpn/getGateways:getGateways); unexpected invokes fail. */
  invoke?: (token: string, inputs: Record<string, unknown>) => Record<string, unknown>;
}

/** The address every mock Tencent gateway gets, unless existing gateways say otherwise. */
export const MOCK_GATEWAY_IP = "203.0.113.10";
/** The address every mock Alibaba gateway gets. */
export const MOCK_ALICLOUD_GATEWAY_IP = "47.98.10.1";
/** A dual-tunnel Alibaba gateway's standby tunnel address. */
export const MOCK_ALICLOUD_STANDBY_IP = "47.98.10.2";

export const DYNAMIC = (type: string): string => `pulumi-nodejs:dynamic/ros-vpc-ipsec:${type}`;

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const isSecret = (value: unknown): value is { value: unknown } =>
  typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;

/** The value inside a secret envelope (fails the test when the value was not secret). */
export function revealSecret(value: unknown): unknown {
  if (!isSecret(value)) throw new Error(`expected a secret, got ${JSON.stringify(value)}`);
  return value.value;
}

const slug = (name: string) => name.replace(/[^a-z0-9]/gi, "").toLowerCase();

/** Ids shaped like each cloud's, derived from the resource name so assertions can spell them out. */
export function mockId(type: string, name: string, inputs: Record<string, unknown>): string {
  switch (type) {
    case DYNAMIC("TencentVpnGateway"):
      return (inputs.existingGatewayId as string | undefined) ?? `vpngw-${slug(name)}`;
    case DYNAMIC("TencentCustomerGateway"):
      return `cgw-${slug(name)}`;
    case DYNAMIC("TencentVpnConnection"):
      return `vpnx-${slug(name)}`;
    case "alicloud:vpn/gateway:Gateway":
      return `vpn-${slug(name)}`;
    case "alicloud:vpn/customerGateway:CustomerGateway":
      return `cgw-${slug(name)}`;
    case "alicloud:vpn/connection:Connection":
      return `vco-${slug(name)}`;
    case "alicloud:vpc/routeEntry:RouteEntry":
      return `${String(inputs.routeTableId)}:vrt-mock:${String(inputs.destinationCidrblock)}:VpnGateway:${String(inputs.nexthopId)}`;
    case "alicloud:vpn/routeEntry:RouteEntry":
      return `${String(inputs.vpnGatewayId)}:${String(inputs.nextHop)}:${String(inputs.routeDest)}`;
    default:
      return `${slug(name)}-id`;
  }
}

/** Outputs each provider would compute. */
function computed(type: string, inputs: Record<string, unknown>, existing: Record<string, string>): Record<string, unknown> {
  switch (type) {
    case DYNAMIC("TencentVpnGateway"): {
      const id = mockId(type, "", inputs);
      return { vpnGatewayId: id, publicIpAddress: existing[id] ?? MOCK_GATEWAY_IP, state: "AVAILABLE", managed: inputs.existingGatewayId === undefined };
    }
    case DYNAMIC("TencentVpnConnection"):
      return { state: "AVAILABLE", netStatus: "UNAVAILABLE" };
    case DYNAMIC("TencentVpcRoutes"):
      return { routes: ((inputs.destinations as string[]) ?? []).map((d, i) => ({ destination: d, routeId: 1000 + i, routeItemId: `rti-mock${i}` })) };
    case DYNAMIC("TencentVpnGatewayRoutes"):
      return { routes: ((inputs.destinations as string[]) ?? []).map((d, i) => ({ destination: d, routeId: `vpnr-mock${i}` })) };
    case DYNAMIC("RouterOsIpsecTunnel"):
      return { routerVersion: "7.16", rows: {}, outOfOrder: [], drift: [], status: { peerState: "down", installedSas: 0, policies: [] }, script: "# mock" };
    case "alicloud:vpn/gateway:Gateway":
      // A gateway given a disaster-recovery vSwitch is dual-tunnel: Alibaba gives its standby tunnel an address too.
      return { internetIp: MOCK_ALICLOUD_GATEWAY_IP, status: "active", ...(inputs.disasterRecoveryVswitchId ? { disasterRecoveryInternetIp: MOCK_ALICLOUD_STANDBY_IP } : {}) };
    case "alicloud:vpn/connection:Connection":
      return { status: "ike_sa_not_established" };
    default:
      return {};
  }
}

interface RegisterRequest {
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getDeletebeforereplace(): boolean;
  getReplaceonchangesList(): string[];
}

const nameOfUrn = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

export function startMockEngine(options: MockOptions | Record<string, string> = {}): MockEngine {
  // A plain record is the Tencent tests' shorthand for { existing }.
  const { existing = {}, invoke } = ("existing" in options || "invoke" in options ? options : { existing: options as Record<string, string> }) as MockOptions;
  const byName = new Map<string, Pick<Registered, "type" | "name" | "inputs">>();
  const requestOptions = new Map<string, Omit<Registered, "type" | "name" | "inputs">>();
  const order: string[] = [];
  const invokes: MockEngine["invokes"] = [];
  void pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const inputs = args.inputs as Record<string, unknown>;
        byName.set(args.name, { type: args.type, name: args.name, inputs });
        order.push(args.name);
        return { id: mockId(args.type, args.name, inputs), state: { ...inputs, ...computed(args.type, inputs, existing) } };
      },
      call: (args) => {
        const inputs = args.inputs as Record<string, unknown>;
        invokes.push({ token: args.token, inputs });
        if (!invoke) throw new Error(`unexpected invoke ${args.token}`);
        return invoke(args.token, inputs);
      },
    },
    "ros-vpc-ipsec",
    "test",
    false,
  );
  // newResource sees names and inputs only: the options are read off the registration request.
  const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): { registerResource(request: RegisterRequest, callback: unknown): unknown } };
  const monitor = settings.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    requestOptions.set(request.getName(), {
      parent: request.getParent() ? nameOfUrn(request.getParent()) : "",
      dependsOn: request.getDependenciesList().map(nameOfUrn),
      additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
      deleteBeforeReplace: request.getDeletebeforereplace(),
      replaceOnChanges: request.getReplaceonchangesList(),
    });
    return register(request, callback);
  };
  const none = { parent: "", dependsOn: [], additionalSecretOutputs: [], deleteBeforeReplace: false, replaceOnChanges: [] };
  const all = (): Registered[] => order.map((name) => ({ ...byName.get(name)!, ...(requestOptions.get(name) ?? none) }));
  return {
    all,
    named: (prefix) => all().filter((r) => r.name.startsWith(prefix)),
    one: (name) => {
      const found = all().find((r) => r.name === name);
      if (!found) throw new Error(`no resource named ${name}; registered: ${order.join(", ")}`);
      return found;
    },
    invokes,
  };
}

/** An Output's value, as the engine would see it resolved. */
export function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply(done));
}

/** The inputs without the serialized provider (checked on its own) and with secrets opened, for exact comparison. */
export function plainInputs(resource: Registered): Record<string, unknown> {
  const { __provider: _provider, ...rest } = resource.inputs;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, isSecret(v) ? { secret: v.value } : v]));
}
