import { and, eq } from "drizzle-orm";
import { grants, orderItems, orders } from "../db/schema";
import { newId } from "../lib/ids";
import { log } from "../lib/log";
import type { CommerceDeps } from "./deps";
import { enqueueMail } from "./mail/outbox";
import { orderMailWrites } from "./receipt";

const DAY_MS = 86_400_000;

/**
 * Fulfils a paid order: one grant per item, then FULFILLED, then the receipt, each exactly
 * once however often it is called (webhook retries, the thank-you page, duplicates). Grants
 * are unique per order item, the move to FULFILLED is conditional on PAID, and the receipt's
 * outbox row (unique per order) is written in the same batch: a fulfilled order always has its
 * receipt queued, and the MAIL_QUEUE consumer retries it until the provider accepts it.
 * Returns whether this call did the fulfilment.
 */
export async function fulfil(deps: CommerceDeps, orderId: string): Promise<boolean> {
	const order = await deps.db.query.orders.findFirst({ where: eq(orders.id, orderId) });
	if (order?.status !== "PAID") return false;
	const items = await deps.db.query.orderItems.findMany({ where: eq(orderItems.orderId, orderId) });
	const now = deps.now();
	const paidAt = order.paidAt ? new Date(order.paidAt) : now;
	const receipt = await orderMailWrites(deps, order, "receipt");
	const [, moved] = await deps.db.batch([
		deps.db
			.insert(grants)
			.values(
				items.map((item) => ({
					id: newId("grt"),
					purpose: "order" as const,
					orderId,
					orderItemId: item.id,
					productId: item.productId,
					version: item.version,
					packageKey: item.packageKey,
					packageSize: item.packageSize,
					packageSha256: item.packageSha256,
					fileName: item.fileName,
					maxDownloads: item.downloadLimit,
					linkTtlSeconds: item.linkTtlSeconds,
					expiresAt: item.accessDays ? new Date(paidAt.getTime() + item.accessDays * DAY_MS).toISOString() : null,
					status: "ACTIVE" as const,
					createdAt: now.toISOString(),
					updatedAt: now.toISOString(),
				})),
			)
			.onConflictDoNothing({ target: grants.orderItemId }),
		deps.db
			.update(orders)
			.set({ status: "FULFILLED", fulfilledAt: now.toISOString(), updatedAt: now.toISOString() })
			.where(and(eq(orders.id, orderId), eq(orders.status, "PAID")))
			.returning({ id: orders.id }),
		// A losing concurrent call's receipt row is dropped by the dedupe key; its unused key hash opens nothing anyone holds.
		...receipt.writes,
	]);
	if (moved.length === 0) return false;
	log("info", "order fulfilled", { orderId, items: items.length });
	await enqueueMail(deps, receipt.mailId);
	return true;
}
