// The bad-input corpus as data: invalid specs and stack configs — syntax, semantics, cross-end incompatibility and
// hostile strings — each with the field its refusal must name. bad-input.test.ts drives every case through each
// entry point it applies to (the site program, the router resource's Check, the Tencent side, `render`).

/** A change to one section: fields merged over the base (undefined deletes a field), or a function of the base. */
export type Patch = Record<string, unknown> | ((base: Record<string, unknown>) => unknown);

export type EntryPoint = "program" | "routerCheck" | "tencentSide" | "render";
export const ENTRY_POINTS: readonly EntryPoint[] = ["program", "routerCheck", "tencentSide", "render"];

export interface BadInput {
  id: string;
  category: "syntax" | "semantics" | "cross-end" | "hostile";
  what: string;
  /** The tunnel spec (its key aside): ros-vpc-ipsec:tunnel in a stack, the spec input of the resources, the file of render. */
  tunnel?: Patch;
  /** The pre-shared key instead of the base one (the stack's ros-vpc-ipsec:preSharedKey for the program). */
  key?: string;
  /** ros-vpc-ipsec:router, and the RouterOsIpsecTunnel's router input. */
  router?: Patch;
  /** ros-vpc-ipsec:cloud, and TencentVpnSide's vpcId / routeTableId / gateway / existingGatewayId. */
  cloud?: Patch;
  /** Raw stack config values as Pulumi hands them to the program (undefined removes the key). */
  config?: Record<string, string | undefined>;
  /** A spec file's whole text (render only). */
  file?: string;
  /**
   * Where the refusal must point: "tunnel.<path>" (a spec field), "preSharedKey", "router.<path>", "cloud.<path>",
   * "ros-vpc-ipsec:<key>" (a stack config key itself) or "file" (the spec file as a whole).
   */
  field: string;
  /** What the refusal must say about it. */
  message?: RegExp;
  /** Entry points where the path differs from the rule in expectedPath (null: the entry point does not take this input). */
  at?: Partial<Record<EntryPoint, string | null>>;
}

const NS = "ros-vpc-ipsec";
const drop = (field: string) => (base: Record<string, unknown>) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== field));
const long = (n: number, unit = "x") => unit.repeat(n);

/** The path a case's refusal names at an entry point, or null when the entry point does not take that input. */
export function expectedPath(c: BadInput, entry: EntryPoint, renderFile: string): string | null {
  const override = c.at?.[entry];
  if (override !== undefined) return override;
  const [section, ...restParts] = c.field.split(".");
  const rest = restParts.join(".");
  const join = (prefix: string, path: string) => (path.startsWith("[") ? `${prefix}${path}` : `${prefix}.${path}`);
  if (c.field === "file") return entry === "render" ? renderFile : null;
  if (c.field.startsWith(`${NS}:`)) return entry === "program" ? c.field : null;
  const tunnelPath = c.field.startsWith("tunnel") ? c.field.slice("tunnel".length).replace(/^\./, "") : "";
  const alicloud = isAlicloud(c);
  switch (section?.startsWith("tunnel") ? "tunnel" : section) {
    case "tunnel":
      return { program: join(`${NS}:tunnel`, tunnelPath), routerCheck: join("spec", tunnelPath), tencentSide: alicloud ? null : join("spec", tunnelPath), render: tunnelPath }[entry];
    case "preSharedKey":
      // The program reads the key from its own config key, ros-vpc-ipsec:preSharedKey, and checks it there.
      return { program: `${NS}:preSharedKey`, routerCheck: "spec.preSharedKey", tencentSide: alicloud ? null : "spec.preSharedKey", render: "preSharedKey" }[entry];
    case "router":
      return { program: `${NS}:router.${rest}`, routerCheck: `router.${rest}`, tencentSide: null, render: null }[entry];
    case "cloud":
      return { program: `${NS}:cloud.${rest}`, routerCheck: null, tencentSide: alicloud ? null : rest, render: null }[entry];
    default:
      throw new Error(`case ${c.id}: unknown field ${c.field}`);
  }
}

/** Cases whose spec or cloud is Alibaba's: the Tencent side does not take them. */
export function isAlicloud(c: BadInput): boolean {
  const probe = (patch: Patch | undefined) => (typeof patch === "function" ? patch({}) : patch) as Record<string, unknown> | undefined;
  return probe(c.tunnel)?.cloud === "alicloud" || probe(c.cloud)?.provider === "alicloud";
}

const ALI = { cloud: "alicloud" };

