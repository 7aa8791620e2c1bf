import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { providerLookups } from "../db/schema";

/** The shortest time between two lookups of one checkout session at the payment provider. */
export const PROVIDER_LOOKUP_INTERVAL_MS = 10_000;

/**
 * Claims the right to ask the provider about a checkout session now: true for at most one
 * caller per {@link PROVIDER_LOOKUP_INTERVAL_MS}, whatever the number of concurrent page views.
 * One conditional upsert: the first lookup inserts the row, a later one moves `looked_up_at`
 * only when the last claim is old enough; every other caller gets false and does not ask.
 */
export async function claimProviderLookup(db: Db, checkoutSessionId: string, now: Date): Promise<boolean> {
	const claimedAt = now.toISOString();
	const staleBefore = new Date(now.getTime() - PROVIDER_LOOKUP_INTERVAL_MS).toISOString();
	const claimed = await db
		.insert(providerLookups)
		.values({ checkoutSessionId, lookedUpAt: claimedAt, paymentStatus: null })
		.onConflictDoUpdate({
			target: providerLookups.checkoutSessionId,
			set: { lookedUpAt: claimedAt, lookups: sql`${providerLookups.lookups} + 1` },
			setWhere: sql`${providerLookups.lookedUpAt} <= ${staleBefore}`,
		})
		.returning({ id: providerLookups.checkoutSessionId });
	return claimed.length > 0;
}

/** Records what the provider answered, for the record (the admin can see how often a session was asked about). */
export async function recordProviderAnswer(db: Db, checkoutSessionId: string, paymentStatus: string): Promise<void> {
	await db.update(providerLookups).set({ paymentStatus }).where(eq(providerLookups.checkoutSessionId, checkoutSessionId));
}
