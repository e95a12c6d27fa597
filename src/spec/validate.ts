// Every semantic check of a normalised TunnelSpec, all problems at once, each with path, value and fix.
// Pure; no I/O. Algorithm support per platform and phase is checked in crypto.ts.
import { checkCrypto } from "./crypto";
import { CLOUD_LIMITS, NAME_PATTERN, NAME_RULE, PSK_MIN_STRONG_LENGTH, RESERVED_NAMES, ROUTEROS_DPD_MAX_FAILURES } from "./limits";
import { cidrsOverlap, isFqdn, isIpv4, notPublicReason, parseCidr, type Cidr } from "./net";
import type { Problem } from "./problems";
import type { Identity, TunnelSpec } from "./types";

export function validateSpec(spec: TunnelSpec): Problem[] {
  return [
    ...checkName(spec),
    ...checkCidrs(spec),
    ...checkEndpoints(spec),
    ...checkPreSharedKey(spec),
    ...checkIdentities(spec),
    ...checkIkeOptions(spec),
    ...checkCrypto(spec),
  ];
}

const error = (path: string, value: unknown, message: string, hint: string): Problem => ({
  path,
  value,
  message,
  hint,
  severity: "error",
});

function checkName({ name }: TunnelSpec): Problem[] {
  if (!NAME_PATTERN.test(name)) return [error("name", name, "is not a valid tunnel name", NAME_RULE)];
  if (RESERVED_NAMES.has(name.toLowerCase())) return [error("name", name, "is the name of RouterOS's built-in profile and proposal", "choose another name")];
  return [];
}

function checkCidrs(spec: TunnelSpec): Problem[] {
  const problems: Problem[] = [];
  const parsed: Record<"siteCidrs" | "cloudCidrs", Array<{ path: string; cidr: Cidr }>> = { siteCidrs: [], cloudCidrs: [] };
  // A route-based connection carries 0.0.0.0/0 each side, so the cloud's per-side cap applies to policy mode only.
  const limit = spec.mode === "policy" ? CLOUD_LIMITS[spec.cloud].maxSubnetsPerSide : undefined;
  for (const side of ["siteCidrs", "cloudCidrs"] as const) {
    const list = spec[side];
    if (list.length === 0) problems.push(error(side, list, "is empty", "give at least one IPv4 CIDR block"));
    if (limit !== undefined && list.length > limit) {
      problems.push(
        error(side, list.length, `has more subnets than ${CLOUD_LIMITS[spec.cloud].label} accepts per side`, `at most ${limit}; summarise them into fewer blocks`),
      );
    }
    list.forEach((text, i) => {
      const path = `${side}[${i}]`;
      const check = parseCidr(text);
      if (!check.ok) return problems.push(error(path, text, check.message, check.hint));
      const earlier = parsed[side].find((p) => cidrsOverlap(p.cidr, check.cidr));
      if (earlier) {
        const same = earlier.cidr.text === text;
        problems.push(error(path, text, same ? `duplicates ${earlier.path}` : `overlaps ${earlier.path} (${earlier.cidr.text})`, same ? "list each network once" : "keep only the larger block"));
      }
      parsed[side].push({ path, cidr: check.cidr });
    });
  }
  for (const site of parsed.siteCidrs) {
    for (const cloud of parsed.cloudCidrs) {
      if (cidrsOverlap(site.cidr, cloud.cidr)) {
        problems.push(
          error(site.path, site.cidr.text, `overlaps ${cloud.path} (${cloud.cidr.text})`, "the site and the VPC must use distinct address space, or traffic never enters the tunnel"),
        );
      }
    }
  }
  return problems;
}

function checkEndpoints(spec: TunnelSpec): Problem[] {
  const problems: Problem[] = [];
  const endpoint = (path: string, value: string, hint: string) => {
    if (!isIpv4(value)) return problems.push(error(path, value, "is not an IPv4 address", hint));
    const reason = notPublicReason(value);
    if (reason) problems.push(error(path, value, `${reason}, not a public address`, hint));
  };
  endpoint("routerPublicIp", spec.routerPublicIp, "the address the cloud sees; behind NAT it is the NAT device's public address");
  if (spec.cloudGatewayIp !== undefined) {
    endpoint("cloudGatewayIp", spec.cloudGatewayIp, "the cloud VPN gateway's public address, or leave it out to take it from the gateway");
    if (spec.cloudGatewayIp === spec.routerPublicIp) {
      problems.push(error("cloudGatewayIp", spec.cloudGatewayIp, "equals routerPublicIp", "the two ends of a tunnel have different addresses"));
    }
  }
  return problems;
}

function checkPreSharedKey(spec: TunnelSpec): Problem[] {
  const limits = CLOUD_LIMITS[spec.cloud];
  const key = spec.preSharedKey;
  // The key itself never appears in a problem: only its length.
  if (key.length === 0) return [error("preSharedKey", undefined, "is empty", "a shared secret of 16 or more characters")];
  const problems: Problem[] = [];
  if (key.length > limits.pskMaxLength) {
    problems.push(error("preSharedKey", `<${key.length} characters>`, `is longer than ${limits.label} accepts`, `at most ${limits.pskMaxLength} characters`));
  }
  if (!limits.pskCharacters.test(key)) {
    problems.push(error("preSharedKey", "<redacted>", `contains characters ${limits.label} does not accept`, `use ${limits.pskCharactersText}`));
  }
  if (key.length < PSK_MIN_STRONG_LENGTH) {
    problems.push({
      path: "preSharedKey",
      value: `<${key.length} characters>`,
      severity: spec.allowWeakCrypto ? "warning" : "error",
      message: `is weak: shorter than ${PSK_MIN_STRONG_LENGTH} characters`,
      hint: spec.allowWeakCrypto ? "allowed by allowWeakCrypto" : "use a random key of 16+ characters, or set allowWeakCrypto: true to accept it",
    });
  }
  return problems;
}

