/**
 * The mechanics every cookie session shares (the storefront's users, the dashboard's admins):
 * a random token in the cookie, only its SHA-256 in the table, the cookie's name and flags, and
 * ending a session. The table-specific queries are the caller's, passed in as functions, so this
 * module knows no schema.
 */

import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { base64Url, sha256Hex } from "./hash";

/** A kind of cookie session: the cookie's base name and how long a session lasts. */
export type CookieSessionKind = { cookie: string; ttlMs: number };

/** The columns every stored session starts with; `id` is the token's hash, never the token. */
export type NewSessionRow = { id: string; csrfToken: string; createdAt: string; expiresAt: string };

/** 32 random bytes, base64url: a session cookie's value, a CSRF token, a sign-in link. */
export function randomToken(): string {
	return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** What is stored of a token: its SHA-256, so a leaked table opens no session and spends no link. */
export function tokenHash(token: string): Promise<string> {
	return sha256Hex(token);
}

function isHttps(url: string): boolean {
	return new URL(url).protocol === "https:";
}

/**
 * The cookie's name: `__Host-` (Secure, host-only, path /) over https; over plain http (local
 * dev) browsers refuse that prefix without Secure, so the plain name is used there.
 */
export function cookieName(kind: CookieSessionKind, url: string): string {
	return isHttps(url) ? `__Host-${kind.cookie}` : kind.cookie;
}

/** A new session: the token for its cookie, and the row to store (hashed id, CSRF token, expiry after the kind's TTL). */
export async function newSession(kind: CookieSessionKind, now: Date): Promise<{ token: string; row: NewSessionRow }> {
	const token = randomToken();
	const row = {
		id: await tokenHash(token),
		csrfToken: randomToken(),
		createdAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + kind.ttlMs).toISOString(),
	};
	return { token, row };
}

/** Sets the session's cookie: HttpOnly, SameSite=Lax, Secure over https, path /, for the session's lifetime. */
export function setSessionCookie(c: Context, kind: CookieSessionKind, token: string): void {
	setCookie(c, cookieName(kind, c.req.url), token, { httpOnly: true, secure: isHttps(c.req.url), sameSite: "Lax", path: "/", maxAge: kind.ttlMs / 1000 });
}

/**
 * The session of the request's cookie: `findLive` looks up the hashed token and returns the
 * session only if it is neither revoked nor expired. Null without a cookie, with no query.
 */
export async function readSession<Session>(c: Context, kind: CookieSessionKind, findLive: (id: string) => Promise<Session | null>): Promise<Session | null> {
	const token = getCookie(c, cookieName(kind, c.req.url));
	if (!token) return null;
	return findLive(await tokenHash(token));
}

/** Ends the request's session (`revoke` marks the hashed token's row revoked) and deletes its cookie. */
export async function endSession(c: Context, kind: CookieSessionKind, revoke: (id: string) => Promise<void>): Promise<void> {
	const token = getCookie(c, cookieName(kind, c.req.url));
	if (token) await revoke(await tokenHash(token));
	deleteCookie(c, cookieName(kind, c.req.url), { path: "/", secure: isHttps(c.req.url) });
}
