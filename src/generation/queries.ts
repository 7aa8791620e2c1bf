import { and, desc, eq, type SQL } from "drizzle-orm";
import { shownNicknameSql } from "../accounts/public-user";
import type { Db } from "../db/client";
import { afterCursor, encodeCursor } from "../db/cursor";
import { generations, styles, users } from "../db/schema";
import { AppError } from "../lib/errors";
import type { GenerationVisibility } from "../shared/styles";
import type { Generation } from "./job-request";

/**
 * A generation with the style it was made in and the artist who signs it. The artist is shown by
 * nickname only: `name` carries the nickname too (older clients read it), never `users.name`,
 * the sign-in's real name.
 */
export type GenerationWithStyle = {
	generation: Generation;
	style: { id: string; slug: string; title: string };
	artist: { id: string; name: string; nickname: string };
};

/** A generation as the API shows it. `image_url` is set once it is completed. */
export function generationView({ generation, style, artist }: GenerationWithStyle) {
	return {
		id: generation.id,
		status: generation.status,
		visibility: generation.visibility,
		prompt: generation.prompt,
		aspect: generation.aspect,
		width: generation.width,
		height: generation.height,
		cost_credits: generation.costCredits,
		style: { id: style.id, slug: style.slug, title: style.title },
		artist: { id: artist.id, name: artist.nickname, nickname: artist.nickname },
		gpu_job_id: generation.gpuJobId,
		image_url: generation.status === "completed" && generation.r2Key ? `/generations/${generation.id}/image` : null,
		sha256: generation.sha256,
		size: generation.size,
		// Every failure answers the public code GENERATION_FAILED; the stored detail (JOB_FAILED, JOB_EXPIRED…) is its reason.
		error: generation.errorCode ? { code: "GENERATION_FAILED" as const, reason: generation.errorCode, message: generation.errorMessage ?? "" } : null,
		created_at: generation.createdAt,
		completed_at: generation.completedAt,
	};
}
export type GenerationView = ReturnType<typeof generationView>;

function selectWithStyle(db: Db) {
	return db
		.select({
			generation: generations,
			style: { id: styles.id, slug: styles.slug, title: styles.title },
			// Without a nickname (a row older than the migration), `user_<last 6 of id>` as public-user.ts shows it; never the sign-in name.
			artist: { id: users.id, name: shownNicknameSql, nickname: shownNicknameSql },
		})
		.from(generations)
		.innerJoin(styles, eq(styles.id, generations.styleId))
		.innerJoin(users, eq(users.id, styles.artistId));
}

/** A page of generations, newest first, with the cursor of the next page. */
async function page(db: Db, where: SQL | undefined, query: { cursor?: string; limit: number }) {
	const conditions = [where, query.cursor ? afterCursor(query.cursor, generations.createdAt, generations.id) : undefined];
	const rows = await selectWithStyle(db)
		.where(and(...conditions))
		.orderBy(desc(generations.createdAt), desc(generations.id))
		.limit(query.limit + 1);
	const items = rows.slice(0, query.limit);
	const last = items.at(-1);
	return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.generation.createdAt, last.generation.id) : null };
}

/** The user's own generations, newest first. */
export function listUserGenerations(db: Db, userId: string, query: { cursor?: string; limit: number }) {
	return page(db, eq(generations.userId, userId), query);
}

/** The public feed: completed generations their owners made public, newest first. */
export function listPublicGenerations(db: Db, query: { cursor?: string; limit: number }) {
	return page(db, and(eq(generations.visibility, "public"), eq(generations.status, "completed")), query);
}

/** Whether `viewerId` may see a generation: its owner always, anyone once it is public and completed. */
export function canView(generation: Generation, viewerId: string | null): boolean {
	return generation.userId === viewerId || (generation.visibility === "public" && generation.status === "completed");
}

/**
 * A generation the viewer may see. Anything else is `404 NOT_FOUND`, the same answer as for
 * an id that does not exist, so private generations cannot be probed.
 */
export async function visibleGeneration(db: Db, id: string, viewerId: string | null): Promise<GenerationWithStyle> {
	const [row] = await selectWithStyle(db).where(eq(generations.id, id)).limit(1);
	if (!row || !canView(row.generation, viewerId)) throw new AppError(404, "NOT_FOUND", "No such generation.");
	return row;
}

/** Makes one of the owner's generations public or private; anyone else gets 404. */
export async function setGenerationVisibility(db: Db, userId: string, id: string, visibility: GenerationVisibility, now: Date): Promise<GenerationWithStyle> {
	const updated = await db
		.update(generations)
		.set({ visibility, updatedAt: now.toISOString() })
		.where(and(eq(generations.id, id), eq(generations.userId, userId)))
		.returning({ id: generations.id });
	if (updated.length === 0) throw new AppError(404, "NOT_FOUND", "No such generation.");
	return visibleGeneration(db, id, userId);
}
