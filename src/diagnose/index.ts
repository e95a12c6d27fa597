// The public face of the diagnosis: the catalog as data, and pure functions from logs to ranked causes.
// No I/O anywhere under src/diagnose/: callers fetch logs (RouterOS /log, the cloud's log) and pass them in.
export { CATALOG, DIALECT_READS, FACTS, PAIRS } from "./catalog";
export { CLASSES, classInfo } from "./classes";
export { FIELD_PLACES, where } from "./fields";
export { diagnose, findEvidence, matchLine } from "./match";
export type { DiagnoseOptions, LogEvidence, Sources } from "./match";
export { detectDialect, parseLog } from "./parse";
export { rank } from "./rank";
export { dhGroupNumber, diffProposals, isPrivateAddress } from "./values";
export type * from "./types";
