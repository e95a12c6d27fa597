// TC3-HMAC-SHA256 as Tencent Cloud checks it: parse the Authorization header, rebuild the canonical request,
// derive the key from the secret, compare. Also a signer, for tests that craft requests by hand.
// Pure: the caller supplies the secrets and the current time; no I/O.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ApiError } from "./errors";

export const TC3 = "TC3-HMAC-SHA256";
export const MAX_CLOCK_SKEW_SECONDS = 300;

export interface SignedRequest {
  method: string;
  path: string;
  query: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

/**
 * The signing service, derived from the Host header exactly as tencentcloud-sdk-nodejs derives it from the
 * endpoint (`endpoint.split(".")[0]`): `vpc.tencentcloudapi.com` → `vpc`, `127.0.0.1:18080` → `127`.
 */
export function serviceFromHost(host: string): string {
  return host.split(".")[0] ?? "";
}

export function utcDate(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

function canonicalRequest(req: SignedRequest, signedHeaders: readonly string[], hostValue: string): string {
  const headerLines = signedHeaders
    .map((name) => `${name}:${(name === "host" ? hostValue : (req.headers[name] ?? "")).trim().toLowerCase()}\n`)
    .join("");
  return [req.method.toUpperCase(), req.path, req.query, headerLines, signedHeaders.join(";"), sha256Hex(req.body)].join("\n");
}

function signatureFor(secretKey: string, timestamp: number, service: string, canonical: string): string {
  const date = utcDate(timestamp);
  const stringToSign = [TC3, String(timestamp), `${date}/${service}/tc3_request`, sha256Hex(canonical)].join("\n");
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), "tc3_request");
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

/** Builds the Authorization header the way the SDK does (signed headers content-type;host, host without port). */
export function signTc3(args: {
  secretId: string;
  secretKey: string;
  timestamp: number;
  service: string;
  host: string;
  contentType: string;
  body: string | Buffer;
}): string {
  const signed = ["content-type", "host"];
  const req: SignedRequest = {
    method: "POST",
    path: "/",
    query: "",
    headers: { "content-type": args.contentType, host: args.host },
    body: Buffer.from(args.body),
  };
  const signature = signatureFor(args.secretKey, args.timestamp, args.service, canonicalRequest(req, signed, args.host));
  const scope = `${utcDate(args.timestamp)}/${args.service}/tc3_request`;
  return `${TC3} Credential=${args.secretId}/${scope}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
}

interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(header: string | undefined): ParsedAuthorization {
  const invalid = (why: string) => new ApiError("AuthFailure.InvalidAuthorization", `The Authorization header is invalid: ${why}.`);
  if (!header) throw invalid("it is missing");
  const match = /^TC3-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(header.trim());
  if (!match) throw invalid(`expected "${TC3} Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=..., Signature=<hex>"`);
  const credential = (match[1] ?? "").split("/");
  if (credential.length !== 4 || credential[3] !== "tc3_request") throw invalid("the credential scope must be <id>/<date>/<service>/tc3_request");
  const signedHeaders = (match[2] ?? "").split(";");
  if (!signedHeaders.includes("content-type") || !signedHeaders.includes("host")) throw invalid("SignedHeaders must include content-type and host");
  return { secretId: credential[0] ?? "", date: credential[1] ?? "", service: credential[2] ?? "", signedHeaders, signature: match[3] ?? "" };
}

/**
 * Checks a request's signature; throws the ApiError Tencent would answer with. Host is signed without its port by
 * the Node SDK (it uses URL.hostname) while the header carries it, so both forms are accepted.
 */
export function verifyTc3(req: SignedRequest, secrets: ReadonlyMap<string, string>, nowMs: number): { secretId: string } {
  const auth = parseAuthorization(req.headers["authorization"]);
  const timestampText = req.headers["x-tc-timestamp"];
  if (!timestampText) throw new ApiError("MissingParameter", "The request is missing a required parameter `Timestamp` (header X-TC-Timestamp).");
  if (!/^[0-9]+$/.test(timestampText)) throw new ApiError("InvalidParameter", `The value \`${timestampText}\` of X-TC-Timestamp is not a Unix timestamp.`);
  const timestamp = Number(timestampText);
  const skew = Math.abs(nowMs / 1000 - timestamp);
  if (skew > MAX_CLOCK_SKEW_SECONDS) {
    throw new ApiError("AuthFailure.SignatureExpire", `Signature expired: the timestamp ${timestamp} is ${Math.round(skew)} s away from the server time (at most ${MAX_CLOCK_SKEW_SECONDS} s).`);
  }
  const secretKey = secrets.get(auth.secretId);
  if (secretKey === undefined) throw new ApiError("AuthFailure.SecretIdNotFound", `The SecretId \`${auth.secretId}\` is not found.`);
  const host = req.headers["host"] ?? "";
  const service = serviceFromHost(host);
  const mismatch = (why: string) => new ApiError("AuthFailure.SignatureFailure", `The provided credentials could not be validated: ${why}.`);
  if (auth.service !== service) throw mismatch(`the credential scope names service \`${auth.service}\` but the Host \`${host}\` means \`${service}\``);
  if (auth.date !== utcDate(timestamp)) throw mismatch(`the credential scope date ${auth.date} is not the UTC date of the timestamp (${utcDate(timestamp)})`);
  const hostname = host.replace(/:[0-9]+$/, "");
  const expected = auth.signedHeaders.includes("host") ? [host, hostname] : [host];
  const given = Buffer.from(auth.signature, "hex");
  const matches = expected.some((hostValue) => {
    const wanted = Buffer.from(signatureFor(secretKey, timestamp, service, canonicalRequest(req, auth.signedHeaders, hostValue)), "hex");
    return wanted.length === given.length && timingSafeEqual(wanted, given);
  });
  if (!matches) throw mismatch("the signature does not match; check the SecretKey and the signing method");
  return { secretId: auth.secretId };
}
