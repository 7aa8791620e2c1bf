import { and, isNotNull, isNull, lt, or } from "drizzle-orm";
import { products } from "../db/schema";
import { log } from "../lib/log";
import type { PipelineDeps } from "./deps";

/** A pending stage with no activity for this long is assumed to have lost its message. */
export const STALL_AFTER_MS = 10 * 60_000;

/**
 * The scheduled sweep: re-sends the pending stage message of every product that has waited
 * too long with no stage running (a send that failed after its state was committed). Stages
 * are idempotent, so a message that was only slow is harmless to send again.
 */
export async function resendStalledStages(deps: PipelineDeps): Promise<number> {
	const now = deps.now().getTime();
	const stalled = await deps.db.query.products.findMany({
		where: and(
			isNotNull(products.pendingStage),
			or(isNull(products.leaseUntil), lt(products.leaseUntil, now)),
			lt(products.updatedAt, new Date(now - STALL_AFTER_MS).toISOString()),
		),
		limit: 100,
	});
	const messages = stalled.flatMap((product) =>
		product.pendingStage ? [{ body: { productId: product.id, version: product.version, stage: product.pendingStage, attempt: product.pendingAttempt } }] : [],
	);
	if (messages.length > 0) {
		await deps.queue.sendBatch(messages);
		log("warn", "re-sent stalled pipeline stages", { count: messages.length, products: stalled.map((product) => product.id) });
	}
	return messages.length;
}
