// Test support (not a test): a recording stand-in for the Pulumi engine under pulumi.runtime.setMocks — every
// registered resource with its inputs (secrets as the engine receives them), parent, dependencies and options — and
// canned outputs for the project's dynamic resources and the Alibaba resources it uses. Call startMockEngine()
// before loading the code under test.
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  parent: string;
  dependsOn: string[];
  additionalSecretOutputs: string[];
}

/** The address every mock gateway gets, unless existing gateways say otherwise. */
export const MOCK_GATEWAY_IP = "203.0.113.10";
export const MOCK_ALICLOUD_GATEWAY_IP = "203.0.113.20";

export const DYNAMIC = (type: string): string => `pulumi-nodejs:dynamic/ros-vpc-ipsec:${type}`;

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const isSecret = (value: unknown): value is { value: unknown } =>
  typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;

interface RegisterRequest {
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getAdditionalsecretoutputsList(): string[];
}

const nameOfUrn = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

/** Outputs the Tencent providers would compute, by type. */
function computed(type: string, name: string, inputs: Record<string, unknown>, existing: Record<string, string>): Record<string, unknown> {
  switch (type) {
    case DYNAMIC("TencentVpnGateway"): {
      const id = (inputs.existingGatewayId as string | undefined) ?? `vpngw-${slug(name)}`;
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
      return { internetIp: MOCK_ALICLOUD_GATEWAY_IP, status: "Active" };
    case "alicloud:vpn/connection:Connection":
      return { status: "ike_sa_not_established" };
    default:
      return {};
  }
}

const slug = (name: string) => name.replace(/[^a-z0-9]/gi, "").toLowerCase();

function mockId(type: string, name: string, inputs: Record<string, unknown>): string {
  if (type === DYNAMIC("TencentVpnGateway")) return (inputs.existingGatewayId as string | undefined) ?? `vpngw-${slug(name)}`;
  if (type === DYNAMIC("TencentCustomerGateway")) return `cgw-${slug(name)}`;
  if (type === DYNAMIC("TencentVpnConnection")) return `vpnx-${slug(name)}`;
  return `${slug(name)}-id`;
}

export interface MockEngine {
  all(): Registered[];
  named(prefix: string): Registered[];
  one(name: string): Registered;
}

/** `existing`: public addresses of existing gateways by id (what DescribeVpnGateways would say). */
export function startMockEngine(existing: Record<string, string> = {}): MockEngine {
  const byName = new Map<string, Omit<Registered, "parent" | "dependsOn" | "additionalSecretOutputs">>();
  const options = new Map<string, Pick<Registered, "parent" | "dependsOn" | "additionalSecretOutputs">>();
  const order: string[] = [];
  void pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const inputs = args.inputs as Record<string, unknown>;
        byName.set(args.name, { type: args.type, name: args.name, inputs });
        order.push(args.name);
        return { id: mockId(args.type, args.name, inputs), state: { ...inputs, ...computed(args.type, args.name, inputs, existing) } };
      },
      call: (args) => {
        throw new Error(`unexpected invoke ${args.token}`);
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
    options.set(request.getName(), {
      parent: request.getParent() ? nameOfUrn(request.getParent()) : "",
      dependsOn: request.getDependenciesList().map(nameOfUrn),
      additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    });
    return register(request, callback);
  };
  const all = (): Registered[] =>
    order.map((name) => ({ ...byName.get(name)!, ...(options.get(name) ?? { parent: "", dependsOn: [], additionalSecretOutputs: [] }) }));
  return {
    all,
    named: (prefix) => all().filter((r) => r.name.startsWith(prefix)),
    one: (name) => {
      const found = all().find((r) => r.name === name);
      if (!found) throw new Error(`no resource named ${name}; registered: ${order.join(", ")}`);
      return found;
    },
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
