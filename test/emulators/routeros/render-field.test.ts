// print tests each row through the fields its query names (renderField) before rendering it whole (render):
// both must show every field the same, or queries would match rows print would show differently.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MENUS } from "./menus";
import { Router } from "./router";
import { parseVersion } from "./version";

describe("renderField agrees with render", () => {
  for (const version of ["6.49.10", "7.16", "7.18.2"]) {
    it(`for every field of every row of every menu on RouterOS ${version}, with and without the sensitive policy`, () => {
      const router = new Router({ version: parseVersion(version), defaultFirewall: true, boardName: "RB5009", identity: "lab", wanAddress: "198.51.100.2" });
      // Rows with sensitive and conditional fields, beside the built-in ones.
      const peer = router.newRow({ name: "p1", address: "203.0.113.1/32", profile: router.byKey("/ip/ipsec/profile", "default")!.id, "exchange-mode": "main" });
      router.insert("/ip/ipsec/peer", peer);
      router.insert("/ip/ipsec/identity", router.newRow({ peer: peer.id, "auth-method": "pre-shared-key", secret: "s3cret-value-1234" }));
      router.insert("/ip/ipsec/policy", router.newRow({ peer: peer.id, tunnel: "true", "src-address": "192.168.1.0/24", "dst-address": "10.0.0.0/8" }));
      let compared = 0;
      for (const menu of MENUS) {
        if (!router.rows(menu.path)) continue;
        for (const row of router.rows(menu.path)) {
          for (const sensitive of [false, true]) {
            const rendered = new Map(router.render(menu.path, row, sensitive));
            for (const name of [".id", ...router.fields(menu).map((f) => f.name)]) {
              assert.equal(router.renderField(menu, row, name, sensitive), rendered.get(name), `${menu.path} ${row.id} ${name}`);
              compared++;
            }
          }
        }
      }
      assert.ok(compared > 100, `only ${compared} fields compared`);
    });
  }
});
