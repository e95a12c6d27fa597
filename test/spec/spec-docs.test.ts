// What the docs say of validation is what it does: example listings word for word, and every limit it enforces.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { CLOUD_LIMITS, PSK_MIN_STRONG_LENGTH, RESERVED_NAMES, ROUTEROS_DPD_MAX_FAILURES } from "../../src/spec/limits";
import { parseTunnelSpec } from "../../src/spec/parse";
import { errors, formatProblems } from "../../src/spec/problems";
import { exampleInput } from "../helpers/specs";

// The spec both examples describe: host bits in a site network, DH 24 in phase 1, SHA-384 in phase 2.
const printed = formatProblems(
  errors(parseTunnelSpec({ ...exampleInput("secure"), siteCidrs: ["192.168.1.1/24"], ike: { dhGroup: 24 }, ipsec: { integrity: "sha384" } }).problems),
).split("\n");

/** The "  - " lines of the first fenced block that contains `marker`. */
function listedProblems(file: string, marker: string): string[] {
  const block = readFileSync(file, "utf8").split("```").find((b) => b.includes(marker));
  assert.ok(block, `no example containing ${marker} in ${file}`);
  return block.split("\n").filter((line) => line.startsWith("  - "));
}

describe("the docs' validation examples", () => {
  it("docs/configuration.md shows render's own lines", () => {
    const shown = listedProblems("docs/configuration.md", "$ ros-vpc-ipsec render site.yaml");
    assert.equal(shown.length, 3);
    for (const line of shown) assert.ok(printed.includes(line), `not what render prints: ${line}\nit prints:\n${printed.join("\n")}`);
  });

  it("docs/usage.md shows the spec's lines under the stack's tunnel key", () => {
    const shown = listedProblems("docs/usage.md", "the stack's configuration is not valid").filter((l) => l.startsWith("  - ros-vpc-ipsec:tunnel."));
    assert.equal(shown.length, 2);
    for (const line of shown) {
      const spec = line.replace("ros-vpc-ipsec:tunnel.", "");
      assert.ok(printed.includes(spec), `not what validation prints: ${spec}\nit prints:\n${printed.join("\n")}`);
    }
  });
});

describe("docs/configuration.md's field table", () => {
  const rows = readFileSync("docs/configuration.md", "utf8").split("\n");
  const row = (field: string) => rows.find((line) => line.startsWith(`| \`${field}\` |`)) ?? "";
  const { tencent, alicloud } = CLOUD_LIMITS;
  const range = ([min, max]: readonly [number, number]) => `${min}–${max}`;
  const STATED: Array<[field: string, texts: string[]]> = [
    ["name", [...RESERVED_NAMES].map((name) => `\`${name}\``)],
    ["cloudCidrs", [`Alibaba: at most ${alicloud.maxSubnetsPerSide}`]],
    ["preSharedKey", [`${PSK_MIN_STRONG_LENGTH}+ characters`, `Tencent: at most ${tencent.pskMaxLength}`, `Alibaba: at most ${alicloud.pskMaxLength}`]],
    ["ike.lifetime", [`Tencent ${range(tencent.ikeLifetime)}`, `Alibaba ${range(alicloud.ikeLifetime)}`, "RouterOS at least 60"]],
    ["ipsec.lifetime", [`Tencent ${range(tencent.ipsecLifetime)}`, `Alibaba ${range(alicloud.ipsecLifetime)}`, "RouterOS at least 60"]],
    ["ike.dpd", [`at most ${ROUTEROS_DPD_MAX_FAILURES} × \`interval\``, `Tencent: timeout ${range(tencent.dpdTimeout!)} s, even with DPD off`]],
    ["identities.router", [`at most ${tencent.identityMaxLength} characters`]],
    ["identities.cloud", [`at most ${alicloud.identityMaxLength} characters`]],
  ];
  for (const [field, texts] of STATED) {
    it(`states ${field}'s limits: ${texts.join("; ")}`, () => {
      for (const text of texts) assert.ok(row(field).includes(text), `"${text}" missing from: ${row(field) || `(no row for ${field})`}`);
    });
  }
});
