import { and, eq, isNull } from "drizzle-orm";
import type { CommerceDeps } from "../commerce/deps";
import { type CheckoutSessionObject, type Payable, textField } from "../commerce/payables";
import { portraitJobs } from "../db/schema";
import { log } from "../lib/log";
import { portraitCheckoutLine } from "./create-job";
import type { PortraitDeps } from "./deps";
import { erasePersonalData } from "./erase";
import { isPortraitJobId, type PortraitJob } from "./jobs";
import { refundPortraitJob } from "./refund";

/** The portrait deps for one payment event: the event's own commerce deps (its clock, its provider) inside. */
type PortraitDepsFor = (commerce: CommerceDeps) => PortraitDeps;

/**
 * Whether the session's amount and currency are the job's. Sessions read back from the provider
 * (the return page's path) carry neither; the session id already matched the one created for
 * this job at this price, so that is accepted.
 */
function amountMatches(job: PortraitJob, session: CheckoutSessionObject): boolean {
	const amount = session.amount_total;
	const currency = textField(session.currency);
	if (amount !== undefined && amount !== null && amount !== job.priceCents) return false;
	return currency === null || currency.toLowerCase() === job.currency.toLowerCase();
}

/**
 * A paid checkout of a portrait job: `pending_payment → pending_phone` exactly once, by one
 * conditional update (status and `paid_at IS NULL`), recording the payment intent. A payment
 * for a job that already failed (its checkout closed) or expired is recorded and given back
 * (refundPortraitJob, once). A session whose amount or currency is not the job's is logged and
 * not accepted: the job stays unpaid.
 */
async function settlePortraitPayment(portraits: PortraitDepsFor, commerce: CommerceDeps, session: CheckoutSessionObject): Promise<string> {
	const jobId = textField(session.client_reference_id);
	const sessionId = textField(session.id);
	if (!jobId || !sessionId) return "missing_reference";
	const job = await commerce.db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) });
	if (!job) return "job_not_found";
	if (job.checkoutSessionId !== sessionId) return "session_mismatch";
	if (!amountMatches(job, session)) {
		log("error", "portrait payment amount mismatch", {
			jobId,
			sessionId,
			expected: `${job.priceCents} ${job.currency}`,
			got: `${String(session.amount_total)} ${String(session.currency)}`,
		});
		return "amount_mismatch";
	}
	const paymentIntentId = textField(session.payment_intent);
	const now = commerce.now();
	if (job.paidAt) {
		if (!job.paymentIntentId && paymentIntentId) {
			// Paid through a path that did not know the payment intent: record it, so refunds find the job.
			await commerce.db
				.update(portraitJobs)
				.set({ paymentIntentId })
				.where(and(eq(portraitJobs.id, jobId), isNull(portraitJobs.paymentIntentId)));
		}
		return "already_paid";
	}
	const expired = Date.parse(job.expiresAt) <= now.getTime() || job.deletedAt !== null;
	if (job.status === "pending_payment" && !expired) {
		const moved = await commerce.db
			.update(portraitJobs)
			.set({ status: "pending_phone", paidAt: now.toISOString(), paymentIntentId })
			.where(and(eq(portraitJobs.id, jobId), eq(portraitJobs.status, "pending_payment"), isNull(portraitJobs.paidAt)))
			.returning({ id: portraitJobs.id });
		if (moved.length > 0) {
			log("info", "portrait job paid", { jobId, provider: job.provider });
			return "paid";
		}
		// Something moved it in between (a second delivery, the checkout closing): decide again on what is stored.
		return settlePortraitPayment(portraits, commerce, session);
	}
	// The money arrived for a job that can no longer use it: record the payment, then give it back.
	const recorded = await commerce.db
		.update(portraitJobs)
		.set({ paidAt: now.toISOString(), paymentIntentId })
		.where(and(eq(portraitJobs.id, jobId), isNull(portraitJobs.paidAt)))
		.returning({ id: portraitJobs.id });
	if (recorded.length === 0) return "already_paid";
	log("warn", "portrait payment after the job ended", { jobId, status: job.status, expired });
	await refundPortraitJob(portraits(commerce), jobId, "payment_failed");
	return "late_payment_refunded";
}

