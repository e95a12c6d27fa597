// The IKE/IPsec vocabulary as data: one row per algorithm or group, with each platform's dialect per phase.
// Pure data and lookups; adding an algorithm is one row. Phase "ike" is RouterOS's profile, "ipsec" its proposal.

export type Platform = "routeros" | "tencent" | "alicloud";
export type Phase = "ike" | "ipsec";
export const PLATFORMS: readonly Platform[] = ["routeros", "tencent", "alicloud"];

/** A platform's spelling in phase 1 and phase 2; null where the platform does not offer it in that phase. */
type Dialect = readonly [ike: string | null, ipsec: string | null];

export interface Term<C extends string | number = string> {
  canonical: C;
  /** Refused unless the spec sets allowWeakCrypto. */
  weak: boolean;
  dialects: Readonly<Record<Platform, Dialect>>;
}

const NONE: Dialect = [null, null];
const term = <C extends string | number>(
  canonical: C,
  weak: boolean,
  routeros: Dialect,
  tencent: Dialect,
  alicloud: Dialect,
): Term<C> => ({ canonical, weak, dialects: { routeros, tencent, alicloud } });

//                 canonical       weak   RouterOS [profile, proposal]        Tencent [IKE, IPsec]              Alibaba [ike, ipsec]
export const ENCRYPTION: readonly Term[] = [
  term("aes-128-cbc", false, ["aes-128", "aes-128-cbc"], ["AES-CBC-128", "AES-CBC-128"], ["aes", "aes"]),
  term("aes-192-cbc", false, ["aes-192", "aes-192-cbc"], ["AES-CBC-192", "AES-CBC-192"], ["aes192", "aes192"]),
  term("aes-256-cbc", false, ["aes-256", "aes-256-cbc"], ["AES-CBC-256", "AES-CBC-256"], ["aes256", "aes256"]),
  term("aes-128-gcm", false, [null, "aes-128-gcm"], NONE, NONE),
  term("aes-256-gcm", false, [null, "aes-256-gcm"], NONE, NONE),
  term("3des", true, ["3des", "3des"], ["3DES-CBC", "3DES-CBC"], ["3des", "3des"]),
  term("des", true, ["des", "des"], ["DES-CBC", "DES-CBC"], ["des", "des"]),
  term("sm4", false, NONE, ["SM4", "SM4"], NONE),
];

export const INTEGRITY: readonly Term[] = [
  term("md5", true, ["md5", "md5"], ["MD5", "MD5"], ["md5", "md5"]),
  term("sha1", false, ["sha1", "sha1"], ["SHA", "SHA1"], ["sha1", "sha1"]),
  term("sha256", false, ["sha256", "sha256"], ["SHA-256", "SHA-256"], ["sha256", "sha256"]),
  term("sha384", false, ["sha384", null], [null, "SHA-384"], ["sha384", "sha384"]),
  term("sha512", false, ["sha512", "sha512"], ["SHA-512", "SHA-512"], ["sha512", "sha512"]),
  term("sm3", false, NONE, [null, "SM3"], NONE),
];

/** Diffie-Hellman groups by IANA number: phase 1 group and phase 2 PFS group. */
export const DH_GROUPS: readonly Term<number>[] = [
  term(1, true, ["modp768", "modp768"], ["GROUP1", "DH-GROUP1"], ["group1", "group1"]),
  term(2, true, ["modp1024", "modp1024"], ["GROUP2", "DH-GROUP2"], ["group2", "group2"]),
  term(5, false, ["modp1536", "modp1536"], ["GROUP5", "DH-GROUP5"], ["group5", "group5"]),
  term(14, false, ["modp2048", "modp2048"], ["GROUP14", "DH-GROUP14"], ["group14", "group14"]),
  term(15, false, ["modp3072", "modp3072"], ["GROUP15", "DH-GROUP15"], NONE),
  term(16, false, ["modp4096", "modp4096"], ["GROUP16", "DH-GROUP16"], NONE),
  term(17, false, ["modp6144", "modp6144"], NONE, NONE),
  term(18, false, ["modp8192", "modp8192"], NONE, NONE),
  term(19, false, ["ecp256", "ecp256"], ["GROUP19", "DH-GROUP19"], NONE),
  term(20, false, ["ecp384", "ecp384"], ["GROUP20", "DH-GROUP20"], NONE),
  term(21, false, ["ecp521", "ecp521"], ["GROUP21", "DH-GROUP21"], NONE),
  term(24, false, NONE, ["GROUP24", "DH-GROUP24"], NONE),
  // x25519 needs RouterOS 7; no cloud offers it, so validation refuses it before the router's version matters.
  term(31, false, ["x25519", "x25519"], NONE, NONE),
];

/** Phase 2 without perfect forward secrecy. */
export const NO_PFS: Term<"none"> = term("none", false, [null, "none"], [null, "NULL"], [null, "disabled"]);

export const IKE_VERSIONS: readonly Term[] = [
  // RouterOS has no version field: IKEv2 is the peer's exchange-mode ike2 (mapped in routeros/render.ts).
  term("ikev1", false, ["main", null], ["IKEV1", null], ["ikev1", null]),
  term("ikev2", false, ["ike2", null], ["IKEV2", null], ["ikev2", null]),
];

export const EXCHANGE_MODES: readonly Term[] = [
  term("main", false, ["main", null], ["MAIN", null], ["main", null]),
  term("aggressive", false, ["aggressive", null], ["AGGRESSIVE", null], ["aggressive", null]),
];

export type Vocabulary = "encryption" | "integrity" | "dhGroup" | "pfsGroup";

const TABLES: Record<Vocabulary, readonly Term<string | number>[]> = {
  encryption: ENCRYPTION,
  integrity: INTEGRITY,
  dhGroup: DH_GROUPS,
  pfsGroup: [...DH_GROUPS, NO_PFS],
};

export function terms(vocabulary: Vocabulary): readonly Term<string | number>[] {
  return TABLES[vocabulary];
}

export function findTerm(vocabulary: Vocabulary, canonical: string | number): Term<string | number> | undefined {
  return TABLES[vocabulary].find((t) => t.canonical === canonical);
}

/** The platform's spelling of a canonical value in a phase, or undefined when it is not offered there. */
export function dialectOf(
  vocabulary: Vocabulary,
  canonical: string | number,
  platform: Platform,
  phase: Phase,
): string | undefined {
  const row = findTerm(vocabulary, canonical);
  return row?.dialects[platform][phase === "ike" ? 0 : 1] ?? undefined;
}

/** The canonical value behind a platform's spelling (case-insensitive), or undefined. */
export function canonicalOf(
  vocabulary: Vocabulary,
  spelled: string,
  platform: Platform,
  phase: Phase,
): string | number | undefined {
  const wanted = spelled.toLowerCase();
  const row = TABLES[vocabulary].find((t) => t.dialects[platform][phase === "ike" ? 0 : 1]?.toLowerCase() === wanted);
  return row?.canonical;
}

/** Canonical values a platform offers in a phase, in table order. */
export function offered(vocabulary: Vocabulary, platform: Platform, phase: Phase): Array<string | number> {
  return TABLES[vocabulary].filter((t) => t.dialects[platform][phase === "ike" ? 0 : 1] !== null).map((t) => t.canonical);
}

export function dhGroupOf(canonical: number): Term<number> | undefined {
  return DH_GROUPS.find((t) => t.canonical === canonical);
}
