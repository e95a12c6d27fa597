// A RouterOS emulator plus the RouterOsIpsecTunnel provider wired to it, for provider tests.
import { RouterOsTunnelProvider } from "../../src/routeros/provider";
import { closeAllSessions } from "../../src/routeros/pool";
import type { TunnelInputs } from "../../src/routeros/inputs";
import { RouterOsEmulator, type RouterOsEmulatorOptions } from "../emulators/routeros";
import { exampleInput } from "./specs";

export const PASSWORD = "router-pw-Zq81";

export async function startRouter(options: RouterOsEmulatorOptions = {}): Promise<RouterOsEmulator> {
  return RouterOsEmulator.start({ user: "admin", password: PASSWORD, tls: true, ...options });
}

export async function providerFor(router: RouterOsEmulator, config: Record<string, string> = {}): Promise<RouterOsTunnelProvider> {
  const provider = new RouterOsTunnelProvider();
  await provider.configure({ config: { get: (key: string) => config[key], require: (key: string) => config[key] ?? "" } });
  return provider;
}

/** The tunnel's inputs as the resource class sends them, pointed at the emulator. */
export function tunnelInputs(router: RouterOsEmulator, spec: "article" | "secure" = "article", overrides: Partial<TunnelInputs> = {}): TunnelInputs {
  const { preSharedKey, cloudGatewayIp, ...rest } = exampleInput(spec) as Record<string, unknown> & { preSharedKey: string; cloudGatewayIp: string };
  return {
    spec: rest as unknown as TunnelInputs["spec"],
    preSharedKey,
    gatewayIp: cloudGatewayIp,
    router: {
      host: router.host,
      port: router.port,
      user: "admin",
      tls: router.tls ? { mode: "fingerprint", fingerprint: router.tls.fingerprint256 } : "off",
      timeoutSeconds: 5,
    },
    password: PASSWORD,
    ...overrides,
  };
}

/** Write commands the router received since the last reset (add/set/remove/move). */
export function writes(router: RouterOsEmulator): Record<string, number> {
  return Object.fromEntries(Object.entries(router.counters.commands).filter(([c]) => /\/(add|set|remove|move)$/.test(c)));
}

export { closeAllSessions };
