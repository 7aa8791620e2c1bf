import { and, eq, inArray } from "drizzle-orm";
import type { CommerceDeps } from "../commerce/deps";
import { type PayableCheckout, textField } from "../commerce/payables";
import type { CheckoutLine } from "../commerce/payments/types";
import { confirmPaidCheckout } from "../commerce/webhook";
import type { Db } from "../db/client";
import { creditPurchases, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { errorMessage, log } from "../lib/log";
import { enforceRateLimit } from "../lib/rate-limit";
import { applyMovement } from "./ledger";
import type { CreditPackage } from "./packages";

/** A credit purchase row. */
export type CreditPurchase = typeof creditPurchases.$inferSelect;

/**
 * Credit purchases travel through the payment provider where orders do (`client_reference_id`);
 * their `cp_` prefix is how the webhook and the local pay page tell them apart.
 */
export function isCreditPurchaseId(reference: string | null | undefined): reference is string {
	return typeof reference === "string" && reference.startsWith("cp_");
}

/** A purchase as the API shows it. */
export function creditPurchaseView(purchase: CreditPurchase) {
	return {
		id: purchase.id,
		credits: purchase.credits,
		price_cents: purchase.priceCents,
		currency: purchase.currency,
		status: purchase.status,
		provider: purchase.provider,
		created_at: purchase.createdAt,
		paid_at: purchase.paidAt,
	};
}

/** What the checkout shows for a package. */
function packageLine(pkg: CreditPackage): CheckoutLine {
	return { name: `${pkg.credits} credits`, amountCents: pkg.priceCents, currency: pkg.currency };
}

/**
 * Starts buying a package: a pending `credit_purchases` row, then a checkout session with the
 * storefront's payment provider, the purchase id standing where an order id would. Counted
 * against the checkout rate limit per user. Nothing is credited here: only a paid session
 * (webhook or return page) credits, once.
 */
export async function createCreditPurchase(deps: CommerceDeps, user: { id: string; email: string }, pkg: CreditPackage) {
	const now = deps.now();
	await enforceRateLimit(deps.limiter, `user:${user.id}`, deps.config.checkoutLimit, now.getTime());
	// Provider per currency (KRW through PortOne when configured); the purchase remembers which.
	const payments = deps.paymentsFor(pkg.currency);
	const [purchase] = await deps.db
		.insert(creditPurchases)
		.values({
			id: newId("cp"),
			userId: user.id,
			credits: pkg.credits,
			priceCents: pkg.priceCents,
			currency: pkg.currency,
			status: "pending",
			provider: payments.name,
			createdAt: now.toISOString(),
		})
		.returning();
	if (!purchase) throw new Error("credit purchase not stored");

	let session: { id: string; url: string };
	try {
		session = await payments.createCheckout({
			orderId: purchase.id,
			email: user.email,
			lines: [packageLine(pkg)],
			successUrl: `${deps.config.baseUrl}/credits?purchase=${purchase.id}&session_id={CHECKOUT_SESSION_ID}`,
			cancelUrl: `${deps.config.baseUrl}/credits?canceled=${purchase.id}`,
			expiresAt: new Date(now.getTime() + deps.config.orderTtlMs),
		});
	} catch (err) {
		log("error", "credit checkout session failed", { purchaseId: purchase.id, provider: payments.name, error: errorMessage(err) });
		await deps.db.update(creditPurchases).set({ status: "canceled" }).where(eq(creditPurchases.id, purchase.id));
		throw new AppError(502, "PAYMENT_PROVIDER_UNAVAILABLE", "The payment provider did not answer; please try again.");
	}
	const [stored] = await deps.db.update(creditPurchases).set({ checkoutSessionId: session.id }).where(eq(creditPurchases.id, purchase.id)).returning();
	log("info", "credit purchase created", { purchaseId: purchase.id, credits: pkg.credits, provider: payments.name });
	return { purchase: stored ?? purchase, checkoutUrl: session.url };
}

/**
 * Credits a paid checkout session of a purchase, exactly once: the movement `purchase:<id>`
 * and the status change go in one batch, so a second event for the session (a redelivery, a
 * second event id, the return page confirming too) finds the movement applied and changes
 * nothing. A payment that lands after the session was closed is still the user's money: it
 * credits too, and so does a later successful attempt after a failed one. `session` is the
 * checkout session object of the event (Stripe's shape).
 */
export async function settleCreditPurchase(deps: { db: Db; now: () => Date }, session: Record<string, unknown>): Promise<string> {
	const purchaseId = textField(session.client_reference_id);
	const sessionId = textField(session.id);
	if (!purchaseId || !sessionId) return "missing_reference";
	const purchase = await deps.db.query.creditPurchases.findFirst({ where: eq(creditPurchases.id, purchaseId) });
	if (!purchase) return "purchase_not_found";
	if (purchase.checkoutSessionId !== sessionId) return "session_mismatch";
	const now = deps.now();
	const outcome = await applyMovement(
		deps.db,
		{ id: `purchase:${purchase.id}`, userId: purchase.userId, kind: "purchase", amount: purchase.credits, reference: purchase.id, now },
		[
			deps.db
				.update(creditPurchases)
				.set({ status: "paid", paidAt: now.toISOString(), paymentIntentId: textField(session.payment_intent) })
				.where(and(eq(creditPurchases.id, purchase.id), inArray(creditPurchases.status, ["pending", "canceled", "failed"]))),
		],
	);
	if (outcome === "duplicate" && !purchase.paymentIntentId && textField(session.payment_intent)) {
		// Credited from a path that did not know the payment intent yet: record it now, so a
		// refund or dispute of that payment finds the purchase.
		await deps.db
			.update(creditPurchases)
			.set({ paymentIntentId: textField(session.payment_intent) })
			.where(eq(creditPurchases.id, purchase.id));
	}
	if (outcome === "applied") log("info", "credits purchased", { purchaseId: purchase.id, userId: purchase.userId, credits: purchase.credits });
	return outcome === "applied" ? "credited" : "already_credited";
}

/**
 * Closes a purchase whose checkout session ended unpaid: `EXPIRED` makes it `canceled`, `CANCELED`
 * (the provider says the payment failed or was canceled: Stripe's async_payment_failed, PortOne's
 * unpaid CANCELLED) makes it `failed`. Only a pending purchase moves: a paid one stays paid, and a
 * failed one stays failed when its session later expires.
 */
export async function closeCreditPurchase(deps: { db: Db }, session: Record<string, unknown>, to: "CANCELED" | "EXPIRED"): Promise<string> {
	const purchaseId = textField(session.client_reference_id);
	if (!purchaseId) return "missing_reference";
	const status = to === "CANCELED" ? "failed" : "canceled";
	const moved = await deps.db
		.update(creditPurchases)
		.set({ status })
		.where(and(eq(creditPurchases.id, purchaseId), eq(creditPurchases.status, "pending")))
		.returning({ id: creditPurchases.id });
	if (moved.length > 0 && status === "failed") log("info", "credit purchase payment failed", { purchaseId });
	return moved.length > 0 ? status : "unchanged";
}

/**
 * An attempt to pay a purchase failed (a card declined, PortOne's `Transaction.Failed`, the
 * provider's answer on the return page): a pending purchase becomes `failed`, which its buyer
 * reads as `402 PAYMENT_FAILED`. Nothing is credited; a later successful attempt still credits.
 */
export async function failCreditPurchase(deps: { db: Db }, purchaseId: string): Promise<string> {
	const moved = await deps.db
		.update(creditPurchases)
		.set({ status: "failed" })
		.where(and(eq(creditPurchases.id, purchaseId), eq(creditPurchases.status, "pending")))
		.returning({ id: creditPurchases.id });
	if (moved.length > 0) log("info", "credit purchase payment failed", { purchaseId });
	return moved.length > 0 ? "failed" : "unchanged";
}

/** `402 PAYMENT_FAILED`: what the buyer hears about a purchase whose payment failed (nothing was credited). */
export function paymentFailed(purchase: CreditPurchase): AppError {
	return new AppError(
		402,
		"PAYMENT_FAILED",
		`The payment for purchase ${purchase.id} failed; nothing was charged or credited. Start a new purchase to try again.`,
	);
}

/**
 * The return page's path to the credits: if the provider says the purchase's session is
 * paid, it is settled through the same code as the webhook (which may not have arrived yet).
 * Only a pending purchase is asked about (a closed, refunded or disputed one has nothing to
 * learn), at most once per 10 s (confirmPaidCheckout). Returns the outcome, or null when there
 * was nothing to do.
 */
export async function confirmCreditPurchase(deps: CommerceDeps, purchase: CreditPurchase): Promise<string | null> {
	if (purchase.status !== "pending" || !purchase.checkoutSessionId) return null;
	return confirmPaidCheckout(deps, purchase.checkoutSessionId, purchase.provider);
}

/** One of the user's purchases, or `404 NOT_FOUND` (also for another user's). */
export async function userCreditPurchase(db: Db, userId: string, purchaseId: string): Promise<CreditPurchase> {
	const purchase = await db.query.creditPurchases.findFirst({ where: and(eq(creditPurchases.id, purchaseId), eq(creditPurchases.userId, userId)) });
	if (!purchase) throw new AppError(404, "NOT_FOUND", "No such credit purchase.");
	return purchase;
}

/** What the local pay page shows for a purchase: who pays, for what, and whether it can still be paid. */
export async function creditPurchaseCheckout(db: Db, purchaseId: string): Promise<PayableCheckout | null> {
	const [row] = await db
		.select({ purchase: creditPurchases, email: users.email })
		.from(creditPurchases)
		.innerJoin(users, eq(users.id, creditPurchases.userId))
		.where(eq(creditPurchases.id, purchaseId))
		.limit(1);
	if (!row) return null;
	const { purchase } = row;
	return {
		email: row.email,
		lines: [packageLine({ credits: purchase.credits, priceCents: purchase.priceCents, currency: purchase.currency })],
		closed: purchase.status === "canceled",
	};
}
