import { and, desc, eq, sql } from "drizzle-orm";
import type { AppConfig } from "../config/settings";
import { isDuplicateMovement, isOverdraft } from "../credits/ledger";
import type { Db } from "../db/client";
import { payoutRequests } from "../db/community-schema";
import { creditLedger, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { log } from "../lib/log";
import type { PayoutStatus } from "../shared/community";
import { earnedMovementStatements } from "./movements";

export type PayoutRow = typeof payoutRequests.$inferSelect;

/** A payout request as the API shows it: credits and their money value in minor units of `currency` (KRW has none). */
export type PayoutView = {
	id: string;
	credits: number;
	amount_cents: number;
	currency: string;
	status: PayoutStatus;
	created_at: string;
	decided_at: string | null;
};

export function payoutView(row: PayoutRow): PayoutView {
	return {
		id: row.id,
		credits: row.credits,
		amount_cents: row.amountCents,
		currency: row.currency,
		status: row.status,
		created_at: row.createdAt,
		decided_at: row.decidedAt,
	};
}

/**
 * An artist asks to be paid `amount` earned credits: below `payoutMinimumCredits` is
 * `422 VALIDATION_FAILED`, more than the earnings balance `402 INSUFFICIENT_TOKENS`. The request
 * row and the movement `payout:<id>` (both balances down by `amount`) are ONE batch, so
 * concurrent requests can never take more than the balance: the loser fails a balance CHECK and
 * stores nothing. The money value is fixed now: `amount × payoutCentsPerCredit` of `payoutCurrency`.
 */
export async function requestPayout(db: Db, earnings: AppConfig["earnings"], artistId: string, amount: number, now: Date): Promise<PayoutRow> {
	if (!Number.isInteger(amount) || amount < earnings.payoutMinimumCredits) {
		throw new AppError(422, "VALIDATION_FAILED", `A payout is at least ${earnings.payoutMinimumCredits} credits.`);
	}
	const id = newId("pay");
	const at = now.toISOString();
	try {
		await db.batch([
			db.insert(payoutRequests).values({
				id,
				artistId,
				credits: amount,
				amountCents: amount * earnings.payoutCentsPerCredit,
				currency: earnings.payoutCurrency,
				status: "requested",
				createdAt: at,
			}),
			...earnedMovementStatements(db, { id: `payout:${id}`, userId: artistId, kind: "payout", amount: -amount, reference: id, now }),
		]);
	} catch (err) {
		if (isOverdraft(err)) throw new AppError(402, "INSUFFICIENT_TOKENS", "You have not earned that many credits yet.");
		throw err;
	}
	log("info", "payout requested", { payoutId: id, artistId, credits: amount });
	const row = await db.query.payoutRequests.findFirst({ where: eq(payoutRequests.id, id) });
	if (!row) throw new Error(`payout ${id} not stored`);
	return row;
}

/** An artist's payout requests, newest first. */
export async function payoutsOf(db: Db, artistId: string, limit = 50): Promise<PayoutRow[]> {
	return db.query.payoutRequests.findMany({
		where: eq(payoutRequests.artistId, artistId),
		orderBy: [desc(payoutRequests.createdAt), desc(payoutRequests.id)],
		limit,
	});
}

/** A payout request with its artist's public name, for the admin. */
export type AdminPayoutView = PayoutView & { artist: { id: string; nickname: string | null }; decided_by: string | null };

/** Payout requests for the admin (optionally of one status), newest first, with the artist's nickname (never the sign-in name). */
export async function listPayouts(db: Db, status?: PayoutStatus, limit = 100): Promise<AdminPayoutView[]> {
	const rows = await db
		.select({ payout: payoutRequests, nickname: users.nickname })
		.from(payoutRequests)
		.innerJoin(users, eq(users.id, payoutRequests.artistId))
		.where(status ? eq(payoutRequests.status, status) : undefined)
		.orderBy(desc(payoutRequests.createdAt), desc(payoutRequests.id))
		.limit(limit);
	return rows.map(({ payout, nickname }) => ({ ...payoutView(payout), artist: { id: payout.artistId, nickname }, decided_by: payout.decidedBy }));
}

/**
 * The admin decides a requested payout once: `paid` (paid outside the system) or `rejected`,
 * which gives the credits back to both balances (`payout_return:<id>`) in the same batch as the
 * status change. The status moves only from `requested`; the return is written only for a row
 * that the batch itself rejected, and its ledger id makes a second return fail the batch, so
 * deciding twice, even concurrently, is `409 CONFLICT` with nothing changed. `404 NOT_FOUND` for
 * an unknown id.
 */
export async function decidePayout(db: Db, id: string, decision: "paid" | "rejected", decidedBy: string, now: Date): Promise<PayoutRow> {
	const payout = await db.query.payoutRequests.findFirst({ where: eq(payoutRequests.id, id) });
	if (!payout) throw new AppError(404, "NOT_FOUND", "No such payout request.");
	const conflict = () => new AppError(409, "CONFLICT", "This payout request was decided already.");
	if (payout.status !== "requested") throw conflict();
	const at = now.toISOString();
	const move = db
		.update(payoutRequests)
		.set({ status: decision, decidedAt: at, decidedBy })
		.where(and(eq(payoutRequests.id, id), eq(payoutRequests.status, "requested")))
		.returning({ id: payoutRequests.id });
	if (decision === "paid") {
		if ((await move).length === 0) throw conflict();
	} else {
		const returnId = `payout_return:${id}`;
		try {
			const [moved] = await db.batch([
				move,
				// Only for the rejection this batch made: a row already paid stays paid, and a second rejection fails on the ledger id.
				db.insert(creditLedger).select((qb) =>
					qb
						.select({
							id: sql<string>`${returnId}`.as("id"),
							userId: payoutRequests.artistId,
							kind: sql<"payout_return">`'payout_return'`.as("kind"),
							amount: payoutRequests.credits,
							balanceAfter: sql<number>`(SELECT credit_balance FROM users WHERE id = ${payout.artistId}) + ${payout.credits}`.as("balance_after"),
							reference: payoutRequests.id,
							createdAt: sql<string>`${at}`.as("created_at"),
						})
						.from(payoutRequests)
						.where(and(eq(payoutRequests.id, id), eq(payoutRequests.status, "rejected"), eq(payoutRequests.decidedAt, at))),
				),
				db
					.update(users)
					.set({
						creditBalance: sql`${users.creditBalance} + ${payout.credits}`,
						earningsBalance: sql`${users.earningsBalance} + ${payout.credits}`,
					})
					.where(and(eq(users.id, payout.artistId), sql`EXISTS (SELECT 1 FROM credit_ledger WHERE id = ${returnId} AND created_at = ${at})`)),
			]);
			if (moved.length === 0) throw conflict();
		} catch (err) {
			if (isDuplicateMovement(err)) throw conflict();
			throw err;
		}
	}
	log("info", "payout decided", { payoutId: id, artistId: payout.artistId, decision });
	const row = await db.query.payoutRequests.findFirst({ where: eq(payoutRequests.id, id) });
	if (!row) throw new Error(`payout ${id} vanished`);
	return row;
}
