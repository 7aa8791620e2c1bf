import { and, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { shownNicknameSql } from "../accounts/public-user";
import type { Db } from "../db/client";
import { generations, styles, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { base64Url } from "../lib/hash";
import { type PublicStyleJson, publicStyleJson } from "./style-view";

/** Query of the marketplace: free text over tags and artist names, one exact tag, a sort, a page. */
export const MarketplaceQuery = z.object({
	// NFC like the stored tags, so decomposed Hangul (as some keyboards send it) still matches.
	q: z
		.string()
		.trim()
		.max(100)
		.transform((text) => text.normalize("NFC"))
		.optional(),
	tag: z
		.string()
		.trim()
		.toLowerCase()
		.max(32)
		.transform((text) => text.normalize("NFC"))
		.optional(),
	sort: z.enum(["recent", "popular"]).default("recent"),
	cursor: z.string().max(300).optional(),
});
export type MarketplaceQuery = z.output<typeof MarketplaceQuery>;

/** A marketplace card: the public style and its newest public image, if any. */
export type MarketplaceStyle = PublicStyleJson & { sample_generation_id: string | null; sample_image_url: string | null };

export const MARKETPLACE_PAGE_SIZE = 24;

/** The sort key of the last card of a page: (trained_at | generation_count, id). */
type CursorValue = [sort: "recent" | "popular", key: string | number, id: string];

function encodeMarketplaceCursor(value: CursorValue): string {
	return base64Url(JSON.stringify(value));
}

function decodeMarketplaceCursor(cursor: string, sort: "recent" | "popular"): CursorValue {
	try {
		const value: unknown = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
		if (Array.isArray(value) && value.length === 3 && value[0] === sort && typeof value[2] === "string") {
			if (sort === "recent" && typeof value[1] === "string") return [sort, value[1], value[2]];
			if (sort === "popular" && typeof value[1] === "number") return [sort, value[1], value[2]];
		}
	} catch {
		// fall through to the validation error
	}
	throw new AppError(400, "VALIDATION_FAILED", "cursor: not a cursor returned by this listing (with this sort)");
}

/** `text` as a LIKE pattern matching it anywhere, its own wildcards escaped (with `\`). */
function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** A search word matches a tag (substring) or the artist's name. */
function wordMatches(word: string): SQL {
	const pattern = containsPattern(word.toLowerCase());
	return sql`(EXISTS (SELECT 1 FROM json_each(${styles.tags}) WHERE json_each.value LIKE ${pattern} ESCAPE '\\') OR lower(${users.nickname}) LIKE ${pattern} ESCAPE '\\')`;
}

/**
 * Trained styles for the marketplace. `q` is split into words, each of which must match a tag
 * or the artist's name; `tag` must be one of the style's tags exactly. `recent` = newest trained
 * first; `popular` = most generations first. Keyset pages with an opaque cursor.
 */
export async function listMarketplace(db: Db, query: MarketplaceQuery): Promise<{ styles: MarketplaceStyle[]; nextCursor: string | null }> {
	const conditions: (SQL | undefined)[] = [eq(styles.status, "completed")];
	for (const word of (query.q ?? "").split(/\s+/).filter(Boolean).slice(0, 8)) conditions.push(wordMatches(word));
	if (query.tag) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${styles.tags}) WHERE json_each.value = ${query.tag})`);
	if (query.cursor) {
		const [, key, id] = decodeMarketplaceCursor(query.cursor, query.sort);
		conditions.push(
			query.sort === "popular"
				? or(lt(styles.generationCount, Number(key)), and(eq(styles.generationCount, Number(key)), lt(styles.id, id)))
				: or(lt(styles.trainedAt, String(key)), and(eq(styles.trainedAt, String(key)), lt(styles.id, id))),
		);
	}
	const sampleId = sql<
		string | null
	>`(SELECT g.id FROM generations g WHERE g.style_id = ${styles.id} AND g.visibility = 'public' AND g.status = 'completed' ORDER BY g.created_at DESC, g.id DESC LIMIT 1)`;
	const rows = await db
		.select({ style: styles, artistName: shownNicknameSql, sampleId })
		.from(styles)
		.innerJoin(users, eq(users.id, styles.artistId))
		.where(and(...conditions))
		.orderBy(...(query.sort === "popular" ? [desc(styles.generationCount), desc(styles.id)] : [desc(styles.trainedAt), desc(styles.id)]))
		.limit(MARKETPLACE_PAGE_SIZE + 1);
	const page = rows.slice(0, MARKETPLACE_PAGE_SIZE);
	const last = page[page.length - 1];
	const nextCursor =
		rows.length > MARKETPLACE_PAGE_SIZE && last
			? encodeMarketplaceCursor([query.sort, query.sort === "popular" ? last.style.generationCount : (last.style.trainedAt ?? ""), last.style.id])
			: null;
	return {
		styles: page.map((row) => ({
			...publicStyleJson(row.style, row.artistName),
			sample_generation_id: row.sampleId,
			sample_image_url: row.sampleId ? generationImageUrl(row.sampleId) : null,
		})),
		nextCursor,
	};
}

/** Where the generations engineer serves a generation's image. */
export function generationImageUrl(generationId: string): string {
	return `/generations/${encodeURIComponent(generationId)}/image`;
}

/** A style's public completed generations, newest first (its sample gallery). */
export async function sampleGallery(db: Db, styleId: string, limit = 12) {
	const rows = await db
		.select({ id: generations.id, prompt: generations.prompt, width: generations.width, height: generations.height })
		.from(generations)
		.where(and(eq(generations.styleId, styleId), eq(generations.visibility, "public"), eq(generations.status, "completed")))
		.orderBy(desc(generations.createdAt), desc(generations.id))
		.limit(limit);
	return rows.map((row) => ({ ...row, image_url: generationImageUrl(row.id) }));
}
