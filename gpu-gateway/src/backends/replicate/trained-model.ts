import { z } from "zod";
import { Sha256Hex } from "../../../../src/shared/gpu-jobs.ts";

/** Name of the model artifact a Replicate `lora.train` writes and `image.generate` reads. */
export const TRAINED_MODEL_ARTIFACT = "replicate-model.json";

/**
 * What a Replicate training produced: the new version lives on Replicate (at the configured
 * destination) and is what generation runs; the weights are copied as their own artifact so the
 * style survives the provider.
 */
export const TrainedModel = z.object({
	version: z.literal(1),
	provider: z.literal("replicate"),
	artistId: z.string(),
	styleId: z.string(),
	/** `owner/name:version` as Replicate names it. */
	model: z.string(),
	/** The version id alone, what `POST /v1/predictions` takes. */
	versionId: z.string().regex(/^[0-9a-f]{8,128}$/i),
	/** The token the trainer bound the style to; generation prompts start with it. */
	triggerWord: z.string().min(1),
	weights: z.object({ name: z.string(), sha256: Sha256Hex, size: z.int().min(0) }),
	imageCount: z.int().min(0),
	sourceSha256: z.array(Sha256Hex),
});
export type TrainedModel = z.infer<typeof TrainedModel>;

/** The `output` of a succeeded Replicate training. */
export const TrainingOutput = z.object({
	version: z.string().regex(/^[^/\s]+\/[^/\s:]+:[0-9a-f]{8,128}$/i),
	weights: z.string().min(1),
});
export type TrainingOutput = z.infer<typeof TrainingOutput>;
