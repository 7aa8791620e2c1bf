import { and, eq } from "drizzle-orm";
import type { ChargeChange } from "../commerce/payables";
import type { Db } from "../db/client";
import { creditLedger, creditPurchases } from "../db/schema";
import { AppError } from "../lib/errors";
import { log } from "../lib/log";
import { notifyOnce } from "../notifications/notify";
import type { CreditPurchaseStatus } from "../shared/styles";
import { applyMovement, creditBalance } from "./ledger";
import type { CreditPurchase } from "./purchase";

/** Tries before giving up on taking back credits while the user keeps spending them. */
const REVERSAL_TRIES = 3;

/** The paid credit purchase of a payment intent, if any. */
export async function creditPurchaseByPaymentIntent(db: Db, paymentIntentId: string | null): Promise<CreditPurchase | undefined> {
	if (!paymentIntentId) return undefined;
	return db.query.creditPurchases.findFirst({ where: eq(creditPurchases.paymentIntentId, paymentIntentId) });
}

/**
 * Takes a purchase's credits back (movement `<id>`, kind `reversal`) as far as the balance allows:
 * credits already spent on generations stay spent, since the balance can never go negative. The
 * amount is read, then applied against the CHECK; a spend that lands in between makes the batch
 * fail whole, and it is read again. The status moves from `paid` to `to` in the same batch.
 */
async function takeBack(db: Db, purchase: CreditPurchase, movementId: string, to: CreditPurchaseStatus, now: Date) {
	for (let attempt = 1; ; attempt++) {
		const amount = Math.min(purchase.credits, await creditBalance(db, purchase.userId));
		try {
			const outcome = await applyMovement(db, { id: movementId, userId: purchase.userId, kind: "reversal", amount: -amount, reference: purchase.id, now }, [
				db
					.update(creditPurchases)
					.set({ status: to })
					.where(and(eq(creditPurchases.id, purchase.id), eq(creditPurchases.status, "paid"))),
			]);
			return { outcome, amount };
		} catch (err) {
			const raced = err instanceof AppError && err.code === "INSUFFICIENT_TOKENS";
			if (!raced || attempt >= REVERSAL_TRIES) throw err;
		}
	}
}

/**
 * What a refund or dispute of a credit purchase's payment does, each exactly once however often
 * the provider reports it (ledger ids name the movements):
 * - full refund: the purchase's credits are taken back (`reversal:<cp>`), `refunded`;
 * - dispute opened: taken back while it is open (the same `reversal:<cp>`), `disputed`;
 * - dispute ended without a chargeback (won, or an inquiry closed): what the dispute took is
 *   given back (`reinstate:<cp>`), `paid` again;
 * - dispute lost: stays taken back (taken now if the loss is the first news), `charged_back`;
 * - a partial refund keeps the credits (a goodwill gesture, as it keeps an order's files).
 * Refund and dispute share one movement id, so even delivered at the same moment they take the
 * credits back once (the second batch fails on the id and rolls back whole). Only a refund after
 * a won dispute takes them again, as `reversal:<cp>:2`. The user is notified of every change.
 */
export async function applyChargeChangeToPurchase(deps: { db: Db; now: () => Date }, purchase: CreditPurchase, change: ChargeChange): Promise<string> {
	const { db } = deps;
	const now = deps.now();
	switch (change) {
		case "refunded": {
			// Only a paid purchase still holds its credits: a disputed or charged-back one gave them back already.
			if (purchase.status !== "paid") return purchase.status === "refunded" ? "already_reversed" : "unchanged";
			const { outcome, amount } = await takeBack(db, purchase, await reversalId(db, purchase), "refunded", now);
			if (outcome === "applied") await notifyReversal(db, purchase, amount, "refunded", now);
			return outcome === "applied" ? "credits_reversed" : "already_reversed";
		}
		case "dispute_opened": {
			if (purchase.status !== "paid") return purchase.status === "disputed" ? "already_reversed" : "unchanged";
			const { outcome, amount } = await takeBack(db, purchase, await reversalId(db, purchase), "disputed", now);
			if (outcome === "applied") await notifyReversal(db, purchase, amount, "disputed", now);
			return outcome === "applied" ? "credits_reversed" : "already_reversed";
		}
		case "dispute_won": {
			if (purchase.status !== "disputed") return purchase.status === "paid" ? "already_reinstated" : "unchanged";
			const taken = await db.query.creditLedger.findFirst({ where: eq(creditLedger.id, `reversal:${purchase.id}`) });
			if (!taken) return "unchanged";
			const amount = -taken.amount;
			const outcome = await applyMovement(
				db,
				{ id: `reinstate:${purchase.id}`, userId: purchase.userId, kind: "reinstate", amount, reference: purchase.id, now },
				[
					db
						.update(creditPurchases)
						.set({ status: "paid" })
						.where(and(eq(creditPurchases.id, purchase.id), eq(creditPurchases.status, "disputed"))),
				],
			);
			if (outcome === "applied") {
				await notifyOnce(db, {
					userId: purchase.userId,
					kind: "credits_reinstated",
					title: `${amount} credits given back`,
					body: "The dispute over your credit purchase was settled in your favour.",
					params: { count: amount },
					link: "/credits",
					dedupeKey: `credits_reinstated:${purchase.id}`,
					now,
				});
			}
			return outcome === "applied" ? "credits_reinstated" : "already_reinstated";
		}
		case "dispute_lost": {
			if (purchase.status === "paid") {
				// The loss is the first the store hears of the dispute (its opening came late or not at all): take the credits back now.
				const { outcome, amount } = await takeBack(db, purchase, await reversalId(db, purchase), "charged_back", now);
				if (outcome === "applied") await notifyReversal(db, purchase, amount, "disputed", now);
				return outcome === "applied" ? "charged_back" : "already_reversed";
			}
			const moved = await db
				.update(creditPurchases)
				.set({ status: "charged_back" })
				.where(and(eq(creditPurchases.id, purchase.id), eq(creditPurchases.status, "disputed")))
				.returning({ id: creditPurchases.id });
			return moved.length > 0 ? "charged_back" : "unchanged";
		}
		case "partially_refunded":
			return "partial_refund_recorded";
	}
}

/** The id of taking a purchase's credits back: `reversal:<cp>`, or `reversal:<cp>:2` once a won dispute gave them back. */
async function reversalId(db: Db, purchase: CreditPurchase): Promise<string> {
	const reinstated = await db.query.creditLedger.findFirst({ columns: { id: true }, where: eq(creditLedger.id, `reinstate:${purchase.id}`) });
	return reinstated ? `reversal:${purchase.id}:2` : `reversal:${purchase.id}`;
}

async function notifyReversal(db: Db, purchase: CreditPurchase, amount: number, why: "refunded" | "disputed", now: Date) {
	log("info", "credits taken back", { purchaseId: purchase.id, userId: purchase.userId, amount, why });
	const spent = purchase.credits - amount;
	await notifyOnce(db, {
		userId: purchase.userId,
		kind: "credits_reversed",
		title: `${amount} credits taken back`,
		body: `The payment for ${purchase.credits} credits was ${why === "refunded" ? "refunded" : "disputed"}, so its credits were removed from your balance${spent > 0 ? ` (${spent} of them had already been spent)` : ""}.`,
		params: { count: amount, credits: purchase.credits, why, spent },
		link: "/credits",
		dedupeKey: `credits_reversed:${why}:${purchase.id}`,
		now,
	});
}
