import { and, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { gpuJobs } from "../../db/schema";
import { usageRecords } from "../../db/video-schema";
import type { GpuDeps } from "../../gpu/deps";
import type { WorkerGpuJobHook } from "../../gpu/job-hooks";
import { parseArtifacts } from "../../gpu/mirror";
import { submitGpuJob } from "../../gpu/submit";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { log } from "../../lib/log";
import { VideoAspect } from "../../shared/gpu-jobs";
import { currentPlan } from "../plans";
import { periodUsage, planLimitReached, recordUsage, storageBytesOf } from "../usage/meter";
import { costOf, type UsagePrices } from "../usage/prices";
import { AssetFolder, AssetTags, assetKey, insertAsset } from "./assets";

/** The owner type of the library's image jobs (its id is the user's id). */
export const ASSET_JOB_OWNER = "video_asset";
/** The artifact an `image.generate` job leaves (gpu-gateway backends). */
const IMAGE_ARTIFACT = "image.png";
/** The style the gateway paints library images in: the same as a project without a brand. */
const ASSET_STYLE_ID = "video-library";

/** `POST /api/assets/generate`. */
export const AssetGenerate = z.strictObject({
	prompt: z.string().trim().min(1).max(500),
	aspect: VideoAspect.default("1:1"),
	name: z.string().trim().min(1).max(120).optional(),
	folder: AssetFolder.default(""),
	tags: AssetTags.default([]),
});
export type AssetGenerate = z.infer<typeof AssetGenerate>;

/** What the hook needs to file the image once it exists, kept in R2 beside the library until then. */
const PendingAsset = z.object({ name: z.string(), folder: z.string(), tags: z.array(z.string()) });

function pendingKey(userId: string, assetId: string): string {
	return `assets/${userId}/pending/${assetId}.json`;
}

/** `asset:<assetId>`: the job's Idempotency-Key and its usage row's dedupe key. */
export function assetJobKey(assetId: string): string {
	return `asset:${assetId}`;
}

function assetIdOfKey(key: string): string | null {
	const match = /^asset:(asset_[0-9a-f]{32})$/.exec(key);
	return match?.[1] ?? null;
}

export type AssetGenerateDeps = { db: Db; files: R2Bucket; gpu: GpuDeps; prices: UsagePrices; now: () => Date };

/**
 * Asks the gateway for an image that lands in the user's library (source `generated`). Every
 * limit is checked before anything is spent: storage left and the plan's cost cap (spent +
 * reserved + this image), `402 PLAN_LIMIT_REACHED`. The image's price is recorded as it is
 * submitted (so a second request sees it at once) and given back by the hook if the job fails.
 */
export async function generateAsset(deps: AssetGenerateDeps, userId: string, input: AssetGenerate): Promise<{ assetId: string; jobId: string }> {
	const now = deps.now();
	const plan = await currentPlan(deps.db, userId, now);
	if ((await storageBytesOf(deps.db, userId)) >= plan.limits.storageBytes) throw planLimitReached("storage", plan);
	const cost = costOf(deps.prices, "image.generate", 1);
	const usage = await periodUsage(deps.db, userId, plan.periodStart);
	if (usage.costCents + cost > plan.limits.costCents) throw planLimitReached("cost", plan);

	const assetId = newId("asset");
	const key = assetJobKey(assetId);
	const pending: z.infer<typeof PendingAsset> = { name: input.name ?? input.prompt.slice(0, 120), folder: input.folder, tags: input.tags };
	await deps.files.put(pendingKey(userId, assetId), JSON.stringify(pending), { httpMetadata: { contentType: "application/json" } });
	await recordUsage(deps.db, { userId, projectId: null, runId: null, resource: "image.generate", quantity: 1, costCents: cost, dedupeKey: key }, now);
	try {
		const seed = (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) >>> 1;
		const view = await submitGpuJob(
			deps.gpu,
			{
				kind: "image.generate",
				input: { styleId: ASSET_STYLE_ID, prompt: input.prompt, seed, aspect: input.aspect },
				owner: { type: ASSET_JOB_OWNER, id: userId },
			},
			key,
		);
		return { assetId, jobId: view.id };
	} catch (err) {
		// Nothing was made: the price goes back and the note is dropped.
		await deps.db.delete(usageRecords).where(eq(usageRecords.dedupeKey, key));
		await deps.files.delete(pendingKey(userId, assetId));
		log("warn", "asset image job not submitted", { error: err instanceof Error ? err.message : String(err) });
		throw new AppError(503, "GPU_GATEWAY_UNAVAILABLE", "The image service could not be reached; nothing was charged. Try again shortly.");
	}
}

/**
 * The library's GPU job hook (GPU_JOB_HOOKS, src/wiring.ts): a succeeded image is copied to
 * `assets/<user>/<sha256>.png` and filed as the asset the request named (once: the row's id is
 * fixed by the job's key); a failed, expired or canceled job gives its price back. Repeated
 * or late reports change nothing.
 */
export const settleAssetJob: WorkerGpuJobHook = async ({ db, files, now }, job) => {
	if (job.kind !== "image.generate" || job.ownerType !== ASSET_JOB_OWNER) return;
	const assetId = assetIdOfKey(job.idempotencyKey);
	if (!assetId) return;
	const userId = job.ownerId;
	if (job.status === "failed" || job.status === "expired" || job.status === "canceled") {
		await db.delete(usageRecords).where(and(eq(usageRecords.dedupeKey, job.idempotencyKey), eq(usageRecords.userId, userId)));
		await files.delete(pendingKey(userId, assetId));
		return;
	}
	if (job.status !== "succeeded") return;
	if (await db.query.assets.findFirst({ where: (row, { eq: is }) => is(row.id, assetId), columns: { id: true } })) return;
	const image = parseArtifacts(job.artifacts).find((artifact) => artifact.name === IMAGE_ARTIFACT);
	// `succeeded` can be read while the gateway still uploads; `job.succeeded` comes once it is done.
	if (!image?.r2_key) return;
	const source = await files.get(image.r2_key);
	if (!source) throw new Error(`artifact ${image.r2_key} is not in R2`);
	const bytes = new Uint8Array(await source.arrayBuffer());
	const r2Key = assetKey(userId, image.sha256, "png");
	await files.put(r2Key, bytes, { httpMetadata: { contentType: "image/png" } });
	const noteObject = await files.get(pendingKey(userId, assetId));
	const note = PendingAsset.safeParse(noteObject ? await noteObject.json() : null);
	const meta = note.success ? note.data : { name: "Generated image", folder: "", tags: [] };
	await insertAsset(
		db,
		{
			id: assetId,
			userId,
			name: meta.name,
			folder: meta.folder,
			tags: meta.tags,
			contentType: "image/png",
			size: bytes.byteLength,
			sha256: image.sha256,
			r2Key,
			source: "generated",
		},
		now.toISOString(),
	);
	await files.delete(pendingKey(userId, assetId));
};

/** How many images the user is still having generated into their library. */
export async function pendingAssetJobs(db: Db, userId: string): Promise<number> {
	const rows = await db
		.select({ n: count() })
		.from(gpuJobs)
		.where(and(eq(gpuJobs.ownerType, ASSET_JOB_OWNER), eq(gpuJobs.ownerId, userId), inArray(gpuJobs.status, ["queued", "starting", "running", "retrying"])));
	return Number(rows[0]?.n ?? 0);
}
