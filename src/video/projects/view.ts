import type { projectScenes, projects } from "../../db/video-schema";

export type ProjectRow = typeof projects.$inferSelect;
export type SceneRow = typeof projectScenes.$inferSelect;

/** Where the owner's streams of a project live (src/routes/projects-api.ts). */
export function projectStreamUrls(projectId: string) {
	const base = `/api/projects/${encodeURIComponent(projectId)}`;
	return {
		video: `${base}/video`,
		thumbnail: `${base}/thumbnail`,
		voice: `${base}/voice`,
		captions: `${base}/captions.vtt`,
		sceneImage: (position: number) => `${base}/scenes/${position}/image`,
	};
}

/** The composed video as API.md's `Project.video`, or undefined before compose finished. */
function videoView(row: ProjectRow) {
	if (!row.videoR2Key) return undefined;
	const urls = projectStreamUrls(row.id);
	return {
		url: urls.video,
		thumbnail_url: row.thumbnailR2Key ? urls.thumbnail : null,
		duration_s: row.videoDurationMs === null ? null : Math.round(row.videoDurationMs / 10) / 100,
		width: row.videoWidth,
		height: row.videoHeight,
	};
}

/**
 * A project exactly as API.md "Short videos" shapes `Project`: `script` and `video` appear once
 * the steps that make them have finished (absent, not null, before).
 */
export function projectView(row: ProjectRow) {
	const video = videoView(row);
	return {
		id: row.id,
		type: row.type,
		title: row.title,
		status: row.status,
		keyword: row.keyword,
		aspect: row.aspect,
		duration_s: row.durationS,
		...(row.script !== null ? { script: row.script } : {}),
		...(video ? { video } : {}),
		created_at: row.createdAt,
		updated_at: row.updatedAt,
	};
}
export type ProjectView = ReturnType<typeof projectView>;

/** One scene for the project page and `GET /api/projects/:id?detail=1`: its words, prompt, span and image. */
export function sceneView(projectId: string, scene: SceneRow) {
	return {
		position: scene.position,
		section: scene.section,
		text: scene.text,
		image_prompt: scene.imagePrompt,
		start_ms: scene.startMs,
		end_ms: scene.endMs,
		image_url: scene.imageR2Key ? projectStreamUrls(projectId).sceneImage(scene.position) : null,
	};
}

/** The QA report stored by the pipeline (`{passed, checks: [{name, passed, detail}]}`), or null. */
export type QaReport = { passed: boolean; checks: { name: string; passed: boolean; detail?: string }[] };
export function parseQaReport(text: string | null): QaReport | null {
	if (!text) return null;
	try {
		const parsed = JSON.parse(text) as QaReport;
		return parsed && typeof parsed === "object" && Array.isArray(parsed.checks) ? parsed : null;
	} catch {
		return null;
	}
}

/**
 * The API.md `Project` plus what the project page and tools need: the brand and template, the
 * script's source, the voice preview, the scenes, the QA report. API.md's fields are unchanged.
 */
export function projectDetailView(row: ProjectRow, scenes: readonly SceneRow[]) {
	return {
		...projectView(row),
		language: row.language,
		brand_profile_id: row.brandProfileId,
		template_id: row.templateId,
		script_source: row.scriptSource,
		voice_url: row.voiceR2Key ? projectStreamUrls(row.id).voice : null,
		/** The subtitles as WebVTT, for the players' caption track (they are burned into the video as well). */
		captions_url: projectStreamUrls(row.id).captions,
		scenes: [...scenes].sort((a, b) => a.position - b.position).map((scene) => sceneView(row.id, scene)),
		qa: parseQaReport(row.qaReport),
		product_id: row.productId,
	};
}

/** SRT as WebVTT: the header, and the cue times' decimal comma as a point. */
export function srtToVtt(srt: string | null): string {
	const body = (srt ?? "")
		.replace(/\r\n/g, "\n")
		.replace(/(\d{2}:\d{2}:\d{2}),(\d{3})/g, "$1.$2")
		.trim();
	return body ? `WEBVTT\n\n${body}\n` : "WEBVTT\n";
}
