// Reading the values a log line captures: DH group names, strongSwan proposal strings, private identities.
// Pure functions over strings; no I/O. The refiners named in the catalog (RefinerName) live here.
import type { CapturedValue, RefinerName, SpecField, SpecificClass } from "./types";

/** Each DH group's spellings across the three dialects (racoon, strongSwan, RouterOS). */
const DH_GROUPS: readonly { group: number; names: readonly string[] }[] = [
  { group: 1, names: ["MODP_768", "768-bit MODP group", "modp768"] },
  { group: 2, names: ["MODP_1024", "1024-bit MODP group", "modp1024"] },
  { group: 5, names: ["MODP_1536", "1536-bit MODP group", "modp1536"] },
  { group: 14, names: ["MODP_2048", "2048-bit MODP group", "modp2048"] },
  { group: 15, names: ["MODP_3072", "3072-bit MODP group", "modp3072"] },
  { group: 16, names: ["MODP_4096", "4096-bit MODP group", "modp4096"] },
  { group: 17, names: ["MODP_6144", "6144-bit MODP group", "modp6144"] },
  { group: 18, names: ["MODP_8192", "8192-bit MODP group", "modp8192"] },
  { group: 19, names: ["ECP_256", "256-bit random ECP group", "ecp256"] },
  { group: 20, names: ["ECP_384", "384-bit random ECP group", "ecp384"] },
  { group: 21, names: ["ECP_521", "521-bit random ECP group", "ecp521"] },
  { group: 31, names: ["CURVE_25519", "curve25519"] },
];
const DH_BY_NAME = new Map(DH_GROUPS.flatMap((g) => g.names.map((n) => [n.toLowerCase(), g.group] as const)));

/** The IANA number of a DH group written any of the ways logs write it ("MODP_2048", "2048-bit MODP group", "14"). */
export function dhGroupNumber(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  return DH_BY_NAME.get(t.toLowerCase());
}

const DH_FIELDS: ReadonlySet<SpecField> = new Set(["ike.dhGroup", "ipsec.pfsGroup"]);

function show(field: SpecField | undefined, value: string): string {
  if (!field || !DH_FIELDS.has(field)) return value;
  const group = dhGroupNumber(value);
  if (group === undefined) return value;
  return /^\d+$/.test(value.trim()) ? `group ${group}` : `${value} (group ${group})`;
}

/** "ike.dhGroup: router offers MODP_1024 (group 2), cloud expects MODP_2048 (group 14)" */
export function summarize(field: SpecField | undefined, router?: string, cloud?: string): string {
  const sides = [
    ...(router !== undefined ? [`router offers ${show(field, router)}`] : []),
    ...(cloud !== undefined ? [`cloud expects ${show(field, cloud)}`] : []),
  ];
  return `${field ? `${field}: ` : ""}${sides.join(", ")}`;
}

export function captured(entryId: string, field: SpecField | undefined, router?: string, cloud?: string): CapturedValue {
  return {
    entryId,
    ...(field ? { field } : {}),
    ...(router !== undefined ? { router } : {}),
    ...(cloud !== undefined ? { cloud } : {}),
    summary: summarize(field, router, cloud),
  };
}

// ---- strongSwan proposal strings: "IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024, IKE:3DES_CBC/..." ----

type Protocol = "IKE" | "ESP";
type Component = "encryption" | "integrity" | "dh";

interface Proposal {
  protocol: Protocol;
  encryption: Set<string>;
  integrity: Set<string>;
  dh: Set<string>;
}

function componentOf(token: string): Component | "ignored" {
  if (/^(?:MODP|ECP|CURVE|ECP\d|MODP\d)_?/.test(token)) return "dh";
  if (/^(?:HMAC_|AES_XCBC|AES_CMAC|AUTH_)/.test(token)) return "integrity";
  if (/^(?:PRF_|NO_EXT_SEQ$|EXT_SEQ$)/.test(token)) return "ignored";
  return "encryption";
}

/** The proposals in a strongSwan/Tencent proposal list; tokens it does not know are read as encryption. */
export function parseProposals(text: string): Proposal[] {
  const proposals: Proposal[] = [];
  for (const m of text.matchAll(/\b(IKE|ESP):([A-Za-z0-9_/]+)/g)) {
    const protocol = m[1] as Protocol;
    const p: Proposal = { protocol, encryption: new Set(), integrity: new Set(), dh: new Set() };
    for (const token of (m[2] ?? "").split("/").filter(Boolean)) {
      const c = componentOf(token);
      if (c !== "ignored") p[c].add(token);
    }
    proposals.push(p);
  }
  return proposals;
}

