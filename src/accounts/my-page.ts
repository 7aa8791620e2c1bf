import { and, desc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { generationLikes } from "../db/community-schema";
import { afterCursor, encodeCursor } from "../db/cursor";
import { generations, styles, users } from "../db/schema";
import type { GenerationWithStyle } from "../generation/queries";

/** A page of generations (with style and artist), and the cursor of the next page. */
export type GenerationPage = { items: GenerationWithStyle[]; nextCursor: string | null };

/** A generation anyone may see: public, completed, not refunded. */
const isPublicImage = and(eq(generations.visibility, "public"), eq(generations.status, "completed"), isNull(generations.refundedAt));

/** Generations with the style and its artist's nickname (never the sign-in name). */
function selectGenerations(db: Db, extra: { likedAt?: SQL<string> } = {}) {
	return db
		.select({
			generation: generations,
			style: { id: styles.id, slug: styles.slug, title: styles.title },
			artist: { id: users.id, name: sql<string>`coalesce(${users.nickname}, '')`, nickname: sql<string>`coalesce(${users.nickname}, '')` },
			likedAt: extra.likedAt ?? sql<string>`${generations.createdAt}`,
		})
		.from(generations)
		.innerJoin(styles, eq(styles.id, generations.styleId))
		.innerJoin(users, eq(users.id, styles.artistId));
}

function pageOf(rows: (GenerationWithStyle & { likedAt: string })[], limit: number): GenerationPage {
	const items = rows.slice(0, limit);
	const last = items.at(-1);
	return {
		items: items.map(({ generation, style, artist }) => ({ generation, style, artist })),
		nextCursor: rows.length > limit && last ? encodeCursor(last.likedAt, last.generation.id) : null,
	};
}

/** A person's public images (public, completed, not refunded), newest first: their profile's gallery. */
export async function publicImagesOf(db: Db, ownerId: string, query: { cursor?: string; limit: number }): Promise<GenerationPage> {
	const rows = await selectGenerations(db)
		.where(and(eq(generations.userId, ownerId), isPublicImage, query.cursor ? afterCursor(query.cursor, generations.createdAt, generations.id) : undefined))
		.orderBy(desc(generations.createdAt), desc(generations.id))
		.limit(query.limit + 1);
	return pageOf(rows, query.limit);
}

/**
 * The images the user liked, the newest like first: those still public (or the user's own),
 * so an image made private or refunded after the like drops out of the list.
 */
export async function likedImagesOf(db: Db, userId: string, query: { cursor?: string; limit: number }): Promise<GenerationPage> {
	const rows = await selectGenerations(db, { likedAt: sql<string>`${generationLikes.createdAt}` })
		.innerJoin(generationLikes, and(eq(generationLikes.generationId, generations.id), eq(generationLikes.userId, userId)))
		.where(
			and(
				or(isPublicImage, eq(generations.userId, userId)),
				query.cursor ? afterCursor(query.cursor, generationLikes.createdAt, generationLikes.generationId) : undefined,
			),
		)
		.orderBy(desc(generationLikes.createdAt), desc(generationLikes.generationId))
		.limit(query.limit + 1);
	return pageOf(rows, query.limit);
}

/** The artist's styles for "my page", newest first. */
export function myStyles(db: Db, artistId: string) {
	return db.query.styles.findMany({ where: eq(styles.artistId, artistId), orderBy: (s, { desc: d }) => [d(s.createdAt)] });
}

/** An artist's completed styles, newest first: what their public profile offers. */
export function completedStylesOf(db: Db, artistId: string) {
	return db.query.styles.findMany({
		where: and(eq(styles.artistId, artistId), eq(styles.status, "completed")),
		orderBy: (s, { desc: d }) => [d(s.createdAt)],
		columns: { id: true, slug: true, title: true, priceCredits: true, generationCount: true },
	});
}
