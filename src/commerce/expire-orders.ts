import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { localCheckoutSessions, orders } from "../db/schema";
import { log } from "../lib/log";

/**
 * Expires orders left unpaid past their time, and closes their local checkout sessions so
 * they can no longer be paid. Conditional on PENDING, so a payment that won the race stands.
 */
export async function expireUnpaidOrders(db: Db, now: Date): Promise<number> {
	const expired = await db
		.update(orders)
		.set({ status: "EXPIRED", updatedAt: now.toISOString() })
		.where(and(eq(orders.status, "PENDING"), lt(orders.expiresAt, now.toISOString())))
		.returning({ id: orders.id });
	if (expired.length === 0) return 0;
	const ids = expired.map((order) => order.id);
	for (let i = 0; i < ids.length; i += 90) {
		await db
			.update(localCheckoutSessions)
			.set({ status: "expired" })
			.where(and(inArray(localCheckoutSessions.orderId, ids.slice(i, i + 90)), eq(localCheckoutSessions.status, "open")));
	}
	log("info", "unpaid orders expired", { count: ids.length });
	return ids.length;
}
