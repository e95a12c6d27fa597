// The RouterOsIpsecTunnel provider implementation as the serialized shim loads it: "ros-vpc-ipsec/providers/routeros".
import { RouterOsTunnelProvider } from "../routeros/provider";

export const provider = new RouterOsTunnelProvider();
