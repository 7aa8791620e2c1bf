import { eq, sql } from "drizzle-orm";
import { requireActiveAccount } from "../accounts/deactivate";
import type { Db } from "../db/client";
import { d1ErrorText } from "../db/d1-errors";
import { styles } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { type CreateStyleInput, slugForTitle, tagsWithTitle, titleTag } from "./style-input";
import type { StyleRow } from "./style-queries";

/** Refuses a title that yields no tag: every style is findable by its title. */
export function requireTitleTag(title: string): void {
	if (!titleTag(title)) throw new AppError(422, "VALIDATION_FAILED", "title: needs English letters or digits, since it becomes a tag.");
}

function isSlugTaken(err: unknown): boolean {
	const text = d1ErrorText(err);
	return /UNIQUE constraint failed: styles\.slug/.test(text);
}

/**
 * Creates a pending style for an artist, unless they already have `limit` styles
 * (`409 STYLE_LIMIT_REACHED`). The count and the insert are one statement (INSERT … SELECT …
 * WHERE count < limit), so two concurrent creates cannot both slip under the limit. The slug
 * is the title's; when taken, a short random suffix makes it unique. A deactivated artist
 * creates nothing new (`403 ACCOUNT_DEACTIVATED`).
 */
export async function createStyle(db: Db, artistId: string, input: CreateStyleInput, limit: number, now: Date): Promise<StyleRow> {
	requireTitleTag(input.title);
	await requireActiveAccount(db, artistId);
	const id = newId("sty");
	const tags = JSON.stringify(tagsWithTitle(input.title, input.tags));
	const at = now.toISOString();
	const base = slugForTitle(input.title);
	for (let attempt = 0; attempt < 4; attempt++) {
		const slug = attempt === 0 ? base : `${base}-${crypto.randomUUID().slice(0, 6)}`;
		try {
			const result = await db.run(sql`
				INSERT INTO ${styles} (id, artist_id, slug, title, description, tags, price_credits, status, created_at, updated_at)
				SELECT ${id}, ${artistId}, ${slug}, ${input.title}, ${input.description}, ${tags}, ${input.price_credits}, 'pending', ${at}, ${at}
				WHERE (SELECT COUNT(*) FROM ${styles} WHERE artist_id = ${artistId}) < ${limit}`);
			if (result.meta.changes === 0) {
				throw new AppError(409, "STYLE_LIMIT_REACHED", `An artist can have ${limit} ${limit === 1 ? "style" : "styles"}; you have reached that limit.`);
			}
			const style = await db.query.styles.findFirst({ where: eq(styles.id, id) });
			if (!style) throw new Error("style not stored");
			return style;
		} catch (err) {
			if (!isSlugTaken(err)) throw err;
		}
	}
	throw new AppError(409, "CONFLICT", "Could not find a free address for this style; try another title.");
}
