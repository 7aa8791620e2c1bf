import { and, eq } from "drizzle-orm";
import type { CommerceDeps } from "../commerce/deps";
import { orders, refundRequests } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { errorMessage, log } from "../lib/log";

type RefundRequestRow = typeof refundRequests.$inferSelect;
type OrderRow = typeof orders.$inferSelect;

/** A refund as the admin API shows it. */
export type RefundView = { id: string; status: string };

/** The request's stored statuses that mean the provider has not (knowingly) taken it yet: sending again is safe under the same key. */
const UNANSWERED = new Set(["requested", "failed"]);

/**
 * Refunds an order through its payment provider, once per refund request. `requestKey` names
 * the request (the API's `Idempotency-Key`, the dashboard form's own key): a retry with the same
 * key is answered from its first attempt, or sent again under the same provider idempotency key
 * when that attempt got no answer, so money moves once; the same key with another amount is
 * refused. Without a key every call is a new request, so two equal partial refunds both move
 * money (a key per intent and amount would have answered the second from the first).
 *
 * The order and its grants change when the provider's `charge.refunded` event arrives at the
 * webhook (the local provider sends it at once), so a refund made in Stripe's own dashboard
 * takes the very same path.
 */
export async function refundOrder(deps: CommerceDeps, orderId: string, amountCents?: number, requestKey?: string): Promise<RefundView> {
	const order = await deps.db.query.orders.findFirst({ where: eq(orders.id, orderId) });
	if (!order) throw new AppError(404, "NOT_FOUND", "No such order.");
	if (requestKey) {
		const earlier = await findRequest(deps, orderId, requestKey);
		if (earlier) return retryRequest(deps, order, earlier, amountCents);
	}
	if (!order.paymentIntentId || !["PAID", "FULFILLED", "DISPUTED"].includes(order.status)) {
		throw new AppError(409, "CONFLICT", `The order is ${order.status}: there is no payment to refund.`);
	}
	if (amountCents !== undefined && amountCents > order.amountCents) throw new AppError(400, "VALIDATION_FAILED", "amount_cents: more than the order's total");
	// The refund goes back through the provider that took the payment (409 if it is no longer configured).
	deps.paymentsNamed(order.provider);

	const now = deps.now().toISOString();
	const id = newId("rfq");
	const [created] = await deps.db
		.insert(refundRequests)
		.values({
			id,
			orderId,
			requestKey: requestKey ?? id,
			amountCents: amountCents ?? null,
			idempotencyKey: `refund-${id}`,
			status: "requested",
			createdAt: now,
			updatedAt: now,
		})
		.onConflictDoNothing()
		.returning();
	if (!created) {
		// The same request raced in: answer as its retry.
		const raced = requestKey ? await findRequest(deps, orderId, requestKey) : undefined;
		if (!raced) throw new Error(`refund request of order ${orderId} not stored`);
		return retryRequest(deps, order, raced, amountCents);
	}
	return sendRequest(deps, order, created);
}

function findRequest(deps: CommerceDeps, orderId: string, requestKey: string): Promise<RefundRequestRow | undefined> {
	return deps.db.query.refundRequests.findFirst({ where: and(eq(refundRequests.orderId, orderId), eq(refundRequests.requestKey, requestKey)) });
}

/** A request seen before: the same amount gets its first answer (or is sent again, same key); another amount is refused. */
async function retryRequest(deps: CommerceDeps, order: OrderRow, earlier: RefundRequestRow, amountCents: number | undefined): Promise<RefundView> {
	if (earlier.amountCents !== (amountCents ?? null)) {
		throw new AppError(409, "CONFLICT", "This refund request key was already used for another amount; use a new key for a new refund.");
	}
	if (earlier.providerRefundId && !UNANSWERED.has(earlier.status)) return { id: earlier.providerRefundId, status: earlier.status };
	return sendRequest(deps, order, earlier);
}

/** Sends a request to the provider under its stored idempotency key and records the answer. */
async function sendRequest(deps: CommerceDeps, order: OrderRow, request: RefundRequestRow): Promise<RefundView> {
	if (!order.paymentIntentId) throw new AppError(409, "CONFLICT", `The order is ${order.status}: there is no payment to refund.`);
	let refund: RefundView;
	try {
		refund = await deps
			.paymentsNamed(order.provider)
			.refund(order.paymentIntentId, { amountCents: request.amountCents ?? undefined, idempotencyKey: request.idempotencyKey });
	} catch (err) {
		await deps.db
			.update(refundRequests)
			.set({ status: "failed", lastError: errorMessage(err).slice(0, 500), updatedAt: deps.now().toISOString() })
			.where(eq(refundRequests.id, request.id));
		throw err;
	}
	await deps.db
		.update(refundRequests)
		.set({ status: refund.status, providerRefundId: refund.id, lastError: null, updatedAt: deps.now().toISOString() })
		.where(eq(refundRequests.id, request.id));
	log("info", "refund requested", {
		orderId: order.id,
		refundRequestId: request.id,
		refundId: refund.id,
		amountCents: request.amountCents ?? order.amountCents,
	});
	return refund;
}