export const CORPUS: readonly BadInput[] = [
  // ── Syntax: the shape of the spec ────────────────────────────────────────────────────────────────────────────
  { id: "S01", category: "syntax", what: "name missing", tunnel: drop("name"), field: "tunnel.name", message: /is required/ },
  { id: "S02", category: "syntax", what: "name is a number", tunnel: { name: 42 }, field: "tunnel.name", message: /wrong type/ },
  { id: "S03", category: "syntax", what: "cloudCidrs missing", tunnel: drop("cloudCidrs"), field: "tunnel.cloudCidrs", message: /is required/ },
  { id: "S04", category: "syntax", what: "cloudCidrs is a number", tunnel: { cloudCidrs: 10 }, field: "tunnel.cloudCidrs" },
  { id: "S05", category: "syntax", what: "siteCidrs is a mapping", tunnel: { siteCidrs: { lan: "192.168.1.0/24" } }, field: "tunnel.siteCidrs" },
  { id: "S06", category: "syntax", what: "routerPublicIp missing", tunnel: drop("routerPublicIp"), field: "tunnel.routerPublicIp", message: /is required/ },
  { id: "S07", category: "syntax", what: "routerPublicIp as an integer", tunnel: { routerPublicIp: 3327307778 }, field: "tunnel.routerPublicIp", message: /wrong type/ },
  { id: "S08", category: "syntax", what: "a misspelt key field", tunnel: { presharedKey: "x" }, field: "tunnel.presharedKey", message: /not a spec field.*did you mean preSharedKey/ },
  { id: "S09", category: "syntax", what: "a misspelt nested field", tunnel: { ike: { dhgroup: 14 } }, field: "tunnel.ike.dhgroup", message: /did you mean dhGroup/ },
  { id: "S10", category: "syntax", what: "the second of two unknown fields", tunnel: { foo: 1, bar: 2 }, field: "tunnel.bar", message: /not a spec field/ },
  { id: "S11", category: "syntax", what: "ike is a string", tunnel: { ike: "ikev2" }, field: "tunnel.ike", message: /wrong type/ },
  { id: "S12", category: "syntax", what: "dpd is a word", tunnel: { ike: { dpd: "on" } }, field: "tunnel.ike.dpd" },
  { id: "S13", category: "syntax", what: "natBypass is a string", tunnel: { router: { natBypass: "yes" } }, field: "tunnel.router.natBypass" },
  { id: "S14", category: "syntax", what: "unknown mode", tunnel: { mode: "tunnel" }, field: "tunnel.mode", message: /not allowed.*policy.*route/ },
  { id: "S15", category: "syntax", what: "IKE version in capitals", tunnel: { ike: { version: "IKEv2" } }, field: "tunnel.ike.version", message: /not allowed/ },
  { id: "S16", category: "syntax", what: "identity object of an unknown type", tunnel: { identities: { router: { type: "ip", value: "198.51.100.2" } } }, field: "tunnel.identities.router" },
  { id: "S17", category: "syntax", what: "allowWeakCrypto as a string", tunnel: { allowWeakCrypto: "true" }, field: "tunnel.allowWeakCrypto", message: /wrong type/ },
  { id: "S18", category: "syntax", what: "negative lifetime", tunnel: { ipsec: { lifetime: -5 } }, field: "tunnel.ipsec.lifetime", message: /not a duration/ },
  { id: "S19", category: "syntax", what: "fractional lifetime", tunnel: { ike: { lifetime: 1.5 } }, field: "tunnel.ike.lifetime", message: /not a duration/ },
  { id: "S20", category: "syntax", what: "lifetime in words", tunnel: { ike: { lifetime: "1 day" } }, field: "tunnel.ike.lifetime", message: /not a duration/ },
  { id: "S21", category: "syntax", what: "DPD interval in words", tunnel: { ike: { dpd: { interval: "often" } } }, field: "tunnel.ike.dpd.interval", message: /not a duration/ },
  { id: "S22", category: "syntax", what: "unknown cloud", tunnel: { cloud: "aws" }, field: "tunnel.cloud", message: /not allowed|differs|is not tencent/ },
  { id: "S23", category: "syntax", what: "a field named like an Object method", tunnel: { toString: "x", constructor: 1 }, field: "tunnel.toString", message: /not a spec field/ },
  {
    id: "S24",
    category: "syntax",
    what: "__proto__ smuggling allowWeakCrypto",
    tunnel: (b) => ({ ...b, ...JSON.parse('{"__proto__":{"allowWeakCrypto":true}}'), ike: { integrity: "md5" } }),
    field: "tunnel.__proto__",
    message: /not a spec field|weak/,
    // The engine's wire format drops the key on the way to the provider host: the smuggled opt-in has no effect there.
    at: { routerCheck: "spec.ike.integrity" },
  },

  // ── Semantics: well-formed values that cannot work ───────────────────────────────────────────────────────────
  { id: "M01", category: "semantics", what: "site CIDR with host bits", tunnel: { siteCidrs: ["192.168.1.1/24"] }, field: "tunnel.siteCidrs[0]", message: /host bits.*192\.168\.1\.0\/24/ },
  { id: "M02", category: "semantics", what: "IPv6 site network", tunnel: { siteCidrs: ["fd00::/64"] }, field: "tunnel.siteCidrs[0]", message: /not an IPv4 CIDR/ },
  { id: "M03", category: "semantics", what: "no site network", tunnel: { siteCidrs: [] }, field: "tunnel.siteCidrs", message: /is empty/ },
  { id: "M04", category: "semantics", what: "the same VPC network twice", tunnel: { cloudCidrs: ["10.100.1.0/24", "10.100.1.0/24"] }, field: "tunnel.cloudCidrs[1]", message: /duplicates/ },
  { id: "M05", category: "semantics", what: "site network inside the VPC's", tunnel: { siteCidrs: ["10.100.1.128/25"] }, field: "tunnel.siteCidrs[0]", message: /overlaps cloudCidrs\[0\]/ },
  { id: "M06", category: "semantics", what: "a default route as the VPC network", tunnel: { cloudCidrs: ["0.0.0.0/0"] }, field: "tunnel.siteCidrs[0]", message: /overlaps cloudCidrs\[0\]/ },
  { id: "M07", category: "semantics", what: "CIDR prefix 33", tunnel: { cloudCidrs: ["10.100.1.0/33"] }, field: "tunnel.cloudCidrs[0]" },
  { id: "M08", category: "semantics", what: "private router address", tunnel: { routerPublicIp: "10.0.0.1" }, field: "tunnel.routerPublicIp", message: /private/ },
  { id: "M09", category: "semantics", what: "CGNAT router address", tunnel: { routerPublicIp: "100.64.0.9" }, field: "tunnel.routerPublicIp", message: /carrier-grade NAT/ },
  { id: "M10", category: "semantics", what: "multicast router address", tunnel: { routerPublicIp: "224.0.0.5" }, field: "tunnel.routerPublicIp", message: /multicast/ },
  { id: "M11", category: "semantics", what: "unspecified router address", tunnel: { routerPublicIp: "0.0.0.0" }, field: "tunnel.routerPublicIp" },
  { id: "M12", category: "semantics", what: "broadcast router address", tunnel: { routerPublicIp: "255.255.255.255" }, field: "tunnel.routerPublicIp", message: /broadcast/ },
  { id: "M13", category: "semantics", what: "octets with leading zeros (octal?)", tunnel: { routerPublicIp: "198.051.100.002" }, field: "tunnel.routerPublicIp", message: /not an IPv4 address/ },
  { id: "M14", category: "semantics", what: "gateway address equal to the router's", tunnel: { cloudGatewayIp: "198.51.100.2" }, field: "tunnel.cloudGatewayIp", message: /equals routerPublicIp/ },
  { id: "M15", category: "semantics", what: "loopback gateway address", tunnel: { cloudGatewayIp: "127.0.0.1" }, field: "tunnel.cloudGatewayIp", message: /loopback/ },
  { id: "M16", category: "semantics", what: "address identity that is a name", tunnel: { identities: { router: "address:office.example.com" } }, field: "tunnel.identities.router", message: /not an IPv4 address identity/ },
  { id: "M17", category: "semantics", what: "FQDN identity with a label starting with '-'", tunnel: { identities: { router: "fqdn:-office.example.com" } }, field: "tunnel.identities.router", message: /not a valid FQDN/ },
  { id: "M18", category: "semantics", what: "cloud address identity that is not the gateway's", tunnel: { cloudGatewayIp: "203.0.113.10", identities: { cloud: "address:203.0.113.99" } }, field: "tunnel.identities.cloud", message: /differs from cloudGatewayIp/, at: { routerCheck: "spec.identities.cloud" } },
  { id: "M19", category: "semantics", what: "exchange mode under IKEv2", tunnel: { ike: { version: "ikev2", exchangeMode: "aggressive" } }, field: "tunnel.ike.exchangeMode", message: /IKEv1 only/ },
  { id: "M20", category: "semantics", what: "IKE lifetime of 30 s", tunnel: { ike: { lifetime: 30 } }, field: "tunnel.ike.lifetime", message: /too short for RouterOS/ },
  { id: "M21", category: "semantics", what: "IKE lifetime of 30 days on Tencent", tunnel: { ike: { lifetime: "30d" } }, field: "tunnel.ike.lifetime", message: /outside Tencent Cloud/ },
  { id: "M22", category: "semantics", what: "IPsec lifetime of 2 minutes on Tencent", tunnel: { ipsec: { lifetime: "2m" } }, field: "tunnel.ipsec.lifetime", message: /outside Tencent Cloud/ },
  { id: "M23", category: "semantics", what: "DPD timeout below its interval", tunnel: { ike: { dpd: { interval: 40, timeout: 30 } } }, field: "tunnel.ike.dpd.timeout", message: /shorter than ike\.dpd\.interval/ },
  { id: "M24", category: "semantics", what: "DPD timeout of 2 minutes on Tencent", tunnel: { ike: { dpd: { timeout: 120 } } }, field: "tunnel.ike.dpd.timeout", message: /DPD timeout range/ },
  { id: "M25", category: "semantics", what: "DPD interval of zero", tunnel: { ike: { dpd: { interval: 0, timeout: 30 } } }, field: "tunnel.ike.dpd.interval", message: /at least 1 second/ },
  { id: "M26", category: "semantics", what: "the name of RouterOS's built-in rows", tunnel: { name: "default" }, field: "tunnel.name", message: /built-in/ },
  { id: "M27", category: "semantics", what: "name starting with a digit", tunnel: { name: "1office" }, field: "tunnel.name", message: /not a valid tunnel name/ },
  { id: "M28", category: "semantics", what: "one-letter name", tunnel: { name: "a" }, field: "tunnel.name" },
  { id: "M29", category: "semantics", what: "DH group that is not one", tunnel: { ike: { dhGroup: "GROUP99" } }, field: "tunnel.ike.dhGroup", message: /not a Diffie-Hellman group/ },
  { id: "M30", category: "semantics", what: "PFS group that is not one", tunnel: { ipsec: { pfsGroup: "modp9999" } }, field: "tunnel.ipsec.pfsGroup" },
  { id: "M31", category: "semantics", what: "MD5 without the weak-crypto opt-in", tunnel: { ike: { integrity: "md5" } }, field: "tunnel.ike.integrity", message: /weak/ },
  { id: "M32", category: "semantics", what: "DES in phase 2 without the opt-in", tunnel: { ipsec: { encryption: "des" } }, field: "tunnel.ipsec.encryption", message: /weak/ },
  { id: "M33", category: "semantics", what: "DH group 2 without the opt-in", tunnel: { ike: { dhGroup: 2 } }, field: "tunnel.ike.dhGroup", message: /weak/ },
  { id: "M34", category: "semantics", what: "empty pre-shared key", key: "", field: "preSharedKey", message: /is empty/ },
  { id: "M35", category: "semantics", what: "short key without the opt-in", key: "Kx7short-q", field: "preSharedKey", message: /weak/ },
  { id: "M36", category: "semantics", what: "key longer than Tencent's 128", key: long(129, "Kq"), field: "preSharedKey", message: /longer than Tencent/ },
  { id: "M37", category: "semantics", what: "key with a space", key: "Kx7 correct horse battery", field: "preSharedKey", message: /characters/ },
  { id: "M38", category: "semantics", what: "key of 100 000 characters", key: long(50_000, "Kz"), field: "preSharedKey", message: /longer than/ },

  // ── Cross-end: each end accepts it, but not both ─────────────────────────────────────────────────────────────
  { id: "X01", category: "cross-end", what: "GCM in phase 1", tunnel: { ike: { encryption: "aes-128-gcm" } }, field: "tunnel.ike.encryption", message: /only in phase 2/ },
  { id: "X02", category: "cross-end", what: "SM4 (Tencent only)", tunnel: { ike: { encryption: "sm4" } }, field: "tunnel.ike.encryption", message: /not offered by RouterOS/ },
  { id: "X03", category: "cross-end", what: "SHA-384 in phase 1 on Tencent", tunnel: { ike: { integrity: "sha384" } }, field: "tunnel.ike.integrity", message: /Tencent Cloud only in phase 2/ },
  { id: "X04", category: "cross-end", what: "SHA-384 in phase 2 (not on RouterOS)", tunnel: { ipsec: { integrity: "sha384" } }, field: "tunnel.ipsec.integrity", message: /RouterOS only in phase 1/ },
  { id: "X05", category: "cross-end", what: "SM3 (Tencent only)", tunnel: { ipsec: { integrity: "sm3" } }, field: "tunnel.ipsec.integrity", message: /not offered by RouterOS/ },
  { id: "X06", category: "cross-end", what: "DH group 24 (Tencent only)", tunnel: { ike: { dhGroup: 24 } }, field: "tunnel.ike.dhGroup", message: /not offered by RouterOS/ },
  { id: "X07", category: "cross-end", what: "x25519 (RouterOS only)", tunnel: { ike: { dhGroup: 31 } }, field: "tunnel.ike.dhGroup", message: /not offered by Tencent/ },
  { id: "X08", category: "cross-end", what: "modp6144 (RouterOS only)", tunnel: { ipsec: { pfsGroup: "modp6144" } }, field: "tunnel.ipsec.pfsGroup", message: /not offered by Tencent/ },
  { id: "X09", category: "cross-end", what: "AES-GCM in phase 2 on Tencent", tunnel: { ipsec: { encryption: "aes-256-gcm" } }, field: "tunnel.ipsec.encryption", message: /not offered by Tencent/ },
  { id: "X10", category: "cross-end", what: "Tencent's spelling of AES", tunnel: { ike: { encryption: "AES-CBC-256" } }, field: "tunnel.ike.encryption", message: /did you mean aes-256-cbc/ },
  { id: "X11", category: "cross-end", what: "DH group 19 on Alibaba", tunnel: { ...ALI, ike: { dhGroup: 19 } }, field: "tunnel.ike.dhGroup", message: /not offered by Alibaba/ },
  { id: "X12", category: "cross-end", what: "PFS group 15 on Alibaba", tunnel: { ...ALI, ipsec: { pfsGroup: 15 } }, field: "tunnel.ipsec.pfsGroup", message: /not offered by Alibaba/ },
  { id: "X13", category: "cross-end", what: "eleven site networks on Alibaba", tunnel: { ...ALI, siteCidrs: Array.from({ length: 11 }, (_, i) => `192.168.${i}.0/24`) }, field: "tunnel.siteCidrs", message: /at most 10/ },
  { id: "X14", category: "cross-end", what: "IKE lifetime of 2 days on Alibaba", tunnel: { ...ALI, ike: { lifetime: "2d" } }, field: "tunnel.ike.lifetime", message: /outside Alibaba/ },
  { id: "X15", category: "cross-end", what: "key longer than Alibaba's 100", tunnel: { ...ALI }, key: long(101, "K"), field: "preSharedKey", message: /longer than Alibaba/ },
  { id: "X16", category: "cross-end", what: "SM4 on Alibaba", tunnel: { ...ALI, ipsec: { encryption: "sm4" } }, field: "tunnel.ipsec.encryption", message: /not offered by RouterOS/ },

  // ── Hostile strings: RouterOS command injection, newlines, '=', very long, non-ASCII, forged output ────────────
  { id: "H01", category: "hostile", what: "name closing a quote and resetting the router", tunnel: { name: 'x";/system reset-configuration;"' }, field: "tunnel.name", message: /not a valid tunnel name/ },
  { id: "H02", category: "hostile", what: "name with a newline and a new admin user", tunnel: { name: "to_tencent\n/user add name=evil group=full password=x" }, field: "tunnel.name" },
  { id: "H03", category: "hostile", what: "name with '=' (an API attribute)", tunnel: { name: "to_tencent=x" }, field: "tunnel.name" },
  { id: "H04", category: "hostile", what: "name adding an attribute word", tunnel: { name: "to_tencent comment=owned" }, field: "tunnel.name" },
  { id: "H05", category: "hostile", what: "name with a RouterOS variable", tunnel: { name: "to_$tencent" }, field: "tunnel.name" },
  { id: "H06", category: "hostile", what: "name with command substitution", tunnel: { name: "to[/system reset-configuration]" }, field: "tunnel.name" },
  { id: "H07", category: "hostile", what: "name of 10 000 characters", tunnel: { name: `t${long(9_999)}` }, field: "tunnel.name", message: /… \(10000 characters\)/ },
  { id: "H08", category: "hostile", what: "name in Chinese", tunnel: { name: "到腾讯云" }, field: "tunnel.name" },
  { id: "H09", category: "hostile", what: "name with a NUL byte", tunnel: { name: "to_tencent\u0000x" }, field: "tunnel.name", message: /\\u0000/ },
  { id: "H10", category: "hostile", what: "name with a zero-width space", tunnel: { name: "to_tencent\u200b" }, field: "tunnel.name", message: /\\u200b/ },
  { id: "H11", category: "hostile", what: "name with a right-to-left override", tunnel: { name: "to_\u202etencent" }, field: "tunnel.name", message: /\\u202e/ },
  { id: "H12", category: "hostile", what: "name with a terminal escape", tunnel: { name: "to\u001b[2Jtencent" }, field: "tunnel.name", message: /\\u001b/ },
  { id: "H13", category: "hostile", what: "name ending in ';'", tunnel: { name: "to_tencent;" }, field: "tunnel.name" },
  { id: "H14", category: "hostile", what: "CIDR with an extra attribute word", tunnel: { siteCidrs: ["192.168.1.0/24 comment=evil"] }, field: "tunnel.siteCidrs[0]" },
  { id: "H15", category: "hostile", what: "CIDR with a newline and a command", tunnel: { siteCidrs: ["192.168.1.0/24\n/system reset-configuration"] }, field: "tunnel.siteCidrs[0]" },
  { id: "H16", category: "hostile", what: "CIDR starting with '='", tunnel: { cloudCidrs: ["=10.100.1.0/24"] }, field: "tunnel.cloudCidrs[0]" },
  { id: "H17", category: "hostile", what: "router address with ';' and a command", tunnel: { routerPublicIp: "198.51.100.2;/system reset-configuration" }, field: "tunnel.routerPublicIp" },
  { id: "H18", category: "hostile", what: "router address in full-width digits", tunnel: { routerPublicIp: "１９８.51.100.2" }, field: "tunnel.routerPublicIp" },
  { id: "H19", category: "hostile", what: "gateway address with a newline and a command", tunnel: { cloudGatewayIp: "203.0.113.10\n/ip service enable api" }, field: "tunnel.cloudGatewayIp" },
  { id: "H20", category: "hostile", what: "identity with a newline and a command", tunnel: { identities: { router: "fqdn:office.example.com\n/system reset-configuration" } }, field: "tunnel.identities.router" },
  { id: "H21", category: "hostile", what: "identity adding an attribute word", tunnel: { identities: { router: "fqdn:office.example.com comment=x" } }, field: "tunnel.identities.router" },
  { id: "H22", category: "hostile", what: "identity object with '='", tunnel: { identities: { router: { type: "fqdn", value: "a=b.example.com" } } }, field: "tunnel.identities.router" },
  { id: "H23", category: "hostile", what: "identity of 300 characters", tunnel: { identities: { cloud: `fqdn:${Array.from({ length: 5 }, () => long(59, "a")).join(".")}` } }, field: "tunnel.identities.cloud", message: /longer than Tencent|not a valid FQDN/ },
  { id: "H24", category: "hostile", what: "non-ASCII identity", tunnel: { identities: { router: "fqdn:办公室.example.com" } }, field: "tunnel.identities.router" },
  { id: "H25", category: "hostile", what: "algorithm with a newline and a command", tunnel: { ike: { encryption: "aes-256-cbc\n/system reset-configuration" } }, field: "tunnel.ike.encryption", message: /not a known encryption/ },
  { id: "H26", category: "hostile", what: "algorithm with ';'", tunnel: { ipsec: { integrity: "sha256;" } }, field: "tunnel.ipsec.integrity" },
  { id: "H27", category: "hostile", what: "algorithm of 20 000 characters", tunnel: { ipsec: { encryption: long(20_000, "a") } }, field: "tunnel.ipsec.encryption", message: /… \(20000 characters\)/ },
  { id: "H28", category: "hostile", what: "DH group with a command", tunnel: { ike: { dhGroup: "14;/system reset-configuration" } }, field: "tunnel.ike.dhGroup" },
  { id: "H29", category: "hostile", what: "lifetime with a command", tunnel: { ike: { lifetime: "1d\n/system reset-configuration" } }, field: "tunnel.ike.lifetime" },
  { id: "H30", category: "hostile", what: "unknown field whose name forges a problem line", tunnel: { "x\n  - preSharedKey: fine": 1 }, field: 'tunnel["x\\n  - preSharedKey: fine"]', message: /not a spec field/, at: { routerCheck: 'spec["x\\n  - preSharedKey: fine"]' } },
  { id: "H31", category: "hostile", what: "unknown field of 5 000 characters", tunnel: { [long(5_000, "k")]: 1 }, field: `tunnel.${long(5_000, "k")}`, message: /not a spec field/ },
  { id: "H32", category: "hostile", what: "key with a newline and a command", key: "Kx7abcdefghijklmn\n/system reset-configuration", field: "preSharedKey", message: /characters/ },
  { id: "H33", category: "hostile", what: "key with a double quote", key: 'Kx7abcdefgh"ijklmnop', field: "preSharedKey", message: /characters/ },
  { id: "H34", category: "hostile", what: "key with a backslash", key: "Kx7abcdefgh\\ijklmnop", field: "preSharedKey", message: /characters/ },
  { id: "H35", category: "hostile", what: "key in Chinese", key: "密钥密钥密钥密钥密钥密钥密钥密钥Kx", field: "preSharedKey", message: /characters/ },
  { id: "H36", category: "hostile", what: "key with a tab", key: "Kx7abcdefgh\tijklmnop", field: "preSharedKey", message: /characters/ },
  { id: "H37", category: "hostile", what: "key with a NUL byte", key: "Kx7abcdefgh\u0000ijklmnop", field: "preSharedKey", message: /characters/ },

  // ── The router connection (stack: ros-vpc-ipsec:router; resource: the router input) ─────────────────────────────
  { id: "R01", category: "syntax", what: "no router host", router: drop("host"), field: "router.host", message: /required/ },
  { id: "R02", category: "syntax", what: "empty router host", router: { host: "" }, field: "router.host", message: /required/ },
  { id: "R03", category: "hostile", what: "host with a newline and a command", router: { host: "192.168.88.1\n/system reset-configuration" }, field: "router.host", message: /not a host name/ },
  { id: "R04", category: "hostile", what: "host with a space", router: { host: "192.168.88.1 8729" }, field: "router.host" },
  { id: "R05", category: "hostile", what: "host starting with '='", router: { host: "=192.168.88.1" }, field: "router.host" },
  { id: "R06", category: "syntax", what: "host as a URL", router: { host: "https://192.168.88.1" }, field: "router.host" },
  { id: "R07", category: "syntax", what: "host with a port", router: { host: "192.168.88.1:8729" }, field: "router.host", message: /router\.port/ },
  { id: "R08", category: "hostile", what: "host of 300 characters", router: { host: `${long(300, "r")}.example.com` }, field: "router.host" },
  { id: "R09", category: "hostile", what: "non-ASCII host name", router: { host: "路由器.example.com" }, field: "router.host" },
  { id: "R10", category: "semantics", what: "port 0", router: { port: 0 }, field: "router.port", message: /not a TCP port/ },
  { id: "R11", category: "semantics", what: "port 70000", router: { port: 70000 }, field: "router.port", message: /not a TCP port/ },
  { id: "R12", category: "syntax", what: "fractional port", router: { port: 8729.5 }, field: "router.port" },
  { id: "R13", category: "syntax", what: "port as a string", router: { port: "8729" }, field: "router.port" },
  { id: "R14", category: "syntax", what: "unknown TLS mode", router: { tls: "none" }, field: "router.tls" },
  { id: "R15", category: "syntax", what: "unknown TLS mode in the object form", router: { tls: { mode: "strict" } }, field: "router.tls", at: { routerCheck: "router.tls.mode" } },
  { id: "R16", category: "semantics", what: "plain API to a LAN router without the opt-in", router: { host: "192.168.88.1", tls: "off" }, field: "router.tls", message: /clear text.*allowPlaintext/ },
  { id: "R17", category: "semantics", what: "plain API (object form) to a public address", router: { host: "203.0.113.7", tls: { mode: "off" } }, field: "router.tls", message: /clear text/ },
  { id: "R18", category: "hostile", what: "plain API to a name that looks like loopback", router: { host: "127.0.0.1.nip.io", tls: "off" }, field: "router.tls", message: /clear text/ },
  { id: "R19", category: "hostile", what: "plain API with allowPlaintext: \"false\" (a string)", router: { host: "192.168.88.1", tls: "off", allowPlaintext: "false" }, field: "router.allowPlaintext" },
  { id: "R20", category: "semantics", what: "fingerprint of 63 hex digits", router: { tls: { mode: "fingerprint", fingerprint: "a".repeat(63) } }, field: "router.tls.fingerprint", message: /SHA-256/ },
  { id: "R21", category: "semantics", what: "a SHA-1 fingerprint", router: { tls: { mode: "fingerprint", fingerprint: "ab".repeat(20) } }, field: "router.tls.fingerprint", message: /SHA-256/ },
  { id: "R22", category: "hostile", what: "fingerprint with a command after it", router: { tls: { mode: "fingerprint", fingerprint: `${"AB:".repeat(31)}AB;/system reset-configuration` } }, field: "router.tls.fingerprint" },
  { id: "R23", category: "semantics", what: "verify without host name check and without a CA", router: { tls: { mode: "verify", checkHostname: false } }, field: "router.tls.checkHostname", message: /any certificate a public CA issued/ },
  { id: "R24", category: "semantics", what: "CA that is not a certificate", router: { tls: { mode: "verify", ca: "not a certificate" } }, field: "router.tls.ca", message: /not a PEM certificate/ },
  { id: "R25", category: "hostile", what: "server name with a newline", router: { tls: { mode: "verify", servername: "router.example.com\nx" } }, field: "router.tls.servername" },
  { id: "R26", category: "semantics", what: "timeout of zero", router: { timeoutSeconds: 0 }, field: "router.timeoutSeconds" },
  { id: "R27", category: "semantics", what: "negative timeout", router: { timeoutSeconds: -1 }, field: "router.timeoutSeconds" },
  { id: "R28", category: "hostile", what: "user with a newline and a password word", router: { user: "admin\n=password=x" }, field: "router.user", message: /not a RouterOS user name/ },
  { id: "R29", category: "semantics", what: "empty user", router: { user: "" }, field: "router.user" },
  { id: "R30", category: "syntax", what: "adopt as the string \"false\" (would take over hand-made rows)", router: { adopt: "false" }, field: "router.adopt", at: { routerCheck: "adopt" } },
  { id: "R31", category: "semantics", what: "negative wait for the tunnel", router: { waitForEstablishedSeconds: -1 }, field: "router.waitForEstablishedSeconds", at: { routerCheck: "waitForEstablishedSeconds" } },
  { id: "R32", category: "hostile", what: "the router password among the plain settings", router: { password: "Kx7-plain-router-password" }, field: "router.password", message: /routerPassword/, at: { routerCheck: null } },

  // ── The cloud side (stack: ros-vpc-ipsec:cloud; library: TencentVpnSide's arguments) ─────────────────────────────
  { id: "C01", category: "semantics", what: "VPC id with an underscore", cloud: { vpcId: "vpc_12345678" }, field: "cloud.vpcId", message: /not a VPC id/ },
  { id: "C02", category: "hostile", what: "VPC id with a newline", cloud: { vpcId: "vpc-1234\nx" }, field: "cloud.vpcId" },
  { id: "C03", category: "semantics", what: "route table id in capitals", cloud: { routeTableId: "rtb-ABCDEF12" }, field: "cloud.routeTableId", message: /not a route table id/ },
  { id: "C04", category: "hostile", what: "existing gateway id with a command", cloud: { gateway: undefined, existingGatewayId: "vpngw-1;drop" }, field: "cloud.existingGatewayId" },
  { id: "C05", category: "semantics", what: "a bandwidth Tencent does not sell", cloud: { gateway: { bandwidthMbps: 7 } }, field: "cloud.gateway.bandwidthMbps", message: /not a size/ },
  { id: "C06", category: "syntax", what: "bandwidth as a string", cloud: { gateway: { bandwidthMbps: "5" } }, field: "cloud.gateway.bandwidthMbps" },
  { id: "C07", category: "hostile", what: "gateway name with a newline", cloud: { gateway: { bandwidthMbps: 5, name: "office\nInjected-Line: 1" } }, field: "cloud.gateway.name", message: /control characters/ },
  { id: "C08", category: "hostile", what: "gateway name over 60 bytes (21 Chinese characters)", cloud: { gateway: { bandwidthMbps: 5, name: "办".repeat(21) } }, field: "cloud.gateway.name" },
  { id: "C09", category: "hostile", what: "zone with a command", cloud: { gateway: { bandwidthMbps: 5, zone: "ap-guangzhou-3;rm" } }, field: "cloud.gateway.zone" },
  { id: "C10", category: "semantics", what: "a gateway to create and an existing one", cloud: { existingGatewayId: "vpngw-12345678" }, field: "cloud.existingGatewayId" },
  { id: "C11", category: "semantics", what: "no gateway at all", cloud: { gateway: undefined }, field: "cloud.gateway" },
  { id: "C12", category: "syntax", what: "unknown cloud provider", cloud: { provider: "aws" }, field: "cloud.provider", at: { tencentSide: null } },
  { id: "C13", category: "syntax", what: "unknown cloud setting", cloud: { region: "ap-guangzhou" }, field: "cloud.region", at: { tencentSide: null } },
  { id: "C14", category: "syntax", what: "no VPC id", cloud: { vpcId: undefined }, field: "cloud.vpcId", message: /required/ },
  { id: "C15", category: "semantics", what: "Alibaba: a VPC id with an underscore", cloud: { provider: "alicloud", vpcId: "vpc_bp1" }, field: "cloud.vpcId" },
  { id: "C16", category: "semantics", what: "Alibaba: 3000 Mbps is Tencent's size", cloud: { provider: "alicloud", gateway: { bandwidthMbps: 3000 } }, field: "cloud.gateway.bandwidthMbps" },
  { id: "C17", category: "semantics", what: "Alibaba: a Tencent route table id", cloud: { provider: "alicloud", routeTableId: "rtb-12345678" }, field: "cloud.routeTableId" },
  { id: "C18", category: "hostile", what: "Alibaba: gateway name starting with a URL", cloud: { provider: "alicloud", gateway: { bandwidthMbps: 10, name: "http://evil.example.com" } }, field: "cloud.gateway.name" },
  { id: "C19", category: "hostile", what: "Alibaba: gateway name with a newline", cloud: { provider: "alicloud", gateway: { bandwidthMbps: 10, name: "office\nx" } }, field: "cloud.gateway.name" },

  // ── The stack's configuration as a whole ───────────────────────────────────────────────────────────────────
  { id: "K01", category: "syntax", what: "no tunnel", config: { [`${NS}:tunnel`]: undefined }, field: `${NS}:tunnel`, message: /is not set/ },
  { id: "K02", category: "syntax", what: "no router", config: { [`${NS}:router`]: undefined }, field: `${NS}:router`, message: /is not set/ },
  { id: "K03", category: "syntax", what: "no cloud", config: { [`${NS}:cloud`]: undefined }, field: `${NS}:cloud`, message: /is not set/ },
  { id: "K04", category: "syntax", what: "tunnel is YAML text, not a mapping", config: { [`${NS}:tunnel`]: "name: to_tencent" }, field: `${NS}:tunnel`, message: /not a mapping/ },
  { id: "K05", category: "syntax", what: "tunnel is a list", config: { [`${NS}:tunnel`]: '["to_tencent"]' }, field: `${NS}:tunnel`, message: /not a mapping/ },
  { id: "K06", category: "syntax", what: "tunnel is a quoted string", config: { [`${NS}:tunnel`]: '"to_tencent"' }, field: `${NS}:tunnel`, message: /not a mapping/ },
  { id: "K07", category: "syntax", what: "router is a bare address", config: { [`${NS}:router`]: "192.168.88.1" }, field: `${NS}:router`, message: /not a mapping/ },
  { id: "K08", category: "semantics", what: "the key in the plain tunnel config", tunnel: { preSharedKey: "Kx7-plain-key-in-tunnel" }, field: "tunnel.preSharedKey", message: /config set --secret/, at: { routerCheck: null, tencentSide: null, render: null } },
  { id: "K09", category: "semantics", what: "tunnel.cloud contradicting cloud.provider", tunnel: { cloud: "tencent" }, cloud: { provider: "alicloud" }, field: "tunnel.cloud", message: /differs from/, at: { routerCheck: null, render: null } },
  { id: "K10", category: "syntax", what: "no pre-shared key", config: { [`${NS}:preSharedKey`]: undefined }, field: `${NS}:preSharedKey`, message: /config set --secret/ },

  // ── A spec file (render) ────────────────────────────────────────────────────────────────────────────────────
  { id: "F01", category: "syntax", what: "bad indentation", file: "name: to_tencent\n  cloudCidrs: [10.100.1.0/24]\n siteCidrs: x\n", field: "file", message: /not valid YAML or JSON at line/ },
  { id: "F02", category: "syntax", what: "a key given twice", file: "name: a1\nname: b2\n", field: "file", message: /not valid YAML/ },
  { id: "F03", category: "syntax", what: "a list document", file: "- name: to_tencent\n", field: "file", message: /must be a mapping/ },
  { id: "F04", category: "syntax", what: "an empty file", file: "", field: "file", message: /must be a mapping/ },
  { id: "F05", category: "syntax", what: "a scalar document", file: "to_tencent\n", field: "file", message: /must be a mapping/ },
  { id: "F06", category: "hostile", what: "an alias bomb", file: `a: &a [x,x,x,x,x,x,x,x,x,x]\n${Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(",")}]`).join("\n")}\n`, field: "file", message: /not valid YAML|alias/i },
  { id: "F07", category: "syntax", what: "tab indentation", file: "name: to_tencent\nike:\n\tversion: ikev2\n", field: "file", message: /not valid YAML/ },
  { id: "F08", category: "syntax", what: "an unterminated quote", file: 'name: "to_tencent\ncloudCidrs: [10.100.1.0/24]\n', field: "file", message: /not valid YAML/ },
  { id: "F09", category: "hostile", what: "binary garbage", file: "\u0000\u0001\u0002\u00ff\u00fe", field: "file" },
];
