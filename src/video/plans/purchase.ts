import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { CommerceDeps } from "../../commerce/deps";
import { type ChargeChange, type PayableCheckout, textField } from "../../commerce/payables";
import type { CheckoutLine, PaymentProvider } from "../../commerce/payments/types";
import { confirmPaidCheckout } from "../../commerce/webhook";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { planPurchases, userPlans } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { errorMessage, log } from "../../lib/log";
import { enforceRateLimit } from "../../lib/rate-limit";
import type { PlanName } from "../../shared/video";

/** A plan purchase row. */
export type PlanPurchase = typeof planPurchases.$inferSelect;

/** A plan on sale: every plan but `free`. */
export type PaidPlan = Exclude<PlanName, "free">;

/** How long a pass lasts, and how much longer a subscription's plan stays on after its period ends (its renewal's invoice may come late). */
export const PASS_DAYS = 30;
const SUBSCRIPTION_GRACE_DAYS = 2;

/** Plan purchases travel through the payment providers as `pp_…` references. */
export function isPlanPurchaseId(reference: string | null | undefined): reference is string {
	return typeof reference === "string" && reference.startsWith("pp_");
}

/** A purchase as the API shows it. */
export function planPurchaseView(purchase: PlanPurchase) {
	return {
		id: purchase.id,
		plan: purchase.plan,
		mode: purchase.mode,
		price_cents: purchase.priceCents,
		currency: purchase.currency,
		status: purchase.status,
		paid_at: purchase.paidAt,
		period_end: purchase.periodEnd,
		created_at: purchase.createdAt,
	};
}

function planLine(purchase: Pick<PlanPurchase, "plan" | "mode" | "priceCents" | "currency">): CheckoutLine {
	const what = purchase.mode === "subscription" ? "monthly subscription" : `${PASS_DAYS}-day pass`;
	return { name: `XCaster ${purchase.plan} plan (${what})`, amountCents: purchase.priceCents, currency: purchase.currency };
}

/**
 * Starts buying `plan`: a pending `plan_purchases` row, then a checkout with the payment provider
 * of the plan's currency. Stripe sells a monthly subscription (renewed by its invoices); the
 * local provider and PortOne a 30-day pass. Nothing changes the user's plan here: only a paid
 * checkout does, once.
 */
export async function createPlanPurchase(
	deps: CommerceDeps,
	user: { id: string; email: string },
	plan: PaidPlan,
	price: { cents: number; currency: string },
): Promise<{ purchase: PlanPurchase; checkoutUrl: string }> {
	const now = deps.now();
	await enforceRateLimit(deps.limiter, `user:${user.id}`, deps.config.checkoutLimit, now.getTime());
	const payments = deps.paymentsFor(price.currency);
	const mode = payments.name === "stripe" ? "subscription" : "pass";
	const [purchase] = await deps.db
		.insert(planPurchases)
		.values({
			id: newId("pp"),
			userId: user.id,
			plan,
			mode,
			priceCents: price.cents,
			currency: price.currency,
			status: "pending",
			createdAt: now.toISOString(),
		})
		.returning();
	if (!purchase) throw new Error("plan purchase not stored");
	let session: { id: string; url: string };
	try {
		session = await payments.createCheckout({
			orderId: purchase.id,
			email: user.email,
			lines: [planLine(purchase)],
			successUrl: `${deps.config.baseUrl}/video/usage?purchase=${purchase.id}`,
			cancelUrl: `${deps.config.baseUrl}/video/usage?canceled=${purchase.id}`,
			expiresAt: new Date(now.getTime() + deps.config.orderTtlMs),
			...(mode === "subscription" ? { recurring: "month" as const } : {}),
		});
	} catch (err) {
		log("error", "plan checkout session failed", { purchaseId: purchase.id, provider: payments.name, error: errorMessage(err) });
		await deps.db.update(planPurchases).set({ status: "canceled" }).where(eq(planPurchases.id, purchase.id));
		throw new AppError(502, "PAYMENT_PROVIDER_UNAVAILABLE", "The payment provider did not answer; please try again.");
	}
	const [stored] = await deps.db.update(planPurchases).set({ checkoutSessionId: session.id }).where(eq(planPurchases.id, purchase.id)).returning();
	log("info", "plan purchase created", { purchaseId: purchase.id, plan, mode, provider: payments.name });
	return { purchase: stored ?? purchase, checkoutUrl: session.url };
}

