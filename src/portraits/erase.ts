import { and, eq } from "drizzle-orm";
import { gpuJobs, portraitImages, portraitJobs, portraitRecommendations } from "../db/schema";
import { GpuGatewayError } from "../gpu/client";
import type { GpuDeps } from "../gpu/deps";
import { applyGatewayView } from "../gpu/mirror";
import { errorMessage, log } from "../lib/log";
import { deletePrefix } from "../r2/delete-prefix";
import { gpuArtifactKey, portraitGpuInputPrefix, portraitJobPrefix } from "../r2/keys";
import type { GpuJobView } from "../shared/gpu-jobs";
import type { PortraitDeps } from "./deps";
import type { PortraitJob } from "./jobs";

/** The job's personal columns, as erasure leaves them (the deletion's tombstone sets them again, in its own batch). */
export const ERASED_COLUMNS = { phoneCiphertext: null, phoneKeyId: null, phoneHash: null, phoneLast4: null, photoKey: null, report: null } as const;

/**
 * Deletes the gateway's copies of one of the job's GPU jobs (its input, the photo, and its
 * outputs). A job still running is cancelled first (the gateway refuses to purge a live job
 * with 409); one the gateway does not know (404) holds nothing. The mirror row is refreshed.
 */
async function purgeGatewayCopies(gpu: Pick<GpuDeps, "db" | "gateway">, gpuJobId: string, now: Date): Promise<void> {
	let view: GpuJobView;
	try {
		view = await gpu.gateway.purgeJobData(gpuJobId);
	} catch (err) {
		if (err instanceof GpuGatewayError && err.status === 404) return;
		if (!(err instanceof GpuGatewayError && err.status === 409)) throw err;
		await gpu.gateway.cancelJob(gpuJobId).catch((cancelErr: unknown) => {
			// It may have ended on its own between the two calls (409 JOB_FINISHED): purge it then.
			if (!(cancelErr instanceof GpuGatewayError && cancelErr.status === 409)) throw cancelErr;
		});
		view = await gpu.gateway.purgeJobData(gpuJobId);
	}
	await applyGatewayView(gpu.db, view, now);
}

/**
 * Erases what a portrait job holds about its person: every R2 object under `portraits/<jobId>/`
 * (photo and portraits), the gateway's copies of its GPU jobs, its images and recommendations
 * rows, and the personal columns (the sealed number, its hash and last four digits, the photo
 * key, the report). The job row, its status and the payment record stay. Idempotent: run again
 * it finds nothing left. Every part is tried; if any failed, it throws naming them, so the
 * caller (the refund, the deletion queue) retries.
 */
export async function erasePersonalData(
	deps: Pick<PortraitDeps, "db" | "files" | "now"> & { gpu: Pick<GpuDeps, "db" | "gateway"> },
	job: Pick<PortraitJob, "id" | "portraitJobId" | "reportJobId">,
): Promise<void> {
	const problems: string[] = [];
	// Every gateway job that ever worked for this portrait job: a retried step leaves earlier attempts
	// (which saw the photo too) behind the one the job row names.
	const owned = await deps.db
		.select({ id: gpuJobs.id })
		.from(gpuJobs)
		.where(and(eq(gpuJobs.ownerType, "portrait"), eq(gpuJobs.ownerId, job.id)));
	const gpuJobIds = [...new Set([job.portraitJobId, job.reportJobId, ...owned.map((row) => row.id)].filter((id): id is string => Boolean(id)))];
	// The job's own objects, the photo's copy handed to the gateway, and the gateway's uploaded outputs
	// (copied out by the hook and deleted there; left behind if a step crashed in between).
	for (const prefix of [portraitJobPrefix(job.id), portraitGpuInputPrefix(job.id), ...gpuJobIds.map((id) => gpuArtifactKey(id, ""))]) {
		try {
			await deletePrefix(deps.files, prefix);
		} catch (err) {
			problems.push(`R2 ${prefix}: ${errorMessage(err)}`);
		}
	}
	for (const gpuJobId of gpuJobIds) {
		try {
			await purgeGatewayCopies(deps.gpu, gpuJobId, deps.now());
		} catch (err) {
			problems.push(`gateway ${gpuJobId}: ${errorMessage(err)}`);
		}
	}
	try {
		await deps.db.batch([
			deps.db.delete(portraitImages).where(eq(portraitImages.jobId, job.id)),
			deps.db.delete(portraitRecommendations).where(eq(portraitRecommendations.jobId, job.id)),
			deps.db.update(portraitJobs).set(ERASED_COLUMNS).where(eq(portraitJobs.id, job.id)),
		]);
	} catch (err) {
		problems.push(`D1: ${errorMessage(err)}`);
	}
	if (problems.length > 0) {
		log("error", "portrait erasure incomplete", { jobId: job.id, problems });
		throw new Error(`personal data of ${job.id} not fully erased: ${problems.join("; ")}`);
	}
	log("info", "portrait personal data erased", { jobId: job.id });
}
