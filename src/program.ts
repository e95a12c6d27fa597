// The Pulumi program each site stack runs (Pulumi.yaml main): the stack's ros-vpc-ipsec: config → SiteToSiteVpn.
// Bad config stops `pulumi preview` with every problem named by its config key, before anything is created.
import * as pulumi from "@pulumi/pulumi";
import { SiteToSiteVpn } from "./site";
import { formatProblems } from "./spec/problems";
import { NAMESPACE, readSiteSettings } from "./stack/config";

export = async () => {
  const config = new pulumi.Config(NAMESPACE);
  // The secrets are read as text only to check them here, before anything is created; they travel as secrets.
  const { settings, problems } = readSiteSettings((key) => config.getObject(key.slice(NAMESPACE.length + 1)), {
    preSharedKey: pulumi.runtime.getConfig(`${NAMESPACE}:preSharedKey`) ?? null,
    routerPasswordSet: pulumi.runtime.getConfig(`${NAMESPACE}:routerPassword`) !== undefined,
  });
  const failures = problems.filter((p) => p.severity === "error");
  if (!settings || failures.length > 0) {
    throw new pulumi.RunError(`the stack's configuration is not valid:\n${formatProblems(failures)}`);
  }
  // Read only now: a missing key is already among the failures above, reported with every other problem.
  const preSharedKey = config.requireSecret("preSharedKey");
  for (const warning of problems.filter((p) => p.severity === "warning")) pulumi.log.warn(formatProblems([warning]).trim());

  // The router password stays in the stack's config (ros-vpc-ipsec:routerPassword): the provider reads it there.
  const vpn = new SiteToSiteVpn(settings.tunnel.name, {
    spec: settings.tunnel,
    preSharedKey,
    cloud: settings.cloud,
    router: settings.router,
  });
  return {
    gatewayPublicIp: vpn.gatewayPublicIp,
    standbyGatewayPublicIp: vpn.standbyGatewayPublicIp,
    cloudIds: vpn.cloudIds,
    cloudStatus: vpn.cloudStatus,
    routerStatus: vpn.routerStatus,
    routerScript: vpn.routerScript,
    routerDrift: vpn.routerDrift,
  };
};
