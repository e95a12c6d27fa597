// How the Tencent providers reach the API: credentials, region, endpoint and time budgets, read from the stack's
// config in configure() with environment variables as fallback. Pure; never logs, never puts a secret in a message.
import type { Backoff } from "../common/backoff";
import { configReader, numberReader, parseEndpoint, type ConfigLookup } from "../common/config-values";

/** Stack config keys (`pulumi config set --secret tencentcloud:secretKey …`) and their environment fallbacks. */
export const TENCENT_CONFIG = {
  secretId: { key: "tencentcloud:secretId", env: "TENCENTCLOUD_SECRET_ID" },
  secretKey: { key: "tencentcloud:secretKey", env: "TENCENTCLOUD_SECRET_KEY" },
  securityToken: { key: "tencentcloud:securityToken", env: "TENCENTCLOUD_SECURITY_TOKEN" },
  region: { key: "tencentcloud:region", env: "TENCENTCLOUD_REGION" },
  /** "127.0.0.1:PORT" (the emulator, over http) or another VPC API host (over https). */
  endpoint: { key: "ros-vpc-ipsec:tencentEndpoint", env: "ROS_VPC_IPSEC_TENCENT_ENDPOINT" },
  requestTimeoutSeconds: { key: "ros-vpc-ipsec:tencentRequestTimeoutSeconds", env: "ROS_VPC_IPSEC_TENCENT_REQUEST_TIMEOUT_SECONDS" },
  waitTimeoutSeconds: { key: "ros-vpc-ipsec:tencentWaitTimeoutSeconds", env: "ROS_VPC_IPSEC_TENCENT_WAIT_TIMEOUT_SECONDS" },
  retryAttempts: { key: "ros-vpc-ipsec:tencentRetryAttempts", env: "ROS_VPC_IPSEC_TENCENT_RETRY_ATTEMPTS" },
  backoffInitialMs: { key: "ros-vpc-ipsec:tencentBackoffInitialMs", env: "ROS_VPC_IPSEC_TENCENT_BACKOFF_INITIAL_MS" },
  backoffMaxMs: { key: "ros-vpc-ipsec:tencentBackoffMaxMs", env: "ROS_VPC_IPSEC_TENCENT_BACKOFF_MAX_MS" },
} as const;

export const TENCENT_DEFAULTS = {
  requestTimeoutSeconds: 30,
  /** Gateway creation takes minutes on Tencent; this bounds every wait for a state. */
  waitTimeoutSeconds: 1200,
  retryAttempts: 8,
  backoffInitialMs: 500,
  backoffMaxMs: 10_000,
} as const;


export interface TencentSettings {
  credential: { secretId: string; secretKey: string; token?: string };
  region: string;
  /** Host[:port] of the VPC API; undefined means the SDK's default (vpc.tencentcloudapi.com). */
  endpoint?: string;
  protocol: "https://" | "http://";
  requestTimeoutSeconds: number;
  waitTimeoutMs: number;
  retryAttempts: number;
  backoff: Backoff;
}

export type { ConfigLookup };

/**
 * The settings, or why there are none. Missing credentials are not an error until an API call needs them
 * (check and diff never do), so this returns the problems instead of throwing.
 */
export function tencentSettings(config: ConfigLookup, env: Record<string, string | undefined>): { settings?: TencentSettings; problems: string[] } {
  const read = configReader(TENCENT_CONFIG, config, env);
  const problems: string[] = [];
  const secretId = read("secretId");
  const secretKey = read("secretKey");
  const region = read("region");
  for (const [name, value] of [["secretId", secretId], ["secretKey", secretKey], ["region", region]] as const) {
    if (value === undefined) {
      const { key, env: variable } = TENCENT_CONFIG[name];
      const secret = name === "region" ? "" : " --secret";
      problems.push(`${key} is not set (pulumi config set${secret} ${key} …, or the ${variable} environment variable)`);
    }
  }
  const endpointText = read("endpoint");
  const endpoint = endpointText === undefined ? undefined : parseEndpoint(endpointText, TENCENT_CONFIG.endpoint.key, "127.0.0.1:18080 or vpc.ap-guangzhou.tencentcloudapi.com", problems);
  const number = numberReader(TENCENT_CONFIG, TENCENT_DEFAULTS, read, problems);
  const requestTimeoutSeconds = number("requestTimeoutSeconds", 0.001);
  const waitTimeoutSeconds = number("waitTimeoutSeconds", 0);
  const retryAttempts = Math.floor(number("retryAttempts", 1));
  const backoff = { initialMs: number("backoffInitialMs", 0), maxMs: number("backoffMaxMs", 0) };
  if (problems.length > 0 || secretId === undefined || secretKey === undefined || region === undefined) return { problems };
  const token = read("securityToken");
  return {
    problems,
    settings: {
      credential: { secretId, secretKey, ...(token === undefined ? {} : { token }) },
      region,
      ...(endpoint === undefined ? {} : { endpoint: endpoint.host }),
      protocol: endpoint?.http ? "http://" : "https://",
      requestTimeoutSeconds,
      waitTimeoutMs: waitTimeoutSeconds * 1000,
      retryAttempts,
      backoff: { initialMs: backoff.initialMs, maxMs: Math.max(backoff.maxMs, backoff.initialMs) },
    },
  };
}
