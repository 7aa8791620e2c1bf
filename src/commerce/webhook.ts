import { and, asc, eq } from "drizzle-orm";
import { type orders, paymentEvents } from "../db/schema";
import { AppError } from "../lib/errors";
import { log } from "../lib/log";
import type { CommerceDeps } from "./deps";
import { disputeChange, recordDisputeSnapshot } from "./dispute-state";
import { fulfil } from "./fulfil";
import { type ChargeChange, type CheckoutSessionObject, textField } from "./payables";
import { recordPaymentFailure } from "./payment-failures";
import { type StripeEventLike, verifyStripeEvent } from "./payments/stripe";
import { claimProviderLookup, recordProviderAnswer } from "./provider-lookups";

/** What the webhook did with an event. */
export type WebhookResult = { eventId: string; duplicate: boolean; outcome: string };

/** The outcome of a refund or dispute whose payment is not known yet: replayed once the payment lands. */
const PAYMENT_NOT_SEEN = "order_not_found";

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
	const paymentIntentId = textField(object.payment_intent);
	await deps.db
		.insert(paymentEvents)
		.values({
			id: event.id,
			type: event.type,
			orderId: isCheckout ? textField(object.client_reference_id) : null,
			checkoutSessionId: isCheckout ? textField(object.id) : null,
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
			return object.payment_status === "paid" ? settlePaidSession(deps, object) : "awaiting_payment";
		case "checkout.session.async_payment_succeeded":
			return settlePaidSession(deps, object);
		case "checkout.session.async_payment_failed":
			await recordStripeFailure(deps, event, textField(object.client_reference_id), "The delayed payment (bank debit or transfer) failed.");
			return closeUnpaidSession(deps, object, "CANCELED");
		case "payment_intent.payment_failed":
			return recordPaymentIntentFailure(deps, event);
		case "checkout.session.expired":
			return closeUnpaidSession(deps, object, "EXPIRED");
		case "charge.refunded":
			return processChargeChange(deps, textField(object.payment_intent), object.refunded === true ? "refunded" : "partially_refunded");
		case "charge.dispute.created":
		case "charge.dispute.updated":
		case "charge.dispute.closed":
			return processDisputeEvent(deps, event);
		case "invoice.paid":
		case "customer.subscription.deleted":
			return processSubscriptionEvent(deps, event);
		default:
			return "ignored";
	}
}

/**
 * A dispute event: its snapshot of the dispute is recorded unless a newer one is known (then the
 * event is stale and changes nothing), and the payment's dispute status as now known is applied:
 * open suspends, ended without a chargeback (`won`, an inquiry's `warning_closed`) restores,
 * `lost` revokes. Whatever order the events arrive in, the dispute's last state wins.
 */
async function processDisputeEvent(deps: CommerceDeps, event: StripeEventLike): Promise<string> {
	const object = event.data.object;
	const paymentIntentId = textField(object.payment_intent);
	if (!paymentIntentId) return PAYMENT_NOT_SEEN;
	const status = await recordDisputeSnapshot(
		deps.db,
		{
			paymentIntentId,
			disputeId: textField(object.id) ?? "unknown",
			// A dispute event without a status (none Stripe sends) is taken as open: access stays suspended.
			status: textField(object.status) ?? "unknown",
			eventId: event.id,
			eventCreated: event.created,
		},
		deps.now(),
	);
	if (status === null) return "stale_dispute_event";
	return processChargeChange(deps, paymentIntentId, disputeChange(status));
}

/** A subscription's renewal or end, for the payable that sold the subscription; `ignored` when none did. */
async function processSubscriptionEvent(deps: CommerceDeps, event: StripeEventLike): Promise<string> {
	for (const payable of deps.payables.all()) {
		const outcome = await payable.subscriptionEvent?.(deps, event.type, event.data.object);
		if (outcome != null) return outcome;
	}
	return "ignored";
}

/** The reference a payment intent's failure is for: the `order_id` metadata the checkout puts on the intent. */
function intentReference(intent: Record<string, unknown>): string | null {
	const metadata = intent.metadata;
	return typeof metadata === "object" && metadata !== null ? textField((metadata as Record<string, unknown>).order_id) : null;
}

/** A card declined (or any failed attempt) on a payment intent: recorded with Stripe's message; the checkout stays open for another try. */
async function recordPaymentIntentFailure(deps: CommerceDeps, event: StripeEventLike): Promise<string> {
	const object = event.data.object;
	const lastError = object.last_payment_error;
	const message = typeof lastError === "object" && lastError !== null ? textField((lastError as Record<string, unknown>).message) : null;
	return (await recordStripeFailure(deps, event, intentReference(object), message ?? "The payment failed.")) ? "failure_recorded" : "failure_not_recorded";
}

/** Records a Stripe failure event once (by its event id) for the admin's failure rate, and tells the payable; false without a reference. */
async function recordStripeFailure(deps: CommerceDeps, event: StripeEventLike, reference: string | null, reason: string): Promise<boolean> {
	if (!reference) return false;
	await recordPaymentFailure(deps.db, { reference, provider: "stripe", providerEventId: event.id, reason }, deps.now());
	await paymentAttemptFailed(deps, reference);
	return true;
}

/**
 * An attempt to pay `reference` failed: the payable that cares (a credit purchase becomes
 * `failed`, PAYMENT_FAILED to its buyer) is told; the outcome, or null when no payable has a
 * use for it (orders and portrait jobs stay open until they expire).
 */
export async function paymentAttemptFailed(deps: CommerceDeps, reference: string): Promise<string | null> {
	const payable = deps.payables.forReference(reference);
	return payable?.failed ? payable.failed(deps, reference) : null;
}

/**
 * Applies a refund or dispute to what the payment bought, through the payable that knows the
 * payment. When none does yet, the event waits (`order_not_found`) for its payment to be seen.
 */
