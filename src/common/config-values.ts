// Reading a cloud client's settings from stack config with environment fallbacks: shared by the Tencent and Alibaba
// settings. Pure; messages name the config key and never a value that could be a secret.

export type ConfigLookup = (key: string) => string | undefined;

/** A stack config key and the environment variables that stand in for it, first found wins. */
export interface ConfigEntry {
  key: string;
  env: string | readonly string[];
}

const variablesOf = (entry: ConfigEntry): readonly string[] => (typeof entry.env === "string" ? [entry.env] : entry.env);

/** The first environment variable of an entry: the one hints name. */
export const primaryVariable = (entry: ConfigEntry): string => variablesOf(entry)[0] ?? entry.key;

/** A reader of trimmed values: the stack's value, else the first non-blank environment variable; blank reads as unset. */
export function configReader<T extends Record<string, ConfigEntry>>(table: T, config: ConfigLookup, env: Record<string, string | undefined>): (name: keyof T) => string | undefined {
  return (name) => {
    const entry = table[name] as ConfigEntry;
    const value = config(entry.key) ?? variablesOf(entry).map((v) => env[v]).find((v) => v !== undefined && v.trim() !== "");
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
}

/** A reader of numbers ≥ min: the default when unset; a problem naming the key (and the default) when not a number. */
export function numberReader<T extends Record<string, ConfigEntry>, D extends Partial<Record<keyof T, number>>>(
  table: T,
  defaults: D,
  read: (name: keyof T) => string | undefined,
  problems: string[],
): (name: keyof D & keyof T, min: number) => number {
  return (name, min) => {
    const fallback = defaults[name] as number;
    const text = read(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (Number.isFinite(value) && value >= min) return value;
    problems.push(`${(table[name] as ConfigEntry).key} is ${JSON.stringify(text)}, not a number ≥ ${min}`);
    return fallback;
  };
}

const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/i;

/** An API endpoint as written: its host[:port] and whether requests go over plain http (loopback only). */
export interface Endpoint {
  host: string;
  http: boolean;
}

/**
 * "host[:port]", optionally with a scheme. Plain http is allowed to the loopback address only (the emulators):
 * requests and answers carry the pre-shared key. Anything else goes over https.
 */
export function parseEndpoint(text: string, key: string, example: string, problems: string[]): Endpoint | undefined {
  const match = /^(https?:\/\/)?([^/\s?#@]+)\/?$/i.exec(text);
  const host = match?.[2];
  if (!match || host === undefined) {
    problems.push(`${key} is ${JSON.stringify(text)}, not a host[:port] (e.g. ${example})`);
    return undefined;
  }
  const scheme = match[1]?.toLowerCase();
  const loopback = LOOPBACK_HOST.test(host);
  if (scheme === "http://" && !loopback) {
    problems.push(`${key}: plain http is allowed to the loopback address only (requests and answers carry the pre-shared key); write https://${host} or just ${host}`);
    return undefined;
  }
  return { host, http: loopback && scheme !== "https://" };
}
