import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { jsx } from "hono/jsx";
import { z } from "zod";
import { currentAdminSession } from "../../admin/sessions";
import type { AppEnv } from "../../app-env";
import { localizedErrorMessage } from "../../i18n/error-message";
import { AppError, toAppError } from "../../lib/errors";
import { secretsEqual } from "../../lib/hash";
import { AdminErrorPage } from "../../views/admin/error";
import type { AdminViewer } from "../../views/admin/layout";
import { renderPage } from "../render-page";

/** Rows per page of the dashboard's tables. */
export const PAGE_SIZE = 25;

/** An empty form field or query parameter means "not given". */
export const blank = (value: unknown) => (value === "" ? undefined : value);
export const IdParams = z.object({ id: z.string().min(1).max(64) });

/** The `done` banner after an action; anything else is ignored rather than echoed. */
export const noticeQuery = <T extends Record<string, string>>(notices: T) =>
	z.object({
		done: z
			.enum(Object.keys(notices) as [keyof T & string, ...(keyof T & string)[]])
			.optional()
			.catch(undefined),
	});

/**
 * Every dashboard response: never cached (pages carry the CSRF token and customer data),
 * never framed (clickjacking of the action buttons), scripts and styles from this origin only.
 */
const ADMIN_HEADERS: Record<string, string> = {
	"Cache-Control": "no-store",
	"X-Frame-Options": "DENY",
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy": "same-origin",
	"Content-Security-Policy":
		"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const adminHeaders = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	for (const [name, value] of Object.entries(ADMIN_HEADERS)) c.res.headers.set(name, value);
});

/** Where an error page's "Go back" leads: the dashboard page the admin came from, else the overview. */
function backHref(c: Context<AppEnv>): string {
	try {
		const referer = new URL(c.req.header("Referer") ?? "");
		if (referer.origin === new URL(c.req.url).origin && referer.pathname.startsWith("/admin")) return referer.pathname + referer.search;
	} catch {
		// No or malformed Referer: the overview.
	}
	return "/admin";
}

/**
 * A dashboard sub-app: the dashboard's headers on every response, and errors answered with
 * the dashboard's own HTML page (with the navigation when signed in); unexpected errors go on
 * to the app's handler, which logs them and answers a generic 500.
 */
export function adminRoutes() {
	return new Hono<AppEnv>().use(adminHeaders).onError((err, c) => {
		const known = toAppError(err);
		if (known.unexpected) throw err;
		const session = c.var.adminSession;
		const viewer = session ? { subject: session.subject, csrfToken: session.csrfToken } : null;
		return renderPage(
			c,
			// As an element, not a call: the page's views read the language from the provider around it.
			jsx(AdminErrorPage, {
				status: known.status,
				code: known.code,
				message: localizedErrorMessage(known, c.var.i18n),
				requestId: c.var.requestId,
				viewer,
				backHref: backHref(c),
			}),
			known.status,
			known.headers,
		);
	});
}

/**
 * Pages need a live session (else 303 to the sign-in page); every POST also needs the
 * session's CSRF token in its `_csrf` field, compared in constant time.
 */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
	const session = await currentAdminSession(c, c.var.deps.db, c.var.deps.now());
	if (!session) return c.redirect("/admin/login", 303);
	c.set("adminSession", session);
	if (c.req.method !== "GET" && c.req.method !== "HEAD") {
		const token = (await c.req.parseBody())._csrf;
		if (typeof token !== "string" || !(await secretsEqual(token, session.csrfToken))) {
			throw new AppError(403, "FORBIDDEN", "This form is out of date or did not come from the dashboard. Reload the page and try again.");
		}
	}
	await next();
});

/** The signed-in admin as the views need it; set by {@link requireSession}. */
export function adminViewer(c: Context<AppEnv>): AdminViewer {
	const session = c.var.adminSession;
	if (!session) throw new AppError(401, "UNAUTHORIZED", "Sign in to use the dashboard.");
	return { subject: session.subject, csrfToken: session.csrfToken };
}
