import { and, eq, gt, isNull } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../db/client";
import { adminMagicLinks, adminSessions } from "../db/schema";
import { type CookieSessionKind, cookieName, endSession, newSession, randomToken, readSession, setSessionCookie, tokenHash } from "../lib/cookie-session";

/** How long a dashboard session lasts without signing in again. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;
/** How long a mailed sign-in link works. */
export const MAGIC_LINK_TTL_MS = 15 * 60_000;

/** The dashboard's session: cookie `__Host-ef_admin` (`ef_admin` over http). */
const ADMIN_SESSION: CookieSessionKind = { cookie: "ef_admin", ttlMs: SESSION_TTL_MS };

export type AdminSession = typeof adminSessions.$inferSelect;

/**
 * The session cookie's name: `__Host-` (Secure, host-only, path /) over https; over plain http
 * (local dev) browsers refuse that prefix without Secure, so the plain name is used there.
 */
export function sessionCookieName(url: string): string {
	return cookieName(ADMIN_SESSION, url);
}

/** Opens a session for `subject` and sets its cookie (HttpOnly, SameSite=Lax, Secure over https). */
export async function startAdminSession(c: Context, db: Db, subject: string, client: { ipHash: string; userAgent: string }, now: Date): Promise<AdminSession> {
	const { token, row } = await newSession(ADMIN_SESSION, now);
	const [session] = await db
		.insert(adminSessions)
		.values({ ...row, subject, ipHash: client.ipHash, userAgent: client.userAgent.slice(0, 300) })
		.returning();
	if (!session) throw new Error("session not stored");
	setSessionCookie(c, ADMIN_SESSION, token);
	return session;
}

/** The live session of the request's cookie, or null. */
export async function currentAdminSession(c: Context, db: Db, now: Date): Promise<AdminSession | null> {
	return readSession(c, ADMIN_SESSION, async (id) => {
		const session = await db.query.adminSessions.findFirst({
			where: and(eq(adminSessions.id, id), isNull(adminSessions.revokedAt), gt(adminSessions.expiresAt, now.toISOString())),
		});
		return session ?? null;
	});
}

/** Ends the request's session and clears its cookie. */
export async function endAdminSession(c: Context, db: Db, now: Date): Promise<void> {
	await endSession(c, ADMIN_SESSION, async (id) => {
		await db.update(adminSessions).set({ revokedAt: now.toISOString() }).where(eq(adminSessions.id, id));
	});
}

/** Stores a single-use sign-in link for `email` and returns its token (only the hash is kept). */
export async function createMagicLink(db: Db, email: string, now: Date): Promise<string> {
	const token = randomToken();
	await db
		.insert(adminMagicLinks)
		.values({ id: await tokenHash(token), email, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + MAGIC_LINK_TTL_MS).toISOString() });
	return token;
}

/** The e-mail of a sign-in link that is known, unused and unexpired, without spending it; else null. */
export async function peekMagicLink(db: Db, token: string, now: Date): Promise<string | null> {
	const link = await db.query.adminMagicLinks.findFirst({
		where: and(eq(adminMagicLinks.id, await tokenHash(token)), isNull(adminMagicLinks.usedAt), gt(adminMagicLinks.expiresAt, now.toISOString())),
	});
	return link?.email ?? null;
}

/** Spends a sign-in link: its e-mail if the link is known, unused and unexpired; else null. */
export async function consumeMagicLink(db: Db, token: string, now: Date): Promise<string | null> {
	const [link] = await db
		.update(adminMagicLinks)
		.set({ usedAt: now.toISOString() })
		.where(and(eq(adminMagicLinks.id, await tokenHash(token)), isNull(adminMagicLinks.usedAt), gt(adminMagicLinks.expiresAt, now.toISOString())))
		.returning();
	return link?.email ?? null;
}
