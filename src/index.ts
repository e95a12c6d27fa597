// The library's public face: what another Pulumi stack or tool imports from "ros-vpc-ipsec".
export * from "./spec/types";
export type { TunnelSpecInput } from "./spec/input";
export { parseTunnelSpec, requireTunnelSpec, type ParseResult } from "./spec/parse";
export { parseSpecText, loadSpecFile } from "./spec/load";
export { SpecError, formatProblems, type Problem } from "./spec/problems";
export { DEFAULTS } from "./spec/defaults";
export { ENCRYPTION, INTEGRITY, DH_GROUPS, dialectOf, canonicalOf, offered } from "./spec/algorithms";
export { compareEnds, type DpdView, type EndView, type EndMismatch } from "./spec/ends";
export { renderRouterOsRows, ownerMarker, type DesiredRows } from "./routeros/render";
export { renderRouterOsScript } from "./routeros/script";
export { createVpnConnectionRequest, modifyVpnConnectionRequest, tencentTunnelOptions } from "./tencent/dialect";
export { alicloudConnectionSettings } from "./alicloud/dialect";
export { RouterOsIpsecTunnel, type RouterOsIpsecTunnelArgs } from "./routeros/tunnel";
export type { RouterConnectionInputs } from "./routeros/inputs";
export type { RouterTls } from "./routeros/tls";
export { AlicloudVpnSide, type AlicloudVpnSideArgs } from "./alicloud";
export { TencentVpnSide, type TencentVpnSideArgs } from "./tencent";
export { SiteToSiteVpn, type SiteToSiteVpnArgs, type SiteCloudArgs, type SiteRouterArgs } from "./site";
