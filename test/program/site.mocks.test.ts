// SiteToSiteVpn as another stack uses it (not through the site program): its outputs, a password given as an
// argument, an existing gateway, and arguments it cannot build refused with the argument named.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { isSecret, MOCK_GATEWAY_IP, startMockEngine } from "../helpers/mock-engine";

const EXISTING_GATEWAY_IP = "203.0.113.77";
const engine = startMockEngine({ "vpngw-abc12345": EXISTING_GATEWAY_IP });
const { SiteToSiteVpn } = require("../../src/site") as typeof import("../../src/site");

const value = <T>(output: pulumi.Input<T>): Promise<T> => (pulumi.output(output) as unknown as { promise(): Promise<T> }).promise();
const spec = { name: "to_tencent", cloudCidrs: ["10.100.1.0/24"], siteCidrs: ["192.168.1.0/24"], routerPublicIp: "113.87.48.200" };
const router = { host: "192.168.88.1", tls: { mode: "fingerprint" as const, fingerprint: "AB".repeat(32) } };
const PSK = "example-psk-for-tests-3Jw9";

describe("SiteToSiteVpn from another program", () => {
  it("gives both ends' outputs: the gateway address, the cloud ids and status, the router's status, script and drift", async () => {
    const vpn = new SiteToSiteVpn("hq", {
      spec,
      preSharedKey: PSK,
      cloud: { provider: "tencent", vpcId: "vpc-abc12345", routeTableId: "rtb-abc12345", gateway: { bandwidthMbps: 5 } },
      router,
    });
    const outputs = await value({
      gatewayPublicIp: vpn.gatewayPublicIp,
      cloudIds: vpn.cloudIds,
      cloudStatus: vpn.cloudStatus,
      routerStatus: vpn.routerStatus,
      routerScript: vpn.routerScript,
      routerDrift: vpn.routerDrift,
    });
    assert.deepEqual(outputs, {
      gatewayPublicIp: MOCK_GATEWAY_IP,
      cloudIds: { gatewayId: "vpngw-hqtencentgateway", customerGatewayId: "cgw-hqtencentcustomergateway", connectionId: "vpnx-hqtencentconnection" },
      cloudStatus: "UNAVAILABLE",
      routerStatus: { peerState: "down", installedSas: 0, policies: [] },
      routerScript: "# mock",
      routerDrift: [],
    });
  });

  it("sends a password given as a plain argument to the router resource as a secret, with the existing gateway's address", async () => {
    const vpn = new SiteToSiteVpn("branch", {
      spec: { ...spec, name: "to_branch" },
      preSharedKey: PSK,
      cloud: { provider: "tencent", vpcId: "vpc-abc12345", routeTableId: "rtb-abc12345", existingGatewayId: "vpngw-abc12345" },
      router,
      routerPassword: "router-pw-for-tests",
    });
    assert.equal(await value(vpn.gatewayPublicIp), EXISTING_GATEWAY_IP);
    await value(vpn.routerStatus); // the router resource is registered once the cloud side's outputs are known
    const tunnel = engine.one("branch-router");
    assert.ok(isSecret(tunnel.inputs.password), "the password is not secret");
    assert.equal(tunnel.inputs.gatewayIp, EXISTING_GATEWAY_IP);
  });

  it("refuses a spec.cloud that contradicts cloud.provider, naming both and the fix", () => {
    assert.throws(
      () =>
        new SiteToSiteVpn("mixed", {
          spec: { ...spec, cloud: "alicloud" },
          preSharedKey: PSK,
          cloud: { provider: "tencent", vpcId: "vpc-abc12345", routeTableId: "rtb-abc12345", gateway: { bandwidthMbps: 5 } },
          router,
        }),
      /^Error: mixed: spec\.cloud is "alicloud" but cloud\.provider is "tencent": leave spec\.cloud out \(cloud\.provider decides\)/,
    );
  });

  it("refuses every bad argument at once, named as the site's own arguments, before anything is registered", async () => {
    const before = engine.named("bad").length;
    assert.throws(
      () =>
        new SiteToSiteVpn("bad", {
          spec: { ...spec, siteCidrs: ["192.168.1.1/24"] },
          preSharedKey: "short",
          cloud: { provider: "alicloud", vpcId: "vpc-abc12345", routeTableId: "vtb-abc12345", gateway: { bandwidthMbps: 15 } },
          router,
        }),
      (error: Error) => {
        assert.match(error.message, /^invalid SiteToSiteVpn "bad" arguments:/);
        for (const line of [/spec\.siteCidrs\[0\]: "192\.168\.1\.1\/24" has host bits set/, /spec\.preSharedKey: .* shorter than 16/, /cloud\.gateway\.bandwidthMbps: 15 is not a size Alibaba sells/]) {
          assert.match(error.message, line);
        }
        assert.doesNotMatch(error.message, /short"|AlicloudVpnSide/);
        return true;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(engine.named("bad").length, before, "nothing was registered");
  });

  it("refuses a gateway setting only the other cloud has, instead of ignoring it", () => {
    assert.throws(
      () =>
        new SiteToSiteVpn("foreign", {
          spec,
          preSharedKey: PSK,
          cloud: { provider: "tencent", vpcId: "vpc-abc12345", routeTableId: "rtb-abc12345", gateway: { bandwidthMbps: 5, paymentType: "Subscription" } },
          router,
        }),
      /cloud\.gateway\.paymentType: "Subscription" is an Alibaba Cloud setting, and this site's cloud is Tencent Cloud \(remove it/,
    );
  });

  it("refuses a Tencent site without a route table, naming the argument", () => {
    assert.throws(
      () => new SiteToSiteVpn("noroutes", { spec, preSharedKey: PSK, cloud: { provider: "tencent", vpcId: "vpc-abc12345", gateway: { bandwidthMbps: 5 } }, router }),
      /invalid SiteToSiteVpn "noroutes" arguments:\n {2}- cloud\.routeTableId: is required \(a route table id \(rtb-…\)\)/,
    );
  });
});
