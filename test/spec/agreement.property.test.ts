// Property: one spec renders two ends that agree on every negotiated parameter, for the whole common vocabulary.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { alicloudConnectionSettings } from "../../src/alicloud/dialect";
import { alicloudEndView } from "../../src/alicloud/readback";
import { routerOsEndView } from "../../src/routeros/readback";
import { renderRouterOsRows } from "../../src/routeros/render";
import { offered, type Phase, type Platform, type Vocabulary } from "../../src/spec/algorithms";
import { compareEnds, type EndView } from "../../src/spec/ends";
import { parseTunnelSpec } from "../../src/spec/parse";
import type { TunnelSpec } from "../../src/spec/types";
import { createVpnConnectionRequest } from "../../src/tencent/dialect";
import { tencentEndView } from "../../src/tencent/readback";

const GATEWAY = "119.91.254.122";
const ROUTER = "113.87.48.200";

const common = (vocabulary: Vocabulary, phase: Phase, cloud: Platform) =>
  offered(vocabulary, "routeros", phase).filter((v) => offered(vocabulary, cloud, phase).includes(v));

// The router may present any address (e.g. its private one behind NAT); the cloud only its own.
const routerIdentity = fc.constantFrom(undefined, "fqdn:office.example.com", "fqdn:a-1.b.example", "address:198.51.100.20");
const cloudIdentity = fc.constantFrom(undefined, "fqdn:vpc.example.com", `address:${GATEWAY}`);

const specInput = fc.constantFrom<"tencent" | "alicloud">("tencent", "alicloud").chain((cloud) =>
  fc.record({
    name: fc.constantFrom("to_tencent", "office-1", "hq.main"),
    cloud: fc.constant(cloud),
    mode: fc.constantFrom("policy", "route"),
    siteCidrs: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 3 }).map((xs) => xs.map((x) => `192.168.${x}.0/24`)),
    cloudCidrs: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 3 }).map((xs) => xs.map((x) => `10.${x}.0.0/16`)),
    routerPublicIp: fc.constant(ROUTER),
    cloudGatewayIp: fc.constant(GATEWAY),
    preSharedKey: fc.stringMatching(/^[A-Za-z0-9!@#%^&*_+=.-]{16,40}$/),
    ike: fc.oneof(
      fc.record({
        version: fc.constant("ikev1"),
        exchangeMode: fc.constantFrom("main", "aggressive"),
        encryption: fc.constantFrom(...common("encryption", "ike", cloud)),
        integrity: fc.constantFrom(...common("integrity", "ike", cloud)),
        dhGroup: fc.constantFrom(...common("dhGroup", "ike", cloud)),
        lifetime: fc.integer({ min: 60, max: 86400 }),
      }),
      fc.record({
        version: fc.constant("ikev2"),
        encryption: fc.constantFrom(...common("encryption", "ike", cloud)),
        integrity: fc.constantFrom(...common("integrity", "ike", cloud)),
        dhGroup: fc.constantFrom(...common("dhGroup", "ike", cloud)),
        lifetime: fc.integer({ min: 60, max: 86400 }),
      }),
    ),
    ipsec: fc.record({
      encryption: fc.constantFrom(...common("encryption", "ipsec", cloud)),
      integrity: fc.constantFrom(...common("integrity", "ipsec", cloud)),
      pfsGroup: fc.constantFrom(...common("pfsGroup", "ipsec", cloud)),
      lifetime: fc.integer({ min: 180, max: 86400 }),
    }),
    identities: fc.record({ router: routerIdentity, cloud: cloudIdentity }, { requiredKeys: [] }),
    allowWeakCrypto: fc.constant(true),
  }),
);

function bothEnds(spec: TunnelSpec): { router: EndView; cloud: EndView } {
  const rows = renderRouterOsRows(spec);
  const router = routerOsEndView({ profile: rows.profile[0], proposal: rows.proposal[0], peer: rows.peer[0], identity: rows.identity[0], policies: rows.policy });
  if (spec.cloud === "tencent") {
    const request = createVpnConnectionRequest(spec, { vpcId: "vpc-1", vpnGatewayId: "vpngw-1", customerGatewayId: "cgw-1" }, GATEWAY);
    return { router, cloud: tencentEndView({ ...request, SecurityPolicyDatabaseSet: request.SecurityPolicyDatabases }, ROUTER) };
  }
  return { router, cloud: alicloudEndView(alicloudConnectionSettings(spec), ROUTER) };
}

const clean = (input: Record<string, unknown>) => JSON.parse(JSON.stringify(input)) as Record<string, unknown>;

