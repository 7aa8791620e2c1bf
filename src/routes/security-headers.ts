import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";

/**
 * Paths that carry a secret (a download token, a file session, an order key in the query, a
 * checkout session, an OAuth code or state): their pages must not hand it on in a Referer.
 */
const TOKEN_PATHS = /^\/(download|files|orders|local-pay|auth)\/|^\/admin\/login\/magic/;

/** One year: browsers keep to https for that long after an https visit. No includeSubDomains: other hosts of the domain are not ours to decide. */
const HSTS = "max-age=31536000";

/**
 * The policy of every page: scripts, styles, images, frames and connections from this origin
 * only (the pages have no inline code: scripts are /js/*.js, styles /css/*.css), never framed
 * (the Generate button spends credits: no clickjacking), no <base> or plugins. `form-action` is
 * left out on purpose: checkout and sign-in forms are answered with a redirect to the payment
 * provider or the identity provider, and browsers apply `form-action` to that redirect.
 */
function pagePolicy(url: URL): string {
	// The live progress socket: `'self'` covers ws(s) of the same host only in newer browsers.
	const socket = `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`;
	return [
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data:",
		`connect-src 'self' ${socket}`,
		"frame-src 'self'",
		"frame-ancestors 'none'",
		"base-uri 'none'",
		"object-src 'none'",
	].join("; ");
}

/**
 * Security headers on every response (docs/storefront.md "Security headers"): `nosniff`
 * everywhere; `Referrer-Policy: no-referrer` where the URL carries a secret, `same-origin`
 * elsewhere unless the route chose; HSTS over https; and on HTML, the strict page policy with
 * `X-Frame-Options: DENY` for browsers without CSP, unless the route sent a policy of its own
 * (the sandboxed product preview, which its product page frames; the dashboard's).
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	// A WebSocket upgrade's 101 has no document to protect, and its headers are not ours to change.
	if (c.res.status === 101) return;
	const url = new URL(c.req.url);
	// A response passed through from a fetch (a Durable Object's) has immutable headers: copy it first.
	if (!headersMutable(c.res.headers)) c.res = new Response(c.res.body, c.res);
	const headers = c.res.headers;
	headers.set("X-Content-Type-Options", "nosniff");
	if (TOKEN_PATHS.test(url.pathname) || url.searchParams.has("key") || url.searchParams.has("token")) headers.set("Referrer-Policy", "no-referrer");
	else if (!headers.has("Referrer-Policy")) headers.set("Referrer-Policy", "same-origin");
	if (url.protocol === "https:") headers.set("Strict-Transport-Security", HSTS);
	if ((headers.get("Content-Type") ?? "").startsWith("text/html") && !headers.has("Content-Security-Policy")) {
		headers.set("Content-Security-Policy", pagePolicy(url));
		headers.set("X-Frame-Options", "DENY");
	}
});

function headersMutable(headers: Headers): boolean {
	try {
		headers.set("X-Content-Type-Options", "nosniff");
		return true;
	} catch {
		return false;
	}
}
