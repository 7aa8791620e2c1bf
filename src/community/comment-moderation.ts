import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { comments } from "../db/community-schema";
import { generations, styles } from "../db/schema";
import { AppError } from "../lib/errors";
import { type CommentView, commentById } from "./comments";

/** Who asks to hide or unhide: a signed-in user, or an admin (API key or dashboard session). */
export type Moderator = { kind: "user"; userId: string } | { kind: "admin" };

/** Whether `userId` may hide comments on a generation: its owner, or the artist of its style. */
export async function canModerateGeneration(db: Db, userId: string | null | undefined, generationId: string): Promise<boolean> {
	if (!userId) return false;
	const [row] = await db
		.select({ ownerId: generations.userId, artistId: styles.artistId })
		.from(generations)
		.innerJoin(styles, eq(styles.id, generations.styleId))
		.where(eq(generations.id, generationId))
		.limit(1);
	return !!row && (row.ownerId === userId || row.artistId === userId);
}

/**
 * Hides a comment (`visible` → `hidden`) or shows it again (`hidden` → `visible`), by the
 * image's style's artist, the image's owner, or an admin; anyone else is `403 FORBIDDEN`, a
 * missing or deleted comment `404`. `comment_count` follows in the same batch, guarded by the
 * status it leaves, so doing it twice changes it once (the second answers the comment as it is).
 */
export async function setCommentHidden(db: Db, who: Moderator, id: string, hide: boolean, now: Date): Promise<CommentView> {
	const row = await db.query.comments.findFirst({ where: eq(comments.id, id) });
	if (!row || row.status === "deleted") throw new AppError(404, "NOT_FOUND", "No such comment.");
	if (who.kind === "user" && !(await canModerateGeneration(db, who.userId, row.generationId))) {
		throw new AppError(403, "FORBIDDEN", "Only the image's artist or owner, or an admin, can hide its comments.");
	}
	const [from, to] = hide ? (["visible", "hidden"] as const) : (["hidden", "visible"] as const);
	const step = hide ? sql`${generations.commentCount} - 1` : sql`${generations.commentCount} + 1`;
	await db.batch([
		db
			.update(generations)
			.set({ commentCount: step })
			.where(and(eq(generations.id, row.generationId), sql`EXISTS (SELECT 1 FROM comments WHERE id = ${id} AND status = ${from})`)),
		db
			.update(comments)
			.set({ status: to, hiddenBy: hide ? (who.kind === "admin" ? "admin" : who.userId) : null, updatedAt: now.toISOString() })
			.where(and(eq(comments.id, id), eq(comments.status, from))),
	]);
	const view = await commentById(db, id);
	if (!view) throw new AppError(404, "NOT_FOUND", "No such comment.");
	return view;
}
