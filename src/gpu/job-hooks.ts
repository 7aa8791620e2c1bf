import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { gpuJobs } from "../db/schema";
import type { GpuJobHook, GpuJobRecord } from "../shared/gpu-job-hooks";

/** What a hook may use. */
export type GpuJobHookDeps = { db: Db; files: R2Bucket; now: Date };

/** A hook of the Worker's product lines (src/shared/gpu-job-hooks.ts). */
export type WorkerGpuJobHook = GpuJobHook<GpuJobHookDeps>;

/** Runs every hook for a changed job; one failing hook does not stop the others, the error is rethrown after. */
export async function runGpuJobHooks(hooks: readonly WorkerGpuJobHook[], deps: GpuJobHookDeps, job: GpuJobRecord): Promise<void> {
	const errors: unknown[] = [];
	for (const hook of hooks) {
		try {
			await hook(deps, job);
		} catch (err) {
			errors.push(err);
		}
	}
	if (errors.length > 0) throw errors[0];
}

/**
 * Reads a job's mirror row as it stands now, runs the hooks on it (nothing if it is gone) and,
 * once they all succeeded, marks the row settled. The mark is conditional on the row being the
 * one the hooks saw (same status, `updated_at` and `last_event_at`): a change that landed in
 * between leaves it unsettled for its own settling. A failing hook leaves it unsettled, so the
 * reconciliation sweep settles a finished job whose callback could not.
 */
export async function settleGpuJob(deps: { db: Db; files: R2Bucket; hooks: readonly WorkerGpuJobHook[] }, jobId: string, now: Date): Promise<void> {
	const job = await deps.db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, jobId) });
	if (!job) return;
	await runGpuJobHooks(deps.hooks, { db: deps.db, files: deps.files, now }, job);
	await deps.db
		.update(gpuJobs)
		.set({ settledAt: now.toISOString() })
		.where(and(eq(gpuJobs.id, jobId), eq(gpuJobs.status, job.status), eq(gpuJobs.updatedAt, job.updatedAt), eq(gpuJobs.lastEventAt, job.lastEventAt)));
}
