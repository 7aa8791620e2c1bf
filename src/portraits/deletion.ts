import { eq, sql } from "drizzle-orm";
import { portraitJobs, portraitSurveys, smsLogs } from "../db/schema";
import { errorMessage, log } from "../lib/log";
import type { PortraitDeps } from "./deps";
import { ERASED_COLUMNS, erasePersonalData } from "./erase";
import type { PortraitJob } from "./jobs";
import type { PortraitHandler } from "./queue";
import { refundPortraitJob } from "./refund";

/**
 * The `delete` message (handed over by the sweep, src/portraits/sweep.ts): everything personal
 * of an expired job goes, and what stays is a tombstone (id, times, status, the payment record).
 *
 * 1. A paid job that never got its photo is refunded first (`upload_expired`, once).
 * 2. If that refund's SMS is still owed and the number is still sealed, the deletion waits a
 *    little (at most {@link REFUND_SMS_GRACE_MS} past expiry) so the person is told.
 * 3. `erasePersonalData`: R2 objects under `portraits/<jobId>/`, the gateway's copies (purge),
 *    images and recommendations rows, the personal columns.
 * 4. The SMS log's masked numbers and the survey comment are nulled, and `deleted_at` is set:
 *    from then on every route of the job answers `410 GONE`.
 *
 * A failure is counted (`deletion_attempts`), recorded (`deletion_error`, shown red on
 * /admin/portraits) and retried with backoff; when the queue gives up, the dead-letter handler
 * records that and clears `deletion_queued_at`, so the next sweep hands the job over again.
 */

/** How long past expiry a deletion waits for an owed refund SMS before erasing the number anyway. */
export const REFUND_SMS_GRACE_MS = 10 * 60_000;
const REFUND_SMS_WAIT_SECONDS = 30;

/** Backoff between failed deletions: 30 s doubling, at most 10 minutes. */
export function deletionBackoffSeconds(attempts: number): number {
	return Math.min(600, 30 * 2 ** Math.max(0, attempts - 1));
}

function findJob(deps: PortraitDeps, jobId: string): Promise<PortraitJob | undefined> {
	return deps.db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) });
}

/** Paid, not refunded, and no photo arrived: the person gets the money back before the job goes. */
function owesUploadRefund(job: PortraitJob): boolean {
	return job.paidAt !== null && job.refundedAt === null && job.uploadedAt === null && (job.status === "pending_phone" || job.status === "pending_upload");
}

/** A refund SMS that can still go out (the sms handler needs the sealed number). */
function refundSmsPending(job: PortraitJob): boolean {
	return job.refundedAt !== null && job.refundSmsSentAt === null && job.smsGaveUpAt === null && job.phoneCiphertext !== null;
}

/** Deletes everything personal of job `jobId`; see the module comment. */
export async function deletePortraitJob(deps: PortraitDeps, jobId: string): Promise<"deleted" | "not_due" | "absent" | { waitSeconds: number }> {
	let job = await findJob(deps, jobId);
	if (!job || job.deletedAt) return "absent";
	const now = deps.now();
	if (Date.parse(job.expiresAt) > now.getTime()) return "not_due";
	if (owesUploadRefund(job)) {
		await refundPortraitJob(deps, job.id, "upload_expired");
		job = (await findJob(deps, jobId)) ?? job;
	}
	if (refundSmsPending(job) && now.getTime() < Date.parse(job.expiresAt) + REFUND_SMS_GRACE_MS) return { waitSeconds: REFUND_SMS_WAIT_SECONDS };
	await erasePersonalData(deps, job);
	const at = now.toISOString();
	await deps.db.batch([
		deps.db.update(smsLogs).set({ recipientMasked: null }).where(eq(smsLogs.jobId, job.id)),
		deps.db.update(portraitSurveys).set({ comment: null }).where(eq(portraitSurveys.jobId, job.id)),
		// The tombstone: erase nulled the personal columns; the rest of what a GPU job or a step held goes too.
		deps.db
			.update(portraitJobs)
			.set({
				deletedAt: at,
				deletionError: null,
				deletionAttempts: sql`${portraitJobs.deletionAttempts} + 1`,
				...ERASED_COLUMNS,
				progressStep: null,
			})
			.where(eq(portraitJobs.id, job.id)),
	]);
	log("info", "portrait job deleted", { jobId: job.id, expiredAt: job.expiresAt, deletedAt: at });
	return "deleted";
}

/** Records a failed attempt: counted, its error kept for the admin page (error messages name services and ids, never personal data). */
async function recordFailure(deps: PortraitDeps, jobId: string, error: string): Promise<void> {
	await deps.db
		.update(portraitJobs)
		.set({ deletionAttempts: sql`${portraitJobs.deletionAttempts} + 1`, deletionError: error.slice(0, 500) })
		.where(eq(portraitJobs.id, jobId));
}

export const deletionHandler: PortraitHandler = {
	async run(deps, jobId, attempts) {
		try {
			const outcome = await deletePortraitJob(deps, jobId);
			if (typeof outcome === "object") return { retryInSeconds: outcome.waitSeconds };
			return "done";
		} catch (err) {
			const error = errorMessage(err);
			log("error", "portrait deletion failed", { jobId, attempts, error });
			await recordFailure(deps, jobId, error);
			return { retryInSeconds: deletionBackoffSeconds(attempts) };
		}
	},
	async deadLettered(deps, jobId) {
		const job = await findJob(deps, jobId);
		if (!job || job.deletedAt) return;
		log("error", "portrait deletion gave up; the sweep will hand it over again", { jobId, attempts: job.deletionAttempts });
		await deps.db
			.update(portraitJobs)
			.set({
				deletionQueuedAt: null,
				deletionError: `queue gave up after ${job.deletionAttempts} attempts: ${job.deletionError ?? "unknown error"}`.slice(0, 500),
			})
			.where(eq(portraitJobs.id, jobId));
	},
};
