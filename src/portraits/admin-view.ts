import { and, asc, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { portraitJobs, smsLogs } from "../db/schema";
import { AppError } from "../lib/errors";
import type { PortraitStatus } from "../shared/portraits";
import type { PortraitJob } from "./jobs";
import { kstIso } from "./kst";
import { maskedPhone } from "./phone";

/**
 * What the admin API shows of a job: its state, payment record and deletion, never anything
 * personal (the number only masked, no photo, no report text).
 */
export function adminJobView(job: PortraitJob) {
	return {
		id: job.id,
		status: job.status,
		failure_reason: job.failureReason,
		phone: job.phoneLast4 ? maskedPhone(job.phoneLast4) : null,
		price_cents: job.priceCents,
		currency: job.currency,
		provider: job.provider,
		paid_at: kstIso(job.paidAt),
		refunded_at: kstIso(job.refundedAt),
		created_at: kstIso(job.createdAt),
		expires_at: kstIso(job.expiresAt),
		completed_at: kstIso(job.completedAt),
		sms_sent_at: kstIso(job.smsSentAt),
		deleted_at: kstIso(job.deletedAt),
		deletion_attempts: job.deletionAttempts,
		deletion_error: job.deletionError,
	};
}

/** One page of jobs, newest first, optionally of one status; `before` is the previous page's last `created_at` (UTC). */
export async function listJobsForAdmin(db: Db, filter: { status?: PortraitStatus; before?: string; limit: number }) {
	const rows = await db.query.portraitJobs.findMany({
		where: and(filter.status ? eq(portraitJobs.status, filter.status) : undefined, filter.before ? lt(portraitJobs.createdAt, filter.before) : undefined),
		orderBy: [desc(portraitJobs.createdAt)],
		limit: filter.limit + 1,
	});
	const page = rows.slice(0, filter.limit);
	return { jobs: page.map(adminJobView), next_before: rows.length > filter.limit ? (page.at(-1)?.createdAt ?? null) : null };
}

/** A job with its SMS attempts (masked recipient, body, outcome), for support and the bench. */
export async function jobForAdmin(db: Db, jobId: string) {
	const job = await db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) });
	if (!job) throw new AppError(404, "NOT_FOUND", "No such portrait job.");
	const sms = await db.query.smsLogs.findMany({ where: eq(smsLogs.jobId, jobId), orderBy: [asc(smsLogs.createdAt), asc(smsLogs.attempt)] });
	return {
		job: adminJobView(job),
		sms: sms.map((row) => ({
			id: row.id,
			purpose: row.purpose,
			provider: row.provider,
			recipient: row.recipientMasked,
			body: row.body,
			attempt: row.attempt,
			outcome: row.outcome,
			error: row.error,
			created_at: kstIso(row.createdAt),
		})),
	};
}
