// Alibaba Cloud's RPC signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0) as the API checks it: every
// parameter but Signature, sorted and percent-encoded, signed with the AccessKey secret plus "&". Written from
// Alibaba's documentation, independently of the client library; also a signer, for tests that craft requests.
// Pure: no I/O.
import { createHmac, timingSafeEqual } from "node:crypto";

/** RFC 3986 encoding as Alibaba defines it: only A-Z a-z 0-9 - _ . ~ stay as they are; space is %20. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonicalized query string: parameters sorted by name, each name=value encoded, joined by "&". */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join("&");
}

export function stringToSign(method: string, params: Readonly<Record<string, string>>): string {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

export function signRpc(accessKeySecret: string, method: string, params: Readonly<Record<string, string>>): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign(method, params)).digest("base64");
}

/** Whether `params.Signature` is the signature of the other parameters under this secret. */
export function signatureMatches(accessKeySecret: string, method: string, params: Readonly<Record<string, string>>): boolean {
  const given = Buffer.from(params.Signature ?? "", "utf8");
  const expected = Buffer.from(signRpc(accessKeySecret, method, params), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
