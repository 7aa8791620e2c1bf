import { and, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { generations, products, stylePackItems, stylePacks, styles } from "../db/schema";
import { AppError } from "../lib/errors";
import { createProduct } from "../pipeline/create-product";
import type { PipelineDeps } from "../pipeline/deps";
import type { ProductRow } from "../pipeline/stage";
import { CreateProductRequest } from "../shared/product";
import { type CreateStylePackRequest, STYLE_PACK_MAX_BYTES } from "../shared/style-packs";

type StyleRow = typeof styles.$inferSelect;

/** The artist's own style, or `404 NOT_FOUND` (someone else's style is as if it did not exist). */
export async function ownStyleForPacks(db: Db, styleId: string, artistId: string): Promise<StyleRow> {
	const style = await db.query.styles.findFirst({ where: and(eq(styles.id, styleId), eq(styles.artistId, artistId)) });
	if (!style) throw new AppError(404, "NOT_FOUND", "No such style of yours.");
	return style;
}

/**
 * Refuses, naming the id, any generation that is not the artist's own completed image in this
 * style. Another user's generation reads the same as a missing one, so ids reveal nothing.
 */
async function checkGenerations(db: Db, style: StyleRow, artistId: string, ids: string[]): Promise<void> {
	const rows = await db.query.generations.findMany({ where: inArray(generations.id, ids) });
	const byId = new Map(rows.map((row) => [row.id, row]));
	for (const id of ids) {
		const row = byId.get(id);
		if (!row || row.userId !== artistId || row.styleId !== style.id) {
			throw new AppError(422, "VALIDATION_FAILED", `generation_ids: ${id} is not one of your generations in this style.`);
		}
		if (row.status !== "completed" || !row.r2Key) {
			throw new AppError(422, "VALIDATION_FAILED", `generation_ids: ${id} is ${row.status}; only completed generations can go into a pack.`);
		}
	}
	const bytes = rows.reduce((sum, row) => sum + (row.size ?? 0), 0);
	if (bytes > STYLE_PACK_MAX_BYTES) {
		const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
		throw new AppError(422, "VALIDATION_FAILED", `generation_ids: these images come to ${mb(bytes)} MB; a pack holds at most ${mb(STYLE_PACK_MAX_BYTES)} MB.`);
	}
}

/**
 * The pack's own rows, each an `INSERT ... SELECT ... FROM products WHERE id = ?`, so they are
 * written only when the product row in the same batch was (a taken title writes nothing).
 */
function packRows(db: Db, productId: string, style: StyleRow, request: CreateStylePackRequest, now: string): BatchItem<"sqlite">[] {
	const ofProduct = eq(products.id, productId);
	return [
		db.insert(stylePacks).select((qb) =>
			qb
				.select({
					productId: products.id,
					styleId: sql<string>`${style.id}`.as("style_id"),
					artistId: sql<string>`${style.artistId}`.as("artist_id"),
					license: sql<string>`${request.license}`.as("license"),
					createdAt: sql<string>`${now}`.as("created_at"),
				})
				.from(products)
				.where(ofProduct),
		),
		...request.generation_ids.map((generationId, i) =>
			db.insert(stylePackItems).select((qb) =>
				qb
					.select({
						productId: products.id,
						generationId: sql<string>`${generationId}`.as("generation_id"),
						position: sql<number>`${i + 1}`.as("position"),
					})
					.from(products)
					.where(ofProduct),
			),
		),
	];
}

/**
 * Creates a `style_pack` product from an artist's completed generations of their completed
 * style and starts its pipeline, as `POST /api/products` starts a digital kit: the product (in
 * DRAFT), its `style_packs` row and its items are written in one D1 batch.
 */
export async function createStylePack(deps: PipelineDeps, artistId: string, styleId: string, request: CreateStylePackRequest): Promise<ProductRow> {
	const style = await ownStyleForPacks(deps.db, styleId, artistId);
	if (style.status !== "completed") throw new AppError(409, "STYLE_NOT_READY", "Only a trained style can have style packs.");
	await checkGenerations(deps.db, style, artistId, request.generation_ids);
	// The admin API's schema supplies the same defaults (download limit, link life) as every product.
	const settings = CreateProductRequest.parse({
		topic: `${style.title} style pack`.slice(0, 200),
		price_cents: request.price_cents,
		currency: request.currency,
	});
	const now = deps.now().toISOString();
	return createProduct(
		deps,
		// One language: the artist's (the routes fill in the request's language when the body names none).
		{ ...settings, kind: "style_pack", description: request.description, languages: [request.language ?? "en"] },
		{
			titleCandidate: (n) => (n === 0 ? request.title : `${request.title} (${n + 1})`),
			relatedWrites: (productId) => packRows(deps.db, productId, style, request, now),
			// The generator copies stored images: a second generation would fail QA1 the same way.
			regenerations: 0,
		},
	);
}
