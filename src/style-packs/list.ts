import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { generations, products, stylePackItems, stylePacks } from "../db/schema";
import { productView } from "../pipeline/views";
import type { ProductView } from "../shared/product";
import type { StylePackLicense } from "../shared/style-packs";

/** A pack as its artist sees it: the product with its pipeline state, the licence and its images. */
export type StylePackView = { product: ProductView; license: StylePackLicense; image_count: number };

/** A generation the artist may put into a pack. */
export type PackableGeneration = { id: string; prompt: string; width: number; height: number; created_at: string };

/** The packs of a style, newest first. */
export async function listStylePacks(db: Db, styleId: string): Promise<StylePackView[]> {
	const rows = await db
		.select({
			product: products,
			license: stylePacks.license,
			imageCount: sql<number>`(select count(*) from ${stylePackItems} where ${stylePackItems.productId} = ${products.id})`,
		})
		.from(stylePacks)
		.innerJoin(products, eq(products.id, stylePacks.productId))
		.where(eq(stylePacks.styleId, styleId))
		.orderBy(desc(stylePacks.createdAt), desc(products.id))
		.limit(200);
	return rows.map((row) => ({ product: productView(row.product), license: row.license, image_count: row.imageCount }));
}

/** The artist's own completed generations in a style, newest first: what a pack can be made of. */
export async function packableGenerations(db: Db, styleId: string, artistId: string, limit = 200): Promise<PackableGeneration[]> {
	const rows = await db.query.generations.findMany({
		where: and(eq(generations.styleId, styleId), eq(generations.userId, artistId), eq(generations.status, "completed")),
		orderBy: [desc(generations.createdAt), desc(generations.id)],
		limit,
	});
	return rows.map((row) => ({ id: row.id, prompt: row.prompt, width: row.width, height: row.height, created_at: row.createdAt }));
}
