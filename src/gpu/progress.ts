import { and, desc, eq, inArray } from "drizzle-orm";
import type { JobProgress } from "../../durable-objects/job-progress";
import type { Db } from "../db/client";
import { gpuJobs } from "../db/schema";
import { errorMessage, log } from "../lib/log";
import type { GpuJobStatus, JobOwner } from "../shared/gpu-jobs";
import type { JobProgressUpdate } from "../shared/job-progress";

/** The part of the JOB_PROGRESS binding (one object per job owner) that publishing uses. */
export type JobProgressNamespace = Pick<DurableObjectNamespace<JobProgress>, "idFromName" | "get">;

/** What publishing needs: the mirror to read the job from, and the owners' objects. */
export type ProgressDeps = { db: Db; progress: JobProgressNamespace };

/** Non-terminal statuses: a live job is always listed, however old. */
const LIVE_STATUSES: GpuJobStatus[] = ["queued", "starting", "running", "retrying"];
/** Finished jobs listed by the polling endpoint, newest first. */
export const RECENT_JOBS_LIMIT = 50;
/** A bound on live jobs too, so one owner's backlog cannot make a poll unbounded. */
const LIVE_JOBS_LIMIT = 200;

const progressColumns = {
	id: gpuJobs.id,
	kind: gpuJobs.kind,
	status: gpuJobs.status,
	progressPercent: gpuJobs.progressPercent,
	progressStep: gpuJobs.progressStep,
	errorCode: gpuJobs.errorCode,
	createdAt: gpuJobs.createdAt,
	updatedAt: gpuJobs.updatedAt,
};

type ProgressRow = { [K in keyof typeof progressColumns]: (typeof gpuJobs.$inferSelect)[K] };

/** The name of an owner's JOB_PROGRESS object; also the `sub` of its progress tokens. */
export function progressOwnerName(owner: JobOwner): string {
	return `${owner.type}:${owner.id}`;
}

/** The owner's JOB_PROGRESS object. */
export function jobProgressStub(namespace: JobProgressNamespace, owner: JobOwner): DurableObjectStub<JobProgress> {
	return namespace.get(namespace.idFromName(progressOwnerName(owner)));
}

/** A mirror row as a progress update. */
export function progressUpdateOf(row: ProgressRow): JobProgressUpdate {
	return {
		job_id: row.id,
		kind: row.kind,
		status: row.status,
		progress: { percent: row.progressPercent, step: row.progressStep },
		error_code: row.errorCode,
		updated_at: row.updatedAt,
	};
}

/**
 * Sends a job's current mirror state to its owner's open sockets. Never throws: progress is a
 * convenience for browsers, and a callback or sweep must not fail (and be retried) because
 * a Durable Object could not be reached; the polling endpoint and the next update catch up.
 */
export async function publishJobProgress(deps: ProgressDeps, jobId: string): Promise<void> {
	try {
		const row = await deps.db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, jobId) });
		if (!row) return;
		await jobProgressStub(deps.progress, { type: row.ownerType, id: row.ownerId }).publish(progressUpdateOf(row));
	} catch (err) {
		log("warn", "gpu job progress not published", { jobId, error: errorMessage(err) });
	}
}

/**
 * An owner's jobs for the polling fallback, from the D1 mirror: every live job and the
 * {@link RECENT_JOBS_LIMIT} most recent ones, newest first.
 */
export async function ownerJobProgress(db: Db, owner: JobOwner): Promise<JobProgressUpdate[]> {
	const ofOwner = and(eq(gpuJobs.ownerType, owner.type), eq(gpuJobs.ownerId, owner.id));
	const [live, recent] = await db.batch([
		db
			.select(progressColumns)
			.from(gpuJobs)
			.where(and(ofOwner, inArray(gpuJobs.status, LIVE_STATUSES)))
			.orderBy(desc(gpuJobs.createdAt), desc(gpuJobs.id))
			.limit(LIVE_JOBS_LIMIT),
		db.select(progressColumns).from(gpuJobs).where(ofOwner).orderBy(desc(gpuJobs.createdAt), desc(gpuJobs.id)).limit(RECENT_JOBS_LIMIT),
	]);
	const byId = new Map<string, ProgressRow>();
	for (const row of [...live, ...recent]) byId.set(row.id, row);
	return [...byId.values()]
		.sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)))
		.map(progressUpdateOf);
}
