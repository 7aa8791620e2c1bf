import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { type ClientInfo, clientInfo } from "../commerce/client";
import type { CommerceDeps } from "../commerce/deps";
import { enforceRateLimit, type RateLimit } from "../lib/rate-limit";

/** The requesting client, after counting it against `rule` (per client IP). */
export async function rateLimitedClient(c: Context<AppEnv>, deps: CommerceDeps, rule: RateLimit): Promise<ClientInfo> {
	const client = await clientInfo(c, deps.clientHashKey);
	await enforceRateLimit(deps.limiter, `ip:${client.ipHash}`, rule, deps.now().getTime());
	return client;
}
