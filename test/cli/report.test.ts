// Specification of how doctor and status print the cloud: in the cloud's own words (Tencent NetStatus, Alibaba
// Status), and distinguishing a cloud not read (--no-cloud) from one read that holds no connection for the tunnel.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { statusTable, verdictText } from "../../src/cli/report";
import type { CloudEvidence, Verdict } from "../../src/diagnose/verdict";
import type { TunnelStatus } from "../../src/routeros/device";

const v: Verdict = { tunnel: "to_aliyun", healthy: false, summary: "DOWN: …", causes: [], settings: [], specDifferences: [], warnings: [] };
const cloudLine = (cloud: CloudEvidence) => verdictText(v, undefined, cloud).split("\n").find((l) => l.startsWith("  cloud "));
const UP: TunnelStatus = { peerState: "established", installedSas: 2, policies: [] };

describe("doctor's cloud line", () => {
  it("says the settings were not read when only the log is known (--no-cloud)", () => {
    assert.equal(cloudLine({ platform: "alicloud", read: false, log: ["a line"] }), "  cloud   Alibaba Cloud  settings not read (--no-cloud)");
    assert.equal(cloudLine({ platform: "tencent", read: false, log: [] }), "  cloud   Tencent Cloud  settings not read (--no-cloud)");
  });

  it("says the cloud holds no connection of the tunnel's name when it was read and none was found", () => {
    assert.equal(cloudLine({ platform: "alicloud", read: true, log: [] }), "  cloud   Alibaba Cloud  no connection named to_aliyun");
  });

  it("shows Alibaba's State and Status, and Tencent's State and NetStatus", () => {
    assert.equal(
      cloudLine({ platform: "alicloud", read: true, connectionId: "vco-bp1x", state: "active", netStatus: "ike_sa_established", gatewayIp: "203.0.113.20", log: [] }),
      "  cloud   Alibaba Cloud  vco-bp1x  State active  Status ike_sa_established  gateway 203.0.113.20",
    );
    assert.equal(
      cloudLine({ platform: "tencent", read: true, connectionId: "vpnx-1", state: "AVAILABLE", netStatus: "AVAILABLE", gatewayIp: "198.51.100.7", log: [] }),
      "  cloud   Tencent Cloud  vpnx-1  State AVAILABLE  NetStatus AVAILABLE  gateway 198.51.100.7",
    );
  });
});

describe("status's cloud row", () => {
  const row = (text: string) => text.split("\n").find((l) => l.startsWith("cloud"))?.replace(/\s+/g, " ");
  it("shows the cloud's status, that it holds no connection, or nothing when it was not read", () => {
    assert.equal(row(statusTable("to_aliyun", UP, { found: true, state: "active", netStatus: "ipsec_sa_established" })), "cloud ipsec_sa_established - - - -");
    assert.equal(row(statusTable("to_aliyun", UP, { found: false })), "cloud no connection named to_aliyun - - - -");
    assert.equal(row(statusTable("to_aliyun", UP)), undefined);
  });
});
