// Tencent resource id formats (`vpngw-` + 8 lowercase alphanumerics, ...) and a generator for fresh ids.
// Pure apart from randomness; never touches emulator state.
import { randomInt } from "node:crypto";

export const ID_PREFIX = {
  vpc: "vpc",
  routeTable: "rtb",
  routeItem: "rti",
  vpnGateway: "vpngw",
  customerGateway: "cgw",
  vpnConnection: "vpnx",
  vpnGatewayRoute: "vpnr",
} as const;
export type IdKind = keyof typeof ID_PREFIX;

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const SUFFIX_LENGTH = 8;

export function isWellFormedId(kind: IdKind, id: string): boolean {
  return new RegExp(`^${ID_PREFIX[kind]}-[a-z0-9]{${SUFFIX_LENGTH}}$`).test(id);
}

export function describeIdFormat(kind: IdKind): string {
  return `${ID_PREFIX[kind]}-xxxxxxxx (8 lowercase letters or digits)`;
}

/** A fresh id of the given kind that `taken` does not already hold. */
export function newId(kind: IdKind, taken: (id: string) => boolean): string {
  for (;;) {
    let suffix = "";
    for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
    const id = `${ID_PREFIX[kind]}-${suffix}`;
    if (!taken(id)) return id;
  }
}
