import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { projects } from "../../db/video-schema";

export type ProjectRow = typeof projects.$inferSelect;

/**
 * The project a `short_video` product was published from (its `product_id`). A product of this
 * kind without one is a broken link, not a fact to paper over: the pipeline records the error.
 */
export async function projectOfProduct(db: Db, productId: string): Promise<ProjectRow> {
	const project = await db.query.projects.findFirst({ where: eq(projects.productId, productId) });
	if (!project) throw new Error(`no video project is linked to product ${productId}`);
	return project;
}
