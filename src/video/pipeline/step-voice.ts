import { and, eq } from "drizzle-orm";
import { projectScenes, projects } from "../../db/video-schema";
import { TtsTimings } from "../../shared/gpu-jobs";
import { projectScenesOf } from "../projects/projects";
import { recordUsage } from "../usage/meter";
import { costOf } from "../usage/prices";
import type { RunContext } from "./context";
import { projectFileKey } from "./keys";
import type { RunRow } from "./runs";
import { sentencesOf } from "./scenes";
import { correctedSpeed, fittingSpeed, scenesAlongVoice, voiceOverruns } from "./speech-fit";
import { artifactText, copyObject, type PipelineDeps, type PipelineStepModule, StepFailure, storedArtifact, submitStepJob } from "./step-kit";
import { subtitleCues, toSrt } from "./subtitles";

/** The video's length: the project's target, or the scenes' end when they run longer. */
export function videoLengthMs(durationS: number, scenes: readonly { endMs: number }[]): number {
	return Math.max(durationS * 1000, ...scenes.map((scene) => scene.endMs));
}

/** The voice's sentences: each scene's words split into sentences, in order (the gateway takes up to 60). */
export function voiceSentences(scenes: readonly { text: string }[]): string[] {
	return scenes
		.flatMap((scene) => sentencesOf(scene.text))
		.map((sentence) => sentence.slice(0, 500))
		.slice(0, 60);
}

/** The speed the first try speaks at: the brand's, or faster when the words would not fit the video. */
function firstSpeed(context: RunContext, sentences: readonly string[]): number {
	return fittingSpeed(sentences, context.project.language, context.project.durationS * 1000, context.brand?.voiceSpeed ?? 1);
}

/** Submits the voice job: try `n` (0, or 1 for the one correction) at `speed`. */
async function speak(deps: PipelineDeps, run: RunRow, context: RunContext, sentences: string[], n: number, speed: number): Promise<void> {
	const voice = context.brand?.voice ?? undefined;
	await submitStepJob(deps, run, "voice", n, {
		kind: "tts.speak",
		input: { sentences, language: context.project.language, ...(voice ? { voice } : {}), speed },
	});
}

/**
 * Step 3, the voice: `tts.speak` with the scenes' sentences in the project's language and the
 * brand's voice, at a speed that fits the words into the video (speech-fit.ts). A voice that still
 * overruns is spoken once more at a corrected speed. Its timings give the subtitles (SRT, and the
 * composition's cues) and re-time the scenes, so each image shows while its words are spoken.
 */
export const voiceStep: PipelineStepModule = {
	step: "voice",
	async start(deps, run, context) {
		const sentences = voiceSentences(await projectScenesOf(deps.db, run.projectId));
		if (sentences.length === 0) throw new StepFailure("SCRIPT_EMPTY", "The scenes have no words to speak.");
		await speak(deps, run, context, sentences, 0, firstSpeed(context, sentences));
		return "waiting";
	},
	async settle(deps, run, context, job, part, now) {
		const wav = storedArtifact(job, "voice.wav");
		const timingsFile = storedArtifact(job, "timings.json");
		if (wav === "uploading" || timingsFile === "uploading") return "waiting";
		if (wav === "missing" || timingsFile === "missing") throw new StepFailure("VOICE_MISSING", "The voice job returned no voice or no timings.");
		let timings: TtsTimings;
		try {
			timings = TtsTimings.parse(JSON.parse(await artifactText(deps.files, timingsFile.r2Key)));
		} catch {
			throw new StepFailure("VOICE_TIMINGS_INVALID", "The voice's timings could not be read.");
		}
		const characters = timings.sentences.reduce((sum, sentence) => sum + sentence.text.length, 0);
		await recordUsage(
			deps.db,
			{
				userId: run.userId,
				projectId: run.projectId,
				runId: run.id,
				resource: "tts.speak",
				quantity: characters / 1000,
				costCents: costOf(deps.config.prices, "tts.speak", characters / 1000),
				dedupeKey: job.id,
			},
			now,
		);
		const targetMs = context.project.durationS * 1000;
		let scenes = await projectScenesOf(deps.db, run.projectId);
		if (part.n === 0 && voiceOverruns(timings.duration_ms, targetMs)) {
			const sentences = voiceSentences(scenes);
			const speed = firstSpeed(context, sentences);
			const faster = correctedSpeed(speed, timings.duration_ms, targetMs);
			if (faster > speed) {
				await speak(deps, run, context, sentences, 1, faster);
				return "waiting";
			}
		}
		const copy = await copyObject(deps.files, wav.r2Key, projectFileKey(run.projectId, "voice", wav.sha256, "wav"), "audio/wav");
		const spans = scenesAlongVoice(
			scenes.map((scene) => sentencesOf(scene.text).length),
			timings.sentences.map((sentence) => sentence.start_ms),
			targetMs,
		);
		const [first, ...rest] = scenes.map((scene, i) =>
			deps.db
				.update(projectScenes)
				.set({ startMs: spans[i]?.startMs ?? scene.startMs, endMs: spans[i]?.endMs ?? scene.endMs })
				.where(and(eq(projectScenes.projectId, run.projectId), eq(projectScenes.position, scene.position))),
		);
		if (first) await deps.db.batch([first, ...rest]);
		scenes = await projectScenesOf(deps.db, run.projectId);
		const srt = toSrt(subtitleCues(timings, videoLengthMs(context.project.durationS, scenes)));
		await deps.db
			.update(projects)
			.set({
				voiceR2Key: copy.r2Key,
				voiceSha256: wav.sha256,
				voiceSize: copy.size,
				voiceTimings: JSON.stringify(timings),
				subtitlesSrt: srt,
				updatedAt: now.toISOString(),
			})
			.where(eq(projects.id, run.projectId));
		return "done";
	},
};
