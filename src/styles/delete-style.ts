import { and, eq, ne } from "drizzle-orm";
import { d1ErrorText } from "../db/d1-errors";
import { styles } from "../db/schema";
import { AppError } from "../lib/errors";
import { deletePrefix } from "../r2/delete-prefix";
import { styleInputsPrefix } from "../r2/keys";
import { ownStyle, type StyleDeps } from "./style-queries";

/**
 * Deletes a style (owner only) and then its stored images. The database decides what may go:
 * its trigger refuses a trained style (`STYLE_TRAINED_NOT_DELETABLE`) and the foreign keys of
 * generations and style packs refuse a style that has them; both become `409
 * STYLE_NOT_DELETABLE`. A style in training is refused too, so its job has a style to settle.
 * Training image rows go with the row (ON DELETE CASCADE); the R2 objects are removed after,
 * once nothing can point at them any more.
 */
export async function deleteStyle(deps: StyleDeps, styleId: string, artistId: string): Promise<void> {
	await ownStyle(deps.db, styleId, artistId);
	let deleted: { id: string }[];
	try {
		deleted = await deps.db
			.delete(styles)
			.where(and(eq(styles.id, styleId), eq(styles.artistId, artistId), ne(styles.status, "training")))
			.returning({ id: styles.id });
	} catch (err) {
		const text = d1ErrorText(err);
		if (text.includes("STYLE_TRAINED_NOT_DELETABLE")) {
			throw new AppError(409, "STYLE_NOT_DELETABLE", "A trained style is licensed work and cannot be deleted.");
		}
		if (text.includes("FOREIGN KEY constraint failed")) {
			throw new AppError(409, "STYLE_NOT_DELETABLE", "This style has generations (or style packs) made with it, so it cannot be deleted.");
		}
		throw err;
	}
	if (deleted.length === 0) {
		const still = await ownStyle(deps.db, styleId, artistId);
		throw new AppError(409, "STYLE_NOT_DELETABLE", `This style is ${still.status}; wait until training ends.`);
	}
	await deletePrefix(deps.files, styleInputsPrefix(styleId));
}
