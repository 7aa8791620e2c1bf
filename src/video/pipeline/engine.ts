import { eq } from "drizzle-orm";
import { projects } from "../../db/video-schema";
import { errorMessage, log } from "../../lib/log";
import { PIPELINE_STEPS, type PipelineStep, type RunScope } from "../../shared/video";
import { projectScenesOf } from "../projects/projects";
import { type ProjectRow, runContext, type SceneRow } from "./context";
import { progressPercent, publishRunProgress } from "./progress";
import { completeRun, failRun, moveRun, type RunRow, runRow } from "./runs";
import { composeStep } from "./step-compose";
import { imagesStep } from "./step-images";
import { type PipelineDeps, type PipelineStepModule, StepFailure } from "./step-kit";
import { qaStep } from "./step-qa";
import { scriptStep } from "./step-script";
import { voiceStep } from "./step-voice";

/** Each step's module, by name. */
export const STEP_MODULES: Record<PipelineStep, PipelineStepModule> = {
	script: scriptStep,
	images: imagesStep,
	voice: voiceStep,
	compose: composeStep,
	qa: qaStep,
};

/** Whether a step's output is on the project (a resumed run skips it and reuses it). */
export function stepDone(project: ProjectRow, scenes: readonly SceneRow[], step: PipelineStep): boolean {
	switch (step) {
		case "script":
			return Boolean(project.script?.trim());
		case "images":
			return scenes.length > 0 && scenes.every((scene) => scene.imageR2Key !== null);
		case "voice":
			return Boolean(project.voiceR2Key && project.voiceTimings);
		case "compose":
			return Boolean(project.videoR2Key);
		case "qa":
			return Boolean(project.qaReport && (JSON.parse(project.qaReport) as { passed?: boolean }).passed);
	}
}

/** The steps a scope runs, in order: all five, compose with its QA, or one step alone. */
export function scopeSteps(scope: RunScope): PipelineStep[] {
	if (scope === "all") return [...PIPELINE_STEPS];
	if (scope === "compose") return ["compose", "qa"];
	return [scope];
}

/** The step after `finished` in the run's scope whose output is still missing, or null when the run is done. */
async function nextStep(deps: PipelineDeps, run: RunRow, finished: PipelineStep): Promise<PipelineStep | null> {
	const steps = scopeSteps(run.scope);
	const later = steps.slice(steps.indexOf(finished) + 1);
	if (later.length === 0) return null;
	const project = await deps.db.query.projects.findFirst({ where: eq(projects.id, run.projectId) });
	if (!project) return null;
	const scenes = await projectScenesOf(deps.db, run.projectId);
	// QA always runs on a fresh composition; the others are skipped when their output is there.
	return later.find((step) => step === "qa" || !stepDone(project, scenes, step)) ?? null;
}

/** Fails the run at `step` with what went wrong, and tells the page. */
export async function failRunAt(deps: PipelineDeps, runId: string, step: PipelineStep, err: unknown, now: Date): Promise<void> {
	const failure =
		err instanceof StepFailure
			? { step, code: err.code, message: err.message }
			: { step, code: "GATEWAY_UNAVAILABLE", message: "The GPU gateway could not take the job; try again in a moment." };
	if (!(err instanceof StepFailure)) log("warn", "video run step could not start", { runId, step, error: errorMessage(err) });
	await failRun(deps.db, runId, failure, now);
	await publishRunProgress({ db: deps.db, progress: deps.gpu.progress }, runId);
}

/**
 * Starts `step` of an open run that stands at it: submits its jobs, or (a cache hit, QA) finishes
 * it at once and moves on. A step that cannot start fails the run there (resumable).
 */
export async function startStep(deps: PipelineDeps, runId: string, step: PipelineStep, now: Date): Promise<void> {
	const run = await runRow(deps.db, runId);
	if (!run || run.currentStep !== step || (run.status !== "pending" && run.status !== "processing")) return;
	const project = await deps.db.query.projects.findFirst({ where: eq(projects.id, run.projectId) });
	if (!project) return;
	let outcome: "done" | "waiting";
	try {
		outcome = await STEP_MODULES[step].start(deps, run, await runContext(deps.db, project), now);
	} catch (err) {
		await failRunAt(deps, runId, step, err, now);
		return;
	}
	if (outcome === "done") await advance(deps, run, step, now);
}

/**
 * Moves a run past a finished step: to the next step (which starts at once) or, after the last,
 * completes it. The move is conditional on the run still standing at `finished`, so of two
 * callbacks finishing the same step only one starts the next.
 */
export async function advance(deps: PipelineDeps, run: RunRow, finished: PipelineStep, now: Date): Promise<void> {
	const next = await nextStep(deps, run, finished);
	if (!next) {
		await completeRun(deps.db, run.id, now);
		await publishRunProgress({ db: deps.db, progress: deps.gpu.progress }, run.id);
		return;
	}
	if (!(await moveRun(deps.db, run.id, [finished], next, progressPercent(run.scope, next, 0), now))) return;
	await publishRunProgress({ db: deps.db, progress: deps.gpu.progress }, run.id);
	await startStep(deps, run.id, next, now);
}
