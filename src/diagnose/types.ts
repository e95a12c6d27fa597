// Types of the diagnosis catalog (log pattern → mismatch class → spec fields → fix) and of its findings.
// Types only: no I/O, no logic.
import type { TunnelSpec } from "../spec/types";

/** Whose words a log line is in: RouterOS's /log, the cloud gateway's strongSwan (Alibaba), Tencent's gateway log. */
export type Dialect = "routeros" | "strongswan" | "tencent";

/** A spec field a mismatch involves, as a dotted path into TunnelSpec (checked against it below). */
export type SpecField =
  | "preSharedKey"
  | "ike.version"
  | "ike.exchangeMode"
  | "ike.encryption"
  | "ike.integrity"
  | "ike.dhGroup"
  | "ike.lifetime"
  | "ike.dpd"
  | "ipsec.encryption"
  | "ipsec.integrity"
  | "ipsec.pfsGroup"
  | "ipsec.lifetime"
  | "identities.router"
  | "identities.cloud"
  | "routerPublicIp"
  | "cloudGatewayIp"
  | "siteCidrs"
  | "cloudCidrs"
  | "router.natTraversal"
  | "router.natBypass";

/** Every dotted path of an object type (one level of nesting is all TunnelSpec has). */
type PathOf<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[] | string | number | boolean
    ? K
    : K | `${K}.${keyof NonNullable<T[K]> & string}`;
}[keyof T & string];
type Assert<T extends true> = T;
/** Compile-time proof that every SpecField names a real TunnelSpec path: a renamed spec field fails to compile here. */
export type SpecFieldsExist = Assert<[SpecField] extends [PathOf<TunnelSpec>] ? true : false>;

/** A mismatch that names its cause: one (or two) spec fields differ between the ends. */
export type SpecificClass =
  | "psk"
  | "ike-version"
  | "exchange-mode"
  | "identity"
  | "customer-gateway-ip"
  | "traffic-selectors"
  | "ike-algorithm"
  | "ipsec-algorithm"
  | "dh-group"
  | "pfs-group"
  | "lifetime"
  | "router-behind-nat"
  | "nat-traversal"
  | "dpd";

/**
 * A symptom that does not name its cause: a timeout, a bare NO_PROPOSAL_CHOSEN or AUTHENTICATION_FAILED.
 * It is a finding of its own only when nothing more specific is in the log; otherwise it reinforces the specific
 * causes it may stand for.
 */
export type GenericClass =
  | "peer-not-answering"
  | "proposal-rejected"
  | "phase1-rejected"
  | "phase2-rejected"
  | "authentication-failed";

export type MismatchClass = SpecificClass | GenericClass;

/** Where the line's wording comes from, as the reference marks it. */
export type Basis =
  /** quoted in the source article's table (Alibaba's FAQ wording) */
  | "article"
  /** seen in a real log, the vendor's docs or the daemon's source */
  | "seen"
  /** the vendor's troubleshooting docs (Alibaba's keyword table, Tencent's error table) */
  | "vendor-doc"
  /** by analogy, not seen on a router */
  | "inferred";

/** Named pure functions that read a line's captured values more closely (see values.ts). */
export type RefinerName =
  /** `configured [IKE:...]` vs `received [IKE:...]`: which component differs decides the class. */
  | "proposal-diff"
  /** A router identity that is a private or CGNAT address means the router is behind NAT. */
  | "private-identity";

/** One row of the catalog: a log line's pattern, what it means and what to change. */
export interface CatalogEntry {
  /** Stable id, `<dialect prefix>.<class>.<what>`, e.g. `ros.psk.wrong-password`. */
  readonly id: string;
  readonly dialect: Dialect;
  readonly class: MismatchClass;
  /**
   * Unanchored, so timestamps, `ipsec,error` topics, `NN[IKE]` threads and `IKE_NEGO:` prefixes do not matter.
   * Named groups `router` and `cloud` hold the two ends' values of `captures`; other named groups are kept as is.
   */
  readonly pattern: RegExp;
  readonly fields: readonly SpecField[];
  /** One line, plain words. */
  readonly cause: string;
  /** In the user's vocabulary: the spec field, the RouterOS menu/field, the cloud API field. */
  readonly fix: string;
  /** Specificity, 0.5 (a bare symptom) … 10 (a detail line naming both values). */
  readonly weight: number;
  readonly basis: Basis;
  /** The spec field whose two values the `router`/`cloud` groups hold. */
  readonly captures?: SpecField;
  /** Specific entries: other classes the same line is consistent with (they get half the weight). */
  readonly alsoFits?: readonly SpecificClass[];
  /** Generic entries: the specific causes this line may stand for, likeliest first (default: the class's). */
  readonly standsFor?: readonly SpecificClass[];
  /** Never a finding by itself (an informational line): it only reinforces a finding of its class. */
  readonly context?: true;
  readonly refine?: RefinerName;
  /** Direction, rekey or proposal-check caveats. */
  readonly notes?: readonly string[];
  /** A realistic line this entry matches (documentation and self-test). */
  readonly example: string;
}

