import { eq, sql } from "drizzle-orm";
import { gpuJobs } from "../../db/schema";
import { projects } from "../../db/video-schema";
import type { WorkerGpuJobHook } from "../../gpu/job-hooks";
import { parseArtifacts } from "../../gpu/mirror";
import { errorMessage, log } from "../../lib/log";
import type { GpuJobRecord } from "../../shared/gpu-job-hooks";
import type { PipelineStep } from "../../shared/video";
import type { VideoDeps } from "../deps";
import { runContext } from "./context";
import { advance, failRunAt, STEP_MODULES } from "./engine";
import { parseVideoJobKey, VIDEO_KEY_PREFIX } from "./keys";
import { progressPercent, publishRunProgress } from "./progress";
import { raiseProgress, runRow } from "./runs";
import { type PipelineDeps, StepFailure } from "./step-kit";

/** The job kind of each step's jobs. */
const STEP_KIND: Record<Exclude<PipelineStep, "qa">, string> = { script: "llm.text", images: "image.generate", voice: "tts.speak", compose: "video.compose" };

/** Deletes the R2 artifacts of a run's jobs of one step. Never throws: a stray object is only space. */
async function dropStepArtifacts(deps: PipelineDeps, runId: string, step: PipelineStep): Promise<void> {
	try {
		const prefix = `${VIDEO_KEY_PREFIX}${runId}:`;
		const jobs = await deps.db
			.select({ kind: gpuJobs.kind, artifacts: gpuJobs.artifacts })
			.from(gpuJobs)
			.where(sql`substr(${gpuJobs.idempotencyKey}, 1, ${prefix.length}) = ${prefix}`);
		const keys = jobs
			.filter((job) => job.kind === STEP_KIND[step as Exclude<PipelineStep, "qa">])
			.flatMap((job) => parseArtifacts(job.artifacts).flatMap((artifact) => (artifact.r2_key ? [artifact.r2_key] : [])));
		if (keys.length > 0) await deps.files.delete(keys);
	} catch (err) {
		log("warn", "video step artifacts not deleted", { runId, step, error: errorMessage(err) });
	}
}

/** What the user reads when a step's job ended without success. */
function jobFailure(job: GpuJobRecord): { code: string; message: string } {
	if (job.status === "expired") return { code: job.errorCode ?? "JOB_EXPIRED", message: "The step took too long on the GPU gateway." };
	if (job.status === "canceled") return { code: job.errorCode ?? "JOB_CANCELED", message: "The step's job was canceled." };
	return {
		code: job.errorCode ?? "JOB_FAILED",
		message: job.errorMessage ? `The step failed: ${job.errorMessage.slice(0, 300)}` : "The step failed after several attempts.",
	};
}

/**
 * Settles the pipeline's GPU jobs (Idempotency-Key `video:<runId>:<part>:<n>`, owner
 * `video_project:<projectId>`): live → the run's progress; succeeded → the step's output
 * stored, its usage recorded (once, by job id), and the run moved on (the next step submitted,
 * or completed); failed, expired or canceled → the run failed at that step (resumable). Only
 * a job of the step an open run stands at counts; every write is conditional or keyed, so
 * hooks may run many times and in any order. `video` is read lazily: the composition root
 * builds the hooks before the line's dependencies.
 */
export function videoPipelineHook(video: () => Pick<VideoDeps, "db" | "files" | "gpu" | "config">): WorkerGpuJobHook {
	return async ({ now }, job) => {
		if (!job.idempotencyKey.startsWith(VIDEO_KEY_PREFIX) || job.ownerType !== "video_project") return;
		const key = parseVideoJobKey(job.idempotencyKey);
		if (!key || key.step === "qa" || STEP_KIND[key.step] !== job.kind) return;
		const deps: PipelineDeps = video();
		const run = await runRow(deps.db, key.runId);
		if (!run || run.projectId !== job.ownerId) return;
		if ((run.status !== "pending" && run.status !== "processing") || run.currentStep !== key.step) return;
		const module = STEP_MODULES[key.step];
		const publish = () => publishRunProgress({ db: deps.db, progress: deps.gpu.progress }, run.id);

		switch (job.status) {
			case "queued":
				return;
			case "starting":
			case "running":
			case "retrying": {
				// Within a step: the images by scenes done, the others by the gateway's own percent (never the whole step).
				const fraction = module.fraction ? await module.fraction(deps, run, job) : (job.progressPercent / 100) * 0.95;
				if (await raiseProgress(deps.db, run.id, key.step, progressPercent(run.scope, key.step, fraction), now)) await publish();
				return;
			}
			case "succeeded": {
				const project = await deps.db.query.projects.findFirst({ where: eq(projects.id, run.projectId) });
				if (!project || !module.settle) return;
				let outcome: "done" | "waiting";
				try {
					outcome = await module.settle(deps, run, await runContext(deps.db, project), job, { part: key.part, n: key.n }, now);
				} catch (err) {
					if (err instanceof StepFailure) {
						await failRunAt(deps, run.id, key.step, err, now);
						return;
					}
					// R2 or D1 hiccup: rethrown, so the job stays unsettled and the reconciliation sweep runs this again.
					throw err;
				}
				if (outcome === "done") {
					await advance(deps, run, key.step, now);
					// The outputs are copied to the project's files: the step's artifacts at `gpu/<jobId>/` are no longer needed.
					// Only now: a retried settlement (advance failed) still reads them; once moved on, the run ignores this step's jobs.
					await dropStepArtifacts(deps, run.id, key.step);
					return;
				}
				if (
					module.fraction &&
					(await raiseProgress(deps.db, run.id, key.step, progressPercent(run.scope, key.step, await module.fraction(deps, run, job)), now))
				) {
					await publish();
				}
				return;
			}
			case "failed":
			case "expired":
			case "canceled": {
				const failure = jobFailure(job);
				await failRunAt(deps, run.id, key.step, new StepFailure(failure.code, failure.message), now);
				return;
			}
		}
	};
}
