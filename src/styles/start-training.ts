import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { accountIsActive, requireActiveAccount } from "../accounts/deactivate";
import { gpuJobs, styles } from "../db/schema";
import { GpuGatewayError } from "../gpu/client";
import { type GpuSubmitDeps, submitGpuJob } from "../gpu/submit";
import { AppError } from "../lib/errors";
import { errorMessage, log } from "../lib/log";
import { MAX_TRAINING_IMAGES, MIN_TRAINING_IMAGES } from "./config";
import { ownStyle, type StyleRow } from "./style-queries";
import { settleTrainingJob } from "./training-hook";
import { listTrainingImages } from "./training-images";

/** What starting a training run needs: the submit wiring (db, gateway, progress objects) and the bucket. */
export type TrainingDeps = GpuSubmitDeps & { files: R2Bucket; now: () => Date };

/** The Idempotency-Key of the style's n-th training job. */
export function trainingJobKey(styleId: string, n: number): string {
	return `style-train:${styleId}:${n}`;
}

/** How many training jobs of this style the mirror knows: the next one is number count + 1. */
async function trainingJobsSoFar(deps: TrainingDeps, styleId: string): Promise<number> {
	const prefix = `style-train:${styleId}:`;
	const rows = await deps.db.select({ n: sql<number>`count(*)` }).from(gpuJobs).where(sql`substr(${gpuJobs.idempotencyKey}, 1, ${prefix.length}) = ${prefix}`);
	return rows[0]?.n ?? 0;
}

function readiness(style: StyleRow): string | null {
	if (style.imageCount < MIN_TRAINING_IMAGES) return `Training needs at least ${MIN_TRAINING_IMAGES} training images, has ${style.imageCount}.`;
	if (style.imageCount > MAX_TRAINING_IMAGES) return `Training takes at most ${MAX_TRAINING_IMAGES} training images, has ${style.imageCount}.`;
	if (!style.signatureR2Key) return "Upload your signature image before training: it is stamped on every generated image.";
	return null;
}

/**
 * Starts training a style (owner only): needs 10–100 images and a signature. The style moves
 * `pending|failed → training` with one conditional update (so a double click, or an upload
 * racing it, cannot start two runs), then a `lora.train` job is submitted with the images as
 * `r2Key` inputs. Should the gateway refuse or be unreachable, the style goes back to the
 * status it had and the caller gets `503 GPU_GATEWAY_UNAVAILABLE`. A deactivated artist trains
 * nothing new (`403 ACCOUNT_DEACTIVATED`), checked first and again in the conditional update.
 */
export async function startTraining(deps: TrainingDeps, styleId: string, artistId: string): Promise<StyleRow> {
	const style = await ownStyle(deps.db, styleId, artistId);
	await requireActiveAccount(deps.db, artistId);
	if (style.status === "training" || style.status === "completed") {
		throw new AppError(409, "CONFLICT", style.status === "training" ? "This style is already training." : "This style is already trained.");
	}
	const problem = readiness(style);
	if (problem) throw new AppError(422, "VALIDATION_FAILED", problem);

	const at = deps.now().toISOString();
	const [moved] = await deps.db
		.update(styles)
		.set({ status: "training", trainingJobId: null, trainingErrorCode: null, trainingError: null, updatedAt: at })
		.where(
			and(
				eq(styles.id, styleId),
				eq(styles.artistId, artistId),
				inArray(styles.status, ["pending", "failed"]),
				sql`${styles.imageCount} BETWEEN ${MIN_TRAINING_IMAGES} AND ${MAX_TRAINING_IMAGES}`,
				accountIsActive(artistId),
			),
		)
		.returning();
	if (!moved) throw new AppError(409, "CONFLICT", "This style changed meanwhile; reload and try again.");

	const images = await listTrainingImages(deps.db, styleId);
	let jobId: string;
	try {
		jobId = await submitTrainingJob(
			deps,
			moved,
			images.map((image) => ({ r2Key: image.r2Key, sha256: image.sha256 })),
		);
	} catch (err) {
		await deps.db
			.update(styles)
			.set({ status: style.status, trainingErrorCode: style.trainingErrorCode, trainingError: style.trainingError, updatedAt: at })
			.where(and(eq(styles.id, styleId), eq(styles.status, "training"), isNull(styles.trainingJobId)));
		log("error", "style training submit failed", { styleId, error: errorMessage(err) });
		throw new AppError(503, "GPU_GATEWAY_UNAVAILABLE", "Training could not be started right now; please try again in a minute.");
	}

	const [withJob] = await deps.db
		.update(styles)
		.set({ trainingJobId: jobId })
		.where(and(eq(styles.id, styleId), eq(styles.status, "training"), isNull(styles.trainingJobId)))
		.returning();
	// The job may have finished before its id was stored here (its callback found no style):
	// settle from the mirror now, so that outcome is not lost.
	const job = await deps.db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, jobId) });
	if (job) await settleTrainingJob({ db: deps.db, files: deps.files, now: deps.now() }, job);
	return (await deps.db.query.styles.findFirst({ where: eq(styles.id, styleId) })) ?? withJob ?? moved;
}

/**
 * Submits the `lora.train` job. The key is `style-train:<styleId>:<n>`, n counting this
 * style's jobs; a retry after a lost answer reuses it and gets the same job back. A 409 means
 * that key went with other images (they changed since): the next number is used.
 */
async function submitTrainingJob(deps: TrainingDeps, style: StyleRow, images: { r2Key: string; sha256: string }[]): Promise<string> {
	const first = (await trainingJobsSoFar(deps, style.id)) + 1;
	for (let n = first; n < first + 3; n++) {
		try {
			const view = await submitGpuJob(
				deps,
				{ kind: "lora.train", owner: { type: "user", id: style.artistId }, input: { artistId: style.artistId, styleId: style.id, images } },
				trainingJobKey(style.id, n),
			);
			return view.id;
		} catch (err) {
			if (!(err instanceof GpuGatewayError && err.status === 409)) throw err;
		}
	}
	throw new Error("training job keys kept conflicting");
}
