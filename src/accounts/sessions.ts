import { and, eq, gt, isNull } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../db/client";
import { userSessions, users } from "../db/schema";
import { type CookieSessionKind, cookieName, endSession, newSession, readSession, setSessionCookie } from "../lib/cookie-session";

/** How long a user stays signed in. */
export const USER_SESSION_TTL_MS = 7 * 24 * 60 * 60_000;

/** The storefront's session: cookie `__Host-ef_user` (`ef_user` over http). */
export const USER_SESSION: CookieSessionKind = { cookie: "ef_user", ttlMs: USER_SESSION_TTL_MS };

export type User = typeof users.$inferSelect;
export type UserSession = typeof userSessions.$inferSelect;
/** A live session with its user. */
export type SignedIn = { user: User; session: UserSession };

/** `__Host-` over https (Secure, host-only); plain name over http, where browsers refuse the prefix. */
export function userCookieName(url: string): string {
	return cookieName(USER_SESSION, url);
}

/** Stores a session for `userId` and returns its cookie token (only the hash is kept). */
export async function createUserSession(db: Db, userId: string, now: Date): Promise<{ token: string; session: UserSession }> {
	const { token, row } = await newSession(USER_SESSION, now);
	const [session] = await db
		.insert(userSessions)
		.values({ ...row, userId })
		.returning();
	if (!session) throw new Error("session not stored");
	return { token, session };
}

/** Opens a session and sets its cookie (HttpOnly, SameSite=Lax, Secure over https). */
export async function startUserSession(c: Context, db: Db, userId: string, now: Date): Promise<UserSession> {
	const { token, session } = await createUserSession(db, userId, now);
	setSessionCookie(c, USER_SESSION, token);
	return session;
}

/** The live session of the request's cookie with its user, or null. */
export async function currentUser(c: Context, db: Db, now: Date): Promise<SignedIn | null> {
	return readSession(c, USER_SESSION, async (id) => {
		const [row] = await db
			.select({ user: users, session: userSessions })
			.from(userSessions)
			.innerJoin(users, eq(users.id, userSessions.userId))
			.where(and(eq(userSessions.id, id), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now.toISOString())))
			.limit(1);
		return row ?? null;
	});
}

/** Ends the request's session and clears its cookie. */
export async function endUserSession(c: Context, db: Db, now: Date): Promise<void> {
	await endSession(c, USER_SESSION, async (id) => {
		await db.update(userSessions).set({ revokedAt: now.toISOString() }).where(eq(userSessions.id, id));
	});
}
