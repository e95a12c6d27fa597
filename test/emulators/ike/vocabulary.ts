// The model's own spelling tables: RouterOS and Tencent values → canonical algorithms and DH numbers, and the
// names strongSwan and racoon print for them. Pure data; deliberately independent of src/ (this is a test oracle).

/** Canonical encryption names (phase 1 and 2 share them). */
export type Enc = string;
/** Canonical integrity/hash names. */
export type Integ = string;

/** RouterOS profile enc-algorithm → canonical. */
export const ROS_PROFILE_ENC: Readonly<Record<string, Enc>> = {
  "aes-128": "aes-128-cbc", "aes-192": "aes-192-cbc", "aes-256": "aes-256-cbc", "3des": "3des", des: "des",
  "camellia-128": "camellia-128", "camellia-192": "camellia-192", "camellia-256": "camellia-256", blowfish: "blowfish",
};

/** RouterOS proposal enc-algorithms are canonical already (aes-128-cbc, aes-256-gcm, 3des, null ...). */
export const rosProposalEnc = (value: string): Enc => value;

/** RouterOS profile hash-algorithm and proposal auth-algorithms are canonical already (md5, sha1, sha256 ...). */
export const rosInteg = (value: string): Integ => value;

/** RouterOS DH names (profile dh-group, proposal pfs-group) → IANA group number; none → 0. */
export const ROS_DH: Readonly<Record<string, number>> = {
  none: 0, modp768: 1, modp1024: 2, modp1536: 5, modp2048: 14, modp3072: 15, modp4096: 16, modp6144: 17, modp8192: 18,
  ecp256: 19, ecp384: 20, ecp521: 21, x25519: 31,
};

/** Tencent PropoEncryAlgorithm / EncryptAlgorithm → canonical. */
export const TENCENT_ENC: Readonly<Record<string, Enc>> = {
  "3DES-CBC": "3des", "DES-CBC": "des", "AES-CBC-128": "aes-128-cbc", "AES-CBC-192": "aes-192-cbc", "AES-CBC-256": "aes-256-cbc",
  SM4: "sm4", NULL: "null", AES128GCM128: "aes-128-gcm", AES192GCM128: "aes-192-gcm", AES256GCM128: "aes-256-gcm",
};

/** Tencent PropoAuthenAlgorithm (phase 1; SHA is SHA-1) and IntegrityAlgorithm (phase 2) → canonical. */
export const TENCENT_INTEG: Readonly<Record<string, Integ>> = {
  MD5: "md5", SHA: "sha1", SHA1: "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512", SM3: "sm3",
};

/** Tencent DhGroupName GROUPn / PfsDhGroup DH-GROUPn → n; NULL → 0. */
export function tencentDh(value: string): number {
  if (value === "NULL") return 0;
  const m = /^(?:DH-)?GROUP(\d+)$/.exec(value);
  if (!m) throw new Error(`ike model: unknown Tencent DH group ${value}`);
  return Number(m[1]);
}

/** strongSwan's names: transform names in proposals (`IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024`). */
export const SWAN_ENC: Readonly<Record<Enc, string>> = {
  "aes-128-cbc": "AES_CBC_128", "aes-192-cbc": "AES_CBC_192", "aes-256-cbc": "AES_CBC_256", "3des": "3DES_CBC", des: "DES_CBC",
  "aes-128-gcm": "AES_GCM_16_128", "aes-192-gcm": "AES_GCM_16_192", "aes-256-gcm": "AES_GCM_16_256", null: "NULL",
  "aes-128-ctr": "AES_CTR_128", "aes-192-ctr": "AES_CTR_192", "aes-256-ctr": "AES_CTR_256", sm4: "SM4_CBC",
  "camellia-128": "CAMELLIA_CBC_128", "camellia-192": "CAMELLIA_CBC_192", "camellia-256": "CAMELLIA_CBC_256",
  chacha20poly1305: "CHACHA20_POLY1305", blowfish: "BLOWFISH_CBC", twofish: "TWOFISH_CBC",
};
export const SWAN_INTEG: Readonly<Record<Integ, string>> = {
  md5: "HMAC_MD5_96", sha1: "HMAC_SHA1_96", sha256: "HMAC_SHA2_256_128", sha384: "HMAC_SHA2_384_192", sha512: "HMAC_SHA2_512_256",
  sm3: "HMAC_SM3", null: "",
};
export const SWAN_PRF: Readonly<Record<Integ, string>> = {
  md5: "PRF_HMAC_MD5", sha1: "PRF_HMAC_SHA1", sha256: "PRF_HMAC_SHA2_256", sha384: "PRF_HMAC_SHA2_384", sha512: "PRF_HMAC_SHA2_512", sm3: "PRF_HMAC_SM3",
};
export const SWAN_DH: Readonly<Record<number, string>> = {
  1: "MODP_768", 2: "MODP_1024", 5: "MODP_1536", 14: "MODP_2048", 15: "MODP_3072", 16: "MODP_4096", 17: "MODP_6144",
  18: "MODP_8192", 19: "ECP_256", 20: "ECP_384", 21: "ECP_521", 24: "MODP_2048_256", 31: "CURVE_25519",
};

