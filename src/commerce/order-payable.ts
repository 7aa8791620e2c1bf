import { and, eq, inArray } from "drizzle-orm";
import { orderItems, orders } from "../db/schema";
import type { CommerceDeps } from "./deps";
import { fulfil } from "./fulfil";
import { moveOrderAccess } from "./grant-status";
import { type ChargeChange, type Payable, textField } from "./payables";

/**
 * Marks the order of a paid checkout session PAID (only if the session is the one stored on
 * the order) and fulfils it. Fulfilment is keyed on the session: a second event for a session
 * already fulfilled finds nothing left to do.
 */
async function markPaidAndFulfil(deps: CommerceDeps, session: Record<string, unknown>): Promise<string> {
	const orderId = textField(session.client_reference_id);
	const sessionId = textField(session.id);
	if (!orderId || !sessionId) return "missing_reference";
	const order = await deps.db.query.orders.findFirst({ where: eq(orders.id, orderId) });
	if (!order) return "order_not_found";
	if (order.checkoutSessionId !== sessionId) return "session_mismatch";
	const now = deps.now().toISOString();
	await deps.db
		.update(orders)
		// A payment that lands after the order expired is still the buyer's money: honour it.
		.set({ status: "PAID", paidAt: now, paymentIntentId: textField(session.payment_intent) ?? order.paymentIntentId, updatedAt: now })
		.where(and(eq(orders.id, orderId), eq(orders.checkoutSessionId, sessionId), inArray(orders.status, ["PENDING", "EXPIRED", "CANCELED"])));
	return (await fulfil(deps, orderId)) ? "fulfilled" : "already_fulfilled";
}

/**
 * A refund or dispute of an order's payment: a full refund revokes the files (a partial one
 * keeps them), a dispute suspends them until it ends without a chargeback (restored: won, or an
 * inquiry closed) or is lost (revoked, also when the loss is the first the store hears of it).
 */
async function applyChargeChange(deps: CommerceDeps, orderId: string, change: ChargeChange): Promise<string> {
	switch (change) {
		case "partially_refunded":
			return "partial_refund_recorded";
		case "refunded":
			return (await moveOrderAccess(deps, orderId, "revoke")) ? "revoked" : "already_revoked";
		case "dispute_opened":
			return (await moveOrderAccess(deps, orderId, "suspend")) ? "suspended" : "unchanged";
		case "dispute_won":
			return (await moveOrderAccess(deps, orderId, "restore")) ? "restored" : "unchanged";
		case "dispute_lost":
			return (await moveOrderAccess(deps, orderId, "revoke")) ? "revoked" : "unchanged";
	}
}

/** Product orders (`ord_…`): the storefront's checkout. Paid orders get their download grants. */
export const orderPayable: Payable = {
	name: "order",
	owns: (reference) => reference.startsWith("ord_"),
	paid: markPaidAndFulfil,
	async closed(deps, session, to) {
		const orderId = textField(session.client_reference_id);
		if (!orderId) return "missing_reference";
		const now = deps.now().toISOString();
		const moved = await deps.db
			.update(orders)
			.set({ status: to, updatedAt: now })
			.where(and(eq(orders.id, orderId), eq(orders.status, "PENDING")))
			.returning({ id: orders.id });
		return moved.length > 0 ? to.toLowerCase() : "unchanged";
	},
	async chargeChanged(deps, paymentIntentId, change) {
		const order = await deps.db.query.orders.findFirst({ columns: { id: true }, where: eq(orders.paymentIntentId, paymentIntentId) });
		return order ? applyChargeChange(deps, order.id, change) : null;
	},
	async checkout(db, reference) {
		const order = await db.query.orders.findFirst({ where: eq(orders.id, reference) });
		if (!order) return null;
		const items = await db.query.orderItems.findMany({ where: eq(orderItems.orderId, order.id) });
		return {
			email: order.email,
			lines: items.map((item) => ({ name: item.title, amountCents: item.priceCents, currency: item.currency })),
			closed: order.status === "EXPIRED" || order.status === "CANCELED",
		};
	},
};
