import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { localCheckoutSessions, localRefunds } from "../../db/schema";
import { newId } from "../../lib/ids";
import type { CheckoutStatus, PaymentProvider } from "./types";

/** Delivers a Stripe-shaped event to the webhook, signed like Stripe would sign it. */
export type EventSink = (event: { id: string; type: string; created: number; data: { object: Record<string, unknown> } }) => Promise<void>;

/**
 * The offline payment provider: checkout sessions live in D1 and are paid on a local page whose
 * button sends `checkout.session.completed` through the very webhook Stripe would call.
 */
export function localProvider(db: Db, baseUrl: string, now: () => Date, emit: EventSink): PaymentProvider {
	const status = (row: typeof localCheckoutSessions.$inferSelect): CheckoutStatus => ({
		id: row.id,
		clientReferenceId: row.orderId,
		paymentStatus: row.status === "complete" ? "paid" : "unpaid",
		status: row.status,
		paymentIntentId: row.status === "complete" ? row.paymentIntentId : null,
	});
	return {
		name: "local",
		async createCheckout(request) {
			const existing = await db.query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.orderId, request.orderId) });
			const id = existing?.id ?? newId("cs_local");
			if (!existing) {
				await db.insert(localCheckoutSessions).values({
					id,
					orderId: request.orderId,
					paymentIntentId: newId("pi_local"),
					amountCents: request.lines.reduce((sum, line) => sum + line.amountCents, 0),
					currency: request.lines[0]?.currency ?? "usd",
					status: "open",
					successUrl: request.successUrl.replace("{CHECKOUT_SESSION_ID}", id),
					cancelUrl: request.cancelUrl,
					createdAt: now().toISOString(),
				});
			}
			return { id, url: `${baseUrl}/local-pay/${id}` };
		},
		async retrieveCheckout(sessionId) {
			const row = await db.query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.id, sessionId) });
			if (!row) throw new Error(`no such local checkout session ${sessionId}`);
			return status(row);
		},
		async refund(paymentIntentId, { amountCents, idempotencyKey }) {
			const row = await db.query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.paymentIntentId, paymentIntentId) });
			if (row?.status !== "complete") throw new Error(`no paid local payment ${paymentIntentId}`);
			// The key is claimed before any money moves, so a retry (even a concurrent one) answers
			// with the first refund, as Stripe does; the same key with other parameters is refused.
			const refundId = newId("re_local");
			const [claimed] = await db
				.insert(localRefunds)
				.values({ idempotencyKey, id: refundId, paymentIntentId, amountCents: amountCents ?? null, createdAt: now().toISOString() })
				.onConflictDoNothing()
				.returning();
			if (!claimed) {
				const earlier = await db.query.localRefunds.findFirst({ where: eq(localRefunds.idempotencyKey, idempotencyKey) });
				if (earlier?.paymentIntentId !== paymentIntentId || earlier.amountCents !== (amountCents ?? null))
					throw new Error(`Keys for idempotent requests can only be used with the same parameters they were first used with (${idempotencyKey}).`);
				return { id: earlier.id, status: "succeeded" };
			}
			const left = row.amountCents - row.refundedCents;
			const amount = amountCents ?? left;
			// Conditional on what is left, so two refunds racing can never give back more than was paid.
			const [moved] =
				left > 0 && amount <= left
					? await db
							.update(localCheckoutSessions)
							.set({ refundedCents: sql`${localCheckoutSessions.refundedCents} + ${amount}` })
							.where(and(eq(localCheckoutSessions.id, row.id), sql`${localCheckoutSessions.refundedCents} + ${amount} <= ${localCheckoutSessions.amountCents}`))
							.returning({ refunded: localCheckoutSessions.refundedCents })
					: [];
			if (!moved) {
				// Nothing moved: the key may be used again, as Stripe lets a refused request be retried.
				await db.delete(localRefunds).where(eq(localRefunds.idempotencyKey, idempotencyKey));
				throw new Error(
					left <= 0 ? `payment ${paymentIntentId} has already been refunded` : `refund of ${amount} is more than what is left of ${paymentIntentId}`,
				);
			}
			const refunded = moved.refunded;
			// Stripe tells the webhook about a refund with charge.refunded; so does the local provider.
			await emit({
				id: newId("evt_local"),
				type: "charge.refunded",
				created: Math.floor(now().getTime() / 1000),
				data: {
					object: {
						id: newId("ch_local"),
						object: "charge",
						payment_intent: paymentIntentId,
						amount: row.amountCents,
						amount_refunded: refunded,
						refunded: refunded >= row.amountCents,
						currency: row.currency,
					},
				},
			});
			return { id: refundId, status: "succeeded" };
		},
	};
}

/** The event the local pay button sends: a paid `checkout.session.completed`, as Stripe shapes it. */
export function localCheckoutCompletedEvent(row: typeof localCheckoutSessions.$inferSelect, email: string, at: Date) {
	return {
		id: newId("evt_local"),
		object: "event",
		type: "checkout.session.completed",
		created: Math.floor(at.getTime() / 1000),
		livemode: false,
		data: {
			object: {
				id: row.id,
				object: "checkout.session",
				client_reference_id: row.orderId,
				customer_email: email,
				amount_total: row.amountCents,
				currency: row.currency,
				mode: "payment",
				payment_status: "paid",
				status: "complete",
				payment_intent: row.paymentIntentId,
			},
		},
	};
}
