import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { AppError } from "../lib/errors";

/** The longest nickname (src/shared/community.ts `Nickname`). */
const NICKNAME_MAX = 20;
/** Characters a nickname may hold: letters (Hangul included), digits, `_ . -` (the `Nickname` rule). */
const NOT_ALLOWED = /[^\p{L}\p{N}_.-]/gu;
/** Attempts at a free nickname before giving up: each suffix is one of 10,000, so a miss this often is a real fault. */
const CLAIM_ATTEMPTS = 8;

/**
 * The nickname a new user starts with, from their sign-in name: spaces become `_`, characters
 * outside the nickname rule are dropped, NFC, at most 20 characters (code points, so Hangul is
 * never cut in half). A name with fewer than 2 characters left is `user_` and the last six
 * characters of the user's id, as the migration derives it for existing users.
 */
export function nicknameFromName(name: string, userId: string): string {
	const cleaned = name.normalize("NFC").trim().replace(/\s/gu, "_").replace(NOT_ALLOWED, "");
	const cut = Array.from(cleaned).slice(0, NICKNAME_MAX).join("");
	return Array.from(cut).length >= 2 ? cut : `user_${userId.slice(-6)}`;
}

/** `base` with `_` and four random digits, cut so the whole stays within 20 characters. */
export function withRandomSuffix(base: string): string {
	const digits = String(crypto.getRandomValues(new Uint16Array(1))[0] ?? 0)
		.padStart(5, "0")
		.slice(-4);
	return `${Array.from(base)
		.slice(0, NICKNAME_MAX - 5)
		.join("")}_${digits}`;
}

/** Whether someone other than `exceptUserId` has `nickname`, whatever its case (the unique index is on lower(nickname)). */
export async function nicknameTaken(db: Db, nickname: string, exceptUserId?: string): Promise<boolean> {
	const [row] = await db
		.select({ id: users.id })
		.from(users)
		.where(
			exceptUserId ? sql`lower(${users.nickname}) = lower(${nickname}) and ${users.id} <> ${exceptUserId}` : sql`lower(${users.nickname}) = lower(${nickname})`,
		)
		.limit(1);
	return row !== undefined;
}

/** Whether `err` is the unique index on lower(nickname) refusing a write (two people claiming one name at once). */
export function isNicknameConflict(err: unknown): boolean {
	for (let e: unknown = err; e instanceof Error; e = e.cause) {
		if (e.message.includes("users_nickname_unique") || /UNIQUE constraint failed: users\.nickname/i.test(e.message)) return true;
	}
	return false;
}

/**
 * Stores a new user under the first free nickname of `base`, then `base_<4 random digits>`:
 * `store` writes the row with the nickname it is given; a candidate someone already has (any
 * case) is skipped, and one taken between the check and the write (the unique index refuses it)
 * is retried with another suffix.
 */
export async function claimNickname<T>(db: Db, base: string, store: (nickname: string) => Promise<T>): Promise<T> {
	for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
		const candidate = attempt === 0 ? base : withRandomSuffix(base);
		if (await nicknameTaken(db, candidate)) continue;
		try {
			return await store(candidate);
		} catch (err) {
			if (!isNicknameConflict(err)) throw err;
		}
	}
	throw new AppError(409, "CONFLICT", "No free nickname could be found; try signing in again.");
}
