import { and, asc, eq, inArray } from "drizzle-orm";
import { closeCreditPurchase, isCreditPurchaseId, settleCreditPurchase } from "../credits/purchase";
import { applyChargeChangeToPurchase, type ChargeChange, creditPurchaseByPaymentIntent } from "../credits/reversal";
import { orders, paymentEvents } from "../db/schema";
import { AppError } from "../lib/errors";
import { log } from "../lib/log";
import type { CommerceDeps } from "./deps";
import { fulfil } from "./fulfil";
import { moveOrderAccess } from "./grant-status";
import { type StripeEventLike, verifyStripeEvent } from "./payments/stripe";

/** What the webhook did with an event. */
export type WebhookResult = { eventId: string; duplicate: boolean; outcome: string };

const str = (value: unknown): string | null => (typeof value === "string" && value.length > 0 ? value : null);

/**
 * The payment webhook: verify the signature on the raw body (timestamp within 300 s either
 * way), store the event once, then process it. A stored event that was processed already is a
 * duplicate and changes nothing; one whose processing never finished is processed again.
 */
export async function receiveStripeWebhook(deps: CommerceDeps, rawBody: string, signature: string | null): Promise<WebhookResult> {
	const now = deps.now();
	const event = await verifyStripeEvent(rawBody, signature, deps.webhookSecret, Math.floor(now.getTime() / 1000));
	if (!event)
		throw new AppError(
			400,
			"WEBHOOK_SIGNATURE_INVALID",
			"The Stripe-Signature header does not match this body, or its timestamp is outside the allowed window.",
		);

	const object = event.data.object;
	const isCheckout = event.type.startsWith("checkout.session.");
	const paymentIntentId = str(object.payment_intent);
	await deps.db
		.insert(paymentEvents)
		.values({
			id: event.id,
			type: event.type,
			orderId: isCheckout ? str(object.client_reference_id) : null,
			checkoutSessionId: isCheckout ? str(object.id) : null,
			paymentIntentId,
			payload: rawBody,
			receivedAt: now.toISOString(),
		})
		.onConflictDoNothing();
	const stored = await deps.db.query.paymentEvents.findFirst({ where: eq(paymentEvents.id, event.id) });
	if (stored?.processedAt) return { eventId: event.id, duplicate: true, outcome: stored.outcome ?? "processed" };

	const outcome = await processEvent(deps, event);
	await deps.db.update(paymentEvents).set({ processedAt: deps.now().toISOString(), outcome }).where(eq(paymentEvents.id, event.id));
	log("info", "payment event processed", { eventId: event.id, type: event.type, outcome });
	return { eventId: event.id, duplicate: false, outcome };
}

async function processEvent(deps: CommerceDeps, event: StripeEventLike): Promise<string> {
	const object = event.data.object;
	switch (event.type) {
		case "checkout.session.completed":
			return object.payment_status === "paid" ? markPaidAndFulfil(deps, object) : "awaiting_payment";
		case "checkout.session.async_payment_succeeded":
			return markPaidAndFulfil(deps, object);
		case "checkout.session.async_payment_failed":
			return closeUnpaid(deps, object, "CANCELED");
		case "checkout.session.expired":
			return closeUnpaid(deps, object, "EXPIRED");
		case "charge.refunded":
		case "charge.dispute.created":
		case "charge.dispute.closed":
			return processChargeChange(deps, str(object.payment_intent), chargeChangeOf(event.type, object));
		default:
			return "ignored";
	}
}

/** What a `charge.*` event says happened to the payment. */
function chargeChangeOf(type: string, object: Record<string, unknown>): ChargeChange {
	if (type === "charge.refunded") return object.refunded === true ? "refunded" : "partially_refunded";
	if (type === "charge.dispute.created") return "dispute_opened";
	return object.status === "won" ? "dispute_won" : object.status === "lost" ? "dispute_lost" : "dispute_closed";
}

/**
 * Applies a refund or dispute to what the payment bought: a credit purchase's credits
 * (src/credits/reversal.ts) or an order's downloads. A full refund revokes the files (a partial
 * one keeps them), a dispute suspends them until it is won (restored) or lost (revoked).
 * `order_not_found` marks the event for replay once its payment is seen.
 */
