import { and, eq } from "drizzle-orm";
import { products } from "../db/schema";
import { AppError } from "../lib/errors";
import type { PipelineDeps } from "./deps";
import { parseProductTexts } from "./language-versions";
import { primaryLanguage } from "./languages";
import { notifyProductListeners } from "./product-listeners";
import type { ProductRow } from "./stage";

/** What an admin may change on a product after it was made: its price and its primary-language words. */
export type ProductEdit = { priceCents?: number; title?: string; description?: string };

/** Concurrent edits of one product are rare; a lost race reads the row again this many times. */
const EDIT_TRIES = 3;

/**
 * Changes a product's price, title or description, then tells the product listeners (`edited`),
 * so connected shops follow. The title and description are the primary language's: the row's
 * columns and that language's entry in `texts` (what the storefront shows) change together. The
 * write is conditional on the row being unchanged since it was read, so a concurrent edit of the
 * other language texts is never overwritten with a stale copy.
 */
export async function editProduct(deps: Pick<PipelineDeps, "db" | "now" | "productListeners">, productId: string, edit: ProductEdit): Promise<ProductRow> {
	for (let attempt = 0; attempt < EDIT_TRIES; attempt++) {
		const product = await deps.db.query.products.findFirst({ where: eq(products.id, productId) });
		if (!product) throw new AppError(404, "NOT_FOUND", "No such product.");
		const [updated] = await deps.db
			.update(products)
			.set({ ...editedColumns(product, edit), updatedAt: deps.now().toISOString() })
			.where(and(eq(products.id, productId), eq(products.updatedAt, product.updatedAt)))
			.returning();
		if (updated) {
			await notifyProductListeners(deps, productId, "edited");
			return updated;
		}
	}
	throw new AppError(409, "CONFLICT", "The product changed while it was being edited; try again.");
}

function editedColumns(product: ProductRow, edit: ProductEdit): Partial<ProductRow> {
	const columns: Partial<ProductRow> = {};
	if (edit.priceCents !== undefined) columns.priceCents = edit.priceCents;
	if (edit.title === undefined && edit.description === undefined) return columns;
	if (edit.title !== undefined) columns.title = edit.title;
	if (edit.description !== undefined) columns.description = edit.description;
	const texts = parseProductTexts(product.texts);
	const language = primaryLanguage(product.languages);
	const current = texts[language];
	texts[language] = {
		title: edit.title ?? current?.title ?? product.title,
		description: edit.description ?? current?.description ?? product.description,
	};
	columns.texts = JSON.stringify(texts);
	return columns;
}