/** SQL: `at` moved by `modifier` (`'+30 days'`), as an ISO string like the other columns. */
function shifted(at: unknown, modifier: string) {
	return sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${at}, ${modifier})`;
}

/**
 * The statements that grant a paid purchase's plan, for one batch with the status change: the
 * plan from `paidAt`, or, while the same plan is still on, extended from its current end (a
 * pass bought again, a renewal). A different plan starts now and keeps the days left. The grant
 * applies only while the purchase's `period_end` is unset, and sets it: a purchase grants once.
 */
function grantStatements(db: Db, purchase: PlanPurchase, paidAt: string, length: string, subscriptionId: string | null) {
	const source = purchase.mode === "subscription" ? "subscription" : "pass";
	const stillOn = sql`${userPlans.expiresAt} is not null and ${userPlans.expiresAt} > ${paidAt}`;
	const grant = db
		.insert(userPlans)
		.select((qb) =>
			qb
				.select({
					userId: planPurchases.userId,
					plan: planPurchases.plan,
					source: sql<"pass" | "subscription">`${source}`.as("source"),
					periodStart: sql<string>`${paidAt}`.as("period_start"),
					expiresAt: sql<string>`${shifted(paidAt, length)}`.as("expires_at"),
					subscriptionId: sql<string | null>`${subscriptionId}`.as("subscription_id"),
					updatedAt: sql<string>`${paidAt}`.as("updated_at"),
				})
				.from(planPurchases)
				.where(and(eq(planPurchases.id, purchase.id), eq(planPurchases.status, "paid"), isNull(planPurchases.periodEnd))),
		)
		.onConflictDoUpdate({
			target: userPlans.userId,
			set: {
				periodStart: sql`case when ${stillOn} and ${userPlans.plan} = excluded.plan and ${userPlans.source} = excluded.source then ${userPlans.periodStart} else excluded.period_start end`,
				expiresAt: sql`case when ${stillOn} then ${shifted(userPlans.expiresAt, length)} else excluded.expires_at end`,
				plan: sql`excluded.plan`,
				source: sql`excluded.source`,
				subscriptionId: sql`coalesce(excluded.subscription_id, ${userPlans.subscriptionId})`,
				updatedAt: sql`excluded.updated_at`,
			},
		});
	const mark = db
		.update(planPurchases)
		.set({ periodEnd: sql`(select expires_at from user_plans where user_id = ${purchase.userId})`, updatedAt: paidAt })
		.where(and(eq(planPurchases.id, purchase.id), eq(planPurchases.status, "paid"), isNull(planPurchases.periodEnd)));
	return [grant, mark] as const;
}

const lengthOf = (mode: PlanPurchase["mode"]) => (mode === "subscription" ? `+${30 + SUBSCRIPTION_GRACE_DAYS} days` : `+${PASS_DAYS} days`);

/**
 * A paid checkout session of a plan purchase: the purchase becomes `paid` and its plan is
 * granted in one batch, exactly once however often the provider reports it. A payment that
 * lands after the checkout closed is still the user's money and grants too.
 */
export async function settlePlanPurchase(deps: { db: Db; now: () => Date }, session: Record<string, unknown>): Promise<string> {
	const purchaseId = textField(session.client_reference_id);
	const sessionId = textField(session.id);
	if (!purchaseId || !sessionId) return "missing_reference";
	const purchase = await deps.db.query.planPurchases.findFirst({ where: eq(planPurchases.id, purchaseId) });
	if (!purchase) return "purchase_not_found";
	if (purchase.checkoutSessionId !== sessionId) return "session_mismatch";
	const paidAt = deps.now().toISOString();
	const subscriptionId = textField(session.subscription);
	const paymentIntentId = textField(session.payment_intent);
	const [moved] = await deps.db.batch([
		deps.db
			.update(planPurchases)
			.set({ status: "paid", paidAt, updatedAt: paidAt, paymentIntentId, subscriptionId })
			.where(and(eq(planPurchases.id, purchase.id), inArray(planPurchases.status, ["pending", "canceled", "expired"])))
			.returning({ id: planPurchases.id }),
		...grantStatements(deps.db, purchase, paidAt, lengthOf(purchase.mode), subscriptionId),
	]);
	if (moved.length === 0) {
		// Paid through a path that did not know the payment intent yet: record it for refunds.
		if (!purchase.paymentIntentId && paymentIntentId) await deps.db.update(planPurchases).set({ paymentIntentId }).where(eq(planPurchases.id, purchase.id));
		return "already_granted";
	}
	log("info", "plan purchased", { purchaseId: purchase.id, userId: purchase.userId, plan: purchase.plan, mode: purchase.mode });
	return "plan_granted";
}

/** A checkout that ended unpaid: a pending purchase becomes `expired` or `canceled`; a paid one stays paid. */
export async function closePlanPurchase(deps: { db: Db }, session: Record<string, unknown>, to: "CANCELED" | "EXPIRED"): Promise<string> {
	const purchaseId = textField(session.client_reference_id);
	if (!purchaseId) return "missing_reference";
	const status = to === "EXPIRED" ? "expired" : "canceled";
	const moved = await deps.db
		.update(planPurchases)
		.set({ status })
		.where(and(eq(planPurchases.id, purchaseId), eq(planPurchases.status, "pending")))
		.returning({ id: planPurchases.id });
	return moved.length > 0 ? status : "unchanged";
}

/**
 * A refund or a lost dispute of a plan's payment ends the plan (back to `free`, an admin's plan
 * excepted) and marks the purchase `refunded`, once. An open or won dispute and a partial refund
 * leave the plan on. Null when the payment is not a plan purchase's.
 */
export async function applyChargeChangeToPlan(
	deps: { db: Db; now: () => Date; payments: Pick<PaymentProvider, "cancelSubscription"> },
	paymentIntentId: string,
	change: ChargeChange,
): Promise<string | null> {
	const purchase = await deps.db.query.planPurchases.findFirst({ where: eq(planPurchases.paymentIntentId, paymentIntentId) });
	if (!purchase) return null;
	if (change !== "refunded" && change !== "dispute_lost") return change === "partially_refunded" ? "partial_refund_recorded" : "plan_kept";
	// Stopped at the provider first, so a refunded subscription is never billed again; a failure
	// here fails the event, which the provider delivers again (canceling twice is harmless).
	if (purchase.subscriptionId && deps.payments.cancelSubscription) await deps.payments.cancelSubscription(purchase.subscriptionId);
	const at = deps.now().toISOString();
	const [moved] = await deps.db.batch([
		deps.db
			.update(planPurchases)
			.set({ status: "refunded", updatedAt: at })
			.where(and(eq(planPurchases.id, purchase.id), eq(planPurchases.status, "paid")))
			.returning({ id: planPurchases.id }),
		deps.db
			.delete(userPlans)
			.where(
				and(
					eq(userPlans.userId, purchase.userId),
					inArray(userPlans.source, ["pass", "subscription"]),
					sql`exists (select 1 from plan_purchases where id = ${purchase.id} and status = 'refunded' and updated_at = ${at})`,
				),
			),
	]);
	if (moved.length === 0) return purchase.status === "refunded" ? "already_ended" : "unchanged";
	log("info", "plan ended by a refund", { purchaseId: purchase.id, userId: purchase.userId, change });
	return "plan_ended";
}

/** Unix seconds (Stripe's times) as ISO, or null. */
function isoOfSeconds(value: unknown): string | null {
	return typeof value === "number" && Number.isFinite(value) ? new Date(value * 1000).toISOString() : null;
}

/** The period an invoice pays for: its first line's `period`, else the invoice's own. */
function invoicePeriod(invoice: Record<string, unknown>): { start: string | null; end: string | null } {
	const lines = invoice.lines as { data?: { period?: { start?: unknown; end?: unknown } }[] } | undefined;
	const period = lines?.data?.[0]?.period;
	return { start: isoOfSeconds(period?.start ?? invoice.period_start), end: isoOfSeconds(period?.end ?? invoice.period_end) };
}

/** The subscription an invoice or subscription object belongs to (Stripe moved it under `parent` in newer API versions). */
function subscriptionOf(type: string, object: Record<string, unknown>): string | null {
	if (type.startsWith("customer.subscription.")) return textField(object.id);
	const parent = object.parent as { subscription_details?: { subscription?: unknown } } | undefined;
	return textField(object.subscription) ?? textField(parent?.subscription_details?.subscription);
}

/**
 * Stripe's subscription events: `invoice.paid` for a renewal is a purchase of its own
 * (`pp_<invoice id>`, so a refund of it finds it) that extends the plan to the invoice's period
 * end, once per invoice; the first invoice only tells the payment intent of the first payment.
 * `customer.subscription.deleted` lets the plan run to the end of its paid period. Null when the
 * subscription is not a plan's.
 */
export async function applySubscriptionEvent(deps: { db: Db; now: () => Date }, type: string, object: Record<string, unknown>): Promise<string | null> {
	const subscriptionId = subscriptionOf(type, object);
	if (!subscriptionId) return null;
	const first = await deps.db.query.planPurchases.findFirst({
		where: and(eq(planPurchases.subscriptionId, subscriptionId), eq(planPurchases.mode, "subscription")),
	});
	if (!first) return null;
	const at = deps.now().toISOString();
	if (type === "customer.subscription.deleted") {
		const end = isoOfSeconds(object.current_period_end) ?? isoOfSeconds(object.ended_at) ?? at;
		const moved = await deps.db
			.update(userPlans)
			.set({ expiresAt: sql`min(coalesce(${userPlans.expiresAt}, ${end}), ${end})`, subscriptionId: null, updatedAt: at })
			.where(and(eq(userPlans.userId, first.userId), eq(userPlans.subscriptionId, subscriptionId)))
			.returning({ userId: userPlans.userId });
		return moved.length > 0 ? "subscription_ends" : "unchanged";
	}
	if (type !== "invoice.paid") return "ignored";
	const invoiceId = textField(object.id);
	if (!invoiceId) return "missing_reference";
	const paymentIntentId = textField(object.payment_intent);
	if (object.billing_reason === "subscription_create") {
		if (paymentIntentId && !first.paymentIntentId) await deps.db.update(planPurchases).set({ paymentIntentId }).where(eq(planPurchases.id, first.id));
		return "first_invoice_recorded";
	}
	const period = invoicePeriod(object);
	const paidAt = period.start ?? at;
	const [renewal] = await deps.db
		.insert(planPurchases)
		.values({
			id: `pp_${invoiceId}`,
			userId: first.userId,
			plan: first.plan,
			mode: "subscription",
			priceCents: typeof object.amount_paid === "number" ? object.amount_paid : first.priceCents,
			currency: textField(object.currency) ?? first.currency,
			status: "paid",
			paymentIntentId,
			subscriptionId,
			paidAt: at,
			createdAt: at,
			updatedAt: at,
		})
		.onConflictDoNothing()
		.returning();
	if (!renewal) return "already_renewed";
	const end = period.end ? shifted(period.end, `+${SUBSCRIPTION_GRACE_DAYS} days`) : shifted(at, lengthOf("subscription"));
	await deps.db.batch([
		deps.db
			.insert(userPlans)
			.values({ userId: first.userId, plan: first.plan, source: "subscription", periodStart: paidAt, expiresAt: end, subscriptionId, updatedAt: at })
			// A paid month is the plan's even when an earlier refund ended it or another plan replaced it meanwhile.
			.onConflictDoUpdate({
				target: userPlans.userId,
				set: { plan: first.plan, source: "subscription", periodStart: paidAt, expiresAt: end, subscriptionId, updatedAt: at },
			}),
		deps.db
			.update(planPurchases)
			.set({ periodEnd: sql`(select expires_at from user_plans where user_id = ${first.userId})` })
			.where(eq(planPurchases.id, renewal.id)),
	]);
	log("info", "plan subscription renewed", { purchaseId: renewal.id, userId: first.userId, plan: first.plan });
	return "plan_renewed";
}

/** What the local pay page shows for a plan purchase. */
export async function planPurchaseCheckout(db: Db, purchaseId: string): Promise<PayableCheckout | null> {
	const [row] = await db
		.select({ purchase: planPurchases, email: users.email })
		.from(planPurchases)
		.innerJoin(users, eq(users.id, planPurchases.userId))
		.where(eq(planPurchases.id, purchaseId))
		.limit(1);
	if (!row) return null;
	return { email: row.email, lines: [planLine(row.purchase)], closed: row.purchase.status === "canceled" || row.purchase.status === "expired" };
}

/** One of the user's plan purchases, or `404 NOT_FOUND` (also for another user's). */
export async function userPlanPurchase(db: Db, userId: string, purchaseId: string): Promise<PlanPurchase> {
	const purchase = await db.query.planPurchases.findFirst({ where: and(eq(planPurchases.id, purchaseId), eq(planPurchases.userId, userId)) });
	if (!purchase) throw new AppError(404, "NOT_FOUND", "No such plan purchase.");
	return purchase;
}

/**
 * The return page's path to the plan: a pending purchase is confirmed with the provider it was
 * started with (the webhook may not have arrived yet), at most once per 10 s (confirmPaidCheckout).
 */
export async function confirmPlanPurchase(deps: CommerceDeps, purchase: PlanPurchase): Promise<string | null> {
	if (purchase.status !== "pending" || !purchase.checkoutSessionId) return null;
	return confirmPaidCheckout(deps, purchase.checkoutSessionId, deps.paymentsFor(purchase.currency).name);
}
