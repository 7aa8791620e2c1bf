import type { Context } from "hono";
import { toHex } from "../lib/hash";

const encoder = new TextEncoder();

/** The client as the download rules see it. */
export type ClientInfo = { ip: string; userAgent: string; ipHash: string; clientHash: string };

async function hmacHex(secret: string, message: string): Promise<string> {
	const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
	return toHex(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/**
 * Reads the client from a request: IP from `CF-Connecting-IP` (set by Cloudflare's edge), the
 * user agent, and keyed hashes of both, so logs and counters never hold a raw IP.
 */
export async function clientInfo(c: Context, secret: string): Promise<ClientInfo> {
	const ip = c.req.header("CF-Connecting-IP") ?? "unknown";
	const userAgent = (c.req.header("User-Agent") ?? "").slice(0, 300);
	const [ipHash, clientHash] = await Promise.all([hmacHex(secret, `ip:${ip}`), hmacHex(secret, `client:${ip}\n${userAgent}`)]);
	return { ip, userAgent, ipHash: ipHash.slice(0, 32), clientHash };
}
