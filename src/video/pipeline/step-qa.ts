import { eq } from "drizzle-orm";
import { projects } from "../../db/video-schema";
import type { VideoAspect } from "../../shared/gpu-jobs";
import { TtsTimings, VideoProbe } from "../../shared/gpu-jobs";
import type { ProjectRow } from "./context";
import { invalidateFrom } from "./invalidate";
import { probeKey } from "./keys";
import { type PipelineStepModule, StepFailure } from "./step-kit";

/** The resolution of each aspect (the gateway's local backend renders exactly these). */
export const ASPECT_RESOLUTION: Record<VideoAspect, { width: number; height: number }> = {
	"9:16": { width: 1080, height: 1920 },
	"16:9": { width: 1920, height: 1080 },
	"1:1": { width: 1080, height: 1080 },
};

/** The QA checks, in the report's order; their names are i18n keys (`video:pipeline.qa.<name>`). */
export const QA_CHECKS = ["duration", "video_stream", "audio_stream", "resolution", "subtitles", "thumbnail", "narration"] as const;
export type QaCheckName = (typeof QA_CHECKS)[number];
export type QaCheck = { name: QaCheckName; passed: boolean; detail: string };
export type QaReport = { passed: boolean; checks: QaCheck[] };

/** The voice may end this much after the video (its last breath), no more: its words must all be heard. */
const NARRATION_SLACK_MS = 300;

/** How long the project's voice lasts, from its timings; null without one. */
function voiceMs(project: ProjectRow): number | null {
	const parsed = project.voiceTimings ? TtsTimings.safeParse(JSON.parse(project.voiceTimings)) : null;
	return parsed?.success ? parsed.data.duration_ms : null;
}

/**
 * Checks a composed video (pure): within 10 % of the target length, both streams, the aspect's
 * resolution, subtitles, a thumbnail, and the whole voice-over inside the video (a script too long
 * to say in the time, even at double speed, is cut off otherwise).
 */
export function qaReport(project: ProjectRow, probe: VideoProbe | null, thumbnailStored: boolean): QaReport {
	const target = project.durationS * 1000;
	const expected = ASPECT_RESOLUTION[project.aspect];
	const voice = voiceMs(project);
	const checks: QaCheck[] = [
		{
			name: "duration",
			passed: probe !== null && Math.abs(probe.duration_ms - target) <= target * 0.1,
			detail: `${probe ? (probe.duration_ms / 1000).toFixed(1) : "?"} s for a target of ${project.durationS} s (±10 %)`,
		},
		{ name: "video_stream", passed: Boolean(probe?.video_codec), detail: probe?.video_codec || "no video stream" },
		{ name: "audio_stream", passed: Boolean(probe?.audio_codec), detail: probe?.audio_codec || "no audio stream" },
		{
			name: "resolution",
			passed: probe !== null && probe.width === expected.width && probe.height === expected.height,
			detail: `${probe?.width ?? "?"}×${probe?.height ?? "?"} for ${project.aspect} (${expected.width}×${expected.height})`,
		},
		{
			name: "subtitles",
			passed: Boolean(project.subtitlesSrt?.trim()) && probe?.subtitles_burned === true,
			detail: probe?.subtitles_burned ? "burned in" : "not burned in",
		},
		{ name: "thumbnail", passed: thumbnailStored, detail: thumbnailStored ? "present" : "missing" },
		{
			name: "narration",
			passed: probe !== null && (voice ?? Number.POSITIVE_INFINITY) <= probe.duration_ms + NARRATION_SLACK_MS,
			detail: `voice ${voice === null ? "?" : (voice / 1000).toFixed(1)} s in a ${probe ? (probe.duration_ms / 1000).toFixed(1) : "?"} s video`,
		},
	];
	return { passed: checks.every((check) => check.passed), checks };
}

/**
 * Step 5, QA, in the Worker (no job). A pass stores the report (the run then completes and the
 * project is `ready`). A failure stores the report naming the failed checks, and clears the
 * video (it is not fit to publish), so the next `generate-all` composes again and reuses the
 * script, images and voice.
 */
export const qaStep: PipelineStepModule = {
	step: "qa",
	async start(deps, run, context, now) {
		const project = context.project;
		const probeObject = await deps.files.get(probeKey(run.projectId));
		const parsed = probeObject ? VideoProbe.safeParse(JSON.parse(await probeObject.text())) : null;
		const thumbnailStored = Boolean(project.thumbnailR2Key && (await deps.files.head(project.thumbnailR2Key)));
		const report = qaReport(project, parsed?.success ? parsed.data : null, thumbnailStored);
		if (report.passed) {
			await deps.db
				.update(projects)
				.set({ qaReport: JSON.stringify(report), updatedAt: now.toISOString() })
				.where(eq(projects.id, run.projectId));
			return "done";
		}
		await invalidateFrom(deps.db, run.projectId, "compose", deps.files);
		await deps.db
			.update(projects)
			.set({ qaReport: JSON.stringify(report) })
			.where(eq(projects.id, run.projectId));
		const failed = report.checks.filter((check) => !check.passed).map((check) => check.name);
		throw new StepFailure("QA_FAILED", `QA failed: ${failed.join(", ")}.`);
	},
};