describe("both ends rendered from one spec", () => {
  it("agree on version, mode, algorithms, groups, key, identities, selectors and addresses", () => {
    fc.assert(
      fc.property(specInput, (input) => {
        const { spec, problems } = parseTunnelSpec(clean(input));
        assert.ok(spec, `generated spec refused: ${JSON.stringify(problems)}`);
        const { router, cloud } = bothEnds(spec);
        assert.deepEqual(compareEnds(router, cloud, { routerPublicIp: ROUTER, gatewayIp: GATEWAY }), []);
        // The readback is faithful, not vacuous: each end shows the spec's own values.
        assert.deepEqual([router.ike.dhGroup, cloud.ike.dhGroup], [[spec.ike.dhGroup], [spec.ike.dhGroup]]);
        assert.deepEqual([router.ipsec.pfsGroup, cloud.ipsec.pfsGroup], [[spec.ipsec.pfsGroup], [spec.ipsec.pfsGroup]]);
        assert.equal(router.preSharedKey, spec.preSharedKey);
        assert.equal(cloud.preSharedKey, spec.preSharedKey);
      }),
      { numRuns: 400 },
    );
  });

  it("disagree on exactly the field changed at one end (the comparison can fail)", () => {
    // Every mismatch class of the article's error table; a mutation that does not apply to a spec returns false.
    type Mutation = [path: string, change: (ends: { router: EndView; cloud: EndView }, spec: TunnelSpec) => boolean | void];
    const mutations: Mutation[] = [
      ["ike.dhGroup", ({ cloud: e }) => void (e.ike.dhGroup = [e.ike.dhGroup[0] === 14 ? 2 : 14])],
      ["ike.encryption", ({ cloud: e }) => void (e.ike.encryption = [e.ike.encryption[0] === "3des" ? "des" : "3des"])],
      ["ike.integrity", ({ cloud: e }) => void (e.ike.integrity = [e.ike.integrity[0] === "md5" ? "sha1" : "md5"])],
      ["ipsec.encryption", ({ cloud: e }) => void (e.ipsec.encryption = [e.ipsec.encryption[0] === "3des" ? "des" : "3des"])],
      ["ipsec.integrity", ({ cloud: e }) => void (e.ipsec.integrity = [e.ipsec.integrity[0] === "md5" ? "sha1" : "md5"])],
      ["ipsec.pfsGroup", ({ cloud: e }) => void (e.ipsec.pfsGroup = [e.ipsec.pfsGroup[0] === "none" ? 14 : "none"])],
      ["preSharedKey", ({ cloud: e }) => void (e.preSharedKey = `${e.preSharedKey}x`)],
      ["identities.router", ({ cloud: e }) => void (e.remoteId = "fqdn:someone-else.example")],
      ["identities.cloud", ({ cloud: e }) => void (e.localId = "fqdn:another-gateway.example")],
      ["ike.version", ({ cloud: e }) => void (e.ikeVersion = e.ikeVersion === "ikev1" ? "ikev2" : "ikev1")],
      ["ike.exchangeMode", ({ cloud: e }, spec) => {
        if (spec.ike.version !== "ikev1") return false;
        e.exchangeMode = e.exchangeMode === "main" ? "aggressive" : "main";
      }],
      // A route-based cloud accepts any selectors the router narrows to: selectors can only disagree in policy mode.
      ["cloudCidrs", ({ cloud: e }, spec) => {
        if (spec.mode !== "policy") return false;
        e.localSubnets = ["172.16.0.0/12"];
      }],
      ["siteCidrs", ({ cloud: e }, spec) => {
        if (spec.mode !== "policy") return false;
        e.remoteSubnets = ["192.0.2.0/24"];
      }],
      ["routerPublicIp", ({ cloud: e }) => void (e.peerAddress = "198.51.100.77")],
      ["cloudGatewayIp", ({ router: e }) => void (e.peerAddress = "198.51.100.78")],
    ];
    fc.assert(
      fc.property(specInput, fc.integer({ min: 0, max: mutations.length - 1 }), (input, which) => {
        const spec = parseTunnelSpec(clean(input)).spec!;
        const ends = bothEnds(spec);
        const [path, change] = mutations[which]!;
        fc.pre(change(ends, spec) !== false);
        const found = compareEnds(ends.router, ends.cloud, { routerPublicIp: ROUTER, gatewayIp: GATEWAY }).map((m) => m.path);
        assert.ok(found.includes(path), `${path} not reported; got ${found.join(", ")}`);
      }),
      { numRuns: 300 },
    );
  });
});
