// Test support (not a test): the engine's side of the ResourceProvider gRPC protocol, spoken to the SDK's own
// dynamic-provider host (the process `pulumi up` starts for dynamic resources). Generic: any serialized provider,
// plain JS values in and out. Listens and connects on 127.0.0.1 only; stops only the host it started.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** What the engine sends for a value it does not know yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret as the engine encodes it on the wire (config values marked secret reach Configure this way). */
export const secret = (value: unknown): Record<string, unknown> => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });

const isSecret = (value: unknown): value is { value: unknown } =>
  typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;

/**
 * Secrets opened, as the engine sends inputs and state to a provider that does not accept secrets (the dynamic
 * host answers Configure with acceptSecrets: false).
 */
export function withoutSecrets(value: unknown): unknown {
  if (isSecret(value)) return withoutSecrets(value.value);
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)]));
  return value;
}

/** The `__provider` text exactly as pulumi.dynamic.Resource stores it in state. */
export async function serializedProvider(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

export type Props = Record<string, unknown>;

export interface DiffAnswer {
  changes: "unknown" | "none" | "some";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** One dynamic resource type as the engine drives it: every call carries the serialized provider. */
export interface HostedResource {
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }>;
  diff(id: string, olds: Props, news: Props): Promise<DiffAnswer>;
  create(inputs: Props): Promise<{ id: string; properties: Props }>;
  read(id: string, state: Props): Promise<{ id: string; properties: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ properties: Props }>;
  delete(id: string, state: Props): Promise<void>;
}

export interface ProviderHost {
  port: number;
  /** Configure with the stack's config (keys "namespace:key"; wrap secret values with secret()). */
  configure(config: Record<string, unknown>): Promise<{ acceptSecrets: boolean }>;
  /** A resource type served by this serialized provider; `type` only names it in URNs. */
  resource(providerText: string, type?: string): HostedResource;
  /** What the host wrote to stderr so far (its own error log). */
  stderr(): string;
  stop(): Promise<void>;
}

const HOST_SCRIPT = join("node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");

/**
 * Starts the host with `cwd` as the project directory (where `ros-vpc-ipsec/providers/*` must resolve) and waits for
 * the port it prints. `env` replaces the environment (credentials are meant to come from Configure, not from here).
 */
export async function startProviderHost(opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ProviderHost> {
  // The host takes the engine's address as its argument; it never dials it for these calls.
  const child = spawn(process.execPath, [join(opts.cwd, HOST_SCRIPT), "127.0.0.1:1"], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const fail = (why: string) => reject(new Error(`the dynamic-provider host did not start: ${why}\n${errors}`));
    child.once("exit", (code) => fail(`exited with ${code}`));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\s*$/m.exec(out);
      if (line) resolve(Number(line[1]));
    });
  });
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    port,
    configure: async (config) => {
      const request = new proto.ConfigureRequest();
      request.setArgs(Struct.fromJavaScript(config as Record<string, never>));
      request.setAcceptsecrets(true);
      request.setAcceptresources(true);
      const response = await unary<proto.ConfigureResponse>((cb) => client.configure(request, cb));
      return { acceptSecrets: response.getAcceptsecrets() };
    },
    resource: (providerText, type = "pulumi-nodejs:dynamic:Resource") => hosted(client, providerText, type),
    stderr: () => errors,
    stop: () => stop(child, client),
  };
}

function hosted(client: ResourceProviderClient, providerText: string, type: string): HostedResource {
  const urn = `urn:pulumi:test::ros-vpc-ipsec::${type}::hosted`;
  const struct = (props: Props) => Struct.fromJavaScript(withoutSecrets({ ...props, __provider: providerText }) as Record<string, never>);
  return {
    check: async (olds, news) => {
      const request = new proto.CheckRequest();
      request.setUrn(urn);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      const r = await unary<proto.CheckResponse>((cb) => client.check(request, cb));
      return { inputs: stripProvider(r.getInputs()?.toJavaScript() ?? {}), failures: r.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    },
    diff: async (id, olds, news) => {
      const request = new proto.DiffRequest();
      request.setId(id);
      request.setUrn(urn);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      const r = await unary<proto.DiffResponse>((cb) => client.diff(request, cb));
      const changes = (["unknown", "none", "some"] as const)[r.getChanges()] ?? "unknown";
      return { changes, replaces: r.getReplacesList(), deleteBeforeReplace: r.getDeletebeforereplace() };
    },
    create: async (inputs) => {
      const request = new proto.CreateRequest();
      request.setUrn(urn);
      request.setProperties(struct(inputs));
      const r = await unary<proto.CreateResponse>((cb) => client.create(request, cb));
      return { id: r.getId(), properties: stripProvider(r.getProperties()?.toJavaScript() ?? {}) };
    },
    read: async (id, state) => {
      const request = new proto.ReadRequest();
      request.setId(id);
      request.setUrn(urn);
      request.setProperties(struct(state));
      const r = await unary<proto.ReadResponse>((cb) => client.read(request, cb));
      const inputs = r.getInputs()?.toJavaScript();
      return { id: r.getId(), properties: stripProvider(r.getProperties()?.toJavaScript() ?? {}), ...(inputs ? { inputs: stripProvider(inputs) } : {}) };
    },
    update: async (id, olds, news) => {
      const request = new proto.UpdateRequest();
      request.setId(id);
      request.setUrn(urn);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      const r = await unary<proto.UpdateResponse>((cb) => client.update(request, cb));
      return { properties: stripProvider(r.getProperties()?.toJavaScript() ?? {}) };
    },
    delete: async (id, state) => {
      const request = new proto.DeleteRequest();
      request.setId(id);
      request.setUrn(urn);
      request.setProperties(struct(state));
      await unary((cb) => client.delete(request, cb));
    },
  };
}

/** The host echoes `__provider` into every answer; callers compare the rest. */
function stripProvider(props: Record<string, unknown>): Props {
  const { __provider: _provider, ...rest } = props;
  return rest;
}

function unary<T>(call: (callback: (error: grpc.ServiceError | null, response: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    call((error, response) => (error ? reject(Object.assign(new Error(error.details || error.message), { grpcCode: error.code })) : resolve(response))),
  );
}

async function stop(child: ChildProcess, client: ResourceProviderClient): Promise<void> {
  client.close();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  await exited;
}
