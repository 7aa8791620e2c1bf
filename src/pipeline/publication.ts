import { and, eq, sql } from "drizzle-orm";
import { packages, products, publishHistory as publishHistoryTable, qaReports } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { ProductStatus } from "../shared/product";
import type { PipelineDeps } from "./deps";
import { notifyProductListeners } from "./product-listeners";
import type { ProductRow } from "./stage";

/**
 * Why a product version may not be published, or [] when it may: QA1 passed on the generation
 * that was packaged, its quality score meets the threshold, the package exists and QA2 passed
 * on it. This is the only road to PUBLISHED.
 */
export async function publishBlockers(deps: Pick<PipelineDeps, "db" | "config">, product: ProductRow): Promise<string[]> {
	const report = (stage: 1 | 2, attempt: number) =>
		deps.db.query.qaReports.findFirst({
			where: and(eq(qaReports.productId, product.id), eq(qaReports.version, product.version), eq(qaReports.stage, stage), eq(qaReports.attempt, attempt)),
		});
	const [qa1, qa2, pkg] = await Promise.all([
		report(1, product.generationCount),
		report(2, product.packageCount),
		deps.db.query.packages.findFirst({ where: and(eq(packages.productId, product.id), eq(packages.version, product.version)) }),
	]);
	const threshold = deps.config.qaThreshold;
	return [
		qa1?.passed ? "" : "QA1 has not passed for this generation",
		(product.qualityScore ?? -1) >= threshold ? "" : `quality score ${product.qualityScore ?? "none"} is below ${threshold}`,
		pkg ? "" : "no package",
		qa2?.passed ? "" : "QA2 has not passed for this package",
	].filter(Boolean);
}

/** The history row of a publish or unpublish, written in the same batch as the status change. */
export function publishHistoryRow(deps: Pick<PipelineDeps, "db">, product: ProductRow, action: "PUBLISHED" | "UNPUBLISHED", reason: string, at: Date) {
	return deps.db
		.insert(publishHistoryTable)
		.values({ id: newId("pub"), productId: product.id, version: product.version, action, reason, createdAt: at.toISOString() });
}

/** Takes a published product out of the storefront. */
export async function unpublishProduct(deps: PipelineDeps, productId: string, reason: string): Promise<ProductRow> {
	const product = await movePublication(deps, productId, "PUBLISHED", "UNPUBLISHED", reason);
	await notifyProductListeners(deps, productId, "unpublished");
	return product;
}

/** Puts an unpublished product back in the storefront, through the same gates as the pipeline. */
export async function republishProduct(deps: PipelineDeps, productId: string, reason: string): Promise<ProductRow> {
	const product = await deps.db.query.products.findFirst({ where: eq(products.id, productId) });
	if (!product) throw new AppError(404, "NOT_FOUND", "No such product.");
	if (product.status === "UNPUBLISHED") {
		const blockers = await publishBlockers(deps, product);
		if (blockers.length > 0) throw new AppError(409, "CONFLICT", `Cannot publish: ${blockers.join("; ")}.`);
	}
	const moved = await movePublication(deps, productId, "UNPUBLISHED", "PUBLISHED", reason);
	await notifyProductListeners(deps, productId, "published");
	return moved;
}

/**
 * Moves a product between PUBLISHED and UNPUBLISHED and writes the history row in one batch;
 * both statements are conditional on the status, so a concurrent move writes neither.
 */
async function movePublication(
	deps: PipelineDeps,
	productId: string,
	from: ProductStatus,
	to: "PUBLISHED" | "UNPUBLISHED",
	reason: string,
): Promise<ProductRow> {
	const now = deps.now().toISOString();
	const [, updated] = await deps.db.batch([
		// Columns in table order: id, product_id, version, action, reason, created_at.
		deps.db
			.insert(publishHistoryTable)
			.select(sql`SELECT ${newId("pub")}, id, version, ${to}, ${reason}, ${now} FROM products WHERE id = ${productId} AND status = ${from}`),
		deps.db
			.update(products)
			.set({ status: to, updatedAt: now, ...(to === "PUBLISHED" ? { publishedAt: now } : {}) })
			.where(and(eq(products.id, productId), eq(products.status, from)))
			.returning(),
	]);
	const [product] = updated;
	if (product) return product;
	const current = await deps.db.query.products.findFirst({ where: eq(products.id, productId) });
	if (!current) throw new AppError(404, "NOT_FOUND", "No such product.");
	throw new AppError(409, "CONFLICT", `The product is ${current.status}; only a ${from} product can become ${to}.`);
}
