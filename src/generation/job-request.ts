import type { generations, styles } from "../db/schema";
import type { GpuJobRequest } from "../gpu/submit";
import { ImageAspect, ModelArtifactRef } from "../shared/gpu-jobs";

export type Generation = typeof generations.$inferSelect;
export type Style = typeof styles.$inferSelect;

/** The prefix of a generation's Idempotency-Key; the settlement hook finds its generation by it. */
export const GENERATION_KEY_PREFIX = "generation:";

/** The gateway Idempotency-Key of a generation: one job per generation, however often it is submitted. */
export function generationJobKey(generationId: string): string {
	return `${GENERATION_KEY_PREFIX}${generationId}`;
}

/** The generation id of a job's Idempotency-Key, or null when the job is not a generation. */
export function generationIdOfKey(idempotencyKey: string): string | null {
	return idempotencyKey.startsWith(GENERATION_KEY_PREFIX) ? idempotencyKey.slice(GENERATION_KEY_PREFIX.length) || null : null;
}

/** The style's trained model, when its stored artifact is well-formed. */
function modelArtifactOf(style: Style) {
	if (!style.modelArtifact) return undefined;
	try {
		const parsed = ModelArtifactRef.safeParse(JSON.parse(style.modelArtifact));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The `image.generate` request of a generation, built only from stored rows (the seed
 * included), so a resubmission by the sweep is byte-for-byte the first one and the gateway's
 * idempotency returns the same job instead of a 409.
 */
export function generationJobRequest(generation: Generation, style: Style): GpuJobRequest {
	const modelArtifact = modelArtifactOf(style);
	return {
		kind: "image.generate",
		owner: { type: "user", id: generation.userId },
		input: {
			styleId: style.id,
			...(modelArtifact ? { modelArtifact } : {}),
			prompt: generation.prompt,
			seed: generation.seed,
			aspect: ImageAspect.parse(generation.aspect),
			signature: {
				artistId: style.artistId,
				styleId: style.id,
				// The artist's own mark, stamped on the image; training refuses a style without one.
				...(style.signatureR2Key && style.signatureSha256 ? { image: { r2Key: style.signatureR2Key, sha256: style.signatureSha256 } } : {}),
			},
		},
	};
}
