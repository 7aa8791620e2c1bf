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

/**
 * Refunds an order through its payment provider. The order and its grants change when the
 * provider's `charge.refunded` event arrives at the webhook (the local provider sends it at once),
 * so a refund made in Stripe's own dashboard takes the very same path.
 */
export async function refundOrder(deps: CommerceDeps, orderId: string, amountCents?: number) {
	const order = await deps.db.query.orders.findFirst({ where: eq(orders.id, orderId) });
	if (!order) throw new AppError(404, "NOT_FOUND", "No such order.");
	if (!order.paymentIntentId || !["PAID", "FULFILLED", "DISPUTED"].includes(order.status)) {
		throw new AppError(409, "CONFLICT", `The order is ${order.status}: there is no payment to refund.`);
	}
	if (amountCents !== undefined && amountCents > order.amountCents) throw new AppError(400, "VALIDATION_FAILED", "amount_cents: more than the order's total");
	if (order.provider !== deps.payments.name)
		throw new AppError(409, "CONFLICT", `The order was paid with ${order.provider}; this store now uses ${deps.payments.name}.`);
	const refund = await deps.payments.refund(order.paymentIntentId, amountCents);
	log("info", "refund requested", { orderId, refundId: refund.id, amountCents: amountCents ?? order.amountCents });
	return refund;
}
