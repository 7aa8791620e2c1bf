import { and, eq, inArray, sql } from "drizzle-orm";
import { grants, orders } from "../db/schema";
import type { OrderStatus } from "../shared/commerce";
import type { CommerceDeps } from "./deps";

/**
 * Moves an order and its grants together in one batch: a refund revokes, a dispute suspends,
 * a won dispute restores. Each statement is conditional on the state it leaves, so a repeated
 * event changes nothing. Returns whether the order moved.
 */
export async function moveOrderAccess(deps: CommerceDeps, orderId: string, change: "revoke" | "suspend" | "restore"): Promise<boolean> {
	const now = deps.now().toISOString();
	const { db } = deps;
	const orderMove: Record<typeof change, { from: OrderStatus[]; to: OrderStatus; stamp: Partial<typeof orders.$inferInsert> }> = {
		revoke: { from: ["PAID", "FULFILLED", "DISPUTED"], to: "REFUNDED", stamp: { refundedAt: now } },
		suspend: { from: ["PAID", "FULFILLED"], to: "DISPUTED", stamp: { disputedAt: now } },
		restore: { from: ["DISPUTED"], to: "FULFILLED", stamp: {} },
	};
	const { from, to, stamp } = orderMove[change];
	const grantUpdate =
		change === "revoke"
			? db
					.update(grants)
					.set({ status: "REVOKED", updatedAt: now })
					.where(and(eq(grants.orderId, orderId), inArray(grants.status, ["ACTIVE", "EXHAUSTED", "SUSPENDED", "EXPIRED"])))
			: change === "suspend"
				? db
						.update(grants)
						.set({ status: "SUSPENDED", updatedAt: now })
						.where(and(eq(grants.orderId, orderId), inArray(grants.status, ["ACTIVE", "EXHAUSTED"])))
				: db
						.update(grants)
						// Back to what the counter says: a grant whose uses are spent stays spent.
						.set({ status: sql`CASE WHEN ${grants.downloadsUsed} >= ${grants.maxDownloads} THEN 'EXHAUSTED' ELSE 'ACTIVE' END`, updatedAt: now })
						.where(and(eq(grants.orderId, orderId), eq(grants.status, "SUSPENDED")));
	const [moved] = await db.batch([
		db
			.update(orders)
			.set({ status: to, updatedAt: now, ...stamp })
			.where(and(eq(orders.id, orderId), inArray(orders.status, from)))
			.returning({ id: orders.id }),
		grantUpdate,
	]);
	return moved.length > 0;
}
