import type { PipelineStep } from "../../shared/video";
import type { UsagePrices } from "../usage/prices";
import { costOf } from "../usage/prices";
import type { RunContext, SceneRow } from "./context";
import { imageCacheKey, sceneStyleId } from "./step-images";
import type { PipelineDeps } from "./step-kit";
import { cachedScript } from "./step-script";

/** Characters a voice-over of `durationS` seconds has, when the script is not written yet. */
const CHARACTERS_PER_SECOND = 20;

/**
 * What running `steps` should cost, priced like the usage rows they will write: a cached script
 * or image is free; images not planned yet are counted one per template scene, all uncached.
 */
export async function estimateCents(
	deps: Pick<PipelineDeps, "db" | "files"> & { config: { prices: UsagePrices } },
	context: RunContext,
	scenes: readonly SceneRow[],
	steps: readonly PipelineStep[],
	now: Date,
): Promise<number> {
	const prices = deps.config.prices;
	let cents = 0;
	for (const step of steps) {
		if (step === "script") {
			if (!(await cachedScript(deps, context, now))) cents += costOf(prices, "llm.text", 1);
		} else if (step === "images") {
			if (scenes.length === 0) {
				cents += context.template.structure.scenes.length * costOf(prices, "image.generate", 1);
				continue;
			}
			for (const scene of scenes) {
				if (scene.imageR2Key) continue;
				const key = await imageCacheKey(context.project.userId, scene.imagePrompt, sceneStyleId(context), context.project.aspect);
				const hit = await deps.db.query.imageCache.findFirst({ where: (cache, { eq }) => eq(cache.cacheKey, key) });
				if (!hit) cents += costOf(prices, "image.generate", 1);
			}
		} else if (step === "voice") {
			const words = scenes.length > 0 ? scenes.map((scene) => scene.text).join(" ") : (context.project.script ?? "");
			const characters = words.length > 0 ? words.length : context.project.durationS * CHARACTERS_PER_SECOND;
			cents += costOf(prices, "tts.speak", characters / 1000);
		} else if (step === "compose") {
			cents += costOf(prices, "video.compose", context.project.durationS / 60);
		}
	}
	return cents;
}
