import { and, eq, sql } from "drizzle-orm";
import { products, stageRuns } from "../db/schema";
import { newId } from "../lib/ids";
import type { PipelineStage, ProductStatus } from "../shared/product";
import type { PipelineDeps } from "./deps";
import type { FactoryMessage } from "./messages";

/** Where a product stops when a stage keeps throwing: the gate that stage belongs to failed. */
const FAILED_STATUS: Record<PipelineStage, ProductStatus | null> = {
	generate: "QA1_FAILED",
	qa1: "QA1_FAILED",
	package: "QA2_FAILED",
	qa2: "QA2_FAILED",
	// A publish that keeps failing leaves the product QA2_PASSED (not sellable) with the reason.
	publish: null,
};

/**
 * Records a stage message that exhausted its retries: a `dead_lettered` stage run and the
 * product stopped at the failed stage, so `retry` can restart it. Only acts while the product
 * still waits for that very message, so a second delivery changes nothing.
 */
export async function recordDeadLetter(deps: PipelineDeps, msg: FactoryMessage, deliveries: number): Promise<boolean> {
	const now = deps.now().toISOString();
	const product = await deps.db.query.products.findFirst({ where: eq(products.id, msg.productId) });
	const reason = `${msg.stage} failed after all retries: ${product?.lastError ?? "no error recorded"}`;
	const status = FAILED_STATUS[msg.stage];
	const [moved] = await deps.db.batch([
		deps.db
			.update(products)
			.set({
				...(status ? { status } : {}),
				pendingStage: null,
				pendingAttempt: 0,
				failedStage: msg.stage,
				lastError: reason,
				leaseToken: null,
				leaseUntil: null,
				updatedAt: now,
			})
			.where(
				and(eq(products.id, msg.productId), eq(products.version, msg.version), eq(products.pendingStage, msg.stage), eq(products.pendingAttempt, msg.attempt)),
			)
			.returning({ id: products.id }),
		// Written only when the update above moved the product (changes() counts its rows).
		deps.db
			.insert(stageRuns)
			.select(
				sql`SELECT ${newId("run")}, ${msg.productId}, ${msg.version}, ${msg.stage}, ${msg.attempt}, ${deliveries}, 'dead_lettered', ${reason}, ${now}, ${now} WHERE changes() > 0`,
			),
	]);
	return moved.length > 0;
}
