// RouterOS's IPsec vocabularies, each in RouterOS's own strongest-first print order (reference §2 and §6).
// Pure data. A value gated by `since` does not exist on older versions (x25519, chacha20poly1305 are 7.x only).

export interface Choice {
  readonly value: string;
  readonly since?: string;
  readonly until?: string;
}

const plain = (...values: string[]): Choice[] => values.map((value) => ({ value }));

/** Profile dh-group and proposal pfs-group names, print order. */
export const DH_GROUPS: readonly Choice[] = [
  { value: "x25519", since: "7.0" },
  ...plain("ecp256", "ecp384", "ecp521", "modp8192", "modp6144", "modp4096", "modp3072", "modp2048", "modp1536", "modp1024", "modp768"),
];

/** Profile enc-algorithm, print order (camellia/blowfish left out: not on every version, so not offered). */
export const PROFILE_ENC: readonly Choice[] = plain("aes-256", "aes-192", "aes-128", "3des", "des");

/** Profile hash-algorithm (a single value, not a list). */
export const PROFILE_HASH: readonly Choice[] = plain("md5", "sha1", "sha256", "sha384", "sha512");

/** Profile prf-algorithm, RouterOS 7 only. */
export const PROFILE_PRF: readonly Choice[] = plain("auto", "sha1", "sha256", "sha384", "sha512");

/** Proposal auth-algorithms, print order (no sha384). */
export const PROPOSAL_AUTH: readonly Choice[] = plain("sha512", "sha256", "sha1", "md5", "null");

/** Proposal enc-algorithms, print order. */
export const PROPOSAL_ENC: readonly Choice[] = [
  { value: "chacha20poly1305", since: "7.0" },
  ...plain("aes-256-cbc", "aes-256-ctr", "aes-256-gcm", "camellia-256"),
  ...plain("aes-192-cbc", "aes-192-ctr", "aes-192-gcm", "camellia-192"),
  ...plain("aes-128-cbc", "aes-128-ctr", "aes-128-gcm", "camellia-128"),
  ...plain("3des", "blowfish", "twofish", "des", "null"),
];

/** Proposal pfs-group: none plus the DH groups. */
export const PFS_GROUPS: readonly Choice[] = [{ value: "none" }, ...DH_GROUPS];

/** How installed-sa rows name a proposal enc-algorithm: [enc-algorithm, enc-key-size]. */
export const SA_ENC: Readonly<Record<string, readonly [string, string]>> = {
  chacha20poly1305: ["chacha20poly1305", "256"],
  "aes-256-cbc": ["aes-cbc", "256"],
  "aes-256-ctr": ["aes-ctr", "256"],
  "aes-256-gcm": ["aes-gcm", "256"],
  "camellia-256": ["camellia", "256"],
  "aes-192-cbc": ["aes-cbc", "192"],
  "aes-192-ctr": ["aes-ctr", "192"],
  "aes-192-gcm": ["aes-gcm", "192"],
  "camellia-192": ["camellia", "192"],
  "aes-128-cbc": ["aes-cbc", "128"],
  "aes-128-ctr": ["aes-ctr", "128"],
  "aes-128-gcm": ["aes-gcm", "128"],
  "camellia-128": ["camellia", "128"],
  "3des": ["3des", "192"],
  blowfish: ["blowfish", "128"],
  twofish: ["twofish", "256"],
  des: ["des", "64"],
  null: ["null", "0"],
};