function checkIdentities(spec: TunnelSpec): Problem[] {
  const problems: Problem[] = [];
  const max = CLOUD_LIMITS[spec.cloud].identityMaxLength;
  const check = (path: string, id: Identity) => {
    if (id.type === "address" && !isIpv4(id.value)) {
      problems.push(error(path, `address:${id.value}`, "is not an IPv4 address identity", "write address:203.0.113.10 or use an FQDN identity: fqdn:office.example.com"));
    }
    if (id.type === "fqdn" && !isFqdn(id.value)) {
      problems.push(error(path, `fqdn:${id.value}`, "is not a valid FQDN identity", "letters, digits and hyphens in dot-separated labels, e.g. fqdn:office.example.com"));
    }
    if (id.value.length > max) problems.push(error(path, `<${id.value.length} characters>`, `is longer than ${CLOUD_LIMITS[spec.cloud].label} accepts`, `at most ${max} characters`));
  };
  check("identities.router", spec.identities.router);
  if (spec.identities.cloud) {
    check("identities.cloud", spec.identities.cloud);
    const { cloud } = spec.identities;
    if (cloud.type === "address" && spec.cloudGatewayIp && cloud.value !== spec.cloudGatewayIp) {
      problems.push(error("identities.cloud", `address:${cloud.value}`, `differs from cloudGatewayIp ${spec.cloudGatewayIp}`, "a cloud gateway presents its own public address; use that address or an FQDN identity"));
    }
  }
  return problems;
}

function checkIkeOptions(spec: TunnelSpec): Problem[] {
  const problems: Problem[] = [];
  const { ike, ipsec } = spec;
  if (ike.version === "ikev2" && ike.exchangeMode !== undefined) {
    problems.push(error("ike.exchangeMode", ike.exchangeMode, "applies to IKEv1 only", "remove ike.exchangeMode, or set ike.version: ikev1"));
  }
  if (ike.exchangeMode === "aggressive") {
    problems.push({
      path: "ike.exchangeMode",
      value: "aggressive",
      severity: "warning",
      message: "sends the identity and a hash of the key in clear text",
      hint: "prefer main mode, or IKEv2",
    });
  }
  const limits = CLOUD_LIMITS[spec.cloud];
  const range = (path: string, value: number, [min, max]: readonly [number, number], what: string) => {
    if (!Number.isFinite(value)) return; // already reported as not a duration
    if (value < min || value > max) {
      problems.push(error(path, value, `is outside ${limits.label}'s ${what} range`, `${min}–${max} seconds`));
    }
  };
  range("ike.lifetime", ike.lifetime, limits.ikeLifetime, "IKE SA lifetime");
  range("ipsec.lifetime", ipsec.lifetime, limits.ipsecLifetime, "IPsec SA lifetime");
  if (ike.lifetime < 60) problems.push(error("ike.lifetime", ike.lifetime, "is too short for RouterOS", "at least 60 seconds (RouterOS rekeys continuously below that)"));
  if (ipsec.lifetime < 60) problems.push(error("ipsec.lifetime", ipsec.lifetime, "is too short for RouterOS", "at least 60 seconds"));
  if (ike.dpd.enabled) {
    if (ike.dpd.interval < 1) problems.push(error("ike.dpd.interval", ike.dpd.interval, "must be at least 1 second", "give an interval of 1 second or more, e.g. 10s"));
    if (ike.dpd.timeout < ike.dpd.interval) {
      problems.push(error("ike.dpd.timeout", ike.dpd.timeout, `is shorter than ike.dpd.interval (${ike.dpd.interval})`, "the timeout spans several probe intervals"));
    }
    // RouterOS takes the timeout as dpd-maximum-failures = timeout / interval, which it limits to 1-100.
    const failures = Math.ceil(ike.dpd.timeout / ike.dpd.interval);
    if (ike.dpd.interval >= 1 && failures > ROUTEROS_DPD_MAX_FAILURES) {
      problems.push(error("ike.dpd.timeout", ike.dpd.timeout, `is ${failures} probe intervals, more than RouterOS's ${ROUTEROS_DPD_MAX_FAILURES} dpd-maximum-failures`, `at most ${ike.dpd.interval * ROUTEROS_DPD_MAX_FAILURES} seconds with a ${ike.dpd.interval}-second interval, or a longer interval`));
    }
  }
  // The connection always carries the timeout, and Tencent range-checks it even with DPD off.
  const dpdRange = limits.dpdTimeout;
  if (dpdRange && Number.isFinite(ike.dpd.timeout) && (ike.dpd.timeout < dpdRange[0] || ike.dpd.timeout > dpdRange[1])) {
    const [why, fix] = ike.dpd.enabled ? ["", ""] : [", which it checks even with DPD off", ", or leave ike.dpd.timeout out"];
    problems.push(error("ike.dpd.timeout", ike.dpd.timeout, `is outside ${limits.label}'s DPD timeout range${why}`, `${dpdRange[0]}–${dpdRange[1]} seconds${fix}`));
  }
  return problems;
}
