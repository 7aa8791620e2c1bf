import { and, eq, isNull } from "drizzle-orm";
import { generations } from "../db/schema";
import type { WorkerGpuJobHook } from "../gpu/job-hooks";
import { parseArtifacts } from "../gpu/mirror";
import { log } from "../lib/log";
import { generationIdOfKey } from "./job-request";
import { completeGeneration, failGeneration } from "./outcomes";

/** The artifact an `image.generate` job leaves: the stamped PNG (gpu-gateway backends). */
export const GENERATED_IMAGE_ARTIFACT = "image.png";

/**
 * Settles generations from their GPU jobs (registered in src/gpu/job-hooks.ts). The job is
 * found by its Idempotency-Key (`generation:<id>`), not by `gpu_job_id`, so a callback that
 * beats the submit's own bookkeeping still finds its generation. Every move is conditional:
 * `starting|running|retrying` → `processing` only from `queued`; `succeeded` → completed and
 * captured once; `failed|expired|canceled` (the gateway has already spent its attempts) →
 * failed and refunded once. Duplicated or late reports change nothing.
 */
export const settleGenerationJob: WorkerGpuJobHook = async ({ db, now }, job) => {
	if (job.kind !== "image.generate" || job.ownerType !== "user") return;
	const generationId = generationIdOfKey(job.idempotencyKey);
	if (!generationId) return;
	const generation = await db.query.generations.findFirst({ where: eq(generations.id, generationId) });
	if (!generation || generation.userId !== job.ownerId) return;
	if (generation.gpuJobId === null) {
		await db
			.update(generations)
			.set({ gpuJobId: job.id })
			.where(and(eq(generations.id, generation.id), isNull(generations.gpuJobId)));
	} else if (generation.gpuJobId !== job.id) {
		return;
	}

	switch (job.status) {
		case "queued":
			return;
		case "starting":
		case "running":
		case "retrying":
			await db
				.update(generations)
				.set({ status: "processing", updatedAt: now.toISOString() })
				.where(and(eq(generations.id, generation.id), eq(generations.status, "queued")));
			return;
		case "succeeded": {
			const image = parseArtifacts(job.artifacts).find((artifact) => artifact.name === GENERATED_IMAGE_ARTIFACT);
			if (!image?.r2_key) {
				// An earlier event's re-read can see `succeeded` while the gateway is still uploading
				// (it sends `job.succeeded` only once the upload is done): wait for that event.
				log("info", "generation job succeeded; waiting for its image upload", { generationId: generation.id, jobId: job.id });
				return;
			}
			await completeGeneration(db, generation, { r2Key: image.r2_key, sha256: image.sha256, size: image.size }, now);
			return;
		}
		case "failed":
		case "expired":
		case "canceled":
			await failGeneration(db, generation, failureOf(job.status, job.errorCode, job.errorMessage), now);
			return;
	}
};

/** What the user reads about a failed job. */
function failureOf(status: "failed" | "expired" | "canceled", code: string | null, message: string | null) {
	if (status === "expired") return { code: code ?? "JOB_EXPIRED", message: "The image took too long to generate." };
	if (status === "canceled") return { code: code ?? "JOB_CANCELED", message: "The generation was canceled." };
	return { code: code ?? "JOB_FAILED", message: message ? `Generation failed: ${message.slice(0, 300)}` : "Generation failed after several attempts." };
}
