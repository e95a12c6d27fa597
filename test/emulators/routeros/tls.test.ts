// Specification of api-ssl: a certificate generated at start-up, verifiable with the exposed CA or pinned by SHA-256.

import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { connect, type TLSSocket } from "node:tls";
import { after, before, describe, it } from "node:test";
import { RouterOsEmulator } from "./index";
import { RawClient } from "./raw-client";

let emu: RouterOsEmulator;
before(async () => {
  emu = await RouterOsEmulator.start({ tls: true, password: "secret" });
});
after(() => emu.stop());

function handshake(options: { ca?: string[]; rejectUnauthorized?: boolean }): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: emu.port, ...options }, () => resolve(socket));
    socket.once("error", reject);
  });
}

describe("api-ssl", () => {
  it("exposes a server certificate for 127.0.0.1 issued by the exposed CA, and its SHA-256 fingerprint", () => {
    const cert = new X509Certificate(emu.tls!.certPem);
    assert.ok(cert.checkIssued(new X509Certificate(emu.tls!.caPem)));
    assert.match(cert.subjectAltName ?? "", /IP Address:127\.0\.0\.1/);
    assert.equal(emu.tls!.fingerprint256, cert.fingerprint256);
    assert.match(emu.tls!.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it("verifies against the CA", async () => {
    const socket = await handshake({ ca: [emu.tls!.caPem] });
    assert.equal(socket.authorized, true);
    socket.destroy();
  });

  it("is refused by a client that trusts only the system CAs", async () => {
    await assert.rejects(handshake({}), /self[- ]signed|unable to (get|verify)/i);
  });

  it("can be pinned: the presented certificate has the exposed fingerprint", async () => {
    const socket = await handshake({ rejectUnauthorized: false });
    assert.equal(socket.getPeerCertificate().fingerprint256, emu.tls!.fingerprint256);
    socket.destroy();
  });

  it("speaks the same API inside TLS", async () => {
    const c = await RawClient.connect(emu.port, { ca: emu.tls!.caPem });
    assert.deepEqual((await c.login("admin", "secret")).map((r) => r.type), ["!done"]);
    assert.equal((await c.run("/system/identity/print"))[0]!.attrs.name, "MikroTik");
    c.close();
  });
});
