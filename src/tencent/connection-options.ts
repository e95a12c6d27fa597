// A VPN connection's options in one canonical form, so that what the program asks for and what
// DescribeVpnConnections reports compare equal when Tencent would negotiate the same way: Tencent's documented
// defaults filled in, fields that do not apply dropped, lists ordered. Pure; no I/O.
import type { IKEOptionsSpecification, IPSECOptionsSpecification, SecurityPolicyDatabase } from "tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_models";

/** What Tencent stores for a field left out (CreateVpnConnection's documented defaults). */
export const IKE_DEFAULTS = {
  PropoEncryAlgorithm: "3DES-CBC",
  PropoAuthenAlgorithm: "SHA",
  ExchangeMode: "MAIN",
  LocalIdentity: "ADDRESS",
  RemoteIdentity: "ADDRESS",
  DhGroupName: "GROUP1",
  IKESaLifetimeSeconds: 86400,
  IKEVersion: "IKEV1",
} as const;

export const IPSEC_DEFAULTS = {
  EncryptAlgorithm: "AES-CBC-128",
  IntegrityAlgorith: "SHA1",
  IPSECSaLifetimeSeconds: 14400,
  PfsDhGroup: "NULL",
  IPSECSaLifetimeTraffic: 4096000000,
} as const;

export const CONNECTION_DEFAULTS = { dpdEnable: 0, dpdTimeout: "30", dpdAction: "restart", negotiationType: "active" } as const;

const defined = <T extends object>(value: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== "")) as Partial<T>;

/** The IKE block as Tencent negotiates it: ExchangeMode only under IKEv1, each identity as address or FQDN. */
export function canonicalIke(ike: IKEOptionsSpecification | undefined): IKEOptionsSpecification {
  const v = { ...IKE_DEFAULTS, ...defined(ike) };
  const out: IKEOptionsSpecification = {
    PropoEncryAlgorithm: v.PropoEncryAlgorithm,
    PropoAuthenAlgorithm: v.PropoAuthenAlgorithm,
    DhGroupName: v.DhGroupName,
    IKESaLifetimeSeconds: Number(v.IKESaLifetimeSeconds),
    IKEVersion: v.IKEVersion,
    ...(v.IKEVersion === "IKEV2" ? {} : { ExchangeMode: v.ExchangeMode }),
  };
  for (const side of ["Local", "Remote"] as const) {
    if (v[`${side}Identity`] === "FQDN") Object.assign(out, { [`${side}Identity`]: "FQDN", [`${side}FqdnName`]: v[`${side}FqdnName`] });
    else Object.assign(out, { [`${side}Identity`]: "ADDRESS", [`${side}Address`]: v[`${side}Address`] });
  }
  return out;
}

/** The IPsec block with its two spellings of integrity (IntegrityAlgorith, sic, and IntegrityAlgorithm) as one. */
export function canonicalIpsec(ipsec: IPSECOptionsSpecification | undefined): IPSECOptionsSpecification {
  const given = defined(ipsec);
  const v = { ...IPSEC_DEFAULTS, ...given };
  return {
    EncryptAlgorithm: v.EncryptAlgorithm,
    IntegrityAlgorith: given.IntegrityAlgorithm ?? given.IntegrityAlgorith ?? IPSEC_DEFAULTS.IntegrityAlgorith,
    IPSECSaLifetimeSeconds: Number(v.IPSECSaLifetimeSeconds),
    PfsDhGroup: v.PfsDhGroup,
    IPSECSaLifetimeTraffic: Number(v.IPSECSaLifetimeTraffic),
  };
}

/** SPD entries ordered by local block, each remote list ordered; none and [] are the same. */
export function canonicalSpd(spd: SecurityPolicyDatabase[] | undefined): SecurityPolicyDatabase[] {
  return (spd ?? [])
    .map((entry) => ({ LocalCidrBlock: entry.LocalCidrBlock, RemoteCidrBlock: [...new Set(entry.RemoteCidrBlock)].sort() }))
    .sort((a, b) => (a.LocalCidrBlock < b.LocalCidrBlock ? -1 : a.LocalCidrBlock > b.LocalCidrBlock ? 1 : 0));
}

/**
 * An address identity left out takes the gateway's or the router's own address, which only Tencent knows: the value
 * it reported stands in for it, so leaving the address out is not a change.
 */
export function withReportedAddresses(wanted: IKEOptionsSpecification | undefined, reported: IKEOptionsSpecification | undefined): IKEOptionsSpecification {
  const out: IKEOptionsSpecification = { ...(wanted ?? {}) };
  for (const side of ["Local", "Remote"] as const) {
    const identity = out[`${side}Identity`] ?? "ADDRESS";
    if (identity === "ADDRESS" && !out[`${side}Address`] && reported?.[`${side}Address`]) out[`${side}Address`] = reported[`${side}Address`];
  }
  return out;
}
