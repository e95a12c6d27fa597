// Specification: what doctor reads from Tencent — the site's own tunnel even when another site's has the same name.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TencentVpcApi } from "../../src/tencent/api";
import { tencentSettings } from "../../src/tencent/settings";
import { readTencentEvidence } from "../../src/tencent/evidence";
import { exampleSpec } from "../helpers/specs";
import { articleConnection, cloud, stackConfig, type Cloud } from "./helpers/cloud";

describe("doctor's evidence from Tencent", () => {
  let c: Cloud;
  before(async () => {
    c = await cloud();
  });
  after(() => c.stop());

  test("picks the tunnel whose customer gateway is this router, of two with the same name", async () => {
    const gateway = await c.providers.gateway.create({ vpcId: c.vpcId, name: "hub", bandwidthMbps: 5 });
    const gatewayIp = gateway.outs!.publicIpAddress;
    const tunnels: Record<string, string> = {};
    for (const [lan, routerIp] of [[11, "113.87.48.11"], [12, "113.87.48.12"]] as const) {
      const cgw = await c.providers.customerGateway.create({ name: `site-${lan}`, ipAddress: routerIp });
      const inputs = articleConnection({ vpcId: c.vpcId, vpnGatewayId: gateway.id, customerGatewayId: cgw.id }, gatewayIp, { siteCidrs: [`192.168.${lan}.0/24`] });
      tunnels[routerIp] = (await c.providers.connection.create(inputs)).id;
    }
    const settings = tencentSettings((key) => stackConfig(c.emu)[key], {}).settings!;
    for (const routerIp of ["113.87.48.12", "113.87.48.11"]) {
      const evidence = await readTencentEvidence(new TencentVpcApi(settings), exampleSpec("article", { routerPublicIp: routerIp }));
      assert.deepEqual([evidence.connectionId, evidence.customerGatewayIp, evidence.gatewayIp], [tunnels[routerIp], routerIp, gatewayIp]);
    }
  });
});
