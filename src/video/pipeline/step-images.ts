import { and, eq, isNull } from "drizzle-orm";
import { imageCache, projectScenes } from "../../db/video-schema";
import { sha256Hex } from "../../lib/hash";
import { GenerateAspect } from "../../shared/gpu-jobs";
import { projectScenesOf } from "../projects/projects";
import { recordUsage } from "../usage/meter";
import { costOf } from "../usage/prices";
import type { RunContext, SceneRow } from "./context";
import { imageCacheObjectKey, projectFileKey } from "./keys";
import type { RunRow } from "./runs";
import { scriptScenes } from "./scenes";
import { copyObject, type PipelineDeps, type PipelineStepModule, StepFailure, storedArtifact, submitStepJob } from "./step-kit";

/** The artifact `image.generate` leaves (both backends). */
const IMAGE_ARTIFACT = "image.png";

/** The style a project's scene images are made in: the brand's own, or the default look. */
export function sceneStyleId(context: RunContext): string {
	return `video-${context.brand?.id ?? "default"}`;
}

/** A scene's image prompt: its words, the keyword, the brand's tone, no text in the picture (≤ 500 characters). */
export function sceneImagePrompt(context: RunContext, scene: { text: string; role: string }): string {
	const words = scene.text.trim() || `${scene.role} scene`;
	const parts = [context.project.keyword || context.project.title, words, `${context.brand?.tone ?? "professional"} mood`, "vivid, clean composition, no text"];
	return parts.join(". ").slice(0, 500);
}

/** The image cache's key: a hash of prompt, style and aspect, per user (a user's images are theirs). */
export async function imageCacheKey(userId: string, prompt: string, styleId: string, aspect: string): Promise<string> {
	return sha256Hex(JSON.stringify([userId, prompt, styleId, aspect]));
}

/** A deterministic seed from the cache key, so a resubmission is the same request (and the same image). */
function seedOf(cacheKey: string): number {
	return Number.parseInt(cacheKey.slice(0, 8), 16) >>> 1;
}

/** Writes the project's scenes from its script when it has none yet. */
export async function ensureScenes(deps: PipelineDeps, context: RunContext): Promise<SceneRow[]> {
	const existing = await projectScenesOf(deps.db, context.project.id);
	if (existing.length > 0) return existing;
	if (!context.project.script) throw new StepFailure("SCRIPT_MISSING", "The project has no script yet: generate the script first.");
	const planned = scriptScenes(context.project.script, context.template, context.project.durationS);
	await deps.db
		.insert(projectScenes)
		.values(
			planned.map((scene) => ({
				projectId: context.project.id,
				position: scene.position,
				section: scene.section,
				text: scene.text,
				imagePrompt: sceneImagePrompt(context, scene),
				startMs: scene.startMs,
				endMs: scene.endMs,
			})),
		)
		.onConflictDoNothing();
	return projectScenesOf(deps.db, context.project.id);
}

/** Stores a scene's image (only if it has none: callbacks repeat). */
async function storeSceneImage(
	deps: PipelineDeps,
	projectId: string,
	position: number,
	image: { r2Key: string; sha256: string; size: number },
	cacheKey: string | null,
) {
	await deps.db
		.update(projectScenes)
		.set({ imageR2Key: image.r2Key, imageSha256: image.sha256, imageSize: image.size, imageCacheKey: cacheKey })
		.where(and(eq(projectScenes.projectId, projectId), eq(projectScenes.position, position), isNull(projectScenes.imageR2Key)));
}

async function allDone(deps: PipelineDeps, projectId: string): Promise<boolean> {
	const scenes = await projectScenesOf(deps.db, projectId);
	return scenes.length > 0 && scenes.every((scene) => scene.imageR2Key !== null);
}

/**
 * Step 2, the images: the script split into the template's scenes, one image each. A scene
 * whose prompt, style and aspect were made before takes the cached image (no call; a usage row
 * with what it saved); the others are submitted all at once as `image.generate` in the
 * project's aspect. The step is done when every scene has its image.
 */
