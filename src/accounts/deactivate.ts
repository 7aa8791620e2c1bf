import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { userSessions, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { log } from "../lib/log";

/**
 * Whether the artist's work has been used by someone else: a generation by another user in one
 * of their styles, or a style pack product of theirs (its buyers hold a licence). Such an account
 * cannot be deleted (`409 ACCOUNT_NOT_DELETABLE`): the licences, receipts and earnings name it.
 */
export async function artistWorkUsed(db: Db, userId: string): Promise<boolean> {
	const [row] = await db.all<{ used: number }>(sql`SELECT
		EXISTS (SELECT 1 FROM generations g JOIN styles s ON s.id = g.style_id WHERE s.artist_id = ${userId} AND g.user_id <> ${userId})
		OR EXISTS (SELECT 1 FROM style_packs WHERE artist_id = ${userId}) AS used`);
	return Boolean(row?.used);
}

/**
 * Deactivates the account: status `deactivated` and every session revoked, in one batch. Their
 * styles stay usable under their nickname and their profile shows them as deactivated; nothing
 * new is trained ({@link requireActiveAccount}). Signing in again reactivates it
 * (src/accounts/users.ts). Deactivating a deactivated account changes nothing more.
 */
export async function deactivateAccount(db: Db, userId: string, now: Date): Promise<void> {
	const at = now.toISOString();
	await db.batch([
		db
			.update(users)
			.set({ status: "deactivated", statusChangedAt: at })
			.where(and(eq(users.id, userId), eq(users.status, "active"))),
		db
			.update(userSessions)
			.set({ revokedAt: at })
			.where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt))),
	]);
	log("info", "account deactivated", { userId });
}

/**
 * `403 ACCOUNT_DEACTIVATED` unless the account is active: a deactivated artist's styles stay
 * usable, but they create and train nothing new until they sign in again.
 */
export async function requireActiveAccount(db: Db, userId: string): Promise<void> {
	const row = await db.query.users.findFirst({ columns: { status: true }, where: eq(users.id, userId) });
	if (row?.status !== "active") throw new AppError(403, "ACCOUNT_DEACTIVATED", "This account is deactivated; sign in again to reactivate it.");
}

/** The SQL condition "this user's account is active", for conditional writes that must not race a deactivation. */
export function accountIsActive(userId: string) {
	return sql`EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND status = 'active')`;
}

/**
 * Signing in again reactivates a deactivated account (called by the sign-in callback after the
 * user is found). An active account is left as it is; a deleted one never signs in (its
 * sign-in subject was replaced, so the same Google account makes a new user).
 */
export async function reactivateAccount(db: Db, userId: string, now: Date): Promise<boolean> {
	const moved = await db
		.update(users)
		.set({ status: "active", statusChangedAt: now.toISOString() })
		.where(and(eq(users.id, userId), eq(users.status, "deactivated")))
		.returning({ id: users.id });
	if (moved.length > 0) log("info", "account reactivated", { userId });
	return moved.length > 0;
}
