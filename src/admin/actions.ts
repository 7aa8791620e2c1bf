import { and, eq, inArray } from "drizzle-orm";
import type { CommerceDeps } from "../commerce/deps";
import { buyerOrderView } from "../commerce/order-view";
import { sendReceipt } from "../commerce/receipt";
import { grants, orders } from "../db/schema";
import { AppError } from "../lib/errors";
import { log } from "../lib/log";

/** Revokes one grant of an order (its links and open file sessions stop working at once). */
export async function revokeGrant(deps: CommerceDeps, grantId: string) {
	const now = deps.now().toISOString();
	const [grant] = await deps.db
		.update(grants)
		.set({ status: "REVOKED", updatedAt: now })
		.where(and(eq(grants.id, grantId), eq(grants.purpose, "order"), inArray(grants.status, ["ACTIVE", "EXHAUSTED", "SUSPENDED", "EXPIRED"])))
		.returning();
	if (grant) {
		log("info", "grant revoked by admin", { grantId, orderId: grant.orderId });
		return grant;
	}
	const existing = await deps.db.query.grants.findFirst({ where: eq(grants.id, grantId) });
	if (existing?.purpose !== "order") throw new AppError(404, "NOT_FOUND", "No such grant.");
	throw new AppError(409, "CONFLICT", "This grant is already revoked.");
}

/** Mails the buyer their order page again (with fresh links on it) and returns the order view. */
export async function reissueLinks(deps: CommerceDeps, orderId: string) {
	const order = await deps.db.query.orders.findFirst({ where: eq(orders.id, orderId) });
	if (!order) throw new AppError(404, "NOT_FOUND", "No such order.");
	if (!["PAID", "FULFILLED"].includes(order.status)) throw new AppError(409, "CONFLICT", `The order is ${order.status}: there are no live downloads to send.`);
	await sendReceipt(deps, order);
	log("info", "download links re-issued", { orderId });
	return buyerOrderView(deps, order);
}
