import { and, eq, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { portraitJobs } from "../db/schema";
import { type JobProgressNamespace, jobProgressStub } from "../gpu/progress";
import { mintProgressToken } from "../gpu/progress-token";
import { errorMessage, log } from "../lib/log";
import type { JobOwner } from "../shared/gpu-jobs";
import type { JobProgressUpdate } from "../shared/job-progress";
import type { PortraitDeps } from "./deps";

/**
 * The steps a portrait job shows while it is processed, in order: the photo waits for the GPU,
 * the three portraits are made (`retrying` after a failed attempt), the report is written, done.
 * The waiting page shows `progressPercent` and the step's label.
 */
export type PortraitStep = "queued" | "portraits" | "retrying" | "report" | "done" | "failed";

/** The progress band of each step: the portraits take 10–60 %, the report 60–95 %. */
export const PORTRAIT_PROGRESS = { submitted: 10, portraitsEnd: 60, reportEnd: 95, done: 100 } as const;

/** The GPU jobs of portrait `jobId` report to this owner, and so does the job's own progress. */
export function portraitOwner(jobId: string): JobOwner {
	return { type: "portrait", id: jobId };
}

/** What publishing needs: D1 for the job row, the JOB_PROGRESS objects. */
export type PortraitProgressDeps = { db: Db; progress: JobProgressNamespace; now: Date };

/**
 * Moves the job's progress forward (never back: a late GPU event cannot lower it) and tells
 * the waiting page. Only a job still `processing` moves. Returns whether the row changed.
 */
export async function advancePortraitProgress(deps: PortraitProgressDeps, jobId: string, percent: number, step: PortraitStep): Promise<boolean> {
	const moved = await deps.db
		.update(portraitJobs)
		.set({ progressPercent: percent, progressStep: step })
		.where(and(eq(portraitJobs.id, jobId), eq(portraitJobs.status, "processing"), lte(portraitJobs.progressPercent, percent)))
		.returning({ id: portraitJobs.id });
	if (moved.length > 0) await publishPortraitProgress(deps, jobId);
	return moved.length > 0;
}

/** The job as one progress update, in the shape the GPU jobs use (kind `portrait`, the job's id). */
export function portraitProgressUpdate(job: typeof portraitJobs.$inferSelect, now: Date): JobProgressUpdate {
	return {
		job_id: job.id,
		kind: "portrait",
		status: job.status === "completed" ? "succeeded" : job.status === "failed" ? "failed" : "running",
		progress: { percent: job.progressPercent, step: job.progressStep ?? "queued" },
		error_code: job.failureReason ?? null,
		updated_at: now.toISOString(),
	};
}

/**
 * Publishes the job's stored progress to its owner's JOB_PROGRESS object (`portrait:<jobId>`),
 * next to its GPU jobs' own updates. Never throws: the page polls the status endpoint as well.
 */
export async function publishPortraitProgress(deps: PortraitProgressDeps, jobId: string): Promise<void> {
	try {
		const job = await deps.db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) });
		if (!job) return;
		await jobProgressStub(deps.progress, portraitOwner(jobId)).publish(portraitProgressUpdate(job, deps.now));
	} catch (err) {
		log("warn", "portrait progress not published", { jobId, error: errorMessage(err) });
	}
}

/**
 * A progress token for the waiting page of `jobId` (an hour at most; the page mints a fresh one
 * on each load), for `/api/progress/ws` and the polling fallback `/api/progress`.
 */
export async function portraitProgressToken(deps: Pick<PortraitDeps, "keys" | "now">, jobId: string): Promise<string> {
	return mintProgressToken(deps.keys.progress, portraitOwner(jobId), deps.now());
}
