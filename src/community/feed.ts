import { and, desc, eq, isNull, ne, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { avatarUrlOf, shownNickname } from "../accounts/public-user";
import type { Db } from "../db/client";
import { afterCursor, encodeCursor } from "../db/cursor";
import { generations, styles, users } from "../db/schema";
import { AppError } from "../lib/errors";

/** The owner of a generation (its artist is the style's, joined as `users`). */
export const owners = alias(users, "owner");

/**
 * What the public may see: public, completed, not refunded images whose owner's account still
 * exists (a deleted account's public images leave the feed at once). Every feed, search and
 * detail query uses this one condition, so they always agree.
 */
export function publicImage(): SQL {
	return and(eq(generations.visibility, "public"), eq(generations.status, "completed"), isNull(generations.refundedAt), ne(owners.status, "deleted")) as SQL;
}

/** The columns of a feed card: the image, its style, and the artist who signs it. */
export const FEED_COLUMNS = {
	id: generations.id,
	ownerId: generations.userId,
	prompt: generations.prompt,
	width: generations.width,
	height: generations.height,
	likeCount: generations.likeCount,
	commentCount: generations.commentCount,
	createdAt: generations.createdAt,
	style: { id: styles.id, slug: styles.slug, title: styles.title },
	artist: { id: users.id, nickname: users.nickname, avatarR2Key: users.avatarR2Key },
};

/** One public image with its style and artist, as the feed's queries read it. */
export type FeedRow = {
	id: string;
	ownerId: string;
	prompt: string;
	width: number;
	height: number;
	likeCount: number;
	commentCount: number;
	createdAt: string;
	style: { id: string; slug: string; title: string };
	artist: { id: string; nickname: string | null; avatarR2Key: string | null };
};

/** Public images joined to their style, artist and owner, ready for `.where(...)`. */
export function selectFeedRows(db: Db) {
	return db
		.select(FEED_COLUMNS)
		.from(generations)
		.innerJoin(styles, eq(styles.id, generations.styleId))
		.innerJoin(users, eq(users.id, styles.artistId))
		.innerJoin(owners, eq(owners.id, generations.userId));
}

/** Where a generation's image is served (src/routes/generation-pages.tsx). */
export function imageUrlOf(generationId: string): string {
	return `/generations/${encodeURIComponent(generationId)}/image`;
}

/** Who may hide comments on the image: its style's artist and its owner (admins through the dashboard). */
export function moderates(row: FeedRow, viewerId: string | null | undefined): boolean {
	return Boolean(viewerId) && (row.artist.id === viewerId || row.ownerId === viewerId);
}

/** A feed item exactly as API.md shows it; `liked_by_me` only for a signed-in reader. */
export function feedItemJson(row: FeedRow, likedByMe?: boolean) {
	return {
		id: row.id,
		image_url: imageUrlOf(row.id),
		style: { id: row.style.id, slug: row.style.slug, title: row.style.title },
		artist: { id: row.artist.id, nickname: shownNickname(row.artist), avatar_url: avatarUrlOf({ id: row.artist.id, avatarR2Key: row.artist.avatarR2Key }) },
		like_count: row.likeCount,
		comment_count: row.commentCount,
		...(likedByMe === undefined ? {} : { liked_by_me: likedByMe }),
		created_at: row.createdAt,
	};
}
export type FeedItemJson = ReturnType<typeof feedItemJson>;

/** Most items on one page of the feed (the API's `limit` is at most this). */
export const FEED_MAX_LIMIT = 100;

/**
 * One page of the feed, newest first, keyset-paged on (created_at, id): a page is one index
 * range scan of `generations_public_created` (visibility, status, created_at) stopped by the
 * LIMIT, whatever the feed's size, and a new image arriving meanwhile neither repeats nor
 * skips anything on the next page.
 */
export async function listFeed(db: Db, query: { cursor?: string; limit: number }): Promise<{ items: FeedRow[]; nextCursor: string | null }> {
	const rows = await selectFeedRows(db)
		.where(and(publicImage(), query.cursor ? afterCursor(query.cursor, generations.createdAt, generations.id) : undefined))
		.orderBy(desc(generations.createdAt), desc(generations.id))
		.limit(query.limit + 1);
	const items = rows.slice(0, query.limit);
	const last = items.at(-1);
	return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/**
 * One public image for its detail page or modal. Anything not public (private, unfinished,
 * refunded, its owner deleted) is `404 NOT_FOUND`, the same answer as for an unknown id.
 */
export async function feedDetail(db: Db, id: string): Promise<FeedRow> {
	const [row] = await selectFeedRows(db)
		.where(and(eq(generations.id, id), publicImage()))
		.limit(1);
	if (!row) throw new AppError(404, "NOT_FOUND", "No such image.");
	return row;
}

/** The prompt's keywords as chips: prompts are stored as normalised keywords joined by ", " (src/generation/prompt.ts). */
export function promptKeywords(prompt: string): string[] {
	return [
		...new Set(
			prompt
				.split(",")
				.map((part) => part.trim())
				.filter(Boolean),
		),
	];
}
