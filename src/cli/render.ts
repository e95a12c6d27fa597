// `ros-vpc-ipsec render`: a spec file to the RouterOS script, or the Tencent/Alibaba parameters as JSON.
// Reads the spec file; everything it prints comes from the pure renderers.
import { alicloudConnectionSettings } from "../alicloud/dialect";
import { renderRouterOsScript } from "../routeros/script";
import { loadSpecFile } from "../spec/load";
import { inputOf, parseTunnelSpec } from "../spec/parse";
import { errors, formatProblems } from "../spec/problems";
import type { TunnelSpec } from "../spec/types";
import { createVpnConnectionRequest } from "../tencent/dialect";
import type { CliIo } from "./io";

export interface RenderCommandOptions {
  target: "routeros" | "tencent" | "alicloud";
  gatewayIp?: string;
  routerosVersion?: string;
  showSecrets?: boolean;
}

const REDACTED = "<redacted: render with --show-secrets>";

export function renderCommand(file: string, options: RenderCommandOptions, io: CliIo): number {
  const { spec, problems } = loadSpecFile(file);
  const warnings = problems.filter((p) => p.severity === "warning");
  if (!spec) {
    io.stderr(`${file} is not a valid tunnel spec:\n${formatProblems(errors(problems))}\n`);
    return 1;
  }
  if (warnings.length > 0) io.stderr(`${formatProblems(warnings)}\n`);
  if (options.gatewayIp !== undefined) {
    const checked = parseTunnelSpec({ ...inputOf(spec), cloudGatewayIp: options.gatewayIp }).problems.filter((p) => p.path === "cloudGatewayIp" && p.severity === "error");
    if (checked.length > 0) {
      io.stderr(`--gateway-ip is not a usable gateway address:\n${formatProblems(checked)}\n`);
      return 1;
    }
  }
  const gatewayIp = options.gatewayIp ?? spec.cloudGatewayIp;
  if (options.target === "routeros") {
    if (!gatewayIp) {
      io.stderr(`${file}: cloudGatewayIp is not set: the router's peer address is the cloud gateway's public address (set it, or pass --gateway-ip)\n`);
      return 1;
    }
    io.stdout(renderRouterOsScript(spec, { gatewayIp, version: options.routerosVersion, showSecrets: options.showSecrets }));
    return 0;
  }
  io.stdout(`${JSON.stringify(cloudParameters(spec, options, gatewayIp), null, 2)}\n`);
  return 0;
}

function cloudParameters(spec: TunnelSpec, options: RenderCommandOptions, gatewayIp: string | undefined): object {
  const psk = options.showSecrets ? spec.preSharedKey : REDACTED;
  if (options.target === "tencent") {
    const ids = { vpcId: "<vpc-id>", vpnGatewayId: "<vpn-gateway-id>", customerGatewayId: "<customer-gateway-id>" };
    return { ...createVpnConnectionRequest(spec, ids, gatewayIp ?? "<vpn-gateway-public-ip>"), PreShareKey: psk };
  }
  const settings = alicloudConnectionSettings(spec);
  return { ...settings, ikeConfig: { ...settings.ikeConfig, psk } };
}
