import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { portraitJobs } from "../db/schema";
import { AppError } from "../lib/errors";
import { secretsEqual, sha256Hex, toHex } from "../lib/hash";
import { kstIso } from "./kst";

/** A portrait job row. */
export type PortraitJob = typeof portraitJobs.$inferSelect;

/** How long a job and everything personal in it live. */
export const PORTRAIT_TTL_MS = 24 * 3_600_000;

/** A new job id: `ptj_` and 32 hex digits of a random UUID (122 random bits), so ids cannot be guessed. */
export function newPortraitJobId(): string {
	return `ptj_${crypto.randomUUID().replaceAll("-", "")}`;
}

/** Whether a checkout reference is a portrait job's. */
export function isPortraitJobId(reference: string | null | undefined): reference is string {
	return typeof reference === "string" && /^ptj_[0-9a-f]{32}$/.test(reference);
}

/** A new job key: 160 random bits as 40 hex digits, shown once; only its SHA-256 is stored. */
export function newJobKey(): string {
	return toHex(crypto.getRandomValues(new Uint8Array(20)));
}

/** The job, or `404 NOT_FOUND`; a deleted job is `410 GONE` (its tombstone says only that). */
export async function liveJob(db: Db, jobId: string): Promise<PortraitJob> {
	const job = isPortraitJobId(jobId) ? await db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) }) : undefined;
	if (!job) throw new AppError(404, "NOT_FOUND", "No such portrait job.");
	if (job.deletedAt) throw new AppError(410, "GONE", "This job was deleted 24 hours after it was made, as promised.");
	return job;
}

/**
 * The job, if `key` is its key (`?key=` or `X-Job-Key`). A wrong key and an unknown job look the
 * same (404), so ids cannot be probed; a deleted job is 410 whatever the key.
 */
export async function jobByKey(db: Db, jobId: string, key: string | undefined): Promise<PortraitJob> {
	const job = await liveJob(db, jobId);
	if (!key || !(await secretsEqual(await sha256Hex(key), job.keyHash))) throw new AppError(404, "NOT_FOUND", "No such portrait job.");
	return job;
}

/** `409 INVALID_STATE` naming the job's current status, for a step taken out of order. */
export function invalidState(job: Pick<PortraitJob, "status">): AppError {
	return new AppError(409, "INVALID_STATE", `This step is not open: the job is ${job.status}.`);
}

/** The job as the API shows it (API.md "Portraits"): times in KST (+09:00). */
export function portraitJobView(job: PortraitJob) {
	return {
		id: job.id,
		status: job.status,
		failure_reason: job.failureReason,
		created_at: kstIso(job.createdAt),
		expires_at: kstIso(job.expiresAt),
	};
}
