import type { Context } from "hono";
import { clientNetwork } from "../lib/client-network";
import { hmacSha256Hex } from "../lib/hash";

/**
 * The client as the download rules see it. `ipHash` is the keyed hash of its network (the IPv4
 * address or the IPv6 /64, src/lib/client-network.ts): every per-client limit keys on it.
 * `clientHash` is of the full address and the user agent: one browser, for reusing its session.
 */
export type ClientInfo = { ip: string; userAgent: string; ipHash: string; clientHash: string };

/**
 * Reads the client from a request: IP from `CF-Connecting-IP` (set by Cloudflare's edge), the
 * user agent, and keyed hashes of both, so logs and counters never hold a raw IP.
 */
export async function clientInfo(c: Context, secret: string): Promise<ClientInfo> {
	const ip = c.req.header("CF-Connecting-IP") ?? "unknown";
	const userAgent = (c.req.header("User-Agent") ?? "").slice(0, 300);
	const [ipHash, clientHash] = await Promise.all([hmacSha256Hex(secret, `ip:${clientNetwork(ip)}`), hmacSha256Hex(secret, `client:${ip}\n${userAgent}`)]);
	return { ip, userAgent, ipHash: ipHash.slice(0, 32), clientHash };
}
