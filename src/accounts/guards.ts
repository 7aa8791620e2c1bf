import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { getDb } from "../db/client";
import { AppError } from "../lib/errors";
import { secretsEqual } from "../lib/hash";
import { currentUser } from "./sessions";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Signed-in users only: sets `c.var.user` and `c.var.userSession`. State-changing requests must
 * carry the session's CSRF token, as header `X-CSRF-Token` (fetch) or form field `_csrf`
 * (HTML forms; read from the parsed body, so multipart uploads work too).
 */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
	const signedIn = await currentUser(c, getDb(c.env.DB), new Date());
	if (!signedIn) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
	if (UNSAFE_METHODS.has(c.req.method)) {
		const supplied = c.req.header("X-CSRF-Token") ?? (await csrfFromForm(c.req.raw));
		if (!(await secretsEqual(supplied ?? "", signedIn.session.csrfToken))) {
			throw new AppError(403, "FORBIDDEN", "This request needs the session's CSRF token.");
		}
	}
	c.set("user", signedIn.user);
	c.set("userSession", signedIn.session);
	await next();
});

/** Artists only (after `requireUser`): anyone else gets `403 ARTIST_ONLY`. */
export const requireArtist = createMiddleware<AppEnv>(async (c, next) => {
	if (c.var.user?.role !== "artist") throw new AppError(403, "ARTIST_ONLY", "Only approved artists can do this.");
	await next();
});

/** The `_csrf` field of a form body, read from a clone so handlers can still parse the body. */
async function csrfFromForm(request: Request): Promise<string | undefined> {
	const type = request.headers.get("Content-Type") ?? "";
	if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return undefined;
	try {
		const value = (await request.clone().formData()).get("_csrf");
		return typeof value === "string" ? value : undefined;
	} catch {
		return undefined;
	}
}
