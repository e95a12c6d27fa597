// Generates the api-ssl certificate at start-up: a throw-away CA and a server certificate for 127.0.0.1/localhost.
// Uses the `selfsigned` package (v5, async); never writes keys to disk.

import { X509Certificate } from "node:crypto";
import { generate } from "selfsigned";

export interface TlsMaterial {
  readonly keyPem: string;
  readonly certPem: string;
  readonly caPem: string;
  /** "AB:CD:..." exactly as node's X509Certificate.fingerprint256 prints the server certificate. */
  readonly fingerprint256: string;
}

export async function generateTlsMaterial(): Promise<TlsMaterial> {
  const ca = await generate([{ name: "commonName", value: "ros-vpc-ipsec RouterOS emulator CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] },
    ],
  });
  return {
    keyPem: server.private,
    certPem: server.cert,
    caPem: ca.cert,
    fingerprint256: new X509Certificate(server.cert).fingerprint256,
  };
}
