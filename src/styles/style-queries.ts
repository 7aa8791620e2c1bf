import { and, eq } from "drizzle-orm";
import { shownNicknameSql } from "../accounts/public-user";
import type { Db } from "../db/client";
import { gpuJobs, styles, users } from "../db/schema";
import { AppError } from "../lib/errors";

/** A style row as stored. */
export type StyleRow = typeof styles.$inferSelect;

/** A style with its artist's public name. */
export type StyleWithArtist = { style: StyleRow; artistName: string };

/** What style operations use. */
export type StyleDeps = { db: Db; files: R2Bucket; now: () => Date };

/** The style, if `artistId` owns it; anyone else gets the same 404 as for a style that does not exist. */
export async function ownStyle(db: Db, styleId: string, artistId: string): Promise<StyleRow> {
	const style = await db.query.styles.findFirst({ where: and(eq(styles.id, styleId), eq(styles.artistId, artistId)) });
	if (!style) throw new AppError(404, "NOT_FOUND", "No such style.");
	return style;
}

/** A style by id or by slug, with its artist's name; undefined when there is none. */
export async function findStyle(db: Db, by: { id: string } | { slug: string }): Promise<StyleWithArtist | undefined> {
	const [row] = await db
		.select({ style: styles, artistName: shownNicknameSql })
		.from(styles)
		.innerJoin(users, eq(users.id, styles.artistId))
		.where("id" in by ? eq(styles.id, by.id) : eq(styles.slug, by.slug))
		.limit(1);
	return row;
}

/**
 * A style as `viewerId` may see it: the owner sees it in every status, anyone else only once
 * it is trained (a style in the making is the artist's business). 404 otherwise.
 */
export async function visibleStyle(db: Db, by: { id: string } | { slug: string }, viewerId: string | undefined): Promise<StyleWithArtist> {
	const found = await findStyle(db, by);
	if (!found || (found.style.status !== "completed" && found.style.artistId !== viewerId)) throw new AppError(404, "NOT_FOUND", "No such style.");
	return found;
}

/** The mirror row of the style's current training job, if any. */
export async function trainingJob(db: Db, style: Pick<StyleRow, "trainingJobId">) {
	if (!style.trainingJobId) return undefined;
	return db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, style.trainingJobId) });
}

/** An artist's styles, newest first. */
export function artistStyles(db: Db, artistId: string) {
	return db.query.styles.findMany({ where: eq(styles.artistId, artistId), orderBy: (s, { desc }) => [desc(s.createdAt), desc(s.id)] });
}

/** The tags column as a list (it is only ever written as a JSON array of strings). */
export function parseTags(json: string): string[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === "string") : [];
	} catch {
		return [];
	}
}
