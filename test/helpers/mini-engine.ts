// Test support: a small stand-in for the Pulumi engine, enough to run a real program without the CLI. The program
// runs under pulumi.runtime.setMocks; each dynamic resource it registers is checked, diffed, created, updated,
// read and deleted through the SDK's own dynamic-provider host over gRPC, in the order the program's outputs
// allow, with state kept between runs. Component resources are recorded; other custom resources are refused.
import * as pulumi from "@pulumi/pulumi";
import { startProviderHost, type Props, type ProviderHost } from "./provider-host";

export interface EngineResource {
  type: string;
  name: string;
  id: string;
  inputs: Props;
  outputs: Props;
  providerText: string;
}

export interface MiniEngine {
  /** `pulumi up`: runs the program, converges every resource it registers, deletes what it no longer does. */
  up(program: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>>;
  /** `pulumi refresh`: reads every resource back. */
  refresh(): Promise<void>;
  /** `pulumi destroy`: deletes every resource, dependents first. */
  destroy(): Promise<void>;
  resources(): EngineResource[];
  /** What the last operation did, one line per resource: "create <name>", "update <name>", "same <name>", ... */
  operations: string[];
  host: ProviderHost;
  stop(): Promise<void>;
}

const DYNAMIC = "pulumi-nodejs:dynamic/";

export async function startMiniEngine(options: { cwd: string; config: Record<string, string>; project?: string; stack?: string }): Promise<MiniEngine> {
  const host = await startProviderHost({ cwd: options.cwd });
  await host.configure(options.config);
  const state = new Map<string, EngineResource>(); // by "type::name", in creation order
  let registered = new Set<string>();
  const operations: string[] = [];

  pulumi.runtime.setAllConfig(options.config);
  await pulumi.runtime.setMocks(
    {
      newResource: async (args) => {
        if (!args.custom) return { id: undefined, state: {} };
        if (!args.type.startsWith(DYNAMIC)) throw new Error(`the mini engine runs dynamic resources only, not ${args.type}`);
        const key = `${args.type}::${args.name}`;
        registered.add(key);
        const { __provider: providerText, ...news } = args.inputs as Props & { __provider: string };
        const hosted = host.resource(providerText, args.type);
        const old = state.get(key);
        const checked = await hosted.check(old?.inputs ?? {}, news);
        if (checked.failures.length > 0) throw new Error(`${args.name}: ${checked.failures.map((f) => f.reason).join("; ")}`);
        if (old) {
          const diff = await hosted.diff(old.id, old.outputs, checked.inputs);
          if (diff.changes === "none" && diff.replaces.length === 0) {
            operations.push(`same ${args.name}`);
            state.set(key, { ...old, inputs: checked.inputs, providerText });
            return { id: old.id, state: old.outputs };
          }
          if (diff.replaces.length === 0) {
            const { properties } = await hosted.update(old.id, old.outputs, checked.inputs);
            operations.push(`update ${args.name}`);
            state.set(key, { ...old, inputs: checked.inputs, outputs: properties, providerText });
            return { id: old.id, state: properties };
          }
          if (diff.deleteBeforeReplace) await host.resource(old.providerText, old.type).delete(old.id, old.outputs);
          const created = await hosted.create(checked.inputs);
          if (!diff.deleteBeforeReplace) await host.resource(old.providerText, old.type).delete(old.id, old.outputs);
          operations.push(`replace ${args.name}`);
          state.set(key, { type: args.type, name: args.name, id: created.id, inputs: checked.inputs, outputs: created.properties, providerText });
          return { id: created.id, state: created.properties };
        }
        const created = await hosted.create(checked.inputs);
        operations.push(`create ${args.name}`);
        state.set(key, { type: args.type, name: args.name, id: created.id, inputs: checked.inputs, outputs: created.properties, providerText });
        return { id: created.id, state: created.properties };
      },
      call: (args) => {
        throw new Error(`the mini engine has no invokes (${args.token})`);
      },
    },
    options.project ?? "ros-vpc-ipsec",
    options.stack ?? "lab",
    false,
  );

  const deleteAll = async (keys: string[]) => {
    for (const key of keys.reverse()) {
      const resource = state.get(key)!;
      await host.resource(resource.providerText, resource.type).delete(resource.id, resource.outputs);
      operations.push(`delete ${resource.name}`);
      state.delete(key);
    }
  };

  return {
    host,
    operations,
    resources: () => [...state.values()],
    up: async (program) => {
      operations.length = 0;
      registered = new Set();
      const outputs = await program();
      const resolved = (await (pulumi.output(outputs) as unknown as { promise(): Promise<Record<string, unknown>> }).promise()) ?? {};
      await deleteAll([...state.keys()].filter((k) => !registered.has(k)));
      return resolved;
    },
    refresh: async () => {
      operations.length = 0;
      for (const [key, resource] of state) {
        const read = await host.resource(resource.providerText, resource.type).read(resource.id, resource.outputs);
        state.set(key, { ...resource, outputs: read.properties, ...(read.inputs ? { inputs: read.inputs } : {}) });
        operations.push(`read ${resource.name}`);
      }
    },
    destroy: async () => {
      operations.length = 0;
      await deleteAll([...state.keys()]);
    },
    stop: () => host.stop(),
  };
}