/** Which class and spec field a differing component of a phase-1 or phase-2 proposal is. */
const COMPONENT_CLASS: Readonly<Record<Protocol, Readonly<Record<Component, { class: SpecificClass; field: SpecField }>>>> = {
  IKE: {
    encryption: { class: "ike-algorithm", field: "ike.encryption" },
    integrity: { class: "ike-algorithm", field: "ike.integrity" },
    dh: { class: "dh-group", field: "ike.dhGroup" },
  },
  ESP: {
    encryption: { class: "ipsec-algorithm", field: "ipsec.encryption" },
    integrity: { class: "ipsec-algorithm", field: "ipsec.integrity" },
    dh: { class: "pfs-group", field: "ipsec.pfsGroup" },
  },
};

export interface ProposalDifference {
  readonly class: SpecificClass;
  readonly field: SpecField;
  readonly router: string;
  readonly cloud: string;
}

function union(proposals: readonly Proposal[], c: Component): Set<string> {
  const all = new Set<string>();
  for (const p of proposals) for (const v of p[c]) all.add(v);
  // An ESP proposal without a DH group means no PFS; an AEAD cipher has no separate integrity algorithm.
  if (all.size === 0) all.add("none");
  return all;
}

/**
 * The components the two ends' proposals share nothing of. Set-wise per component: a router offering
 * {AES_CBC_128, 3DES_CBC} and a cloud configured with AES_CBC_256 differ in encryption.
 */
export function diffProposals(routerText: string, cloudText: string): ProposalDifference[] {
  const router = parseProposals(routerText);
  const cloud = parseProposals(cloudText);
  const differences: ProposalDifference[] = [];
  for (const protocol of ["IKE", "ESP"] as const) {
    const r = router.filter((p) => p.protocol === protocol);
    const c = cloud.filter((p) => p.protocol === protocol);
    if (r.length === 0 || c.length === 0) continue;
    for (const component of ["encryption", "integrity", "dh"] as const) {
      const rs = union(r, component);
      const cs = union(c, component);
      if ([...rs].some((v) => cs.has(v))) continue;
      const { class: cls, field } = COMPONENT_CLASS[protocol][component];
      differences.push({ class: cls, field, router: [...rs].join("|"), cloud: [...cs].join("|") });
    }
  }
  return differences;
}

// ---- identities ----

/** True for an identity that is a private (RFC 1918) or carrier-grade NAT (100.64/10) IPv4 address, in any log spelling. */
export function isPrivateAddress(identity: string): boolean {
  const m = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/.exec(identity);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

// ---- refiners: read a match's groups more closely; undefined = nothing more to say ----

export interface Refinement {
  readonly class: SpecificClass;
  /** The field the values are of. */
  readonly field?: SpecField;
  /** The fields involved, when more than the one the values are of. */
  readonly fields?: readonly SpecField[];
  readonly router?: string;
  readonly cloud?: string;
}

/** Whether the entry's own class stays a reading of the line once the refiner has spoken (as a secondary one). */
export const REFINER_KEEPS_OWN_CLASS: Readonly<Record<RefinerName, boolean>> = {
  // The diff is definitive: if only the DH group differs, the algorithms are not a cause.
  "proposal-diff": false,
  // A private identity is still an identity the cloud does not expect.
  "private-identity": true,
};

export function refine(name: RefinerName, groups: Readonly<Record<string, string>>): Refinement[] | undefined {
  switch (name) {
    case "proposal-diff": {
      if (groups.router === undefined || groups.cloud === undefined) return undefined;
      const d = diffProposals(groups.router, groups.cloud);
      return d.length > 0 ? d : undefined;
    }
    case "private-identity": {
      const id = groups.router;
      if (id === undefined || !isPrivateAddress(id)) return undefined;
      return [
        {
          class: "router-behind-nat",
          field: "identities.router",
          fields: ["identities.router", "routerPublicIp", "router.natTraversal"],
          router: id,
          ...(groups.cloud !== undefined ? { cloud: groups.cloud } : {}),
        },
      ];
    }
  }
}
