// How doctor and status reach Alibaba Cloud's VPC API: credentials, region, endpoint and time budgets, from the
// stack's config with the environment variables the Alibaba provider plugin reads as fallback. Pure; never puts a
// secret in a message.
import type { Backoff } from "../common/backoff";
import { configReader, numberReader, parseEndpoint, type ConfigLookup } from "../common/config-values";

/**
 * Stack config keys and their environment fallbacks, first found wins. The variables and their order are those of
 * terraform-provider-alicloud (which @pulumi/alicloud runs), so doctor reads with the credentials `pulumi up` uses.
 */
export const ALICLOUD_CONFIG = {
  accessKey: { key: "alicloud:accessKey", env: ["ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID"] },
  secretKey: { key: "alicloud:secretKey", env: ["ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET"] },
  securityToken: { key: "alicloud:securityToken", env: ["ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN"] },
  region: { key: "alicloud:region", env: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"] },
  /** "127.0.0.1:PORT" (the emulator, over http) or another VPC API host (over https). */
  endpoint: { key: "ros-vpc-ipsec:alicloudEndpoint", env: ["ROS_VPC_IPSEC_ALICLOUD_ENDPOINT"] },
  requestTimeoutSeconds: { key: "ros-vpc-ipsec:alicloudRequestTimeoutSeconds", env: ["ROS_VPC_IPSEC_ALICLOUD_REQUEST_TIMEOUT_SECONDS"] },
  retryAttempts: { key: "ros-vpc-ipsec:alicloudRetryAttempts", env: ["ROS_VPC_IPSEC_ALICLOUD_RETRY_ATTEMPTS"] },
  backoffInitialMs: { key: "ros-vpc-ipsec:alicloudBackoffInitialMs", env: ["ROS_VPC_IPSEC_ALICLOUD_BACKOFF_INITIAL_MS"] },
  backoffMaxMs: { key: "ros-vpc-ipsec:alicloudBackoffMaxMs", env: ["ROS_VPC_IPSEC_ALICLOUD_BACKOFF_MAX_MS"] },
} as const;

export const ALICLOUD_DEFAULTS = {
  requestTimeoutSeconds: 20,
  /** Attempts per call while Alibaba answers Throttling* or ServiceUnavailable. */
  retryAttempts: 5,
  backoffInitialMs: 500,
  backoffMaxMs: 5_000,
} as const;

/** The API version doctor's calls are written against. */
export const VPC_API_VERSION = "2016-04-28";

export interface AlicloudSettings {
  credential: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  region: string;
  /** The VPC API's base URL: https://vpc.<region>.aliyuncs.com unless overridden. */
  endpoint: string;
  requestTimeoutSeconds: number;
  retryAttempts: number;
  backoff: Backoff;
}

export type { ConfigLookup };

export interface SettingsContext {
  /** Whether the stack holds this key encrypted (then only the environment can supply it here). */
  encrypted?: (key: string) => boolean;
  /** The site stack's name, for the `pulumi config get` hint. */
  stack?: string;
}

/** A region id as Alibaba spells them (cn-hangzhou, ap-southeast-1): it becomes part of the endpoint's host name. */
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** The settings, or every reason there are none, each naming its config key and how to set it. */
export function alicloudSettings(config: ConfigLookup, env: Record<string, string | undefined>, context: SettingsContext = {}): { settings?: AlicloudSettings; problems: string[] } {
  const read = configReader(ALICLOUD_CONFIG, config, env);
  const problems: string[] = [];
  const accessKeyId = read("accessKey");
  const accessKeySecret = read("secretKey");
  const region = read("region");
  for (const [name, value] of [["accessKey", accessKeyId], ["secretKey", accessKeySecret], ["region", region]] as const) {
    if (value !== undefined) continue;
    const { key, env: variables } = ALICLOUD_CONFIG[name];
    if (context.encrypted?.(key)) {
      problems.push(`${key} is encrypted in the stack: export ${variables[0]}=$(pulumi config get ${key}${context.stack ? ` --stack ${context.stack}` : ""})`);
    } else {
      problems.push(`${key} is not set (pulumi config set${name === "secretKey" ? " --secret" : ""} ${key} …, or the ${variables.join(" or ")} environment variable)`);
    }
  }
  if (region !== undefined && !REGION.test(region)) problems.push(`${ALICLOUD_CONFIG.region.key} is ${JSON.stringify(region)}, not an Alibaba Cloud region id (e.g. cn-hangzhou)`);
  const endpointText = read("endpoint");
  const parsed = endpointText === undefined ? undefined : parseEndpoint(endpointText, ALICLOUD_CONFIG.endpoint.key, "127.0.0.1:18081 or vpc.cn-hangzhou.aliyuncs.com", problems);
  const endpoint = parsed ? `${parsed.http ? "http" : "https"}://${parsed.host}` : region === undefined || endpointText !== undefined ? undefined : `https://vpc.${region}.aliyuncs.com`;
  const number = numberReader(ALICLOUD_CONFIG, ALICLOUD_DEFAULTS, read, problems);
  const requestTimeoutSeconds = number("requestTimeoutSeconds", 0.001);
  const retryAttempts = Math.floor(number("retryAttempts", 1));
  const backoff = { initialMs: number("backoffInitialMs", 0), maxMs: number("backoffMaxMs", 0) };
  if (problems.length > 0 || accessKeyId === undefined || accessKeySecret === undefined || region === undefined || endpoint === undefined) return { problems };
  const securityToken = read("securityToken");
  return {
    problems,
    settings: {
      credential: { accessKeyId, accessKeySecret, ...(securityToken === undefined ? {} : { securityToken }) },
      region,
      endpoint,
      requestTimeoutSeconds,
      retryAttempts,
      backoff: { initialMs: backoff.initialMs, maxMs: Math.max(backoff.maxMs, backoff.initialMs) },
    },
  };
}
