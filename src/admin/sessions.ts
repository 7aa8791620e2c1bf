import { and, eq, gt, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Db } from "../db/client";
import { adminMagicLinks, adminSessions } from "../db/schema";
import { base64Url, sha256Hex } from "../lib/hash";

/** How long a dashboard session lasts without signing in again. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;
/** How long a mailed sign-in link works. */
export const MAGIC_LINK_TTL_MS = 15 * 60_000;

export type AdminSession = typeof adminSessions.$inferSelect;

function randomToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	return base64Url(bytes);
}

/**
 * The session cookie's name: `__Host-` (Secure, host-only, path /) over https; over plain http
 * (local dev) browsers refuse that prefix without Secure, so the plain name is used there.
 */
export function sessionCookieName(url: string): string {
	return new URL(url).protocol === "https:" ? "__Host-ef_admin" : "ef_admin";
}

/** Opens a session for `subject` and sets its cookie (HttpOnly, SameSite=Lax, Secure over https). */
export async function startAdminSession(c: Context, db: Db, subject: string, client: { ipHash: string; userAgent: string }, now: Date): Promise<AdminSession> {
	const token = randomToken();
	const [session] = await db
		.insert(adminSessions)
		.values({
			id: await sha256Hex(token),
			subject,
			csrfToken: randomToken(),
			createdAt: now.toISOString(),
			expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
			ipHash: client.ipHash,
			userAgent: client.userAgent.slice(0, 300),
		})
		.returning();
	if (!session) throw new Error("session not stored");
	const secure = new URL(c.req.url).protocol === "https:";
	setCookie(c, sessionCookieName(c.req.url), token, { httpOnly: true, secure, sameSite: "Lax", path: "/", maxAge: SESSION_TTL_MS / 1000 });
	return session;
}

/** The live session of the request's cookie, or null. */
export async function currentAdminSession(c: Context, db: Db, now: Date): Promise<AdminSession | null> {
	const token = getCookie(c, sessionCookieName(c.req.url));
	if (!token) return null;
	const session = await db.query.adminSessions.findFirst({
		where: and(eq(adminSessions.id, await sha256Hex(token)), isNull(adminSessions.revokedAt), gt(adminSessions.expiresAt, now.toISOString())),
	});
	return session ?? null;
}

/** Ends the request's session and clears its cookie. */
export async function endAdminSession(c: Context, db: Db, now: Date): Promise<void> {
	const token = getCookie(c, sessionCookieName(c.req.url));
	if (token)
		await db
			.update(adminSessions)
			.set({ revokedAt: now.toISOString() })
			.where(eq(adminSessions.id, await sha256Hex(token)));
	deleteCookie(c, sessionCookieName(c.req.url), { path: "/", secure: new URL(c.req.url).protocol === "https:" });
}

/** Stores a single-use sign-in link for `email` and returns its token (only the hash is kept). */
export async function createMagicLink(db: Db, email: string, now: Date): Promise<string> {
	const token = randomToken();
	await db
		.insert(adminMagicLinks)
		.values({ id: await sha256Hex(token), email, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + MAGIC_LINK_TTL_MS).toISOString() });
	return token;
}

/** The e-mail of a sign-in link that is known, unused and unexpired, without spending it; else null. */
export async function peekMagicLink(db: Db, token: string, now: Date): Promise<string | null> {
	const link = await db.query.adminMagicLinks.findFirst({
		where: and(eq(adminMagicLinks.id, await sha256Hex(token)), isNull(adminMagicLinks.usedAt), gt(adminMagicLinks.expiresAt, now.toISOString())),
	});
	return link?.email ?? null;
}

/** Spends a sign-in link: its e-mail if the link is known, unused and unexpired; else null. */
export async function consumeMagicLink(db: Db, token: string, now: Date): Promise<string | null> {
	const [link] = await db
		.update(adminMagicLinks)
		.set({ usedAt: now.toISOString() })
		.where(and(eq(adminMagicLinks.id, await sha256Hex(token)), isNull(adminMagicLinks.usedAt), gt(adminMagicLinks.expiresAt, now.toISOString())))
		.returning();
	return link?.email ?? null;
}

/** ADMIN_EMAILS as a set of lowercase addresses. */
export function adminEmails(value: string | undefined): Set<string> {
	return new Set(
		(value ?? "")
			.split(",")
			.map((email) => email.trim().toLowerCase())
			.filter(Boolean),
	);
}
