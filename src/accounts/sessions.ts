import { and, eq, gt, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Db } from "../db/client";
import { userSessions, users } from "../db/schema";
import { base64Url, sha256Hex } from "../lib/hash";

/** How long a user stays signed in. */
export const USER_SESSION_TTL_MS = 7 * 24 * 60 * 60_000;

export type User = typeof users.$inferSelect;
export type UserSession = typeof userSessions.$inferSelect;
/** A live session with its user. */
export type SignedIn = { user: User; session: UserSession };

function randomToken(): string {
	return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** `__Host-` over https (Secure, host-only); plain name over http, where browsers refuse the prefix. */
export function userCookieName(url: string): string {
	return new URL(url).protocol === "https:" ? "__Host-ef_user" : "ef_user";
}

/** Stores a session for `userId` and returns its cookie token (only the hash is kept). */
export async function createUserSession(db: Db, userId: string, now: Date): Promise<{ token: string; session: UserSession }> {
	const token = randomToken();
	const [session] = await db
		.insert(userSessions)
		.values({
			id: await sha256Hex(token),
			userId,
			csrfToken: randomToken(),
			createdAt: now.toISOString(),
			expiresAt: new Date(now.getTime() + USER_SESSION_TTL_MS).toISOString(),
		})
		.returning();
	if (!session) throw new Error("session not stored");
	return { token, session };
}

/** Opens a session and sets its cookie (HttpOnly, SameSite=Lax, Secure over https). */
export async function startUserSession(c: Context, db: Db, userId: string, now: Date): Promise<UserSession> {
	const { token, session } = await createUserSession(db, userId, now);
	const secure = new URL(c.req.url).protocol === "https:";
	setCookie(c, userCookieName(c.req.url), token, { httpOnly: true, secure, sameSite: "Lax", path: "/", maxAge: USER_SESSION_TTL_MS / 1000 });
	return session;
}

/** The live session of the request's cookie with its user, or null. */
export async function currentUser(c: Context, db: Db, now: Date): Promise<SignedIn | null> {
	const token = getCookie(c, userCookieName(c.req.url));
	if (!token) return null;
	const [row] = await db
		.select({ user: users, session: userSessions })
		.from(userSessions)
		.innerJoin(users, eq(users.id, userSessions.userId))
		.where(and(eq(userSessions.id, await sha256Hex(token)), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now.toISOString())))
		.limit(1);
	return row ?? null;
}

/** Ends the request's session and clears its cookie. */
export async function endUserSession(c: Context, db: Db, now: Date): Promise<void> {
	const token = getCookie(c, userCookieName(c.req.url));
	if (token)
		await db
			.update(userSessions)
			.set({ revokedAt: now.toISOString() })
			.where(eq(userSessions.id, await sha256Hex(token)));
	deleteCookie(c, userCookieName(c.req.url), { path: "/", secure: new URL(c.req.url).protocol === "https:" });
}
