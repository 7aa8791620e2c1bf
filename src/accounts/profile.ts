import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { styles, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { Bio, Nickname } from "../shared/community";
import { isNicknameConflict, nicknameTaken } from "./nickname";
import { type PublicUser, publicUserView } from "./public-user";

/** A public profile: the person, and how many completed styles an artist offers. */
export type PublicProfile = PublicUser & { style_count: number };

/** `PATCH /api/me/profile` and the edit-profile form: either field, or both; nothing else. */
export const ProfileUpdate = z.strictObject({ nickname: Nickname.optional(), bio: Bio.optional() });
export type ProfileUpdate = z.output<typeof ProfileUpdate>;

const notFound = () => new AppError(404, "NOT_FOUND", "No such user.");

/** The user with `id` as anyone may see them, or `404 NOT_FOUND` for an unknown or deleted account. */
export async function publicProfile(db: Db, id: string): Promise<PublicProfile> {
	const [row] = await db
		.select({
			user: users,
			styleCount: sql<number>`(select count(*) from ${styles} where ${styles.artistId} = ${users.id} and ${styles.status} = 'completed')`,
		})
		.from(users)
		.where(eq(users.id, id))
		.limit(1);
	if (!row || row.user.status === "deleted") throw notFound();
	return { ...publicUserView(row.user), style_count: Number(row.styleCount) };
}

/**
 * Changes the user's nickname and/or bio. A nickname someone else has, whatever its case, is
 * `409 CONFLICT` and nothing changes (the unique index on lower(nickname) has the last word when
 * two people ask at once); the user may change the case of their own.
 */
export async function updateProfile(db: Db, userId: string, input: ProfileUpdate): Promise<PublicProfile> {
	const changes: Partial<typeof users.$inferInsert> = {};
	if (input.nickname !== undefined) {
		if (await nicknameTaken(db, input.nickname, userId)) throw nicknameConflict(input.nickname);
		changes.nickname = input.nickname;
	}
	if (input.bio !== undefined) changes.bio = input.bio;
	if (Object.keys(changes).length > 0) {
		try {
			const updated = await db
				.update(users)
				.set(changes)
				.where(and(eq(users.id, userId), sql`${users.status} <> 'deleted'`))
				.returning({ id: users.id });
			if (updated.length === 0) throw notFound();
		} catch (err) {
			if (isNicknameConflict(err)) throw nicknameConflict(input.nickname ?? "");
			throw err;
		}
	}
	return publicProfile(db, userId);
}

function nicknameConflict(nickname: string): AppError {
	return new AppError(409, "CONFLICT", `nickname: "${nickname}" is taken; choose another.`);
}
