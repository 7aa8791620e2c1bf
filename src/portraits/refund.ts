import { and, eq, isNull } from "drizzle-orm";
import type { PaymentProvider } from "../commerce/payments/types";
import { portraitJobs } from "../db/schema";
import { errorMessage, log } from "../lib/log";
import type { PortraitFailureReason } from "../shared/portraits";
import type { PortraitDeps } from "./deps";
import type { PortraitJob } from "./jobs";

/** What {@link refundPortraitJob} did. */
export type PortraitRefundOutcome = "refunded" | "already_refunded" | "failed_unpaid" | "already_ended" | "not_found";

/** The provider that took the job's payment: refunds go back the way the money came. */
function providerOf(deps: PortraitDeps, job: PortraitJob): PaymentProvider {
	return deps.commerce.paymentsNamed(job.provider);
}

/**
 * Fails a job with `reason` and gives its payment back, once. A paid job is claimed by one
 * conditional update (`refunded_at IS NULL`: failed, the reason, failedAt, refundedAt) before
 * the provider is called, so two callers (the processing step and the expiry sweep, or a retry)
 * never refund twice, and the provider's own refund event, which may arrive while the refund is
 * being made, finds the refund recorded and changes nothing. The provider call carries the
 * idempotency key `portrait-refund-<jobId>`; if it fails the claim is undone and the error
 * thrown, so the caller's retry claims again. Then the `sms` message goes out: its handler tells
 * the person when a number is on file. A job never paid just fails. A job that already
 * completed is not failed here (a refund after completion is the payable's business).
 */
export async function refundPortraitJob(deps: PortraitDeps, jobId: string, reason: PortraitFailureReason): Promise<PortraitRefundOutcome> {
	const job = await deps.db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) });
	if (!job) return "not_found";
	const now = deps.now().toISOString();
	if (job.status === "completed") return "already_ended";
	if (!job.paidAt || !job.paymentIntentId) {
		if (job.status === "failed") return "already_ended";
		const failed = await deps.db
			.update(portraitJobs)
			.set({ status: "failed", failureReason: reason, failedAt: now })
			.where(and(eq(portraitJobs.id, jobId), eq(portraitJobs.status, job.status), isNull(portraitJobs.paidAt)))
			.returning({ id: portraitJobs.id });
		return failed.length > 0 ? "failed_unpaid" : refundPortraitJob(deps, jobId, reason);
	}
	if (job.refundedAt) return "already_refunded";

	// A job that failed already (a payment that landed after it closed) keeps the reason it failed with.
	const failureReason = job.status === "failed" ? (job.failureReason ?? reason) : reason;
	const claimed = await deps.db
		.update(portraitJobs)
		.set({ status: "failed", failureReason, failedAt: job.failedAt ?? now, refundedAt: now })
		.where(and(eq(portraitJobs.id, jobId), isNull(portraitJobs.refundedAt), eq(portraitJobs.status, job.status)))
		.returning({ id: portraitJobs.id });
	if (claimed.length === 0) return refundPortraitJob(deps, jobId, reason);

	let refund: { id: string };
	try {
		refund = await providerOf(deps, job).refund(job.paymentIntentId, { idempotencyKey: `portrait-refund-${jobId}` });
	} catch (err) {
		log("error", "portrait refund failed", { jobId, provider: job.provider, reason, error: errorMessage(err) });
		await deps.db
			.update(portraitJobs)
			.set({ refundedAt: null, status: job.status, failureReason: job.failureReason, failedAt: job.failedAt })
			.where(and(eq(portraitJobs.id, jobId), eq(portraitJobs.refundedAt, now)));
		throw err;
	}
	await deps.db.update(portraitJobs).set({ refundId: refund.id }).where(eq(portraitJobs.id, jobId));
	log("info", "portrait job refunded", { jobId, provider: job.provider, reason: failureReason, refundId: refund.id });
	await deps.queue.send({ kind: "sms", jobId });
	return "refunded";
}
