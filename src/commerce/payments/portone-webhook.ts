import { eq } from "drizzle-orm";
import { z } from "zod";
import { paymentEvents } from "../../db/schema";
import { verifyWebhook, type WebhookHeaders } from "../../gpu/webhook-verify";
import { AppError } from "../../lib/errors";
import { log } from "../../lib/log";
import type { CommerceDeps } from "../deps";
import { recordPaymentFailure } from "../payment-failures";
import {
	chargeMatches,
	closeUnpaidSession,
	expectedCharge,
	paymentAttemptFailed,
	processChargeChange,
	settlePaidSession,
	type WebhookResult,
} from "../webhook";
import { portoneReference, wasPaid } from "./portone";
import type { PortOnePayment } from "./portone-api";

/**
 * The body of a PortOne V2 webhook (version 2024-04-25): a type (`Transaction.Paid`,
 * `Transaction.Failed`, `Transaction.Cancelled`, `Transaction.PartialCancelled`, …) and the
 * payment's id. Only the id is used: the payment's state is always read back from PortOne.
 */
const WebhookBody = z.object({
	type: z.string().min(1).max(100),
	timestamp: z.string().optional(),
	data: z.object({ paymentId: z.string().min(1).max(200).optional(), storeId: z.string().optional() }).passthrough(),
});

/** Payment events of PortOne share the `payment_events` table with Stripe's: the prefix keeps their ids apart. */
const EVENT_ID_PREFIX = "portone:";

/**
 * `POST /webhooks/portone`: verifies the Standard Webhooks signature (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`, HMAC-SHA256 with PORTONE_WEBHOOK_SECRET, timestamp
 * within 300 s either way) on the raw body, stores the delivery once by its `webhook-id`, then
 * re-reads the payment from PortOne and applies what PortOne says, never what the body says.
 * A delivery already processed is a duplicate and changes nothing.
 */
export async function receivePortoneWebhook(deps: CommerceDeps, rawBody: string, headers: WebhookHeaders): Promise<WebhookResult> {
	const portone = deps.portone;
	if (!portone) throw new AppError(404, "NOT_FOUND", "PortOne is not configured on this deployment.");
	const now = deps.now();
	const verdict = await verifyWebhook(portone.settings.webhookSecret, headers, rawBody, Math.floor(now.getTime() / 1000));
	if (!verdict.ok)
		throw new AppError(
			400,
			"WEBHOOK_SIGNATURE_INVALID",
			"The webhook-signature header does not match this body, or its timestamp is outside the allowed window.",
		);
	let json: unknown;
	try {
		json = JSON.parse(rawBody);
	} catch {
		throw new AppError(400, "VALIDATION_FAILED", "The webhook body is not JSON.");
	}
	const body = WebhookBody.safeParse(json);
	if (!body.success) throw new AppError(400, "VALIDATION_FAILED", "The webhook body is not a PortOne webhook.");

	const eventId = `${EVENT_ID_PREFIX}${verdict.id}`;
	const paymentId = body.data.data.paymentId ?? null;
	await deps.db
		.insert(paymentEvents)
		.values({
			id: eventId,
			type: `portone.${body.data.type}`,
			orderId: paymentId ? portoneReference(paymentId) : null,
			checkoutSessionId: paymentId,
			paymentIntentId: paymentId,
			payload: rawBody,
			receivedAt: now.toISOString(),
		})
		.onConflictDoNothing();
	const stored = await deps.db.query.paymentEvents.findFirst({ where: eq(paymentEvents.id, eventId) });
	if (stored?.processedAt) return { eventId, duplicate: true, outcome: stored.outcome ?? "processed" };

	const outcome = paymentId ? await reconcilePortonePayment(deps, paymentId) : "ignored";
	await deps.db.update(paymentEvents).set({ processedAt: deps.now().toISOString(), outcome }).where(eq(paymentEvents.id, eventId));
	log("info", "payment event processed", { eventId, type: body.data.type, outcome });
	return { eventId, duplicate: false, outcome };
}

/**
 * Brings a payable in line with its PortOne payment as PortOne reports it now. Because every
 * delivery re-reads the whole state, deliveries in any order and any number end in the same
 * place: a paid payment is settled once (after its amount and currency are checked against the
 * payable), a cancelled one is settled and then refunded in full or in part, a failed one is
 * recorded once per failure. Returns the outcome.
 */
export async function reconcilePortonePayment(deps: CommerceDeps, paymentId: string): Promise<string> {
	const portone = deps.portone;
	if (!portone) return "portone_not_configured";
	const reference = portoneReference(paymentId);
	if (!reference || !deps.payables.forReference(reference)) return "unknown_reference";
	const payment = await portone.getPayment(paymentId);
	if (!payment) return "payment_not_found";
	if (payment.storeId !== undefined && payment.storeId !== portone.settings.storeId) return "foreign_store";
	const session = { id: paymentId, client_reference_id: reference, payment_intent: paymentId };

	if (wasPaid(payment)) {
		const expected = await expectedCharge(deps, reference);
		if (!expected || !chargeMatches(expected, { amount: payment.amount.total, currency: payment.currency })) {
			// Pre-registration makes this unreachable through PortOne's window; if it happens, nobody is served for it.
			log("error", "paid amount differs from the payable", { paymentId, reference, status: payment.status });
			return "amount_mismatch";
		}
		const paid = await settlePaidSession(deps, session);
		if (payment.status === "PAID") return paid;
		const change = await processChargeChange(deps, paymentId, payment.status === "CANCELLED" ? "refunded" : "partially_refunded");
		return `${paid}; ${change}`;
	}
	switch (payment.status) {
		case "FAILED":
			return recordFailure(deps, reference, paymentId, payment);
		case "CANCELLED":
			// Cancelled before it was ever paid (an issued virtual account withdrawn): the checkout is over.
			return closeUnpaidSession(deps, session, "CANCELED");
		default:
			return "awaiting_payment";
	}
}

/**
 * A failed attempt, once per failure: the buyer may try again under the same payment id, and a
 * later failure has its own time. The payable stays open for that retry; it expires as usual
 * (a credit purchase shows `failed` meanwhile).
 */
async function recordFailure(deps: CommerceDeps, reference: string, paymentId: string, payment: PortOnePayment): Promise<string> {
	const failure = payment.failure;
	const reason = [failure?.reason, failure?.pgMessage && failure.pgMessage !== failure.reason ? failure.pgMessage : undefined].filter(Boolean).join(" / ");
	const recorded = await recordPaymentFailure(
		deps.db,
		{
			reference,
			provider: "portone",
			providerEventId: `portone:${paymentId}:${payment.failedAt ?? payment.statusChangedAt ?? "failed"}`,
			reason: reason || "The payment failed.",
		},
		deps.now(),
	);
	// A credit purchase becomes `failed` (PAYMENT_FAILED to its buyer); a later successful try still pays it.
	await paymentAttemptFailed(deps, reference);
	return recorded ? "failure_recorded" : "failure_already_recorded";
}