/**
 * A refund or dispute of a portrait job's payment. A refund (in full or in part: either way the
 * person asked for their money back) before the job completed fails it with `refunded` and
 * erases what it holds; after completion only the refund time is recorded (the result stays
 * until the job expires). The job's own automatic refund has recorded its refund already, so
 * the provider's echo of it changes nothing. Disputes are logged; the job needs no change.
 */
async function applyPortraitChargeChange(
	portraits: PortraitDepsFor,
	commerce: CommerceDeps,
	paymentIntentId: string,
	change: Parameters<Payable["chargeChanged"]>[2],
): Promise<string | null> {
	const job = await commerce.db.query.portraitJobs.findFirst({ where: eq(portraitJobs.paymentIntentId, paymentIntentId) });
	if (!job) return null;
	if (change !== "refunded" && change !== "partially_refunded") {
		log("warn", "portrait payment disputed", { jobId: job.id, change });
		return `dispute_noted:${change}`;
	}
	if (job.refundedAt) return "already_refunded";
	const now = commerce.now().toISOString();
	if (job.status === "completed") {
		const recorded = await commerce.db
			.update(portraitJobs)
			.set({ refundedAt: now })
			.where(and(eq(portraitJobs.id, job.id), isNull(portraitJobs.refundedAt)))
			.returning({ id: portraitJobs.id });
		return recorded.length > 0 ? "refund_recorded" : "already_refunded";
	}
	const failed = await commerce.db
		.update(portraitJobs)
		.set({ status: "failed", failureReason: "refunded", failedAt: job.failedAt ?? now, refundedAt: now })
		.where(and(eq(portraitJobs.id, job.id), isNull(portraitJobs.refundedAt), eq(portraitJobs.status, job.status)))
		.returning({ id: portraitJobs.id });
	if (failed.length === 0) return applyPortraitChargeChange(portraits, commerce, paymentIntentId, change);
	log("info", "portrait job refunded by the provider", { jobId: job.id, change });
	await erasePersonalData(portraits(commerce), job);
	return "refunded";
}

/**
 * Portrait jobs (`ptj_…`) as a payable. Built with the portrait deps (the erasure needs the GPU
 * gateway, the refund the portrait queue), given per event with that event's commerce deps.
 */
export function portraitPayable(portraitDeps: () => PortraitDeps): Payable {
	const portraits: PortraitDepsFor = (commerce) => ({ ...portraitDeps(), db: commerce.db, commerce, now: commerce.now });
	return {
		name: "portrait_job",
		owns: isPortraitJobId,
		paid: (commerce, session) => settlePortraitPayment(portraits, commerce, session),
		async closed(commerce, session) {
			const jobId = textField(session.client_reference_id);
			if (!jobId) return "missing_reference";
			const moved = await commerce.db
				.update(portraitJobs)
				.set({ status: "failed", failureReason: "payment_failed", failedAt: commerce.now().toISOString() })
				.where(and(eq(portraitJobs.id, jobId), eq(portraitJobs.status, "pending_payment"), isNull(portraitJobs.paidAt)))
				.returning({ id: portraitJobs.id });
			return moved.length > 0 ? "payment_failed" : "unchanged";
		},
		chargeChanged: (commerce, paymentIntentId, change) => applyPortraitChargeChange(portraits, commerce, paymentIntentId, change),
		async checkout(db, reference) {
			const job = await db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, reference) });
			if (!job) return null;
			// No email: the portrait line asks for none (the local pay page leaves the row out).
			return { email: "", lines: [portraitCheckoutLine(job)], closed: job.status !== "pending_payment" || job.paidAt !== null };
		},
	};
}
