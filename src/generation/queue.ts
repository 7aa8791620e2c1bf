import { and, eq, isNull } from "drizzle-orm";
import type { RateLimiter } from "../../durable-objects/rate-limiter";
import type { User } from "../accounts/sessions";
import { applyMovement } from "../credits/ledger";
import type { Db } from "../db/client";
import { generations, styles } from "../db/schema";
import { type GpuSubmitDeps, submitGpuJob } from "../gpu/submit";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { errorMessage, log } from "../lib/log";
import { enforceRateLimit, type RateLimit } from "../lib/rate-limit";
import type { ImageAspect } from "../shared/gpu-jobs";
import { GENERATION_SIZES } from "../shared/styles";
import { type Generation, generationJobKey, generationJobRequest, type Style } from "./job-request";
import { normalizePrompt } from "./prompt";

/** What queueing and sweeping generations need, built by the composition root; the clock and the gateway are swappable for tests. */
export type GenerationDeps = {
	db: Db;
	limiter: DurableObjectNamespace<RateLimiter>;
	gpu: GpuSubmitDeps;
	/** Generations per user per minute (GENERATION_RATE_LIMIT_PER_MINUTE). */
	rateLimit: RateLimit;
	/** ARTIST_SHARE: the style's artist's percent of each generation's price, recorded on the generation when its credits are held. */
	artistSharePercent: number;
	now: () => Date;
};

/** A random seed in the range the contract allows (0 … 2³¹−1). */
function randomSeed(): number {
	return (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) >>> 1;
}

/**
 * Submits the generation's job and records its id. Never throws: with the gateway down the
 * generation stays `queued` (its credits held) and the scheduled sweep submits it again
 * under the same Idempotency-Key.
 */
export async function submitGenerationJob(gpu: GpuSubmitDeps, db: Db, generation: Generation, style: Style): Promise<boolean> {
	try {
		const job = await submitGpuJob(gpu, generationJobRequest(generation, style), generationJobKey(generation.id));
		await db
			.update(generations)
			.set({ gpuJobId: job.id })
			.where(and(eq(generations.id, generation.id), isNull(generations.gpuJobId)));
		return true;
	} catch (err) {
		log("warn", "generation job not submitted; the sweep will retry", { generationId: generation.id, error: errorMessage(err) });
		return false;
	}
}

/**
 * Queues an image in a style for `user`: the prompt normalised to English keywords (422), the
 * per-user rate limit (429), the style trained (404 / 409 `STYLE_NOT_READY`), then the style's
 * price held and the generation row inserted in ONE batch, so a user short of credits gets
 * `402 INSUFFICIENT_TOKENS` with nothing stored, and parallel requests can never take the
 * balance below zero (the users CHECK fails the batch). Finally the GPU job is submitted.
 */
export async function queueGeneration(
	deps: GenerationDeps,
	user: Pick<User, "id">,
	styleId: string,
	request: { prompt: string; aspect: ImageAspect },
): Promise<Generation> {
	const prompt = normalizePrompt(request.prompt);
	const now = deps.now();
	await enforceRateLimit(deps.limiter, `user:${user.id}`, deps.rateLimit, now.getTime());
	const style = await deps.db.query.styles.findFirst({ where: eq(styles.id, styleId) });
	if (!style) throw new AppError(404, "NOT_FOUND", "No such style.");
	if (style.status !== "completed") throw new AppError(409, "STYLE_NOT_READY", "This style is not trained yet; try again once its training has completed.");

	const size = GENERATION_SIZES[request.aspect];
	const id = newId("gen");
	const held = await applyMovement(deps.db, { id: `hold:${id}`, userId: user.id, kind: "hold", amount: -style.priceCredits, reference: id, now }, [
		deps.db.insert(generations).values({
			id,
			userId: user.id,
			styleId: style.id,
			// The artist's share is part of the sale's terms; an artist using their own style pays themselves nothing.
			artistSharePercent: style.artistId === user.id ? 0 : deps.artistSharePercent,
			prompt,
			aspect: request.aspect,
			width: size.width,
			height: size.height,
			seed: randomSeed(),
			costCredits: style.priceCredits,
			status: "queued",
			// New images are public by default (the specification); the owner can make any one private.
			// The column's default stays private, so rows written before this change kept theirs.
			visibility: "public",
			createdAt: now.toISOString(),
			updatedAt: now.toISOString(),
		}),
	]);
	if (held !== "applied") throw new Error(`hold for ${id} already applied`);
	const generation = await deps.db.query.generations.findFirst({ where: eq(generations.id, id) });
	if (!generation) throw new Error(`generation ${id} not stored`);
	log("info", "generation queued", { generationId: id, userId: user.id, styleId: style.id, cost: style.priceCredits });

	await submitGenerationJob(deps.gpu, deps.db, generation, style);
	return (await deps.db.query.generations.findFirst({ where: eq(generations.id, id) })) ?? generation;
}
