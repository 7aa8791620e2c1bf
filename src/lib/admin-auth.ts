import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { commerceConfig } from "../commerce/config";
import { AppError } from "./errors";
import { secretsEqual, sha256Hex } from "./hash";
import { enforceRateLimit } from "./rate-limit";

/**
 * Admin API guard: `Authorization: Bearer <ADMIN_API_KEY>`, compared in constant time.
 * With no key configured every request is refused: there is no default key. Each key is
 * rate-limited (ADMIN_RATE_LIMIT_PER_MINUTE).
 */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
	const expected = c.env.ADMIN_API_KEY;
	const header = c.req.header("Authorization") ?? "";
	const match = /^Bearer\s+(\S+)$/i.exec(header);
	if (!expected || !match?.[1] || !(await secretsEqual(match[1], expected))) {
		throw new AppError(401, "UNAUTHORIZED", "A valid admin API key is required (Authorization: Bearer <key>).", {
			"WWW-Authenticate": 'Bearer realm="admin"',
		});
	}
	// Count per key (its hash: the key itself never reaches storage or logs).
	const keyId = (await sha256Hex(match[1])).slice(0, 32);
	await enforceRateLimit(c.env.RATE_LIMITER, `admin:${keyId}`, commerceConfig(c.env).adminLimit, Date.now());
	await next();
});
