import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { AppError } from "../lib/errors";
import { secretsEqual, sha256Hex } from "../lib/hash";
import { enforceRateLimit } from "../lib/rate-limit";
import { currentAdminSession } from "./sessions";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether `candidate` is the configured admin API key (constant time; an empty key never is). */
export async function isAdminKey(expected: string, candidate: string): Promise<boolean> {
	return expected.length > 0 && candidate.length > 0 && (await secretsEqual(candidate, expected));
}

/**
 * Admin API guard: `Authorization: Bearer <ADMIN_API_KEY>` (compared in constant time), or a
 * dashboard session cookie, whose state-changing requests must carry the session's
 * `X-CSRF-Token`. Each caller is rate-limited (ADMIN_RATE_LIMIT_PER_MINUTE) under the hash of
 * its key or session.
 */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
	const { config, db, limiter, commerce, now } = c.var.deps;
	const header = c.req.header("Authorization");
	let caller: string;
	if (header !== undefined) {
		const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? "";
		if (!(await isAdminKey(config.adminApiKey, key))) throw unauthorized();
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
