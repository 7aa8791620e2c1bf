import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { gpuJobs } from "../db/schema";
import { settleGenerationJob } from "../generation/settle";
import { settleTrainingJob } from "../styles/training-hook";

/** A mirror row as it stands after a refresh. */
export type GpuJobRow = typeof gpuJobs.$inferSelect;

/** What a hook may use. */
export type GpuJobHookDeps = { db: Db; files: R2Bucket; now: Date };

/**
 * Reacts to a mirror row that changed (a callback or the reconciliation sweep refreshed it).
 * Hooks are called for every change of every job, possibly more than once for the same state,
 * so each must ignore jobs that are not its own and be idempotent.
 */
export type GpuJobHook = (deps: GpuJobHookDeps, job: GpuJobRow) => Promise<void>;

/** The product lines that run on the gateway, each settling its own jobs. */
const hooks: GpuJobHook[] = [settleTrainingJob, settleGenerationJob];

/** Runs every hook for a changed job; one failing hook does not stop the others, the error is rethrown after. */
export async function runGpuJobHooks(deps: GpuJobHookDeps, job: GpuJobRow): Promise<void> {
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
export async function settleGpuJob(deps: { db: Db; files: R2Bucket }, jobId: string, now: Date): Promise<void> {
	const job = await deps.db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, jobId) });
	if (job) await runGpuJobHooks({ db: deps.db, files: deps.files, now }, job);
}
