import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { clientInfo } from "../commerce/client";
import { AppError } from "../lib/errors";
import { secretsEqual, sha256Hex } from "../lib/hash";
import { enforceRateLimit, type RateLimit, rateLimited } from "../lib/rate-limit";
import { currentAdminSession } from "./sessions";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Wrong admin API keys per client network (IPv4 address or IPv6 /64) before it is locked out for
 * the rest of the window: a person mistyping a key needs a few tries, a guesser needs millions.
 */
export const ADMIN_KEY_FAILURES: RateLimit = { name: "admin-auth-failures", limit: 10, windowMs: 10 * 60_000 };

/**
 * Whether `candidate` is the configured admin API key: the SHA-256 of both compared in constant
 * time (`secretsEqual`), so neither the key's length nor a common prefix shows in the timing; an
 * empty key never is.
 */
export async function isAdminKey(expected: string, candidate: string): Promise<boolean> {
	return expected.length > 0 && candidate.length > 0 && (await secretsEqual(candidate, expected));
}

/**
 * Admin API guard: `Authorization: Bearer <ADMIN_API_KEY>` (compared by hash in constant time),
 * or a dashboard session cookie, whose state-changing requests must carry the session's
 * `X-CSRF-Token`. A wrong key is counted against the client's budget of wrong keys
 * ({@link ADMIN_KEY_FAILURES}); a right key is accepted only while that budget is not spent, so a
 * locked-out client gets 429 even for the right key and a guess is never confirmed. Only failures
 * count: a script making many requests at once with the right key is never locked out by its own
 * traffic. Each caller is then rate-limited
 * (ADMIN_RATE_LIMIT_PER_MINUTE) under the hash of its key or session.
 */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
	const { config, db, limiter, commerce, now } = c.var.deps;
	const header = c.req.header("Authorization");
	let caller: string;
	if (header !== undefined) {
		const client = await clientInfo(c, commerce.clientHashKey);
		const failures = `ip:${client.ipHash}`;
		const at = now().getTime();
		const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? "";
		if (!(await isAdminKey(config.adminApiKey, key))) {
			await enforceRateLimit(limiter, failures, ADMIN_KEY_FAILURES, at);
			throw unauthorized();
		}
		const verdict = await limiter.getByName(failures).peek(ADMIN_KEY_FAILURES.name, ADMIN_KEY_FAILURES.limit, ADMIN_KEY_FAILURES.windowMs, at);
		if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds);
		caller = `key:${(await sha256Hex(key)).slice(0, 32)}`;
	} else {
		const session = await currentAdminSession(c, db, now());
		if (!session) throw unauthorized();
		if (UNSAFE_METHODS.has(c.req.method) && !(await secretsEqual(c.req.header("X-CSRF-Token") ?? "", session.csrfToken))) {
			throw new AppError(403, "FORBIDDEN", "This request needs the session's X-CSRF-Token header.");
		}
		c.set("adminSession", session);
		caller = `session:${session.id.slice(0, 32)}`;
	}
	await enforceRateLimit(limiter, `admin:${caller}`, commerce.config.adminLimit, now().getTime());
	await next();
});

function unauthorized(): AppError {
	return new AppError(401, "UNAUTHORIZED", "A valid admin API key is required (Authorization: Bearer <key>).", { "WWW-Authenticate": 'Bearer realm="admin"' });
}
