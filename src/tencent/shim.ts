// The providers as they are serialized into Pulumi state: a few lines that, in the provider host, load the
// compiled implementation ("ros-vpc-ipsec/providers/tencent") and delegate to it. They capture the resource kind
// and nothing else: no client, no credential, no SDK.
import type * as pulumi from "@pulumi/pulumi";

/** Export names of src/providers/tencent.ts. */
export type TencentResourceKind = "gateway" | "customerGateway" | "connection" | "vpcRoutes" | "gatewayRoutes";

/** The shim for one kind. Only `kind` (a string) is captured; everything else is resolved in the host at run time. */
export function tencentShim(kind: TencentResourceKind): pulumi.dynamic.ResourceProvider {
  // Resolved from the project directory (the host's cwd), so the project's installed ros-vpc-ipsec is used.
  const load = (): Required<pulumi.dynamic.ResourceProvider> =>
    require("module").createRequire(require("path").join(process.cwd(), "noop.js"))("ros-vpc-ipsec/providers/tencent")[kind];
  return {
    configure: (request) => load().configure(request),
    check: (olds, news) => load().check(olds, news),
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read(id, props),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}

/** One shim object per kind, so the SDK serializes each once per process. */
export const TENCENT_SHIMS: Readonly<Record<TencentResourceKind, pulumi.dynamic.ResourceProvider>> = {
  gateway: tencentShim("gateway"),
  customerGateway: tencentShim("customerGateway"),
  connection: tencentShim("connection"),
  vpcRoutes: tencentShim("vpcRoutes"),
  gatewayRoutes: tencentShim("gatewayRoutes"),
};