async function processChargeChange(deps: CommerceDeps, paymentIntentId: string | null, change: ChargeChange): Promise<string> {
	const purchase = await creditPurchaseByPaymentIntent(deps.db, paymentIntentId);
	if (purchase) return applyChargeChangeToPurchase(deps, purchase, change);
	const order = paymentIntentId ? await deps.db.query.orders.findFirst({ where: eq(orders.paymentIntentId, paymentIntentId) }) : undefined;
	if (!order) return "order_not_found";
	switch (change) {
		case "partially_refunded":
			return "partial_refund_recorded";
		case "refunded":
			return (await moveOrderAccess(deps, order.id, "revoke")) ? "revoked" : "already_revoked";
		case "dispute_opened":
			return (await moveOrderAccess(deps, order.id, "suspend")) ? "suspended" : "unchanged";
		case "dispute_won":
			return (await moveOrderAccess(deps, order.id, "restore")) ? "restored" : "unchanged";
		case "dispute_lost":
			return (await moveOrderAccess(deps, order.id, "revoke")) ? "revoked" : "unchanged";
		case "dispute_closed":
			return "unchanged";
	}
}

/**
 * Marks the order of a paid checkout session PAID (only if the session is the one stored on
 * the order) and fulfils it. Fulfilment is keyed on the session: a second event for a session
 * already fulfilled finds nothing left to do.
 */
async function markPaidAndFulfil(deps: CommerceDeps, session: Record<string, unknown>): Promise<string> {
	const orderId = str(session.client_reference_id);
	const sessionId = str(session.id);
	// Credit packages are paid through the same checkout; their purchase id stands for the order id.
	if (isCreditPurchaseId(orderId)) {
		const credited = await settleCreditPurchase(deps, session);
		await replayEarlierEvents(deps, str(session.payment_intent));
		return credited;
	}
	if (!orderId || !sessionId) return "missing_reference";
	const order = await deps.db.query.orders.findFirst({ where: eq(orders.id, orderId) });
	if (!order) return "order_not_found";
	if (order.checkoutSessionId !== sessionId) return "session_mismatch";
	const now = deps.now().toISOString();
	await deps.db
		.update(orders)
		// A payment that lands after the order expired is still the buyer's money: honour it.
		.set({ status: "PAID", paidAt: now, paymentIntentId: str(session.payment_intent) ?? order.paymentIntentId, updatedAt: now })
		.where(and(eq(orders.id, orderId), eq(orders.checkoutSessionId, sessionId), inArray(orders.status, ["PENDING", "EXPIRED", "CANCELED"])));
	const fulfilled = await fulfil(deps, orderId);
	await replayEarlierEvents(deps, str(session.payment_intent));
	return fulfilled ? "fulfilled" : "already_fulfilled";
}

/**
 * Events can arrive out of order: a refund or dispute seen before the payment found no order.
 * Once the payment ties the order to its payment intent, those events are processed after all.
 */
async function replayEarlierEvents(deps: CommerceDeps, paymentIntentId: string | null): Promise<void> {
	if (!paymentIntentId) return;
	const waiting = await deps.db.query.paymentEvents.findMany({
		where: and(eq(paymentEvents.paymentIntentId, paymentIntentId), eq(paymentEvents.outcome, "order_not_found")),
		orderBy: asc(paymentEvents.receivedAt),
	});
	for (const stored of waiting) {
		const outcome = await processEvent(deps, JSON.parse(stored.payload) as StripeEventLike);
		await deps.db
			.update(paymentEvents)
			.set({ processedAt: deps.now().toISOString(), outcome: `${outcome} (replayed)` })
			.where(eq(paymentEvents.id, stored.id));
	}
}

async function closeUnpaid(deps: CommerceDeps, session: Record<string, unknown>, to: "CANCELED" | "EXPIRED"): Promise<string> {
	const orderId = str(session.client_reference_id);
	if (isCreditPurchaseId(orderId)) return closeCreditPurchase(deps, session);
	if (!orderId) return "missing_reference";
	const now = deps.now().toISOString();
	const moved = await deps.db
		.update(orders)
		.set({ status: to, updatedAt: now })
		.where(and(eq(orders.id, orderId), eq(orders.status, "PENDING")))
		.returning({ id: orders.id });
	return moved.length > 0 ? to.toLowerCase() : "unchanged";
}

/**
 * The thank-you page's path to fulfilment: if the provider says the order's checkout session
 * is paid, the order is marked paid and fulfilled through the same code as the webhook (which
 * may simply not have arrived yet). Returns the outcome, or null when there was nothing to do.
 */
export async function confirmCheckout(deps: CommerceDeps, order: typeof orders.$inferSelect): Promise<string | null> {
	if (!order.checkoutSessionId) return null;
	if (order.status === "PAID") return (await fulfil(deps, order.id)) ? "fulfilled" : null;
	if (order.status !== "PENDING") return null;
	const session = await deps.payments.retrieveCheckout(order.checkoutSessionId);
	if (session.paymentStatus !== "paid") return null;
	return markPaidAndFulfil(deps, { id: session.id, client_reference_id: session.clientReferenceId, payment_intent: session.paymentIntentId });
}