export const imagesStep: PipelineStepModule = {
	step: "images",
	async start(deps, run, context, now) {
		const scenes = await ensureScenes(deps, context);
		const styleId = sceneStyleId(context);
		const aspect = GenerateAspect.parse(context.project.aspect);
		for (const scene of scenes) {
			if (scene.imageR2Key) continue;
			const cacheKey = await imageCacheKey(run.userId, scene.imagePrompt, styleId, aspect);
			const cached = await deps.db.query.imageCache.findFirst({ where: eq(imageCache.cacheKey, cacheKey) });
			if (cached && (await deps.files.head(cached.r2Key))) {
				const copy = await copyObject(deps.files, cached.r2Key, projectFileKey(run.projectId, `scene-${scene.position}`, cached.sha256, "png"), "image/png");
				await storeSceneImage(deps, run.projectId, scene.position, { ...copy, sha256: cached.sha256 }, cacheKey);
				await recordUsage(
					deps.db,
					{
						userId: run.userId,
						projectId: run.projectId,
						runId: run.id,
						resource: "image.generate",
						quantity: 1,
						costCents: 0,
						savedCents: cached.costCents,
						cacheHit: true,
						dedupeKey: `cache:${run.id}:image:${scene.position}`,
					},
					now,
				);
				continue;
			}
			await submitStepJob(deps, run, "images", scene.position, {
				kind: "image.generate",
				input: { styleId, prompt: scene.imagePrompt, seed: seedOf(cacheKey), aspect },
			});
		}
		return (await allDone(deps, run.projectId)) ? "done" : "waiting";
	},
	async settle(deps, run, context, job, part, now) {
		const image = storedArtifact(job, IMAGE_ARTIFACT);
		if (image === "uploading") return "waiting";
		if (image === "missing") throw new StepFailure("IMAGE_MISSING", `The image job of scene ${part.n + 1} returned no image.`);
		const scene = await deps.db.query.projectScenes.findFirst({ where: and(eq(projectScenes.projectId, run.projectId), eq(projectScenes.position, part.n)) });
		if (!scene) return (await allDone(deps, run.projectId)) ? "done" : "waiting";
		const cost = costOf(deps.config.prices, "image.generate", 1);
		await recordUsage(
			deps.db,
			{ userId: run.userId, projectId: run.projectId, runId: run.id, resource: "image.generate", quantity: 1, costCents: cost, dedupeKey: job.id },
			now,
		);
		// A regenerated image (`scene`) was asked for with a fresh seed: it neither comes from nor goes into the cache.
		const cacheKey = part.part === "images" ? await imageCacheKey(run.userId, scene.imagePrompt, sceneStyleId(context), context.project.aspect) : null;
		if (!scene.imageR2Key) {
			const copy = await copyObject(deps.files, image.r2Key, projectFileKey(run.projectId, `scene-${part.n}`, image.sha256, "png"), "image/png");
			await storeSceneImage(deps, run.projectId, part.n, { ...copy, sha256: image.sha256 }, cacheKey);
		}
		if (cacheKey) {
			const cacheObject = imageCacheObjectKey(cacheKey);
			if (!(await deps.files.head(cacheObject))) await copyObject(deps.files, image.r2Key, cacheObject, "image/png");
			await deps.db
				.insert(imageCache)
				.values({ cacheKey, userId: run.userId, r2Key: cacheObject, sha256: image.sha256, size: image.size, costCents: cost, createdAt: now.toISOString() })
				.onConflictDoNothing();
		}
		return (await allDone(deps, run.projectId)) ? "done" : "waiting";
	},
	async fraction(deps, run) {
		const scenes = await projectScenesOf(deps.db, run.projectId);
		return scenes.length === 0 ? 0 : scenes.filter((scene) => scene.imageR2Key).length / scenes.length;
	},
};

/** Submits one scene's image again with a fresh seed (regenerate-one), bypassing the cache. */
export async function submitSceneRegeneration(deps: PipelineDeps, run: RunRow, context: RunContext, scene: SceneRow): Promise<void> {
	const seed = (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) >>> 1;
	await submitStepJob(deps, run, "scene", scene.position, {
		kind: "image.generate",
		input: { styleId: sceneStyleId(context), prompt: scene.imagePrompt, seed, aspect: GenerateAspect.parse(context.project.aspect) },
	});
}
