import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { PublicUserRow } from "../accounts/public-user";
import { shownNickname } from "../accounts/public-user";
import type { Db } from "../db/client";
import { follows } from "../db/community-schema";
import { afterCursor, encodeCursor } from "../db/cursor";
import { users } from "../db/schema";
import { AppError } from "../lib/errors";
import { notifyGrouped } from "../notifications/grouped";
import { idChunks, isDuplicateOf, publicPerson } from "./public-target";

/** How many people a followers/following page lists. */
export const FOLLOW_PAGE_SIZE = 20;

/**
 * `followerId` follows `followeeId`: the row and both counters in one D1 batch (a transaction).
 * Following twice fails on the primary key and rolls the counters back with it (`409
 * DUPLICATE_FOLLOW`); following yourself is `400 SELF_FOLLOW_NOT_ALLOWED`; a missing or deleted
 * account is `404`. The followee is notified once per follower, grouped while unread.
 */
export async function follow(db: Db, follower: { id: string; nickname: string | null }, followeeId: string, now: Date): Promise<{ followerCount: number }> {
	if (follower.id === followeeId) throw new AppError(400, "SELF_FOLLOW_NOT_ALLOWED", "You cannot follow yourself.");
	await publicPerson(db, followeeId);
	let followerCount: number;
	try {
		const [, counted] = await db.batch([
			db.insert(follows).values({ followerId: follower.id, followeeId, createdAt: now.toISOString() }),
			db
				.update(users)
				.set({ followerCount: sql`${users.followerCount} + 1` })
				.where(eq(users.id, followeeId))
				.returning({ followerCount: users.followerCount }),
			db
				.update(users)
				.set({ followingCount: sql`${users.followingCount} + 1` })
				.where(eq(users.id, follower.id)),
		]);
		followerCount = counted[0]?.followerCount ?? 0;
	} catch (err) {
		if (isDuplicateOf(err, "follows")) throw new AppError(409, "DUPLICATE_FOLLOW", "You already follow this user.");
		throw err;
	}
	await notifyGrouped(db, {
		userId: followeeId,
		kind: "followed",
		groupKey: `followed:${followeeId}`,
		factKey: `follow:${follower.id}:${followeeId}`,
		actorId: follower.id,
		params: { actor: shownNickname(follower) },
		link: `/users/${follower.id}`,
		now,
	});
	return { followerCount };
}

/**
 * Stops following: both counters go down only while the row exists (guarded, before the
 * delete, in the same batch), so an unfollow racing another changes them once. Not following is
 * `404 NOT_FOUND`.
 */
export async function unfollow(db: Db, followerId: string, followeeId: string): Promise<{ followerCount: number }> {
	await publicPerson(db, followeeId);
	const exists = sql`EXISTS (SELECT 1 FROM follows WHERE follower_id = ${followerId} AND followee_id = ${followeeId})`;
	const [, , removed] = await db.batch([
		db
			.update(users)
			.set({ followerCount: sql`${users.followerCount} - 1` })
			.where(and(eq(users.id, followeeId), exists)),
		db
			.update(users)
			.set({ followingCount: sql`${users.followingCount} - 1` })
			.where(and(eq(users.id, followerId), exists)),
		db
			.delete(follows)
			.where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)))
			.returning({ followerId: follows.followerId }),
	]);
	if (removed.length === 0) throw new AppError(404, "NOT_FOUND", "You do not follow this user.");
	const row = await db.query.users.findFirst({ columns: { followerCount: true }, where: eq(users.id, followeeId) });
	return { followerCount: row?.followerCount ?? 0 };
}

const PERSON_COLUMNS = {
	id: users.id,
	nickname: users.nickname,
	role: users.role,
	bio: users.bio,
	avatarR2Key: users.avatarR2Key,
	followerCount: users.followerCount,
	followingCount: users.followingCount,
	status: users.status,
	createdAt: users.createdAt,
};

/** A page of people, newest follow first, and the cursor of the next page. */
async function followPage(db: Db, side: "followers" | "following", userId: string, cursor: string | undefined) {
	await publicPerson(db, userId);
	// Followers of X: rows whose followee is X, showing the follower; following: the other way round.
	const [mine, theirs] = side === "followers" ? [follows.followeeId, follows.followerId] : [follows.followerId, follows.followeeId];
	const rows = await db
		.select({ person: PERSON_COLUMNS, followedAt: follows.createdAt })
		.from(follows)
		.innerJoin(users, eq(users.id, theirs))
		.where(and(eq(mine, userId), ne(users.status, "deleted"), cursor ? afterCursor(cursor, follows.createdAt, theirs) : undefined))
		.orderBy(desc(follows.createdAt), desc(theirs))
		.limit(FOLLOW_PAGE_SIZE + 1);
	const page = rows.slice(0, FOLLOW_PAGE_SIZE);
	const last = page.at(-1);
	return {
		users: page.map((row): PublicUserRow => row.person),
		nextCursor: rows.length > FOLLOW_PAGE_SIZE && last ? encodeCursor(last.followedAt, last.person.id) : null,
	};
}

/** Who follows `userId`, newest first (404 for a missing or deleted account). */
export function listFollowers(db: Db, userId: string, cursor?: string) {
	return followPage(db, "followers", userId, cursor);
}

/** Whom `userId` follows, newest first (404 for a missing or deleted account). */
export function listFollowing(db: Db, userId: string, cursor?: string) {
	return followPage(db, "following", userId, cursor);
}

/** Which of `userIds` the viewer follows (empty without a viewer): one query for a whole page of people. */
export async function followState(db: Db, viewerId: string | null | undefined, userIds: readonly string[]): Promise<Set<string>> {
	if (!viewerId || userIds.length === 0) return new Set();
	const found = await Promise.all(
		idChunks(userIds).map((chunk) =>
			db
				.select({ id: follows.followeeId })
				.from(follows)
				.where(and(eq(follows.followerId, viewerId), inArray(follows.followeeId, chunk))),
		),
	);
	const rows = found.flat();
	return new Set(rows.map((row) => row.id));
}