export async function processChargeChange(deps: CommerceDeps, paymentIntentId: string | null, change: ChargeChange): Promise<string> {
	if (!paymentIntentId) return PAYMENT_NOT_SEEN;
	for (const payable of deps.payables.all()) {
		const outcome = await payable.chargeChanged(deps, paymentIntentId, change);
		if (outcome !== null) return outcome;
	}
	return PAYMENT_NOT_SEEN;
}

/**
 * A paid checkout session: its payable (found by the session's `client_reference_id`) records
 * the payment and delivers, then the refunds and disputes that arrived before the payment are
 * processed after all.
 */
export async function settlePaidSession(deps: CommerceDeps, session: CheckoutSessionObject): Promise<string> {
	const reference = textField(session.client_reference_id);
	if (!reference) return "missing_reference";
	const payable = deps.payables.forReference(reference);
	if (!payable) return "unknown_reference";
	const outcome = await payable.paid(deps, session);
	await replayEarlierEvents(deps, textField(session.payment_intent));
	return outcome;
}

/**
 * Events can arrive out of order: a refund or dispute seen before the payment found nothing.
 * Once the payment ties its payable to the payment intent, those events are processed after
 * all; one that still finds nothing keeps waiting.
 */
async function replayEarlierEvents(deps: CommerceDeps, paymentIntentId: string | null): Promise<void> {
	if (!paymentIntentId) return;
	const waiting = await deps.db.query.paymentEvents.findMany({
		where: and(eq(paymentEvents.paymentIntentId, paymentIntentId), eq(paymentEvents.outcome, PAYMENT_NOT_SEEN)),
		orderBy: asc(paymentEvents.receivedAt),
	});
	for (const stored of waiting) {
		const outcome = await processEvent(deps, JSON.parse(stored.payload) as StripeEventLike);
		if (outcome === PAYMENT_NOT_SEEN) continue;
		await deps.db
			.update(paymentEvents)
			.set({ processedAt: deps.now().toISOString(), outcome: `${outcome} (replayed)` })
			.where(eq(paymentEvents.id, stored.id));
	}
}

export async function closeUnpaidSession(deps: CommerceDeps, session: CheckoutSessionObject, to: "CANCELED" | "EXPIRED"): Promise<string> {
	const reference = textField(session.client_reference_id);
	if (!reference) return "missing_reference";
	const payable = deps.payables.forReference(reference);
	return payable ? payable.closed(deps, session, to) : "unknown_reference";
}

/**
 * The return page's path to delivery: if the provider says the checkout session is paid, it is
 * settled through the same code as the webhook (which may simply not have arrived yet).
 * The provider is asked at most once per 10 s per session (src/commerce/provider-lookups.ts):
 * page views in between answer from what is stored, so reloads cannot exhaust the provider
 * account's rate limit. `provider` is the one the payment was started with (stored with it;
 * default the configured one). A provider that reports the charged amount (PortOne) must
 * report the payable's own amount and currency. Returns the outcome, or null when the session
 * is not (known to be) paid.
 */
export async function confirmPaidCheckout(deps: CommerceDeps, checkoutSessionId: string, provider?: string): Promise<string | null> {
	if (!(await claimProviderLookup(deps.db, checkoutSessionId, deps.now()))) return null;
	const session = await (provider ? deps.paymentsNamed(provider) : deps.payments).retrieveCheckout(checkoutSessionId);
	await recordProviderAnswer(deps.db, checkoutSessionId, session.paymentStatus);
	if (session.paymentStatus !== "paid") {
		// The provider may already say the attempt failed (PortOne): the buyer hears it now, not at expiry.
		return session.failure && session.clientReferenceId ? paymentAttemptFailed(deps, session.clientReferenceId) : null;
	}
	if (session.amountTotal !== undefined && session.clientReferenceId) {
		const expected = await expectedCharge(deps, session.clientReferenceId);
		if (!expected || !chargeMatches(expected, { amount: session.amountTotal, currency: session.currency ?? "" })) {
			log("error", "paid amount differs from the payable", { checkoutSessionId, reference: session.clientReferenceId });
			return "amount_mismatch";
		}
	}
	return settlePaidSession(deps, { id: session.id, client_reference_id: session.clientReferenceId, payment_intent: session.paymentIntentId });
}

/** What a payable should be charged: the total and currency of its checkout lines; null when the reference is unknown. */
export async function expectedCharge(deps: CommerceDeps, reference: string): Promise<{ amount: number; currency: string } | null> {
	const checkout = await deps.payables.forReference(reference)?.checkout(deps.db, reference);
	if (!checkout || checkout.lines.length === 0) return null;
	return { amount: checkout.lines.reduce((sum, line) => sum + line.amountCents, 0), currency: checkout.lines[0]?.currency ?? "" };
}

/** Whether a provider's charge is the expected one (currencies compared without case: PortOne writes `KRW`). */
export function chargeMatches(expected: { amount: number; currency: string }, charged: { amount: number; currency: string }): boolean {
	return expected.amount === charged.amount && expected.currency.toLowerCase() === charged.currency.toLowerCase();
}

/**
 * The order page's path to fulfilment: a PAID order is fulfilled (if a crash stopped it), a
 * PENDING one is confirmed with the provider. Returns the outcome, or null when there was
 * nothing to do.
 */
export async function confirmCheckout(deps: CommerceDeps, order: typeof orders.$inferSelect): Promise<string | null> {
	if (!order.checkoutSessionId) return null;
	if (order.status === "PAID") return (await fulfil(deps, order.id)) ? "fulfilled" : null;
	if (order.status !== "PENDING") return null;
	return confirmPaidCheckout(deps, order.checkoutSessionId, order.provider);
}
