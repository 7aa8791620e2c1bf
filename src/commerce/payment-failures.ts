import type { Db } from "../db/client";
import { paymentFailures } from "../db/schema";
import { newId } from "../lib/ids";
import { log } from "../lib/log";

/** One failed payment attempt, as a provider reported it. */
export type PaymentFailure = {
	/** The payable's reference (`ord_…`, `cp_…`, `ptj_…`). */
	reference: string;
	provider: string;
	/** The provider's own id of the failure (event id, or payment id and failure time): a redelivery records nothing twice. */
	providerEventId: string;
	/** The provider's words for why (a card declined, the buyer closed the window, …). */
	reason: string;
};

// A provider's message can be long (a PG's full response); the admin only needs the gist.
const MAX_REASON_CHARS = 500;

/**
 * Records a payment failure once per provider event (`provider_event_id` is unique): providers
 * deliver events more than once and in any order. The admin's failure-rate alert reads this
 * table (failures / (failures + paid) over 24 h). Returns whether this call recorded it.
 */
export async function recordPaymentFailure(db: Db, failure: PaymentFailure, at: Date = new Date()): Promise<boolean> {
	const [stored] = await db
		.insert(paymentFailures)
		.values({
			id: newId("pfl"),
			reference: failure.reference,
			provider: failure.provider,
			providerEventId: failure.providerEventId,
			reason: failure.reason.slice(0, MAX_REASON_CHARS) || "unknown",
			createdAt: at.toISOString(),
		})
		.onConflictDoNothing({ target: paymentFailures.providerEventId })
		.returning({ id: paymentFailures.id });
	// The reason is the provider's text about the payment, not the buyer's data: safe to log.
	if (stored) log("info", "payment failure recorded", { reference: failure.reference, provider: failure.provider, reason: failure.reason.slice(0, 200) });
	return stored !== undefined;
}
