import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alicloudConnectionSettings } from "../../src/alicloud/dialect";
import { renderRouterOsRows } from "../../src/routeros/render";
import { renderRouterOsScript, PSK_PLACEHOLDER } from "../../src/routeros/script";
import { createVpnConnectionRequest, modifyVpnConnectionRequest } from "../../src/tencent/dialect";
import { exampleSpec } from "../helpers/specs";

const ids = { vpcId: "vpc-12345678", vpnGatewayId: "vpngw-12345678", customerGatewayId: "cgw-12345678" };

describe("the article's tunnel (examples/article.yaml)", () => {
  const spec = exampleSpec("article");
  const script = renderRouterOsScript(spec);
  const line = (start: string) => script.split("\n").find((l) => l.includes(start)) ?? "";

  it("renders the profile of the article's CLI section: modp768, md5, aes-128", () => {
    const profile = line("/ip ipsec profile add");
    for (const value of ["name=to_tencent", "dh-group=modp768", "hash-algorithm=md5", "enc-algorithm=aes-128 "]) {
      assert.ok(profile.includes(value), `${value} missing from: ${profile}`);
    }
  });

  it("renders the peer at the gateway address in main mode with the tunnel's profile", () => {
    const peer = line("/ip ipsec peer add");
    for (const value of ["address=119.91.254.122/32", "profile=to_tencent", "exchange-mode=main"]) assert.ok(peer.includes(value), peer);
  });

  it("renders the identity with a pre-shared key, and keeps the key out unless asked", () => {
    const identity = line("/ip ipsec identity add");
    assert.ok(identity.includes("auth-method=pre-shared-key"), identity);
    assert.ok(identity.includes(`secret="${PSK_PLACEHOLDER}"`), identity);
    assert.ok(!script.includes("123456"), "the key leaked into the script");
    assert.ok(renderRouterOsScript(spec, { showSecrets: true }).includes("secret=123456"));
  });

  it("says of a bypass the spec leaves out that only an earlier rule is removed, and heads one it has with what it does", () => {
    const headings = (text: string) => text.split("\n").filter((l) => l.startsWith("# ") && /bypass/.test(l));
    assert.deepEqual(headings(script).slice(1), [
      "# FastTrack bypass in the filter table: not in this spec; a rule this tunnel added before is removed.",
      "# FastTrack bypass in the raw table: not in this spec; a rule this tunnel added before is removed.",
    ]);
    const raw = renderRouterOsScript(exampleSpec("article", { router: { fastTrackBypass: "raw", natBypass: false } }));
    assert.deepEqual(headings(raw), [
      "# NAT bypass: off in this spec; a rule this tunnel added before is removed.",
      "# FastTrack bypass in the filter table: not in this spec; a rule this tunnel added before is removed.",
      "# FastTrack bypass: keep tunnel traffic out of connection tracking.",
    ]);
    const filter = renderRouterOsScript(exampleSpec("article", { router: { fastTrackBypass: "filter" } }));
    assert.equal(headings(filter)[1], "# FastTrack bypass: accept IPsec traffic in forward above the fasttrack rule.");
  });

  it("renders the proposal: md5, aes-128-cbc, no PFS", () => {
    const proposal = line("/ip ipsec proposal add");
    for (const value of ["auth-algorithms=md5", "enc-algorithms=aes-128-cbc", "pfs-group=none"]) assert.ok(proposal.includes(value), proposal);
  });

  it("renders the policy: tunnel mode, 192.168.1.0/24 to 10.100.1.0/24, all protocols, the tunnel's proposal", () => {
    const policy = line("/ip ipsec policy add");
    for (const value of ["peer=to_tencent", "tunnel=yes", "src-address=192.168.1.0/24", "dst-address=10.100.1.0/24", "protocol=all", "proposal=to_tencent"]) {
      assert.ok(policy.includes(value), `${value} missing from: ${policy}`);
    }
  });

  it("renders the srcnat accept rule placed before the first masquerade", () => {
    const nat = line("/ip firewall nat add");
    assert.match(nat, /find where chain=srcnat and \(action=masquerade or action=src-nat or action=netmap or action=same or action=endpoint-independent-nat\) and dynamic=no/);
    assert.match(nat, /chain=srcnat action=accept src-address=192\.168\.1\.0\/24 dst-address=10\.100\.1\.0\/24/);
    assert.match(nat, /place-before=\[:pick \$before 0\]/);
  });

  it("gives the router rows the ownership marker", () => {
    const rows = renderRouterOsRows(spec);
    for (const menu of ["peer", "identity", "proposal", "policy", "nat"] as const) {
      assert.ok(rows[menu].length > 0 && rows[menu].every((r) => r.comment === "ros-vpc-ipsec:to_tencent"), menu);
    }
  });

  it("leaves the proposal uncommented on RouterOS before 7.15, which has no comment field there", () => {
    assert.equal(renderRouterOsRows(spec, { version: "7.12" }).proposal[0]?.comment, undefined);
    assert.equal(renderRouterOsRows(spec, { version: "6.49.10" }).peer[0]?.comment, "ros-vpc-ipsec:to_tencent");
  });

  it("renders Tencent parameters GROUP1 / MD5 / AES-CBC-128 / MAIN with the SPD 10.100.1.0/24 ↔ 192.168.1.0/24", () => {
    const request = createVpnConnectionRequest(spec, ids, "119.91.254.122");
    assert.deepEqual(request.IKEOptionsSpecification, {
      IKEVersion: "IKEV1",
      ExchangeMode: "MAIN",
      PropoEncryAlgorithm: "AES-CBC-128",
      PropoAuthenAlgorithm: "MD5",
      DhGroupName: "GROUP1",
      IKESaLifetimeSeconds: 86400,
      LocalIdentity: "ADDRESS",
      LocalAddress: "119.91.254.122",
      RemoteIdentity: "ADDRESS",
      RemoteAddress: "113.87.48.200",
    });
    assert.deepEqual(request.SecurityPolicyDatabases, [{ LocalCidrBlock: "10.100.1.0/24", RemoteCidrBlock: ["192.168.1.0/24"] }]);
    assert.deepEqual(request.IPSECOptionsSpecification, {
      EncryptAlgorithm: "AES-CBC-128",
      IntegrityAlgorith: "MD5",
      IntegrityAlgorithm: "MD5",
      PfsDhGroup: "NULL",
      IPSECSaLifetimeSeconds: 3600,
    });
    assert.equal(request.RouteType, "STATIC");
    assert.equal(request.PreShareKey, "123456");
  });

  it("renders ModifyVpnConnectionAttribute with create's tunnel settings and nothing Tencent cannot change in place", () => {
    const { VpcId: _vpc, VpnGatewayId: _gateway, CustomerGatewayId: _customer, RouteType: _route, ...inPlace } = createVpnConnectionRequest(spec, ids, "119.91.254.122");
    assert.deepEqual(modifyVpnConnectionRequest(spec, "vpnx-12345678", "119.91.254.122"), { VpnConnectionId: "vpnx-12345678", ...inPlace });
  });

  it("renders Alibaba arguments group1 / md5 / aes / main with the same subnets", () => {
    const settings = alicloudConnectionSettings(spec);
    assert.deepEqual(settings.ikeConfig, {
      ikeVersion: "ikev1",
      ikeMode: "main",
      ikeEncAlg: "aes",
      ikeAuthAlg: "md5",
      ikePfs: "group1",
      ikeLifetime: 86400,
      ikeRemoteId: "113.87.48.200",
      psk: "123456",
    });
    assert.deepEqual(settings.ipsecConfig, { ipsecEncAlg: "aes", ipsecAuthAlg: "md5", ipsecPfs: "disabled", ipsecLifetime: 3600 });
    assert.deepEqual([settings.localSubnets, settings.remoteSubnets], [["10.100.1.0/24"], ["192.168.1.0/24"]]);
  });
});

