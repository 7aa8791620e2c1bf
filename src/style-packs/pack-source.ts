import { asc, eq } from "drizzle-orm";
import { shownNicknameSql } from "../accounts/public-user";
import type { Db } from "../db/client";
import { generations, products, stylePackItems, stylePacks, styles, users } from "../db/schema";
import type { StylePackLicense } from "../shared/style-packs";

/** One generation of a pack, in the pack's order. */
export type PackItem = {
	position: number;
	generation: typeof generations.$inferSelect;
};

/** Everything a style pack is made from: the product, its style, its artist and its images. */
export type PackSource = {
	product: typeof products.$inferSelect;
	license: StylePackLicense;
	style: typeof styles.$inferSelect;
	artist: { id: string; name: string };
	items: PackItem[];
};

/**
 * Loads what a `style_pack` product is made from. Throws when the pack row is missing: a
 * style_pack product is only ever created together with it, so this is a broken invariant.
 */
export async function loadPackSource(db: Db, productId: string): Promise<PackSource> {
	const [row] = await db
		.select({ product: products, pack: stylePacks, style: styles, artist: { id: users.id, name: shownNicknameSql } })
		.from(stylePacks)
		.innerJoin(products, eq(products.id, stylePacks.productId))
		.innerJoin(styles, eq(styles.id, stylePacks.styleId))
		.innerJoin(users, eq(users.id, stylePacks.artistId))
		.where(eq(stylePacks.productId, productId))
		.limit(1);
	if (!row) throw new Error(`style pack ${productId} has no style_packs row`);
	const items = await db
		.select({ position: stylePackItems.position, generation: generations })
		.from(stylePackItems)
		.innerJoin(generations, eq(generations.id, stylePackItems.generationId))
		.where(eq(stylePackItems.productId, productId))
		.orderBy(asc(stylePackItems.position));
	return { product: row.product, license: row.pack.license, style: row.style, artist: row.artist, items };
}
