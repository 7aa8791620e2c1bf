import { GPU_INPUT_PREFIX } from "../../r2/keys";
import { PipelineStep } from "../../shared/video";

/**
 * Where a project's files live in R2, and how the pipeline names its GPU jobs.
 *
 * Every file of a project (scene images, voice, video, thumbnail) is under one prefix inside
 * `gpu-inputs/`, because the gateway reads the images and the voice back as inputs of the next
 * job, and one prefix lets deleting a project delete all of its objects
 * (`FILES.list({prefix: projectFilesPrefix(id)})`). Cached images are shared by projects and
 * live apart, so deleting one project never breaks another's cache hit.
 */
export function projectFilesPrefix(projectId: string): string {
	return `${GPU_INPUT_PREFIX}video/projects/${projectId}/`;
}

/** A file of a project, content-addressed (`scene-2-<sha>.png`, `voice-<sha>.wav`, …). */
export function projectFileKey(projectId: string, name: string, sha256: string, extension: string): string {
	return `${projectFilesPrefix(projectId)}${name}-${sha256}.${extension}`;
}

/** Where the last composition's probe is kept for QA (one per project, replaced by each composition). */
export function probeKey(projectId: string): string {
	return `${projectFilesPrefix(projectId)}video-probe.json`;
}

/** A cached scene image, by its cache key (a hash of prompt, style and aspect). */
export function imageCacheObjectKey(cacheKey: string): string {
	return `${GPU_INPUT_PREFIX}video/image-cache/${cacheKey}.png`;
}

/** The prefix of every pipeline job's Idempotency-Key; the hook (hook.ts) settles only these. */
export const VIDEO_KEY_PREFIX = "video:";

/**
 * What a job does for its run: a step, and for images the scene's position (`scene` is a
 * regenerated image: it bypasses and does not fill the image cache).
 */
export type JobPart = "script" | "images" | "scene" | "voice" | "compose";

/** `video:<runId>:<part>:<n>`: one job per run, step and item, however often it is submitted. */
export function videoJobKey(runId: string, part: JobPart, n = 0): string {
	return `${VIDEO_KEY_PREFIX}${runId}:${part}:${n}`;
}

/** The parts of a pipeline job's Idempotency-Key, or null when it is not one. */
export function parseVideoJobKey(key: string): { runId: string; part: JobPart; step: PipelineStep; n: number } | null {
	const match = /^video:(vjob_[A-Za-z0-9_-]+):(script|images|scene|voice|compose):(\d{1,3})$/.exec(key);
	if (!match) return null;
	const part = match[2] as JobPart;
	return { runId: match[1] as string, part, step: PipelineStep.parse(part === "scene" ? "images" : part), n: Number(match[3]) };
}
