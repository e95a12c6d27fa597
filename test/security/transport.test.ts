// Specification of how the router password travels: api-ssl verified by default, a wrong CA, name, expiry or pin
// refused with a clear error before any sentence (the login) is sent, and the plain or unverified API only when asked
// for, with a warning in the Pulumi log and from the CLI. (session.test.ts covers the pin at the session level.)
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:tls";
import { after, before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { generate } from "selfsigned";
import type { RouterTls } from "../../src/routeros/tls";
import { routerOsProviderShim } from "../../src/routeros/tunnel";
import type { RouterOsEmulator } from "../emulators/routeros";
import { runCli } from "../helpers/cli";
import { asPulumiConfig, fillLabConfig, labTemplate } from "../helpers/lab";
import { startMockEngine } from "../helpers/mock-engine";
import { secret, serializedProvider, startProviderHost, type ProviderHost } from "../helpers/provider-host";
import { closeAllSessions, PASSWORD, providerFor, startRouter, tunnelInputs } from "../helpers/router";

/** What the router received: nothing at all when a refusal came before the login. */
const received = (router: RouterOsEmulator) => ({ sentences: router.counters.sentencesReceived, login: router.counters.commands["/login"] ?? 0 });
const NOTHING = { sentences: 0, login: 0 };

describe("the router's API over TLS", () => {
  let router: RouterOsEmulator;
  let other: RouterOsEmulator;
  before(async () => {
    [router, other] = await Promise.all([startRouter({ version: "7.16" }), startRouter({ version: "7.16" })]);
  });
  after(async () => {
    await closeAllSessions();
    await Promise.all([router.stop(), other.stop()]);
  });

  /** Creating the tunnel with this TLS setting: the error, if refused. */
  const create = async (tls: RouterTls | undefined): Promise<Error | undefined> => {
    await closeAllSessions();
    router.resetCounters();
    const provider = await providerFor(router);
    const inputs = tunnelInputs(router, "secure");
    const { tls: _pinned, ...rest } = inputs.router;
    return provider.create({ ...inputs, router: tls === undefined ? rest : { ...rest, tls } }).then(
      async (created) => {
        await provider.delete(created.id, created.outs!);
        return undefined;
      },
      (error: Error) => error,
    );
  };

  it("verifies the certificate by default: a self-signed router is refused, saying how to trust it, before the login", async () => {
    const error = await create(undefined);
    assert.match(error?.message ?? "", /cannot create the tunnel on the router: refusing 127\.0\.0\.1:\d+: the router's certificate is not trusted .*router\.tls\.ca.*router\.tls\.fingerprint/);
    assert.deepEqual(received(router), NOTHING);
  });

  it("refuses a certificate signed by another CA than the one given", async () => {
    const error = await create({ mode: "verify", ca: other.tls!.caPem });
    assert.match(error?.message ?? "", /not trusted/);
    assert.deepEqual(received(router), NOTHING);
  });

  it("accepts the router's certificate with its CA, checking the address it names (127.0.0.1)", async () => {
    assert.equal(await create({ mode: "verify", ca: router.tls!.caPem }), undefined);
    assert.ok(received(router).login > 0);
  });

  it("refuses a certificate that does not name the host, pointing at servername and checkHostname", async () => {
    const error = await create({ mode: "verify", ca: router.tls!.caPem, servername: "router.example.com" });
    assert.match(error?.message ?? "", /does not name this host.*router\.tls\.servername.*checkHostname/);
    assert.deepEqual(received(router), NOTHING);
  });

  it("refuses another router's certificate under a pin, with both fingerprints, before the login", async () => {
    const error = await create({ mode: "fingerprint", fingerprint: other.tls!.fingerprint256 });
    assert.match(error?.message ?? "", new RegExp(`fingerprint ${router.tls!.fingerprint256}, not the pinned ${other.tls!.fingerprint256}`));
    assert.deepEqual(received(router), NOTHING);
  });

  it("accepts the pin in any spelling (lower case, without colons)", async () => {
    assert.equal(await create({ mode: "fingerprint", fingerprint: router.tls!.fingerprint256.replace(/:/g, "").toLowerCase() }), undefined);
  });

  it("refuses an expired certificate even from a trusted CA, and sends it nothing", async () => {
    const ca = await generate([{ name: "commonName", value: "expired-test CA" }], {
      keyType: "ec",
      algorithm: "sha256",
      extensions: [{ name: "basicConstraints", cA: true, critical: true }, { name: "keyUsage", keyCertSign: true, critical: true }],
    });
    const leaf = await generate([{ name: "commonName", value: "127.0.0.1" }], {
      keyType: "ec",
      algorithm: "sha256",
      ca: { key: ca.private, cert: ca.cert },
      notBeforeDate: new Date(Date.now() - 3 * 86400_000),
      notAfterDate: new Date(Date.now() - 86400_000),
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    let bytes = 0;
    const server: Server = createServer({ key: leaf.private, cert: leaf.cert }, (socket) => socket.on("data", (chunk: Buffer) => (bytes += chunk.length)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const provider = await providerFor(router);
      const inputs = tunnelInputs(router, "secure");
      const error = await provider
        .create({ ...inputs, router: { ...inputs.router, port: (server.address() as AddressInfo).port, tls: { mode: "verify", ca: ca.cert } } })
        .then(() => undefined, (e: Error) => e);
      assert.match(error?.message ?? "", /certificate has expired: renew it on the router/);
      assert.equal(bytes, 0, "the expired router received API bytes");
    } finally {
      server.close();
    }
  });
});

describe("the unencrypted and the unverified API", () => {
  it("RouterOsIpsecTunnel's Check in the provider host refuses the plain API to a router on the network without the opt-in", async () => {
    const host: ProviderHost = await startProviderHost({ cwd: process.cwd() });
    try {
      await host.configure({ "ros-vpc-ipsec:routerPassword": secret(PASSWORD) });
      const tunnel = host.resource(await serializedProvider(routerOsProviderShim), "pulumi-nodejs:dynamic/ros-vpc-ipsec:RouterOsIpsecTunnel");
      const inputs = { spec: { name: "to_tencent", cloudCidrs: ["10.100.1.0/24"], siteCidrs: ["192.168.1.0/24"], routerPublicIp: "113.87.48.200" }, preSharedKey: "transport-psk-0123456789", gatewayIp: "119.91.254.122" };
      const refused = await tunnel.check({}, { ...inputs, router: { host: "192.168.88.1", tls: "off" } });
      assert.deepEqual(refused.failures.map((f) => f.property), ["router.tls"]);
      assert.match(refused.failures[0]!.reason, /would send the router password to 192\.168\.88\.1 in clear text.*allowPlaintext/);
      assert.deepEqual((await tunnel.check({}, { ...inputs, router: { host: "192.168.88.1", tls: "off", allowPlaintext: true } })).failures, []);
    } finally {
      await host.stop();
    }
  });

  describe("the warning in the Pulumi log (under mocks)", () => {
    const warnings: string[] = [];
    const log = pulumi.log as { warn: typeof pulumi.log.warn };
    const original = log.warn;
    before(() => {
      log.warn = ((message: string, ...rest: never[]) => {
        warnings.push(message);
        return original(message, ...rest);
      }) as typeof pulumi.log.warn;
    });
    after(() => {
      log.warn = original;
    });

    const program = () => (require("../../src/program") as () => Promise<Record<string, unknown>>)();
    const run = async (router: Record<string, unknown>): Promise<string[]> => {
      warnings.length = 0;
      const engine = startMockEngine();
      const config = fillLabConfig(labTemplate(), { routerPort: 8728, fingerprint: "AB".repeat(32), tencentEndpoint: "127.0.0.1:18080", vpcId: "vpc-lab00001", routeTableId: "rtb-lab00001" });
      pulumi.runtime.setAllConfig(asPulumiConfig({ ...config, "ros-vpc-ipsec:router": router }), ["ros-vpc-ipsec:preSharedKey"]);
      await program();
      await new Promise((resolve) => setTimeout(resolve, 50)); // the warning is logged once the router input resolves
      assert.ok(engine.one("to_tencent-router"));
      return warnings.filter((w) => w.includes("RouterOS API"));
    };

    it("the site program with allowPlaintext to a router on the network: registered, with a warning that the password goes in clear", async () => {
      assert.deepEqual(await run({ host: "192.168.88.1", tls: "off", allowPlaintext: true }), [
        "to_tencent-router: the RouterOS API to 192.168.88.1 is not encrypted: the router password crosses the network in clear text",
      ]);
    });

    it("the object form of tls: off warns the same", async () => {
      assert.equal((await run({ host: "192.168.88.1", tls: { mode: "off" }, allowPlaintext: true })).length, 1);
    });

    it("tls: insecure warns that the certificate is not verified", async () => {
      assert.deepEqual(await run({ host: "192.168.88.1", tls: "insecure" }), [
        "to_tencent-router: the RouterOS API to 192.168.88.1 does not verify the router's certificate (tls: insecure): whoever answers at that address receives the router password",
      ]);
    });

    it("verified TLS and a pin log no such warning", async () => {
      assert.deepEqual(await run({ host: "192.168.88.1", tls: { mode: "fingerprint", fingerprint: "AB".repeat(32) } }), []);
      assert.deepEqual(await run({ host: "192.168.88.1" }), []);
    });

    it("the site program refuses the plain API to a router on the network without the opt-in, before registering anything", async () => {
      const engine = startMockEngine();
      const config = fillLabConfig(labTemplate(), { routerPort: 8728, fingerprint: "AB".repeat(32), tencentEndpoint: "127.0.0.1:18080", vpcId: "vpc-lab00001", routeTableId: "rtb-lab00001" });
      pulumi.runtime.setAllConfig(asPulumiConfig({ ...config, "ros-vpc-ipsec:router": { host: "192.168.88.1", tls: "off" } }));
      await assert.rejects(program(), /ros-vpc-ipsec:router\.tls: "off" would send the router password to 192\.168\.88\.1 in clear text/);
      assert.deepEqual(engine.all(), []);
    });
  });

  describe("doctor and status", () => {
    let plain: RouterOsEmulator;
    let spec: string;
    before(async () => {
      plain = await startRouter({ version: "7.16", tls: false });
      spec = join(mkdtempSync(join(tmpdir(), "rvi-transport-")), "spec.yaml");
      writeFileSync(spec, JSON.stringify({ name: "to_tencent", cloudCidrs: ["10.100.1.0/24"], siteCidrs: ["192.168.1.0/24"], routerPublicIp: "113.87.48.200", cloudGatewayIp: "119.91.254.122", preSharedKey: "transport-psk-0123456789" }));
    });
    after(() => plain.stop());

    const cli = async (command: string, tls: string[], router: RouterOsEmulator) => {
      process.env.RVI_TRANSPORT_PASSWORD = PASSWORD;
      try {
        return await runCli([command, "--spec", spec, "--router-host", router.host, "--router-port", String(router.port), "--router-password-env", "RVI_TRANSPORT_PASSWORD", "--no-cloud", ...tls]);
      } finally {
        delete process.env.RVI_TRANSPORT_PASSWORD;
      }
    };

    it("say that --plaintext sends the password in clear, and still read the router", async () => {
      for (const command of ["doctor", "status"]) {
        const run = await cli(command, ["--plaintext"], plain);
        assert.match(run.stderr, new RegExp(`ros-vpc-ipsec ${command}: warning: the RouterOS API to 127\\.0\\.0\\.1:\\d+ is not encrypted: the router password crosses the network in clear text`));
        assert.notEqual(run.code, 2, run.stderr);
      }
    });

    it("say that --tls-insecure does not verify the router", async () => {
      const router = await startRouter({ version: "7.16" });
      try {
        const run = await cli("status", ["--tls-insecure"], router);
        assert.match(run.stderr, /warning: .* does not verify the router's certificate/);
        assert.notEqual(run.code, 2, run.stderr);
      } finally {
        await router.stop();
      }
    });

    it("refuse a wrong pin with both fingerprints and no login, and print no warning for a pin", async () => {
      const router = await startRouter({ version: "7.16" });
      try {
        router.resetCounters();
        const run = await cli("status", ["--tls-fingerprint", "AB".repeat(32)], router);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /refusing 127\.0\.0\.1:\d+: the router's certificate has SHA-256 fingerprint .*, not the pinned AB:AB/);
        assert.doesNotMatch(run.stderr, /warning/);
        assert.deepEqual(received(router), NOTHING);
      } finally {
        await router.stop();
      }
    });
  });
});