describe("the secure example (examples/secure.yaml)", () => {
  const spec = exampleSpec("secure");

  it("takes the secure defaults: IKEv2, AES-256-CBC, SHA-256, DH 14, PFS 14", () => {
    const rows = renderRouterOsRows(spec);
    assert.deepEqual(
      { ...rows.profile[0], ...{} },
      {
        name: "to_tencent",
        "dh-group": "modp2048",
        "enc-algorithm": "aes-256",
        "hash-algorithm": "sha256",
        lifetime: "1d",
        "nat-traversal": "yes",
        "dpd-interval": "10s",
        "dpd-maximum-failures": "3",
        "proposal-check": "obey",
      },
    );
    assert.equal(rows.peer[0]?.["exchange-mode"], "ike2");
    assert.deepEqual(
      [rows.proposal[0]?.["auth-algorithms"], rows.proposal[0]?.["enc-algorithms"], rows.proposal[0]?.["pfs-group"], rows.proposal[0]?.lifetime],
      ["sha256", "aes-256-cbc", "modp2048", "1h"],
    );
  });

  it("renders one policy and one NAT bypass per (site, cloud) pair, with unique SAs when there are several", () => {
    const two = exampleSpec("secure", { siteCidrs: ["192.168.1.0/24", "192.168.2.0/24"], cloudCidrs: ["10.100.1.0/24", "10.100.2.0/24"] });
    const rows = renderRouterOsRows(two);
    assert.deepEqual(
      rows.policy.map((p) => `${p["src-address"]}>${p["dst-address"]}:${p.level}`),
      ["192.168.1.0/24>10.100.1.0/24:unique", "192.168.1.0/24>10.100.2.0/24:unique", "192.168.2.0/24>10.100.1.0/24:unique", "192.168.2.0/24>10.100.2.0/24:unique"],
    );
    assert.equal(rows.nat.length, 4);
  });

  it("renders FastTrack bypass rules in filter or raw only when asked", () => {
    assert.equal(renderRouterOsRows(spec).filter.length + renderRouterOsRows(spec).raw.length, 0);
    const filter = renderRouterOsRows(exampleSpec("secure", { router: { fastTrackBypass: true } }));
    assert.deepEqual(filter.filter.map((r) => r["ipsec-policy"]), ["out,ipsec", "in,ipsec"]);
    const raw = renderRouterOsRows(exampleSpec("secure", { router: { fastTrackBypass: "raw" } }));
    assert.deepEqual(raw.raw.map((r) => `${r.chain}/${r.action}`), ["prerouting/notrack", "prerouting/notrack"]);
  });

  it("renders FQDN identities on both ends the way each end spells them", () => {
    const fqdn = exampleSpec("secure", { identities: { router: "fqdn:office.example.com", cloud: "fqdn:vpc.example.com" } });
    const identity = renderRouterOsRows(fqdn).identity[0];
    assert.equal(identity?.["my-id"], "fqdn:office.example.com");
    assert.equal(identity?.["remote-id"], "fqdn:vpc.example.com");
    const ike = createVpnConnectionRequest(fqdn, ids, "119.91.254.122").IKEOptionsSpecification;
    assert.deepEqual([ike?.LocalIdentity, ike?.LocalFqdnName, ike?.RemoteIdentity, ike?.RemoteFqdnName], ["FQDN", "vpc.example.com", "FQDN", "office.example.com"]);
  });

  it("renders a route-based tunnel as Tencent StaticRoute without SPD and Alibaba any-to-any selectors", () => {
    const route = exampleSpec("secure", { mode: "route" });
    const request = createVpnConnectionRequest(route, ids, "119.91.254.122");
    assert.equal(request.RouteType, "StaticRoute");
    assert.equal(request.SecurityPolicyDatabases, undefined);
    const alibaba = alicloudConnectionSettings(exampleSpec("secure", { mode: "route", cloud: "alicloud" }));
    assert.deepEqual([alibaba.localSubnets, alibaba.remoteSubnets], [["0.0.0.0/0"], ["0.0.0.0/0"]]);
  });

  it("disables DPD on RouterOS with disable-dpd and on Tencent with DpdEnable 0", () => {
    const off = exampleSpec("secure", { ike: { dpd: false } });
    assert.equal(renderRouterOsRows(off).profile[0]?.["dpd-interval"], "disable-dpd");
    // Alibaba has no DPD timers, so any values pass there (Tencent range-checks the timeout even with DPD off).
    const offOdd = exampleSpec("secure", { cloud: "alicloud", ike: { dpd: { enabled: false, interval: 0, timeout: 0 } } });
    assert.equal(renderRouterOsRows(offOdd).profile[0]?.["dpd-maximum-failures"], "5", "a valid count even for an unused interval");
    assert.equal(createVpnConnectionRequest(off, ids, "119.91.254.122").DpdEnable, 0);
  });
});
