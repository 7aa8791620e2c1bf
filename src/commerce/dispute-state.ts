import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { paymentDisputes } from "../db/schema";
import type { ChargeChange } from "./payables";

/**
 * Stripe's dispute statuses in the order a dispute goes through them. An inquiry
 * (`warning_*`) can close without a chargeback (`warning_closed`); a chargeback ends `won` or
 * `lost`; `prevented` means it never became one. Any other value counts as open: access stays
 * suspended until a known status says otherwise.
 */
const OPEN_RANK: Record<string, number> = { warning_needs_response: 1, warning_under_review: 2, needs_response: 3, under_review: 4 };
const ENDED_FOR_US = new Set(["warning_closed", "won", "prevented"]);
const CLOSED_RANK = 10;

/** How far along its life a dispute status is: breaks a tie between two snapshots of the same second. */
export function disputeStatusRank(status: string): number {
	return ENDED_FOR_US.has(status) || status === "lost" ? CLOSED_RANK : (OPEN_RANK[status] ?? 0);
}

/** What a payment's dispute in `status` means for what was bought: suspended while open, restored once it ended without a chargeback, revoked when lost. */
export function disputeChange(status: string): ChargeChange {
	if (status === "lost") return "dispute_lost";
	return ENDED_FOR_US.has(status) ? "dispute_won" : "dispute_opened";
}

/** One dispute event's snapshot of the dispute. */
export type DisputeSnapshot = { paymentIntentId: string; disputeId: string; status: string; eventId: string; eventCreated: number };

/**
 * Records a dispute snapshot unless a newer one of the payment's dispute is known, and returns
 * the status to act on; null when the snapshot is stale. Stripe does not deliver events in the
 * order it made them, and an event's `data.object` is the dispute as it was when the event was
 * made, so snapshots are ordered by the event's `created` (a closed status outranks an open one
 * of the same second). One conditional upsert: two deliveries racing leave the newer one.
 */
export async function recordDisputeSnapshot(db: Db, snapshot: DisputeSnapshot, now: Date): Promise<string | null> {
	const rank = disputeStatusRank(snapshot.status);
	const [stored] = await db
		.insert(paymentDisputes)
		.values({
			paymentIntentId: snapshot.paymentIntentId,
			disputeId: snapshot.disputeId,
			status: snapshot.status,
			statusAt: snapshot.eventCreated,
			statusRank: rank,
			eventId: snapshot.eventId,
			updatedAt: now.toISOString(),
		})
		.onConflictDoUpdate({
			target: paymentDisputes.paymentIntentId,
			set: {
				disputeId: snapshot.disputeId,
				status: snapshot.status,
				statusAt: snapshot.eventCreated,
				statusRank: rank,
				eventId: snapshot.eventId,
				updatedAt: now.toISOString(),
			},
			// The same snapshot again (a redelivery, a replay) is not stale: it is applied again, idempotently.
			setWhere: sql`(${snapshot.eventCreated}, ${rank}) >= (${paymentDisputes.statusAt}, ${paymentDisputes.statusRank})`,
		})
		.returning({ status: paymentDisputes.status });
	return stored?.status ?? null;
}
