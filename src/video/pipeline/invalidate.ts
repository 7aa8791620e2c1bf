import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { projectScenes, projects } from "../../db/video-schema";
import { PIPELINE_STEPS, type PipelineStep } from "../../shared/video";
import { probeKey } from "./keys";

/** The project columns each step writes; clearing them makes the step (and its usage) run again. */
const CLEARED: Record<Exclude<PipelineStep, "images">, Partial<typeof projects.$inferInsert>> = {
	script: { script: null, scriptSource: null },
	voice: { voiceR2Key: null, voiceSha256: null, voiceSize: null, voiceTimings: null, subtitlesSrt: null },
	compose: {
		videoR2Key: null,
		videoSha256: null,
		videoSize: null,
		videoDurationMs: null,
		videoWidth: null,
		videoHeight: null,
		thumbnailR2Key: null,
		thumbnailSha256: null,
		thumbnailSize: null,
	},
	qa: { qaReport: null },
};

/**
 * Clears what `step` and every later step produced (the user edited the script: scenes, voice
 * and video are stale). A `ready` project goes back to `draft`. With `files`, the cleared R2
 * objects are deleted too (they no longer count against the plan's storage either way: storage
 * is summed from the columns). Returns the R2 keys it cleared.
 */
export async function invalidateFrom(db: Db, projectId: string, step: PipelineStep, files?: R2Bucket): Promise<string[]> {
	const project = await db.query.projects.findFirst({ where: eq(projects.id, projectId) });
	if (!project) return [];
	const steps = PIPELINE_STEPS.slice(PIPELINE_STEPS.indexOf(step));
	const set: Partial<typeof projects.$inferInsert> = {};
	const keys: string[] = [];
	for (const cleared of steps) if (cleared !== "images") Object.assign(set, CLEARED[cleared]);
	if (steps.includes("voice") && project.voiceR2Key) keys.push(project.voiceR2Key);
	if (steps.includes("compose")) {
		keys.push(...[project.videoR2Key, project.thumbnailR2Key].filter((key): key is string => Boolean(key)));
		if (project.videoR2Key) keys.push(probeKey(projectId));
	}
	const at = new Date().toISOString();
	const statements = [
		db
			.update(projects)
			.set({ ...set, ...(project.status === "ready" ? { status: "draft" as const } : {}), updatedAt: at })
			.where(eq(projects.id, projectId)),
	];
	if (steps.includes("images")) {
		const scenes = await db.query.projectScenes.findMany({ where: eq(projectScenes.projectId, projectId) });
		keys.push(...scenes.flatMap((scene) => (scene.imageR2Key ? [scene.imageR2Key] : [])));
	}
	if (steps.includes("images")) {
		await db.batch([statements[0] as (typeof statements)[0], db.delete(projectScenes).where(eq(projectScenes.projectId, projectId))]);
	} else {
		await statements[0];
	}
	if (files && keys.length > 0) await files.delete(keys);
	return keys;
}

/** Clears one scene's image (regenerating it) and the video made with it. */
export async function invalidateScene(db: Db, projectId: string, position: number, files?: R2Bucket): Promise<void> {
	const scene = await db.query.projectScenes.findFirst({ where: and(eq(projectScenes.projectId, projectId), eq(projectScenes.position, position)) });
	const cleared = await invalidateFrom(db, projectId, "compose", files);
	await db
		.update(projectScenes)
		.set({ imageR2Key: null, imageSha256: null, imageSize: null, imageCacheKey: null })
		.where(and(eq(projectScenes.projectId, projectId), inArray(projectScenes.position, [position])));
	if (files && scene?.imageR2Key && !cleared.includes(scene.imageR2Key)) await files.delete(scene.imageR2Key);
}
