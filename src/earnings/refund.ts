import { and, eq, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { isDuplicateMovement, movementStatements } from "../credits/ledger";
import type { Db } from "../db/client";
import { creditLedger, generations, users } from "../db/schema";
import { generationRefund } from "../generation/outcomes";
import { AppError } from "../lib/errors";
import { log } from "../lib/log";
import { notifyOnce } from "../notifications/notify";
import { earningId, earningReversalId } from "./share";

/** What refunding a completed generation did. */
export type GenerationRefund = {
	generation_id: string;
	refunded_at: string;
	/** Credits given back to the buyer (`refund:<generation>`). */
	refunded: number;
	/** The artist's share taken back (`earning_reversal:<generation>`), 0 when nothing was earned. */
	earning_reversed: number;
	/** The part of the share the artist had already spent or requested as a payout, left with them. */
	earning_shortfall: number;
};

/** The reference of an earning's reversal: the generation, and what could not be taken back when the artist had already used part of it. */
export function reversalReference(generationId: string, shortfall: number): string {
	return shortfall > 0 ? `${generationId};shortfall=${shortfall}` : generationId;
}

/**
 * The two statements that take an artist's share of `generationId` back, from both balances,
 * as far as the artist still has it: the amount is `min(share, earnings_balance, credit_balance)`
 * read INSIDE the batch, so it can never fail a balance CHECK (a failure would roll the buyer's
 * refund back with it) and no spend or payout can slip in between reading and taking. The
 * ledger row is written first (with the shortfall in its reference), then the balances move
 * by exactly its amount. With no earning row, both statements do nothing.
 */
function reversalStatements(db: Db, generationId: string, artistId: string, share: number, at: string): BatchItem<"sqlite">[] {
	const id = earningReversalId(generationId);
	const taken = sql`min(${share}, ${users.earningsBalance}, ${users.creditBalance})`;
	return [
		db.insert(creditLedger).select((qb) =>
			qb
				.select({
					id: sql<string>`${id}`.as("id"),
					userId: users.id,
					kind: sql<"earning_reversal">`'earning_reversal'`.as("kind"),
					amount: sql<number>`-${taken}`.as("amount"),
					balanceAfter: sql<number>`${users.creditBalance} - ${taken}`.as("balance_after"),
					reference:
						sql<string>`CASE WHEN ${taken} < ${share} THEN ${`${generationId};shortfall=`} || CAST(${share} - ${taken} AS INTEGER) ELSE ${generationId} END`.as(
							"reference",
						),
					createdAt: sql<string>`${at}`.as("created_at"),
				})
				.from(users)
				.where(eq(users.id, artistId)),
		),
		db
			.update(users)
			.set({
				creditBalance: sql`${users.creditBalance} + (SELECT amount FROM credit_ledger WHERE id = ${id})`,
				earningsBalance: sql`${users.earningsBalance} + (SELECT amount FROM credit_ledger WHERE id = ${id})`,
			})
			.where(and(eq(users.id, artistId), sql`EXISTS (SELECT 1 FROM credit_ledger WHERE id = ${id})`)),
	];
}

/**
 * An admin refunds a completed generation, exactly once: in ONE batch the generation is marked
 * `refunded_at` (which takes it out of the feed), the buyer gets its price back
 * (`refund:<generation>`), and the artist's share is taken back (`earning_reversal:<generation>`,
 * see {@link reversalStatements}). A second or concurrent refund fails that batch on the
 * ledger's primary key of `refund:<generation>`, changes nothing and answers `409 CONFLICT`.
 * Only completed generations: a failed one was refunded when it failed (`409 INVALID_STATE`),
 * an unknown id is `404 NOT_FOUND`. The buyer is told once (`credits_refunded`).
 */
export async function refundGeneration(db: Db, generationId: string, now: Date): Promise<GenerationRefund> {
	const generation = await db.query.generations.findFirst({ where: eq(generations.id, generationId) });
	if (!generation) throw new AppError(404, "NOT_FOUND", "No such generation.");
	if (generation.refundedAt) throw new AppError(409, "CONFLICT", "This generation was refunded already.");
	if (generation.status !== "completed")
		throw new AppError(409, "INVALID_STATE", "Only a completed generation can be refunded; a failed one was refunded when it failed.");
	const earning = await db.query.creditLedger.findFirst({ where: eq(creditLedger.id, earningId(generation.id)) });
	const at = now.toISOString();
	try {
		await db.batch([
			db
				.update(generations)
				.set({ refundedAt: at, updatedAt: at })
				.where(and(eq(generations.id, generation.id), eq(generations.status, "completed"), isNull(generations.refundedAt))),
			...movementStatements(db, generationRefund(generation, now)),
			...(earning && earning.amount > 0 ? reversalStatements(db, generation.id, earning.userId, earning.amount, at) : []),
		]);
	} catch (err) {
		if (isDuplicateMovement(err)) throw new AppError(409, "CONFLICT", "This generation was refunded already.");
		throw err;
	}
	const reversal = await db.query.creditLedger.findFirst({ where: eq(creditLedger.id, earningReversalId(generation.id)) });
	const reversed = reversal ? -reversal.amount : 0;
	const shortfall = earning ? earning.amount - reversed : 0;
	log("info", "generation refunded", { generationId: generation.id, userId: generation.userId, refunded: generation.costCredits, reversed, shortfall });
	await notifyOnce(db, {
		userId: generation.userId,
		kind: "credits_refunded",
		title: `${generation.costCredits} credits refunded`,
		body: "A generation of yours was refunded; its credits are back in your balance.",
		// `why` lets the wording tell an admin's refund from a failed generation's (account:notification.credits_refunded).
		params: { count: generation.costCredits, why: "admin_refund" },
		link: "/credits",
		dedupeKey: `credits_refunded:${generation.id}`,
		now,
	});
	return { generation_id: generation.id, refunded_at: at, refunded: generation.costCredits, earning_reversed: reversed, earning_shortfall: shortfall };
}
