import { eq } from "drizzle-orm";
import { projects } from "../../db/video-schema";
import { TtsTimings, VideoAspect, VideoProbe } from "../../shared/gpu-jobs";
import { projectScenesOf } from "../projects/projects";
import { recordUsage } from "../usage/meter";
import { costOf } from "../usage/prices";
import { probeKey, projectFileKey } from "./keys";
import { artifactText, copyObject, type PipelineStepModule, StepFailure, storedArtifact, submitStepJob } from "./step-kit";
import { videoLengthMs } from "./step-voice";
import { subtitleCues } from "./subtitles";

/** The breath kept after the voice's last word. */
const VOICE_TAIL_MS = 300;

/**
 * Step 4, the composition: `video.compose` with every scene's image (from the project's files,
 * which the gateway reads as inputs), the voice, the subtitle cues from the voice's timings, the
 * aspect and the brand's colours and font. Its MP4, thumbnail and probe are kept on the project.
 */
export const composeStep: PipelineStepModule = {
	step: "compose",
	async start(deps, run, context) {
		const { project, brand } = context;
		const scenes = await projectScenesOf(deps.db, run.projectId);
		if (scenes.length === 0 || scenes.some((scene) => !scene.imageR2Key || !scene.imageSha256)) {
			throw new StepFailure("IMAGES_MISSING", "Every scene needs its image before the video is composed.");
		}
		if (!project.voiceR2Key || !project.voiceSha256 || !project.voiceTimings)
			throw new StepFailure("VOICE_MISSING", "The voice is needed before the video is composed.");
		const timings = TtsTimings.parse(JSON.parse(project.voiceTimings));
		// A voice a little longer than the target keeps its last words: the last scene is held until it ends
		// (with a breath after), up to 8 % over the target so the length check (±10 %) still passes.
		const target = videoLengthMs(project.durationS, scenes);
		const totalMs = Math.max(target, Math.min(timings.duration_ms + VOICE_TAIL_MS, Math.floor(project.durationS * 1000 * 1.08)));
		await submitStepJob(deps, run, "compose", 0, {
			kind: "video.compose",
			input: {
				scenes: scenes.map((scene, i) => ({
					image: { r2Key: scene.imageR2Key as string, sha256: scene.imageSha256 as string },
					start_ms: scene.startMs,
					end_ms: i === scenes.length - 1 ? Math.max(scene.endMs, totalMs) : scene.endMs,
				})),
				voice: { r2Key: project.voiceR2Key, sha256: project.voiceSha256 },
				subtitles: subtitleCues(timings, totalMs),
				aspect: VideoAspect.parse(project.aspect),
				style: { textColor: brand?.textColor ?? "#ffffff", accentColor: brand?.accentColor ?? "#ffcc00", font: brand?.font ?? "Noto Sans CJK KR" },
			},
		});
		return "waiting";
	},
	async settle(deps, run, _context, job, _part, now) {
		const video = storedArtifact(job, "video.mp4");
		const thumbnail = storedArtifact(job, "thumbnail.jpg");
		const probeFile = storedArtifact(job, "probe.json");
		if (video === "uploading" || thumbnail === "uploading" || probeFile === "uploading") return "waiting";
		if (video === "missing" || probeFile === "missing") throw new StepFailure("VIDEO_MISSING", "The composition returned no video or no probe.");
		const probeText = await artifactText(deps.files, probeFile.r2Key);
		const probe = VideoProbe.safeParse(
			(() => {
				try {
					return JSON.parse(probeText);
				} catch {
					return null;
				}
			})(),
		);
		if (!probe.success) throw new StepFailure("VIDEO_PROBE_INVALID", "The composed video's probe could not be read.");
		await recordUsage(
			deps.db,
			{
				userId: run.userId,
				projectId: run.projectId,
				runId: run.id,
				resource: "video.compose",
				quantity: probe.data.duration_ms / 60_000,
				costCents: costOf(deps.config.prices, "video.compose", probe.data.duration_ms / 60_000),
				dedupeKey: job.id,
			},
			now,
		);
		const videoCopy = await copyObject(deps.files, video.r2Key, projectFileKey(run.projectId, "video", video.sha256, "mp4"), "video/mp4");
		const thumbCopy =
			thumbnail === "missing"
				? null
				: await copyObject(deps.files, thumbnail.r2Key, projectFileKey(run.projectId, "thumbnail", thumbnail.sha256, "jpg"), "image/jpeg");
		await deps.files.put(probeKey(run.projectId), JSON.stringify(probe.data), { httpMetadata: { contentType: "application/json" } });
		await deps.db
			.update(projects)
			.set({
				videoR2Key: videoCopy.r2Key,
				videoSha256: video.sha256,
				videoSize: videoCopy.size,
				videoDurationMs: probe.data.duration_ms,
				videoWidth: probe.data.width,
				videoHeight: probe.data.height,
				thumbnailR2Key: thumbCopy?.r2Key ?? null,
				thumbnailSha256: thumbnail === "missing" ? null : thumbnail.sha256,
				thumbnailSize: thumbCopy?.size ?? null,
				qaReport: null,
				updatedAt: now.toISOString(),
			})
			.where(eq(projects.id, run.projectId));
		return "done";
	},
};
