import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { AppError } from "./errors";
import { secretsEqual } from "./hash";

/**
 * Admin API guard: `Authorization: Bearer <ADMIN_API_KEY>`, compared in constant time.
 * With no key configured every request is refused: there is no default key.
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
	await next();
});