/** racoon's phase-1 attribute names (`rejected enctype: ... = AES-CBC:3DES-CBC`). */
export const RACOON_ENC: Readonly<Record<Enc, string>> = {
  "aes-128-cbc": "AES-CBC", "aes-192-cbc": "AES-CBC", "aes-256-cbc": "AES-CBC", "3des": "3DES-CBC", des: "DES-CBC",
  "camellia-128": "CAMELLIA-CBC", "camellia-192": "CAMELLIA-CBC", "camellia-256": "CAMELLIA-CBC", blowfish: "Blowfish-CBC", sm4: "SM4",
};
export const RACOON_HASH: Readonly<Record<Integ, string>> = {
  md5: "MD5", sha1: "SHA", sha256: "SHA256", sha384: "SHA384", sha512: "SHA512", sm3: "SM3",
};
export const RACOON_DH: Readonly<Record<number, string>> = {
  1: "768-bit MODP group", 2: "1024-bit MODP group", 5: "1536-bit MODP group", 14: "2048-bit MODP group",
  15: "3072-bit MODP group", 16: "4096-bit MODP group", 17: "6144-bit MODP group", 18: "8192-bit MODP group",
  19: "256-bit random ECP group", 20: "384-bit random ECP group", 21: "521-bit random ECP group", 24: "2048-bit MODP group with 256-bit prime order subgroup",
  31: "Curve25519",
};
/** racoon's phase-2 names (`trns_id mismatched: my:AES peer:3DES`, `authtype mismatched: my:hmac-md5 peer:hmac-sha`). */
export const RACOON_ESP: Readonly<Record<Enc, string>> = {
  "aes-128-cbc": "AES", "aes-192-cbc": "AES", "aes-256-cbc": "AES", "3des": "3DES", des: "DES", null: "NULL",
  "aes-128-gcm": "AES-GCM-16", "aes-192-gcm": "AES-GCM-16", "aes-256-gcm": "AES-GCM-16", "aes-128-ctr": "AES-CTR",
  "aes-192-ctr": "AES-CTR", "aes-256-ctr": "AES-CTR", sm4: "SM4", "camellia-128": "CAMELLIA", "camellia-192": "CAMELLIA",
  "camellia-256": "CAMELLIA", blowfish: "BLOWFISH", twofish: "TWOFISH", chacha20poly1305: "CHACHA20-POLY1305",
};
export const RACOON_AUTH: Readonly<Record<Integ, string>> = {
  md5: "hmac-md5", sha1: "hmac-sha", sha256: "hmac-sha2-256", sha384: "hmac-sha2-384", sha512: "hmac-sha2-512", null: "non-auth", sm3: "hmac-sm3",
};

/** Key length of a canonical cipher (0 when it has none to negotiate). */
export function keyLength(enc: Enc): number {
  const m = /-(128|192|256)-/.exec(`${enc}-`);
  return m ? Number(m[1]) : 0;
}

/** The racoon/strongSwan name, or the canonical one upper-cased when a table lacks it. */
export const named = (table: Readonly<Record<string, string>>, key: string): string => table[key] ?? key.toUpperCase();
export const namedDh = (table: Readonly<Record<number, string>>, group: number): string => table[group] ?? `DH_GROUP_${group}`;

/** racoon's exchange-type names, as in `initiate new phase 1 (Identity Protection)`. */
export const RACOON_MODE: Readonly<Record<string, string>> = { main: "Identity Protection", aggressive: "Aggressive", base: "Base" };
/** strongSwan's IKEv1 mode names, as in `initiating Main Mode IKE_SA`. */
export const SWAN_MODE: Readonly<Record<string, string>> = { main: "Main Mode", aggressive: "Aggressive Mode", base: "Base Mode" };
