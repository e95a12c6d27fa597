// Specification of reading captured values: DH group spellings, strongSwan proposal differences, private identities.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { dhGroupNumber, diffProposals, isPrivateAddress } from "../../src/diagnose";

describe("dhGroupNumber", () => {
  it("reads the IANA group from racoon's, strongSwan's and RouterOS's spellings", () => {
    assert.deepEqual(
      ["1024-bit MODP group", "MODP_1024", "modp1024", "2", "2048-bit MODP group", "MODP_2048", "14", "ECP_256", "ecp384", "CURVE_25519"].map(
        dhGroupNumber,
      ),
      [2, 2, 2, 2, 14, 14, 14, 19, 20, 31],
    );
  });

  it("says nothing for a name it does not know", () => {
    assert.equal(dhGroupNumber("EC2N group on GP[2^155]"), undefined);
  });
});

describe("diffProposals (router's proposals, cloud's proposals)", () => {
  it("names each phase-1 component that has nothing in common, with both sides' values", () => {
    assert.deepEqual(
      diffProposals("IKE:AES_CBC_256/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024", "IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_2048"),
      [
        { class: "ike-algorithm", field: "ike.encryption", router: "AES_CBC_256", cloud: "AES_CBC_128" },
        { class: "ike-algorithm", field: "ike.integrity", router: "HMAC_SHA1_96", cloud: "HMAC_MD5_96" },
        { class: "dh-group", field: "ike.dhGroup", router: "MODP_1024", cloud: "MODP_2048" },
      ],
    );
  });

  it("reads a phase-2 DH group on one side only as a PFS mismatch", () => {
    assert.deepEqual(diffProposals("ESP:AES_CBC_256/HMAC_SHA1_96/MODP_1024/NO_EXT_SEQ", "ESP:AES_CBC_256/HMAC_SHA1_96/NO_EXT_SEQ"), [
      { class: "pfs-group", field: "ipsec.pfsGroup", router: "MODP_1024", cloud: "none" },
    ]);
  });

  it("finds no difference when any of several proposals shares each component", () => {
    assert.deepEqual(
      diffProposals(
        "IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048",
        "IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048, IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024",
      ),
      [],
    );
  });

  it("compares phase 1 with phase 1 only: an IKE proposal against an ESP one says nothing", () => {
    assert.deepEqual(diffProposals("IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048", "ESP:AES_CBC_128/HMAC_SHA1_96/NO_EXT_SEQ"), []);
  });
});

describe("isPrivateAddress", () => {
  it("is true for RFC 1918 and carrier-grade NAT addresses in any identity spelling", () => {
    assert.deepEqual(
      ["192.168.88.2", "ID_IPV4_ADDR:10.0.0.5", "ADDR4:172.20.1.1", "type ipaddr[100.72.15.9]", "203.0.113.10", "172.32.0.1", "100.128.0.1", "router.example"].map(
        isPrivateAddress,
      ),
      [true, true, true, true, false, false, false, false],
    );
  });
});
