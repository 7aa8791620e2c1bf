import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { AppError } from "../lib/errors";
import { secretsEqual } from "../lib/hash";
import { enforceRateLimit } from "../lib/rate-limit";
import { currentUser, type User } from "./sessions";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Signed-in users only: sets `c.var.user` and `c.var.userSession`. State-changing requests must
 * carry the session's CSRF token, as header `X-CSRF-Token` (fetch) or form field `_csrf`
 * (HTML forms; read from the parsed body, so multipart uploads work too). A signed-in user's JSON
 * routes (`/api/*`) share one per-user limit (`config.limits.userApi` a minute, rule `api` on the
 * key `user:<id>`, beside the generation limit), counted before the handler runs, so a refused
 * request changes nothing.
 */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
	const signedIn = await currentUser(c, c.var.deps.db, c.var.deps.now());
	if (!signedIn) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
	if (UNSAFE_METHODS.has(c.req.method)) {
		const supplied = c.req.header("X-CSRF-Token") ?? (await csrfFromForm(c.req.raw));
		if (!(await secretsEqual(supplied ?? "", signedIn.session.csrfToken))) {
			throw new AppError(403, "FORBIDDEN", "This request needs the session's CSRF token.");
		}
	}
	if (c.req.path.startsWith("/api/")) {
		const { limiter, config, now } = c.var.deps;
		await enforceRateLimit(limiter, `user:${signedIn.user.id}`, { name: "api", limit: config.limits.userApi, windowMs: 60_000 }, now().getTime());
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

/**
 * Guards of HTML pages: a signed-out browser is sent to sign in and brought back; with
 * `artistsOnly`, a signed-in user who is not an artist gets `403 ARTIST_ONLY` (as HTML). Sets
 * `c.var.user` and `c.var.userSession` like `requireUser`. The pages are personal, so no shared
 * cache keeps them.
 */
function pageGuard(artistsOnly: boolean) {
	return createMiddleware<AppEnv>(async (c, next) => {
		const signedIn = await currentUser(c, c.var.deps.db, c.var.deps.now());
		if (!signedIn) {
			const url = new URL(c.req.url);
			return c.redirect(`/auth/login?return_to=${encodeURIComponent(`${url.pathname}${url.search}`)}`, 302);
		}
		if (artistsOnly && signedIn.user.role !== "artist") {
			throw new AppError(403, "ARTIST_ONLY", "The studio is for approved artists. Apply to become one on your account page (/account).");
		}
		c.set("user", signedIn.user);
		c.set("userSession", signedIn.session);
		await next();
		c.res.headers.set("Cache-Control", "private, no-store");
	});
}

/** A page for signed-in users (see {@link pageGuard}). */
export const userPage = pageGuard(false);
/** A studio page for artists (see {@link pageGuard}). */
export const artistPage = pageGuard(true);

/** The user and CSRF token a guarded route was given. */
export function signedInUser(c: { var: AppEnv["Variables"] }): { user: User; csrfToken: string } {
	const { user, userSession } = c.var;
	if (!user || !userSession) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
	return { user, csrfToken: userSession.csrfToken };
}

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
