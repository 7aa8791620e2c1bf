import { env, exports } from "cloudflare:workers";
import { inject } from "vitest";

const ORIGIN = "http://localhost:8787";

/** A fresh client address, so the sign-in limit (5 per 5 minutes per IP) of one sign-in never touches another. */
export function uniqueIp(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(3));
	return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

/** A request to the Worker as a browser sends it (cookie, client IP, no redirect following). */
export function browserGet(path: string, headers: Record<string, string> = {}): Promise<Response> {
	return exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual", headers }));
}

/** The `ef_user=<token>` pair of a response's Set-Cookie, or null. */
export function userCookieOf(res: Response): string | null {
	const token = /(?:^|[\s,])ef_user=([^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")?.[1];
	return token ? `ef_user=${token}` : null;
}

/**
 * The sign-in cookie each started sign-in left in "the browser", by state: finishSignIn sends it
 * back, as the browser that started the sign-in would.
 */
const signInCookies = new Map<string, string>();

/** The steps of a sign-in, for tests that look between them. */
export type SignInSteps = {
	/** `/auth/login`'s answer (a 302 to the issuer). */
	login: Response;
	/** The `ef_signin=<state>` cookie `/auth/login` set, binding the sign-in to this browser. */
	loginCookie: string;
	/** The issuer's authorization URL as the Worker built it. */
	authorizeUrl: URL;
	/** The issuer's answer with `auto=1` (a 302 back to `/auth/callback?code&state`). */
	callbackUrl: URL;
};

/**
 * Drives the real flow up to the callback: `/auth/login` on the Worker, then the development
 * issuer's `/authorize` with `auto=1` and `login_hint` (plain fetch: it is a Node server on
 * 127.0.0.1), which answers with the callback URL carrying the code and state.
 */
export async function startSignIn(email: string, name: string, opts: { returnTo?: string; ip?: string } = {}): Promise<SignInSteps> {
	const query = opts.returnTo === undefined ? "" : `?return_to=${encodeURIComponent(opts.returnTo)}`;
	const login = await browserGet(`/auth/login${query}`, { "CF-Connecting-IP": opts.ip ?? uniqueIp() });
	if (login.status !== 302) throw new Error(`/auth/login answered ${login.status}: ${await login.text()}`);
	const authorizeUrl = new URL(login.headers.get("Location") ?? "");
	const auto = new URL(authorizeUrl);
	auto.searchParams.set("auto", "1");
	auto.searchParams.set("login_hint", email);
	auto.searchParams.set("name", name);
	const issued = await fetch(auto, { redirect: "manual" });
	if (issued.status !== 302) throw new Error(`the issuer answered ${issued.status}: ${await issued.text()}`);
	const token = /(?:^|[\s,])ef_signin=([^;]+)/.exec(login.headers.get("Set-Cookie") ?? "")?.[1];
	if (!token) throw new Error("/auth/login set no sign-in cookie");
	const loginCookie = `ef_signin=${token}`;
	signInCookies.set(authorizeUrl.searchParams.get("state") ?? "", loginCookie);
	return { login, loginCookie, authorizeUrl, callbackUrl: new URL(issued.headers.get("Location") ?? "") };
}

/**
 * Sends the browser back to the Worker's callback, as the issuer's redirect does, with the
 * sign-in cookie of that state (unless `headers` bring a Cookie of their own).
 */
export function finishSignIn(callbackUrl: URL, headers: Record<string, string> = {}): Promise<Response> {
	const cookie = signInCookies.get(callbackUrl.searchParams.get("state") ?? "");
	return browserGet(`${callbackUrl.pathname}${callbackUrl.search}`, { ...(cookie ? { Cookie: cookie } : {}), ...headers });
}

/** A user signed in through the real flow: their cookie, CSRF token and id. */
export type SignedInUser = { cookie: string; csrf: string; userId: string; callback: Response };

/**
 * Signs in through the whole OpenID Connect flow against the development issuer, as a browser
 * would, and returns the session cookie and CSRF token (read from `GET /api/me`).
 */
export async function signInWithDevIssuer(email: string, name: string, opts: { returnTo?: string } = {}): Promise<SignedInUser> {
	const { callbackUrl } = await startSignIn(email, name, opts);
	const callback = await finishSignIn(callbackUrl);
	const cookie = userCookieOf(callback);
	if (callback.status !== 302 || !cookie) throw new Error(`the callback answered ${callback.status}: ${await callback.text()}`);
	const me = await browserGet("/api/me", { Cookie: cookie });
	const body = (await me.json()) as { user: { id: string }; csrf_token: string };
	return { cookie, csrf: body.csrf_token, userId: body.user.id, callback };
}

/** A unique e-mail address per call, so tests never share a user. */
export function uniqueEmail(label = "user"): string {
	return `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

/** The issuer the Worker is configured with, and the misbehaving one. */
export const issuers = {
	get configured(): string {
		return env.OIDC_ISSUER;
	},
	get tampered(): string {
		return inject("oidcTamperedIssuerUrl");
	},
};
