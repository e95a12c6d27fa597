// IPv4 address and CIDR facts the spec needs, over ipaddr.js. Pure; no I/O.
import * as ipaddr from "ipaddr.js";

export interface Cidr {
  text: string;
  network: ipaddr.IPv4;
  prefix: number;
}

export type CidrCheck = { ok: true; cidr: Cidr } | { ok: false; message: string; hint: string };

export function parseCidr(text: string): CidrCheck {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) {
    return { ok: false, message: "is not an IPv4 CIDR block", hint: "write it as address/prefix, e.g. 192.168.1.0/24" };
  }
  const [addressText = ""] = text.split("/");
  if (/(^|\.)0\d/.test(addressText)) {
    // ipaddr.js reads 010 as octal 8; RouterOS and the clouds read it otherwise or refuse it.
    const plain = addressText.split(".").map((octet) => String(Number(octet))).join(".");
    return { ok: false, message: "has an octet with a leading zero", hint: `write ${plain}/${text.split("/")[1]}` };
  }
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    return { ok: false, message: "is not an IPv4 CIDR block", hint: "each octet is 0-255 and the prefix 0-32" };
  }
  const [address, prefix] = parsed;
  if (address.kind() !== "ipv4") return { ok: false, message: "is not an IPv4 CIDR block", hint: "both clouds route IPv4 only here: give an IPv4 block, e.g. 10.0.0.0/16" };
  const network = ipaddr.IPv4.networkAddressFromCIDR(text);
  if (network.toString() !== address.toString()) {
    return { ok: false, message: "has host bits set", hint: `did you mean ${network.toString()}/${prefix}?` };
  }
  return { ok: true, cidr: { text, network, prefix } };
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const shorter = Math.min(a.prefix, b.prefix);
  return a.network.match(b.network, shorter);
}

export function isIpv4(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) && ipaddr.IPv4.isValidFourPartDecimal(text);
}

/** An IPv6 address literal (no brackets, no zone). */
export function isIpv6(text: string): boolean {
  return /^[0-9A-Fa-f:.]+$/.test(text) && ipaddr.IPv6.isValid(text);
}

/** Why an address cannot be a public tunnel endpoint, or undefined when it can. */
export function notPublicReason(text: string): string | undefined {
  const range = ipaddr.IPv4.parse(text).range();
  // Documentation ranges (TEST-NET) stay usable for examples and labs.
  const documentation = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].some((c) =>
    ipaddr.IPv4.parse(text).match(ipaddr.IPv4.parseCIDR(c)),
  );
  if (range === "unicast" || documentation) return undefined;
  if (range === "carrierGradeNat") return "is a carrier-grade NAT (100.64.0.0/10) address";
  if (range === "private") return "is a private (RFC 1918) address";
  return `is a ${range} address`;
}

/** An FQDN label identity: letters, digits and hyphens per label, dots between, at most 253 characters. */
export function isFqdn(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  return text
    .replace(/\.$/, "")
    .split(".")
    .every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}
