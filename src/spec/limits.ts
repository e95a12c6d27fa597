// Each cloud's documented limits that a spec must respect (clouds.md §1–2). Data only; adding a limit is one field.
import type { CloudKind } from "./types";

export interface CloudLimits {
  label: string;
  /** Inclusive [min, max] seconds. */
  ikeLifetime: readonly [number, number];
  ipsecLifetime: readonly [number, number];
  /** Subnets per side of a policy-based connection, when the cloud caps them. */
  maxSubnetsPerSide?: number;
  /** Pre-shared key: maximum length and the characters the console/API accepts. */
  pskMaxLength: number;
  pskCharacters: RegExp;
  pskCharactersText: string;
  /** DPD timeout range in seconds, when the cloud has one. */
  dpdTimeout?: readonly [number, number];
  /** Maximum length of an IKE identity value. */
  identityMaxLength: number;
}

// Alibaba documents this set for psk; Tencent documents none, so the same conservative set is assumed for both.
const PSK_CHARACTERS = /^[A-Za-z0-9~!`@#$%^&*()_\-+={}[\]|;:',.<>/?]+$/;
const PSK_CHARACTERS_TEXT = "letters, digits and ~!`@#$%^&*()_-+={}[]|;:',.<>/? (no spaces, double quotes or backslashes)";

export const CLOUD_LIMITS: Readonly<Record<CloudKind, CloudLimits>> = {
  tencent: {
    label: "Tencent Cloud",
    ikeLifetime: [60, 604800],
    ipsecLifetime: [180, 604800],
    pskMaxLength: 128,
    pskCharacters: PSK_CHARACTERS,
    pskCharactersText: PSK_CHARACTERS_TEXT,
    dpdTimeout: [30, 60],
    identityMaxLength: 100,
  },
  alicloud: {
    label: "Alibaba Cloud",
    ikeLifetime: [0, 86400],
    ipsecLifetime: [0, 86400],
    maxSubnetsPerSide: 10,
    pskMaxLength: 100,
    pskCharacters: PSK_CHARACTERS,
    pskCharactersText: PSK_CHARACTERS_TEXT,
    identityMaxLength: 100,
  },
};

/** Tunnel names: safe as RouterOS object names, cloud resource names and in comments; room left for suffixes. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{1,39}$/;
export const NAME_RULE = "2-40 characters: a letter, then letters, digits, '_', '.' or '-'";
/** Names RouterOS gives its built-in rows: a tunnel of that name would collide with them. */
export const RESERVED_NAMES = new Set(["default"]);

/** A key shorter than this is weak (refused without allowWeakCrypto). */
export const PSK_MIN_STRONG_LENGTH = 16;

/** Line breaks, tabs, escapes, bidi and zero-width characters: nothing a name in a console or a log should hold. */
export const CONTROL_CHARACTERS = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** RouterOS's range of a profile's dpd-maximum-failures is 1-100. */
export const ROUTEROS_DPD_MAX_FAILURES = 100;
