// How the provider reaches a router's API: TLS (api-ssl, 8729) verified by CA or SHA-256 pin by default,
// `insecure` and plain text (8728) only when asked for. Pure option building; session.ts connects.
import type { ConnectionOptions, TLSSocket } from "node:tls";

export type RouterTls =
  /** Verify the certificate against `ca` (PEM) or the system's CAs, and the host name unless checkHostname is false. */
  | { mode: "verify"; ca?: string; servername?: string; checkHostname?: boolean }
  /** Accept exactly the certificate with this SHA-256 fingerprint (RouterOS: /certificate print detail). */
  | { mode: "fingerprint"; fingerprint: string }
  /** Encrypt but verify nothing: only for a lab. */
  | { mode: "insecure" }
  /** Plain API: the password crosses the network in clear text. */
  | { mode: "off" };

export const DEFAULT_PORTS = { tls: 8729, plain: 8728 } as const;

export const defaultPort = (tls: RouterTls): number => (tls.mode === "off" ? DEFAULT_PORTS.plain : DEFAULT_PORTS.tls);

/** "AB:CD:..." or "abcd..." → "AB:CD:..." as node prints fingerprint256. */
export function normaliseFingerprint(text: string): string {
  const hex = text.replace(/[^0-9a-f]/gi, "").toUpperCase();
  return hex.match(/.{2}/g)?.join(":") ?? "";
}

export function isValidFingerprint(text: string): boolean {
  return /^([0-9a-f]{2}:?){31}[0-9a-f]{2}$/i.test(text.trim());
}

/** The tls.connect options node-routeros receives, or undefined for the plain API. */
export function tlsConnectOptions(tls: RouterTls): ConnectionOptions | undefined {
  switch (tls.mode) {
    case "off":
      return undefined;
    case "insecure":
    case "fingerprint": // the pin is checked on the handshake itself, before any byte is written (session.ts)
      return { rejectUnauthorized: false };
    case "verify":
      return {
        rejectUnauthorized: true,
        ...(tls.ca ? { ca: tls.ca } : {}),
        ...(tls.servername ? { servername: tls.servername } : {}),
        ...(tls.checkHostname === false ? { checkServerIdentity: () => undefined } : {}),
      };
  }
}

/** Why a pinned handshake must be refused, or undefined when the certificate is the pinned one. */
export function pinMismatch(socket: TLSSocket, fingerprint: string): string | undefined {
  const actual = socket.getPeerCertificate()?.fingerprint256;
  const wanted = normaliseFingerprint(fingerprint);
  if (actual === wanted) return undefined;
  return `the router's certificate has SHA-256 fingerprint ${actual ?? "(none)"}, not the pinned ${wanted}`;
}

const TLS_HINT =
  "give router.tls.ca the CA certificate that signed the router's api-ssl certificate, or pin its SHA-256 fingerprint with router.tls.fingerprint (RouterOS: /certificate print detail)";

/** A TLS failure in the user's terms. */
export function explainTlsError(code: string | undefined, message: string): string {
  switch (code) {
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "UNABLE_TO_GET_ISSUER_CERT":
    case "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY":
    case "INVALID_CA":
    case "INVALID_PURPOSE":
    case "CERT_UNTRUSTED":
    case "CERT_REJECTED":
    case "CERT_CHAIN_TOO_LONG":
      return `the router's certificate is not trusted (${code}): ${TLS_HINT}`;
    case "CERT_SIGNATURE_FAILURE":
    case "UNABLE_TO_DECRYPT_CERT_SIGNATURE":
      // A CA of the same name that did not sign it: another router's CA, or an impostor's certificate.
      return `the router's certificate is not trusted (${code}: it was not signed by the CA in router.tls.ca, though that CA has the issuer's name): ${TLS_HINT}`;
    case "CERT_HAS_EXPIRED":
      return "the router's certificate has expired: renew it on the router (/certificate) or pin the new fingerprint";
    case "CERT_NOT_YET_VALID":
      return "the router's certificate is not valid yet: check the router's clock and this machine's, or issue it again";
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `the router's certificate does not name this host (${message}): set router.tls.servername to the name it carries, or router.tls.checkHostname: false to verify the CA only`;
    default:
      return `TLS handshake with the router failed (${code ?? message}); is api-ssl enabled on that port (/ip service enable api-ssl)?`;
  }
}
