import { eq } from "drizzle-orm";
import { portraitImages, portraitJobs, portraitRecommendations } from "../db/schema";
import { GpuGatewayError } from "../gpu/client";
import type { GpuDeps } from "../gpu/deps";
import { applyGatewayView } from "../gpu/mirror";
import { errorMessage, log } from "../lib/log";
import { portraitJobPrefix } from "../r2/keys";
import type { GpuJobView } from "../shared/gpu-jobs";
import type { PortraitDeps } from "./deps";
import type { PortraitJob } from "./jobs";

/** R2 deletes at most 1,000 keys per call; a listing page holds at most as many. */
const R2_PAGE = 1_000;

/** Deletes every R2 object under the job's prefix, page by page (a listing is never assumed complete). */
async function deleteJobObjects(files: R2Bucket, jobId: string): Promise<number> {
	const prefix = portraitJobPrefix(jobId);
	let deleted = 0;
	let cursor: string | undefined;
	do {
		const page = await files.list({ prefix, cursor, limit: R2_PAGE });
		const keys = page.objects.map((object) => object.key);
		if (keys.length > 0) await files.delete(keys);
		deleted += keys.length;
		cursor = page.truncated ? page.cursor : undefined;
	} while (cursor);
	return deleted;
}

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
	try {
		await deleteJobObjects(deps.files, job.id);
	} catch (err) {
		problems.push(`R2: ${errorMessage(err)}`);
	}
	for (const gpuJobId of [job.portraitJobId, job.reportJobId]) {
		if (!gpuJobId) continue;
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
			deps.db
				.update(portraitJobs)
				.set({ phoneCiphertext: null, phoneKeyId: null, phoneHash: null, phoneLast4: null, photoKey: null, report: null })
				.where(eq(portraitJobs.id, job.id)),
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
