import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { projectRuns } from "../../db/video-schema";
import { type JobProgressNamespace, jobProgressStub } from "../../gpu/progress";
import { mintProgressToken } from "../../gpu/progress-token";
import { errorMessage, log } from "../../lib/log";
import type { JobOwner } from "../../shared/gpu-jobs";
import type { JobProgressUpdate } from "../../shared/job-progress";
import type { PipelineStep, RunScope } from "../../shared/video";

/**
 * Live progress of a project's runs (agreed with the project page, src/routes/video-pages.tsx):
 * every GPU job of every run of project P is owned by `{type: "video_project", id: P}`, and the
 * run itself is published to the same owner's JOB_PROGRESS object as an update of kind
 * `video.run` (`job_id` = the run id, `progress.percent` 0–100, `progress.step` the current
 * step, `status` running | succeeded | failed). The page mints a token with
 * {@link projectProgressToken} and follows `/api/progress/ws` (or polls `/api/progress`);
 * `GET /api/projects/:id/generation-status/:jobId` answers the same numbers from D1.
 */
export function projectProgressOwner(projectId: string): JobOwner {
	return { type: "video_project", id: projectId };
}

/** The kind of a run's own progress updates, beside its GPU jobs' (`llm.text`, `image.generate`, …). */
export const RUN_PROGRESS_KIND = "video.run";

/** A progress token for the project page of `projectId` (an hour at most; minted on each page load for its owner). */
export async function projectProgressToken(deps: { keys: { progress: Uint8Array }; now: () => Date }, projectId: string): Promise<string> {
	return mintProgressToken(deps.keys.progress, projectProgressOwner(projectId), deps.now());
}

/** The progress band of each step of a whole run: 0/25/50/75/100 at the boundaries. */
const BANDS: Record<PipelineStep, [number, number]> = { script: [0, 25], images: [25, 50], voice: [50, 75], compose: [75, 100], qa: [100, 100] };

/**
 * The run's percent while `step` is `fraction` (0–1) done. A whole run (`all`) moves through
 * the bands; a one-step run shows that step alone from 0 to 100.
 */
export function progressPercent(scope: RunScope, step: PipelineStep, fraction: number): number {
	const f = Math.min(1, Math.max(0, fraction));
	if (scope !== "all") return step === "qa" ? 100 : Math.floor(f * 100);
	const [from, to] = BANDS[step];
	return Math.floor(from + (to - from) * f);
}

type RunRow = typeof projectRuns.$inferSelect;

/** A run as a JOB_PROGRESS update. */
export function runProgressUpdate(run: RunRow): JobProgressUpdate {
	return {
		job_id: run.id,
		kind: RUN_PROGRESS_KIND,
		status: run.status === "completed" ? "succeeded" : run.status === "failed" ? "failed" : run.status === "pending" ? "queued" : "running",
		progress: { percent: run.progress, step: run.currentStep },
		error_code: run.errorCode,
		updated_at: run.updatedAt,
	};
}

/** Publishes the run's stored state to its project's owner object. Never throws: the status endpoint answers from D1 either way. */
export async function publishRunProgress(deps: { db: Db; progress: JobProgressNamespace }, runId: string): Promise<void> {
	try {
		const run = await deps.db.query.projectRuns.findFirst({ where: eq(projectRuns.id, runId) });
		if (!run) return;
		await jobProgressStub(deps.progress, projectProgressOwner(run.projectId)).publish(runProgressUpdate(run));
	} catch (err) {
		log("warn", "video run progress not published", { runId, error: errorMessage(err) });
	}
}
