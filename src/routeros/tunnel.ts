// RouterOsIpsecTunnel: the router half of a site tunnel as a Pulumi resource. Its serialized provider is a shim of
// about 2 KB that loads the installed implementation (ros-vpc-ipsec/providers/routeros) when it runs,
// so state never holds code, clients or credentials, and a code change alone is never a diff.
import * as pulumi from "@pulumi/pulumi";
import type { TunnelSpecInput } from "../spec/input";
import type { TunnelStatus } from "./device";
import type { RouterConnectionInputs } from "./inputs";
import type { ActualRow } from "./reconcile";
import type { MenuName } from "./schema";

/** T whose every field and list element may itself be an Input, as Pulumi resources take them (`[vpc.cidrBlock]`). */
export type DeepInput<T> = T extends string | number | boolean
  ? pulumi.Input<T>
  : T extends readonly (infer E)[]
    ? pulumi.Input<DeepInput<E>[]>
    : T extends object
      ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
      : T;

export interface RouterOsIpsecTunnelArgs {
  /**
   * The tunnel's spec without its key (see docs/configuration.md). Values other resources output are checked at
   * preview once known; the rest of the spec is checked at once.
   */
  spec: DeepInput<Omit<TunnelSpecInput, "preSharedKey">>;
  /** Made secret if it is not already. */
  preSharedKey: pulumi.Input<string>;
  /** The cloud gateway's public address: the router's peer (usually the cloud side's output). */
  gatewayIp?: pulumi.Input<string>;
  router: pulumi.Input<RouterConnectionInputs>;
  /** The API user's password; default: the stack's ros-vpc-ipsec:routerPassword (secret). */
  password?: pulumi.Input<string>;
  /** Take over a tunnel made by hand (Pulumi's import does not work for dynamic resources). */
  adopt?: pulumi.Input<boolean>;
  /** After create/update, wait up to this many seconds for the peer to be established. */
  waitForEstablishedSeconds?: pulumi.Input<number>;
}

type Method = "configure" | "check" | "diff" | "create" | "read" | "update" | "delete";

/** Serialized into state: every call loads the implementation installed next to the Pulumi program. */
export const routerOsProviderShim = {
  configure: (...a: unknown[]) => call("configure", a),
  check: (...a: unknown[]) => call("check", a),
  diff: (...a: unknown[]) => call("diff", a),
  create: (...a: unknown[]) => call("create", a),
  read: (...a: unknown[]) => call("read", a),
  update: (...a: unknown[]) => call("update", a),
  delete: (...a: unknown[]) => call("delete", a),
} as unknown as pulumi.dynamic.ResourceProvider;

function call(method: Method, args: unknown[]): Promise<never> {
  const from = require("module").createRequire(require("path").join(process.cwd(), "noop.js"));
  let implementation: Record<Method, (...a: unknown[]) => Promise<never>>;
  try {
    implementation = from("ros-vpc-ipsec/providers/routeros").provider;
  } catch (error) {
    throw new Error(`ros-vpc-ipsec is not installed where this Pulumi program runs (${process.cwd()}): npm install ros-vpc-ipsec (${(error as Error).message})`);
  }
  return implementation[method](...args);
}

export class RouterOsIpsecTunnel extends pulumi.dynamic.Resource {
  /** The tunnel's rows on the router (ids and fields) as last written or read. */
  declare readonly rows: pulumi.Output<Record<MenuName, ActualRow[]>>;
  declare readonly routerVersion: pulumi.Output<string>;
  /** Active peer state, installed SA count and each policy's phase-2 state. */
  declare readonly status: pulumi.Output<TunnelStatus>;
  /** The same tunnel as a RouterOS script, without the key. */
  declare readonly script: pulumi.Output<string>;
  /** What the last refresh found different from the spec; the next `pulumi up` repairs it. */
  declare readonly drift: pulumi.Output<string[]>;
  declare readonly outOfOrder: pulumi.Output<string[]>;

  constructor(name: string, args: RouterOsIpsecTunnelArgs, opts?: pulumi.CustomResourceOptions) {
    pulumi.output(args.router).apply((router) => {
      const mode = typeof router.tls === "object" ? router.tls.mode : router.tls;
      if (mode === "off") {
        pulumi.log.warn(`${name}: the RouterOS API to ${router.host} is not encrypted: the router password crosses the network in clear text`);
      }
      if (mode === "insecure") {
        pulumi.log.warn(`${name}: the RouterOS API to ${router.host} does not verify the router's certificate (tls: insecure): whoever answers at that address receives the router password`);
      }
    });
    super(
      routerOsProviderShim,
      name,
      {
        ...args,
        preSharedKey: pulumi.secret(args.preSharedKey),
        password: args.password === undefined ? undefined : pulumi.secret(args.password),
        rows: undefined,
        routerVersion: undefined,
        status: undefined,
        script: undefined,
        drift: undefined,
        outOfOrder: undefined,
      },
      { ...opts, additionalSecretOutputs: ["preSharedKey", "password", ...(opts?.additionalSecretOutputs ?? [])] },
      "ros-vpc-ipsec",
      "RouterOsIpsecTunnel",
    );
  }
}
