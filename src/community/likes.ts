import { and, eq, inArray, sql } from "drizzle-orm";
import { shownNickname } from "../accounts/public-user";
import type { Db } from "../db/client";
import { generationLikes } from "../db/community-schema";
import { generations } from "../db/schema";
import { AppError } from "../lib/errors";
import { notifyGrouped } from "../notifications/grouped";
import { communityGeneration, idChunks, isDuplicateOf } from "./public-target";

/** At most this many characters of the prompt name the image in the owner's notification. */
const PROMPT_IN_NOTIFICATION = 60;

/**
 * Likes a public image: the row and `like_count + 1` in one D1 batch, so a second like fails on
 * the primary key and rolls its increment back (`409 DUPLICATE_LIKE`). Only public, completed,
 * not-refunded images of accounts that are not deleted (`404` otherwise). The owner hears of it
 * once per liker, grouped while unread; nobody is told of their own like.
 */
export async function like(db: Db, liker: { id: string; nickname: string | null }, generationId: string, now: Date): Promise<{ likeCount: number }> {
	const image = await communityGeneration(db, generationId);
	let likeCount: number;
	try {
		const [, counted] = await db.batch([
			db.insert(generationLikes).values({ generationId, userId: liker.id, createdAt: now.toISOString() }),
			db
				.update(generations)
				.set({ likeCount: sql`${generations.likeCount} + 1` })
				.where(eq(generations.id, generationId))
				.returning({ likeCount: generations.likeCount }),
		]);
		likeCount = counted[0]?.likeCount ?? 0;
	} catch (err) {
		if (isDuplicateOf(err, "generation_likes")) throw new AppError(409, "DUPLICATE_LIKE", "You already like this image.");
		throw err;
	}
	if (image.ownerId !== liker.id) {
		await notifyGrouped(db, {
			userId: image.ownerId,
			kind: "liked",
			groupKey: `liked:${generationId}`,
			factKey: `like:${generationId}:${liker.id}`,
			actorId: liker.id,
			params: { actor: shownNickname(liker), prompt: image.prompt.slice(0, PROMPT_IN_NOTIFICATION) },
			link: `/feed/${generationId}`,
			now,
		});
	}
	return { likeCount };
}

/**
 * Takes a like back: `like_count - 1` only while the row exists (guarded, before the delete, in
 * one batch), so concurrent unlikes count once. Not liked is `404 NOT_FOUND`.
 */
export async function unlike(db: Db, userId: string, generationId: string): Promise<{ likeCount: number }> {
	await communityGeneration(db, generationId);
	const mine = and(eq(generationLikes.generationId, generationId), eq(generationLikes.userId, userId));
	const [, removed] = await db.batch([
		db
			.update(generations)
			.set({ likeCount: sql`${generations.likeCount} - 1` })
			.where(and(eq(generations.id, generationId), sql`EXISTS (SELECT 1 FROM generation_likes WHERE generation_id = ${generationId} AND user_id = ${userId})`)),
		db.delete(generationLikes).where(mine).returning({ userId: generationLikes.userId }),
	]);
	if (removed.length === 0) throw new AppError(404, "NOT_FOUND", "You do not like this image.");
	const row = await db.query.generations.findFirst({ columns: { likeCount: true }, where: eq(generations.id, generationId) });
	return { likeCount: row?.likeCount ?? 0 };
}

/** Which of `generationIds` the viewer likes (empty without a viewer): one query for a page of images. */
export async function likedByViewer(db: Db, viewerId: string | null | undefined, generationIds: readonly string[]): Promise<Set<string>> {
	if (!viewerId || generationIds.length === 0) return new Set();
	const found = await Promise.all(
		idChunks(generationIds).map((chunk) =>
			db
				.select({ id: generationLikes.generationId })
				.from(generationLikes)
				.where(and(eq(generationLikes.userId, viewerId), inArray(generationLikes.generationId, chunk))),
		),
	);
	const rows = found.flat();
	return new Set(rows.map((row) => row.id));
}
