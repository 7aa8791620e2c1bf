import { and, eq, isNull } from "drizzle-orm";
import { products } from "../db/schema";
import { AppError } from "../lib/errors";
import type { PipelineStage, ProductStatus } from "../shared/product";
import type { PipelineDeps } from "./deps";
import type { ProductRow } from "./stage";

/** The status a product waits in before each stage runs. */
const STATUS_BEFORE: Record<PipelineStage, ProductStatus> = {
	generate: "GENERATING",
	qa1: "GENERATING",
	package: "QA1_PASSED",
	qa2: "PACKAGED",
	publish: "QA2_PASSED",
};

/**
 * Restarts a stopped pipeline from its failed stage. A generation gets a fresh budget of
 * regenerations; packaging gets a new attempt number (so a fresh archive); the checks re-run on
 * what is there. Conditional on the product still being stopped, so two clicks restart once.
 */
export async function retryProduct(deps: PipelineDeps, productId: string): Promise<ProductRow> {
	const product = await deps.db.query.products.findFirst({ where: eq(products.id, productId) });
	if (!product) throw new AppError(404, "NOT_FOUND", "No such product.");
	const stage = product.failedStage;
	if (!stage || product.pendingStage) {
		throw new AppError(409, "CONFLICT", `The product is ${product.status} and has no failed stage to retry.`);
	}
	const attempt = {
		generate: product.generationCount + 1,
		qa1: product.generationCount,
		package: product.packageCount + 1,
		qa2: product.packageCount,
		publish: product.packageCount,
	}[stage];
	const [restarted] = await deps.db
		.update(products)
		.set({
			status: STATUS_BEFORE[stage],
			pendingStage: stage,
			pendingAttempt: attempt,
			failedStage: null,
			lastError: null,
			updatedAt: deps.now().toISOString(),
			...(stage === "generate" ? { maxGeneration: attempt + deps.config.maxRegenerations } : {}),
		})
		.where(and(eq(products.id, productId), eq(products.failedStage, stage), isNull(products.pendingStage)))
		.returning();
	if (!restarted) throw new AppError(409, "CONFLICT", "The product changed while retrying; reload and try again.");
	await deps.queue.send({ productId, version: restarted.version, stage, attempt });
	return restarted;
}
