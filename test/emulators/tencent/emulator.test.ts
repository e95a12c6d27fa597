// Specification: the programmatic face — seeding VPCs, state() shaped like Describe*, option checks, stop().
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TencentVpcEmulator } from "./index";
import { vpcClient } from "./sdk-client";

describe("TencentVpcEmulator", () => {
  test("listens on 127.0.0.1 with the documented defaults", async () => {
    const emu = await TencentVpcEmulator.start();
    try {
      assert.match(emu.endpoint, /^127\.0\.0\.1:\d+$/);
      assert.equal(emu.endpoint, `127.0.0.1:${emu.port}`);
      assert.deepEqual([emu.secretId, emu.secretKey, emu.region], ["AKIDtest", "test-secret-key", "ap-guangzhou"]);
    } finally {
      await emu.stop();
    }
  });

  test("addVpc seeds a VPC and its main route table, seen by DescribeRouteTables and state()", async () => {
    const emu = await TencentVpcEmulator.start({ vpcs: [{ vpcId: "vpc-seed0001", cidrBlock: "172.16.0.0/16", name: "seeded" }] });
    try {
      const added = emu.addVpc({ cidrBlock: "10.20.0.0/16" });
      assert.match(added.vpcId, /^vpc-[a-z0-9]{8}$/);
      assert.match(added.routeTableId, /^rtb-[a-z0-9]{8}$/);
      const tables = await vpcClient(emu).DescribeRouteTables({});
      assert.deepEqual(tables.RouteTableSet?.map((t) => [t.VpcId, t.Main, t.RouteTableName]), [["vpc-seed0001", true, "default"], [added.vpcId, true, "default"]]);
      const state = emu.state();
      assert.deepEqual(state.vpcs.map((v) => [v.VpcId, v.CidrBlock, v.VpcName]), [["vpc-seed0001", "172.16.0.0/16", "seeded"], [added.vpcId, "10.20.0.0/16", added.vpcId]]);
      assert.deepEqual([state.vpnGateways, state.customerGateways, state.vpnConnections, state.vpnGatewayRoutes], [[], [], [], []]);
    } finally {
      await emu.stop();
    }
  });

  test("addVpc refuses malformed ids, malformed blocks and duplicates", async () => {
    const emu = await TencentVpcEmulator.start();
    try {
      assert.throws(() => emu.addVpc({ vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" }), /vpc-xxxxxxxx/);
      assert.throws(() => emu.addVpc({ cidrBlock: "10.0.0.0/40" }), /not an IPv4 CIDR block/);
      emu.addVpc({ vpcId: "vpc-twin0001", cidrBlock: "10.0.0.0/16" });
      assert.throws(() => emu.addVpc({ vpcId: "vpc-twin0001", cidrBlock: "10.1.0.0/16" }), /already exists/);
    } finally {
      await emu.stop();
    }
  });

  test("negative durations are refused at start", async () => {
    await assert.rejects(TencentVpcEmulator.start({ gatewayPendingMs: -1 }), /gatewayPendingMs/);
  });

  test("stop() closes the port and may be called twice", async () => {
    const emu = await TencentVpcEmulator.start();
    await emu.stop();
    await emu.stop();
    await assert.rejects(fetch(`http://${emu.endpoint}/`, { method: "POST" }));
  });
});
