// IPv4 addresses and CIDR blocks: strict parsing, containment and overlap. Pure: no I/O, no state.

export interface Cidr {
  readonly text: string;
  /** First address of the block as an unsigned 32-bit number (host bits cleared). */
  readonly network: number;
  readonly prefix: number;
}

/** Parses a dotted quad with no leading zeros; undefined when malformed. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Parses `a.b.c.d/n`; host bits may be set (Tencent's own SPD example has them) and are ignored. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([0-9.]+)\/(0|[1-9][0-9]?)$/.exec(text);
  if (!match) return undefined;
  const address = parseIpv4(match[1] ?? "");
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { text, network: address - (address % size), prefix };
}

function lastAddress(block: Cidr): number {
  return block.network + 2 ** (32 - block.prefix) - 1;
}

/** True when every address of `inner` lies in `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.network <= inner.network && lastAddress(inner) <= lastAddress(outer);
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

export function ipInCidr(ip: number, block: Cidr): boolean {
  return block.network <= ip && ip <= lastAddress(block);
}
