import { eq } from "drizzle-orm";
import { projects } from "../../db/video-schema";
import { TtsTimings } from "../../shared/gpu-jobs";
import { projectScenesOf } from "../projects/projects";
import { recordUsage } from "../usage/meter";
import { costOf } from "../usage/prices";
import { projectFileKey } from "./keys";
import { sentencesOf } from "./scenes";
import { artifactText, copyObject, type PipelineStepModule, StepFailure, storedArtifact, submitStepJob } from "./step-kit";
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

/**
 * Step 3, the voice: `tts.speak` with the scenes' sentences in the project's language and the
 * brand's voice and speed. Its timings give the subtitles (SRT, and the composition's cues).
 */
export const voiceStep: PipelineStepModule = {
	step: "voice",
	async start(deps, run, context) {
		const sentences = voiceSentences(await projectScenesOf(deps.db, run.projectId));
		if (sentences.length === 0) throw new StepFailure("SCRIPT_EMPTY", "The scenes have no words to speak.");
		const voice = context.brand?.voice ?? undefined;
		await submitStepJob(deps, run, "voice", 0, {
			kind: "tts.speak",
			input: { sentences, language: context.project.language, ...(voice ? { voice } : {}), speed: context.brand?.voiceSpeed ?? 1 },
		});
		return "waiting";
	},
	async settle(deps, run, context, job, _part, now) {
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
		const copy = await copyObject(deps.files, wav.r2Key, projectFileKey(run.projectId, "voice", wav.sha256, "wav"), "audio/wav");
		const scenes = await projectScenesOf(deps.db, run.projectId);
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
