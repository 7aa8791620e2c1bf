import { eq } from "drizzle-orm";
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

/** Reads a job's mirror row as it stands now and runs the hooks on it (nothing if it is gone). */
export async function settleGpuJob(deps: { db: Db; files: R2Bucket; hooks: readonly WorkerGpuJobHook[] }, jobId: string, now: Date): Promise<void> {
	const job = await deps.db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, jobId) });
	if (job) await runGpuJobHooks(deps.hooks, { db: deps.db, files: deps.files, now }, job);
}