/** A fact a line establishes about the negotiation, used to read generic lines in context. */
export type Fact = "phase1-up" | "phase2-up" | "ikev1" | "ikev2";

/** Lines that are not failures but tell where the negotiation got to (success lines, version markers). */
export interface FactPattern {
  readonly id: string;
  readonly dialect: Dialect;
  readonly pattern: RegExp;
  readonly facts: readonly Fact[];
  readonly example: string;
}

/** What a class means, independent of any one line. */
export interface ClassInfo {
  readonly id: MismatchClass;
  /** Short, e.g. "pre-shared key mismatch". */
  readonly title: string;
  readonly generic: boolean;
  /** The phase the class belongs to, where it has one. */
  readonly phase?: 1 | 2;
  readonly fields: readonly SpecField[];
  readonly cause: string;
  readonly fix: string;
  /** Generic classes: the specific causes they may stand for, likeliest first. */
  readonly standsFor?: readonly SpecificClass[];
  readonly notes?: readonly string[];
}

/** A RouterOS /log row, as the API (`/log/print`) returns it. */
export interface RouterOsLogRow {
  readonly time?: string;
  readonly topics: string;
  readonly message: string;
}

/** One log as the user has it: raw text, its lines, or RouterOS /log rows. */
export type LogInput = string | readonly string[] | readonly RouterOsLogRow[];

/** A log and, where the caller knows it, whose log it is (otherwise each line's dialect is detected). */
export interface LogSource {
  readonly log: LogInput;
  readonly dialect?: Dialect;
}

/** One non-empty line of a source. */
export interface LogLine {
  /** Index of the source among those given. */
  readonly source: number;
  /** 1-based line number within its source. */
  readonly lineNo: number;
  /** The line as given (for a /log row: time, topics and message joined). */
  readonly raw: string;
  /** The dialect given for the source, or detected from the line, or undefined when nothing tells. */
  readonly dialect: Dialect | undefined;
}

/** The two ends' values of one spec field, as a line states them. */
export interface CapturedValue {
  readonly entryId: string;
  readonly field?: SpecField;
  /** The value the router has or sends. */
  readonly router?: string;
  /** The value the cloud gateway has or expects. */
  readonly cloud?: string;
  /** e.g. "ike.dhGroup: router offers MODP_1024 (group 2), cloud expects MODP_2048 (group 14)". */
  readonly summary: string;
}

/** One class a matched line points at. */
export interface Hit {
  readonly class: MismatchClass;
  readonly weight: number;
  readonly fields: readonly SpecField[];
  /** `cause`: the entry's own class (or what a refiner read); `also-fits`: a secondary class of the entry. */
  readonly role: "cause" | "also-fits";
  readonly captured: readonly CapturedValue[];
}

/** A line and the catalog entry it matched. */
export interface LineMatch {
  readonly line: LogLine;
  readonly entry: CatalogEntry;
  /** The line's dialect, or the entry's when the line's could not be told. */
  readonly dialect: Dialect;
  readonly groups: Readonly<Record<string, string>>;
  readonly hits: readonly Hit[];
  /** Only reinforces findings of its hits' classes (an informational line, or a proposal line that shows no difference). */
  readonly context: boolean;
}

/** The facts one line establishes (see FactPattern). */
export interface LineFacts {
  readonly source: number;
  readonly lineNo: number;
  readonly facts: readonly Fact[];
}

/** Two lines that only mean something together, e.g. strongSwan's `received proposals:` and `configured proposals:`. */
export interface LinePair {
  readonly first: string;
  readonly second: string;
  readonly refine: RefinerName;
  /** The weight of the pair read together (each line alone is only context). */
  readonly weight: number;
  /** At most this many lines apart, in either order. */
  readonly within: number;
}

/** How a line supports a finding. */
export type EvidenceRole =
  /** the line names this cause */
  | "cause"
  /** the line names another cause but fits this one too */
  | "also-fits"
  /** a generic line that, read in context, can only mean this cause */
  | "inferred"
  /** a generic or informational line consistent with this cause */
  | "supporting"
  /** a generic line, when nothing more specific is in the log */
  | "symptom";

export interface Evidence {
  readonly dialect: Dialect;
  readonly line: string;
  readonly lineNo: number;
  readonly source: number;
  readonly entryId: string;
  readonly weight: number;
  readonly role: EvidenceRole;
}

/** One ranked cause. */
export interface Finding {
  readonly class: MismatchClass;
  readonly title: string;
  /** True when the log only shows a symptom; `candidates` then lists the causes it may stand for. */
  readonly generic: boolean;
  readonly candidates?: readonly SpecificClass[];
  readonly fields: readonly SpecField[];
  readonly cause: string;
  readonly fix: string;
  readonly evidence: readonly Evidence[];
  readonly captured: readonly CapturedValue[];
  readonly notes: readonly string[];
  readonly score: number;
}
