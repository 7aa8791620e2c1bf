import { and, eq, gt, isNotNull, isNull, lt, or } from "drizzle-orm";
import { portraitJobs } from "../db/schema";
import type { PortraitDeps } from "./deps";
import type { PortraitMessage } from "./messages";

/**
 * Work a lost queue message would leave undone: a state change and the message that carries the
 * next step are two writes, and the Worker can stop between them (or a send can fail after the
 * update). So every cron run hands the messages again for jobs that have waited longer than
 * {@link STALLED_AFTER_MS}: `process` for a job still processing, `sms` for a job that owes one.
 * Both handlers are idempotent (conditional updates, per-attempt gateway keys, the SMS lease), so
 * a message for a job that is merely slow changes nothing.
 */
export const STALLED_AFTER_MS = 10 * 60_000;
/** Messages per cron run at most (one sendBatch call each way). */
const RESEND_MAX = 100;

export async function resendStalledPortraitWork(deps: Pick<PortraitDeps, "db" | "queue" | "now">): Promise<{ process: number; sms: number }> {
	const now = deps.now();
	const stalledSince = new Date(now.getTime() - STALLED_AFTER_MS).toISOString();
	const live = and(isNull(portraitJobs.deletedAt), gt(portraitJobs.expiresAt, now.toISOString()));
	const processing = await deps.db
		.select({ id: portraitJobs.id })
		.from(portraitJobs)
		.where(
			and(
				live,
				eq(portraitJobs.status, "processing"),
				lt(portraitJobs.uploadedAt, stalledSince),
				or(isNull(portraitJobs.retryAt), lt(portraitJobs.retryAt, stalledSince)),
			),
		)
		.limit(RESEND_MAX);
	const owingSms = await deps.db
		.select({ id: portraitJobs.id })
		.from(portraitJobs)
		.where(
			and(
				live,
				isNotNull(portraitJobs.phoneCiphertext),
				isNull(portraitJobs.smsGaveUpAt),
				or(isNull(portraitJobs.smsLeaseUntil), lt(portraitJobs.smsLeaseUntil, now.toISOString())),
				or(
					and(eq(portraitJobs.status, "completed"), isNull(portraitJobs.smsSentAt), lt(portraitJobs.completedAt, stalledSince)),
					and(
						eq(portraitJobs.status, "failed"),
						isNotNull(portraitJobs.refundedAt),
						isNull(portraitJobs.refundSmsSentAt),
						lt(portraitJobs.failedAt, stalledSince),
					),
				),
			),
		)
		.limit(RESEND_MAX);
	const messages: { body: PortraitMessage }[] = [
		...processing.map((job) => ({ body: { kind: "process" as const, jobId: job.id } })),
		...owingSms.map((job) => ({ body: { kind: "sms" as const, jobId: job.id } })),
	];
	if (messages.length > 0) await deps.queue.sendBatch(messages);
	return { process: processing.length, sms: owingSms.length };
}
