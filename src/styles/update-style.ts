import { and, eq } from "drizzle-orm";
import { styles } from "../db/schema";
import { AppError } from "../lib/errors";
import { requireTitleTag } from "./create-style";
import { tagsWithTitle, titleTag, type UpdateStyleInput } from "./style-input";
import { parseTags, type StyleDeps, type StyleRow } from "./style-queries";

/**
 * Edits a style's title, description, tags or price (owner only: 404 for anyone else). The
 * slug stays, so links keep working. When the title changes without new tags, the old
 * title's tag is swapped for the new one's.
 */
export async function updateStyle(deps: StyleDeps, styleId: string, artistId: string, input: UpdateStyleInput): Promise<StyleRow> {
	const current = await deps.db.query.styles.findFirst({ where: and(eq(styles.id, styleId), eq(styles.artistId, artistId)) });
	if (!current) throw new AppError(404, "NOT_FOUND", "No such style.");
	const title = input.title ?? current.title;
	if (input.title !== undefined) requireTitleTag(title);
	const oldTitleTag = titleTag(current.title);
	const baseTags = input.tags ?? parseTags(current.tags).filter((tag) => tag !== oldTitleTag);
	const [updated] = await deps.db
		.update(styles)
		.set({
			title,
			...(input.description !== undefined ? { description: input.description } : {}),
			...(input.price_credits !== undefined ? { priceCredits: input.price_credits } : {}),
			tags: JSON.stringify(tagsWithTitle(title, baseTags)),
			updatedAt: deps.now().toISOString(),
		})
		.where(and(eq(styles.id, styleId), eq(styles.artistId, artistId)))
		.returning();
	if (!updated) throw new AppError(404, "NOT_FOUND", "No such style.");
	return updated;
}
