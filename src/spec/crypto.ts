// Algorithm and DH-group checks per phase: known, offered by RouterOS and by the chosen cloud, and not weak.
// Pure; no I/O. The vocabulary itself is data in algorithms.ts.
import { canonicalOf, findTerm, offered, PLATFORMS, type Phase, type Platform, type Vocabulary } from "./algorithms";
import type { Problem } from "./problems";
import type { TunnelSpec } from "./types";

const PLATFORM_LABEL: Record<Platform, string> = { routeros: "RouterOS", tencent: "Tencent Cloud", alicloud: "Alibaba Cloud" };
const PHASE_LABEL: Record<Phase, string> = { ike: "phase 1 (IKE)", ipsec: "phase 2 (IPsec)" };
const VOCABULARY_LABEL: Record<Vocabulary, string> = {
  encryption: "encryption algorithm",
  integrity: "integrity algorithm",
  dhGroup: "Diffie-Hellman group",
  pfsGroup: "PFS group",
};

export function checkCrypto(spec: TunnelSpec): Problem[] {
  const fields: Array<[path: string, vocabulary: Vocabulary, phase: Phase, value: string | number]> = [
    ["ike.encryption", "encryption", "ike", spec.ike.encryption],
    ["ike.integrity", "integrity", "ike", spec.ike.integrity],
    ["ike.dhGroup", "dhGroup", "ike", spec.ike.dhGroup],
    ["ipsec.encryption", "encryption", "ipsec", spec.ipsec.encryption],
    ["ipsec.integrity", "integrity", "ipsec", spec.ipsec.integrity],
    ["ipsec.pfsGroup", "pfsGroup", "ipsec", spec.ipsec.pfsGroup],
  ];
  return fields.flatMap(([path, vocabulary, phase, value]) => checkTerm(spec, path, vocabulary, phase, value));
}

function checkTerm(spec: TunnelSpec, path: string, vocabulary: Vocabulary, phase: Phase, value: string | number): Problem[] {
  if (typeof value === "number" && Number.isNaN(value)) return []; // reported by parse.ts
  const row = findTerm(vocabulary, value);
  if (!row) return [unknownTerm(path, vocabulary, value)];
  const ends: Platform[] = ["routeros", spec.cloud];
  const both = bothEndsAccept(vocabulary, phase, ends);
  for (const platform of ends) {
    if (row.dialects[platform][phase === "ike" ? 0 : 1] !== null) continue;
    const onlyOtherPhase = row.dialects[platform][phase === "ike" ? 1 : 0] !== null;
    const why = onlyOtherPhase
      ? `is offered by ${PLATFORM_LABEL[platform]} only in ${PHASE_LABEL[phase === "ike" ? "ipsec" : "ike"]}`
      : `is not offered by ${PLATFORM_LABEL[platform]} in ${PHASE_LABEL[phase]} (offers ${compact(offered(vocabulary, platform, phase))})`;
    return [{ path, value, severity: "error", message: why, hint: `the values both ends accept are ${compact(both)}` }];
  }
  if (row.weak) {
    return [
      {
        path,
        value,
        severity: spec.allowWeakCrypto ? "warning" : "error",
        message: `is a weak ${VOCABULARY_LABEL[vocabulary]}`,
        hint: spec.allowWeakCrypto
          ? "allowed by allowWeakCrypto"
          : `choose one of ${compact(both.filter((c) => !findTerm(vocabulary, c)?.weak))}, or set allowWeakCrypto: true to accept it`,
      },
    ];
  }
  return [];
}

function unknownTerm(path: string, vocabulary: Vocabulary, value: string | number): Problem {
  for (const platform of PLATFORMS) {
    for (const phase of ["ike", "ipsec"] as const) {
      const canonical = canonicalOf(vocabulary, String(value), platform, phase);
      if (canonical !== undefined) {
        return {
          path,
          value,
          severity: "error",
          message: `is ${PLATFORM_LABEL[platform]}'s spelling, not a spec value`,
          hint: `did you mean ${canonical}?`,
        };
      }
    }
  }
  return {
    path,
    value,
    severity: "error",
    message: `is not a known ${VOCABULARY_LABEL[vocabulary]}`,
    hint: `known values: ${compact(offeredAnywhere(vocabulary))}`,
  };
}

function bothEndsAccept(vocabulary: Vocabulary, phase: Phase, ends: Platform[]): Array<string | number> {
  const [first, ...rest] = ends.map((p) => offered(vocabulary, p, phase));
  return (first ?? []).filter((c) => rest.every((list) => list.includes(c)));
}

function offeredAnywhere(vocabulary: Vocabulary): Array<string | number> {
  const all = PLATFORMS.flatMap((p) => [...offered(vocabulary, p, "ike"), ...offered(vocabulary, p, "ipsec")]);
  return [...new Set(all)];
}

/** "1, 2, 5, 14–21, 31" for numbers, "a, b, c" for names. */
export function compact(values: Array<string | number>): string {
  if (values.length === 0) return "none";
  if (!values.every((v) => typeof v === "number")) return values.join(", ");
  const numbers = [...(values as number[])].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${numbers[i]}–${numbers[j]}` : numbers.slice(i, j + 1).join(", "));
    i = j + 1;
  }
  return parts.join(", ");
}

