import { and, asc, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { portraitApiTimings, portraitJobs } from "../db/schema";
import type { PortraitDeps } from "./deps";
import type { PortraitMessage } from "./messages";

/**
 * The deletion sweep (cron, every 5 minutes): hands every job past `expires_at` to the portrait
 * queue as a `delete` message, in bounded batches, so one cron run never carries the deletions
 * themselves. A job is handed over once (`deletion_queued_at`), and again when its deletion is
 * overdue ({@link DELETION_OVERDUE_MS} after it was handed over without finishing) or the queue
 * gave up on it (the dead-letter handler clears `deletion_queued_at`).
 */

/** Jobs per `sendBatch` and per marking UPDATE (Queues take 100 messages a call, D1 binds 100 parameters a query). */
export const SWEEP_BATCH = 50;
/** Jobs handed over per cron run at most: 1,000 every 5 minutes is 12,000 an hour. */
export const SWEEP_MAX_PER_RUN = 1_000;
/** A deletion handed over this long ago and not finished is handed over again (and shown red on the admin page). */
export const DELETION_OVERDUE_MS = 15 * 60_000;
/** API timings older than this are pruned: the p95 alert looks at the last 24 hours. */
export const TIMINGS_KEPT_MS = 24 * 3_600_000;

/** Expired jobs whose deletion is due to be handed over: never handed over, or handed over long enough ago to be overdue. */
function dueForHandover(now: Date) {
	return and(
		isNull(portraitJobs.deletedAt),
		lte(portraitJobs.expiresAt, now.toISOString()),
		or(isNull(portraitJobs.deletionQueuedAt), lt(portraitJobs.deletionQueuedAt, new Date(now.getTime() - DELETION_OVERDUE_MS).toISOString())),
	);
}

/**
 * One sweep: up to {@link SWEEP_MAX_PER_RUN} due jobs, oldest expiry first, sent in batches of
 * {@link SWEEP_BATCH}; each batch is marked `deletion_queued_at` after it was sent (a send that
 * fails leaves its jobs due for the next run; a mark that fails only sends them twice, and a
 * deletion runs twice harmlessly).
 */
export async function sweepExpiredPortraits(deps: Pick<PortraitDeps, "db" | "queue" | "now">): Promise<{ handedOver: number }> {
	const now = deps.now();
	let handedOver = 0;
	while (handedOver < SWEEP_MAX_PER_RUN) {
		const due = await deps.db
			.select({ id: portraitJobs.id })
			.from(portraitJobs)
			.where(dueForHandover(now))
			.orderBy(asc(portraitJobs.expiresAt))
			.limit(Math.min(SWEEP_BATCH, SWEEP_MAX_PER_RUN - handedOver));
		if (due.length === 0) break;
		const ids = due.map((job) => job.id);
		await deps.queue.sendBatch(ids.map((jobId) => ({ body: { kind: "delete", jobId } satisfies PortraitMessage })));
		await deps.db.update(portraitJobs).set({ deletionQueuedAt: now.toISOString() }).where(inArray(portraitJobs.id, ids));
		handedOver += ids.length;
		if (due.length < SWEEP_BATCH) break;
	}
	return { handedOver };
}

/** Drops API timings older than a day (the p95 alert's window). */
export async function pruneApiTimings(deps: Pick<PortraitDeps, "db" | "now">): Promise<{ pruned: number }> {
	const cutoff = new Date(deps.now().getTime() - TIMINGS_KEPT_MS).toISOString();
	const result = await deps.db.delete(portraitApiTimings).where(lt(portraitApiTimings.at, cutoff)).run();
	return { pruned: result.meta.changes };
}
