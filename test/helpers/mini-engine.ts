// Test support: a small stand-in for the Pulumi engine, enough to run a real program without the CLI. The program
// runs under pulumi.runtime.setMocks; each dynamic resource it registers is checked, diffed, created, updated,
// read and deleted through the SDK's own dynamic-provider host over gRPC, in the order the program's outputs
// allow, with state kept between runs. When an operation fails it behaves as Pulumi does: nothing waiting on the
// failed resource runs, operations under way finish, what succeeded stays in the state, and `up` rejects with the
// provider's error (so an interrupted up can be followed by another). Other custom resources are refused.
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
  /** `pulumi up`: converges every resource the program registers, deletes what it no longer does; rejects with the
   * first failed operation's error once the operations under way have finished. */
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

/** What a registration the engine will not carry out waits on: nothing, ever (as a stopped `pulumi up`). */
const never = () => new Promise<never>(() => undefined);

export async function startMiniEngine(options: { cwd: string; config: Record<string, string>; project?: string; stack?: string }): Promise<MiniEngine> {
  const host = await startProviderHost({ cwd: options.cwd });
  await host.configure(options.config);
  const state = new Map<string, EngineResource>(); // by "type::name", in creation order
  let registered = new Set<string>();
  const operations: string[] = [];
  let failure: { error: Error } | undefined;
  let running = 0;
  let settled: (() => void) | undefined;

  const converge = async (args: pulumi.runtime.MockResourceArgs): Promise<{ id: string; state: Props }> => {
    const key = `${args.type}::${args.name}`;
    registered.add(key);
    const { __provider: providerText, ...news } = args.inputs as Props & { __provider: string };
    const hosted = host.resource(providerText, args.type);
    const old = state.get(key);
    const checked = await hosted.check(old?.inputs ?? {}, news);
    if (checked.failures.length > 0) throw new Error(`${args.name}: ${checked.failures.map((f) => f.reason).join("; ")}`);
    const record = (op: string, id: string, outputs: Props) => {
      operations.push(`${op} ${args.name}`);
      state.set(key, { type: args.type, name: args.name, id, inputs: checked.inputs, outputs, providerText });
      return { id, state: outputs };
    };
    if (old) {
      const diff = await hosted.diff(old.id, old.outputs, checked.inputs);
      if (diff.changes === "none" && diff.replaces.length === 0) return record("same", old.id, old.outputs);
      if (diff.replaces.length === 0) return record("update", old.id, (await hosted.update(old.id, old.outputs, checked.inputs)).properties);
      if (diff.deleteBeforeReplace) await host.resource(old.providerText, old.type).delete(old.id, old.outputs);
      const created = await hosted.create(checked.inputs);
      if (!diff.deleteBeforeReplace) await host.resource(old.providerText, old.type).delete(old.id, old.outputs);
      return record("replace", created.id, created.properties);
    }
    const created = await hosted.create(checked.inputs);
    return record("create", created.id, created.properties);
  };

  pulumi.runtime.setAllConfig(options.config);
  await pulumi.runtime.setMocks(
    {
      newResource: async (args) => {
        if (!args.custom) return { id: undefined, state: {} };
        if (!args.type.startsWith(DYNAMIC)) throw new Error(`the mini engine runs dynamic resources only, not ${args.type}`);
        if (failure) return never(); // a failed up schedules nothing more
        running++;
        try {
          return await converge(args);
        } catch (error) {
          failure ??= { error: error as Error };
          return never();
        } finally {
          running--;
          if (failure && running === 0) settled?.();
        }
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
      failure = undefined;
      const failed = new Promise<never>((_, reject) => (settled = () => reject(failure!.error)));
      failed.catch(() => undefined);
      const done = (async () => {
        const outputs = await program();
        return ((await (pulumi.output(outputs) as unknown as { promise(): Promise<Record<string, unknown>> }).promise()) ?? {}) as Record<string, unknown>;
      })();
      const resolved = await Promise.race([done, failed]);
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
    stop: async () => {
      // A failed up's registrations never settle: Pulumi ends that program's process, this one lives on. Taking them
      // off the SDK's list keeps it from reporting them as leaked promises (and failing the process) at exit.
      (require("@pulumi/pulumi/runtime/debuggable") as { leakedPromises(): unknown }).leakedPromises();
      await host.stop();
    },
  };
}
