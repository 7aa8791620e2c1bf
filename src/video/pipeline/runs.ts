import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { projectRuns, projects } from "../../db/video-schema";
import { type PipelineStep, PipelineStep as PipelineStepSchema } from "../../shared/video";
import { settleRunCost } from "../usage/meter";

export type RunRow = typeof projectRuns.$inferSelect;

/** Open statuses: a project has at most one open run. */
export const OPEN_RUN_STATUSES = ["pending", "processing"] as const;

/** A run untouched for this long is stale: a new run may replace it (its jobs ended without telling us). */
export const STALE_RUN_MS = 30 * 60 * 1000;

function reusedOf(run: RunRow): PipelineStep[] {
	try {
		const value: unknown = JSON.parse(run.reusedSteps);
		return Array.isArray(value) ? value.filter((step): step is PipelineStep => PipelineStepSchema.safeParse(step).success) : [];
	} catch {
		return [];
	}
}

/** A run as the API shows it (`GET /api/projects/:id/runs`, the history on the project page). */
export function runView(run: RunRow) {
	return {
		job_id: run.id,
		project_id: run.projectId,
		scope: run.scope,
		status: run.status,
		progress: run.progress,
		first_step: run.firstStep,
		current_step: run.currentStep,
		reused_steps: reusedOf(run),
		error: run.errorCode ? { step: run.errorStep, code: run.errorCode, message: run.errorMessage ?? "" } : null,
		reserved_cents: run.reservedCents,
		cost_cents: run.costCents,
		created_at: run.createdAt,
		updated_at: run.updatedAt,
		finished_at: run.finishedAt,
	};
}
export type RunView = ReturnType<typeof runView>;

/** A project's runs, newest first. */
export async function listRuns(db: Db, projectId: string, limit = 50): Promise<RunRow[]> {
	return db.query.projectRuns.findMany({
		where: eq(projectRuns.projectId, projectId),
		orderBy: [desc(projectRuns.createdAt), desc(projectRuns.id)],
		limit,
	});
}

export async function runRow(db: Db, runId: string): Promise<RunRow | undefined> {
	return db.query.projectRuns.findFirst({ where: eq(projectRuns.id, runId) });
}

/** The project's open run, if any. */
export async function openRunOf(db: Db, projectId: string): Promise<RunRow | undefined> {
	return db.query.projectRuns.findFirst({
		where: and(eq(projectRuns.projectId, projectId), inArray(projectRuns.status, [...OPEN_RUN_STATUSES])),
		orderBy: [desc(projectRuns.createdAt)],
	});
}

/**
 * Moves an open run to `step` (and `processing`) at `percent`; progress never goes back. Only
 * a run still open and still at one of `from` moves, so of two hooks racing to advance it one
 * wins. Returns whether it moved.
 */
export async function moveRun(db: Db, runId: string, from: readonly PipelineStep[], step: PipelineStep, percent: number, now: Date): Promise<boolean> {
	const moved = await db
		.update(projectRuns)
		.set({ currentStep: step, status: "processing", progress: percent, updatedAt: now.toISOString() })
		.where(and(eq(projectRuns.id, runId), inArray(projectRuns.status, [...OPEN_RUN_STATUSES]), inArray(projectRuns.currentStep, [...from])))
		.returning({ id: projectRuns.id });
	return moved.length > 0;
}

/** Raises an open run's progress within its current step (never lowers it). */
export async function raiseProgress(db: Db, runId: string, step: PipelineStep, percent: number, now: Date): Promise<boolean> {
	const moved = await db
		.update(projectRuns)
		.set({ progress: percent, updatedAt: now.toISOString() })
		.where(
			and(eq(projectRuns.id, runId), inArray(projectRuns.status, [...OPEN_RUN_STATUSES]), eq(projectRuns.currentStep, step), lt(projectRuns.progress, percent)),
		)
		.returning({ id: projectRuns.id });
	return moved.length > 0;
}

/**
 * Fails an open run at `step` (once: a closed run does not move), settles its cost (the usage
 * rows of what it did spend) and marks the project `failed`; what finished steps produced stays
 * on the project, so the next `generate-all` resumes at `step`.
 */
export async function failRun(
	db: Db,
	runId: string,
	failure: { step: PipelineStep; code: string; message: string },
	now: Date,
	options: { leaveProject?: boolean } = {},
): Promise<boolean> {
	const at = now.toISOString();
	const marked = await db
		.update(projectRuns)
		.set({ errorStep: failure.step, errorCode: failure.code, errorMessage: failure.message.slice(0, 500), currentStep: failure.step, updatedAt: at })
		.where(and(eq(projectRuns.id, runId), inArray(projectRuns.status, [...OPEN_RUN_STATUSES])))
		.returning({ projectId: projectRuns.projectId });
	const projectId = marked[0]?.projectId;
	if (!projectId) return false;
	await settleRunCost(db, runId, "failed", now);
	// A run refused because another took the project first leaves that one's project alone.
	if (options.leaveProject) return true;
	await db
		.update(projects)
		.set({ status: "failed", updatedAt: at })
		.where(and(eq(projects.id, projectId), eq(projects.status, "processing")));
	return true;
}

/**
 * Completes an open run at 100 % and settles its cost. The project is `ready` when it has a
 * video that passed QA, else back to `draft` (a one-step run before the video exists).
 */
export async function completeRun(db: Db, runId: string, now: Date): Promise<boolean> {
	const at = now.toISOString();
	const marked = await db
		.update(projectRuns)
		.set({ progress: 100, updatedAt: at })
		.where(and(eq(projectRuns.id, runId), inArray(projectRuns.status, [...OPEN_RUN_STATUSES])))
		.returning({ projectId: projectRuns.projectId });
	const projectId = marked[0]?.projectId;
	if (!projectId) return false;
	await settleRunCost(db, runId, "completed", now);
	const project = await db.query.projects.findFirst({ where: eq(projects.id, projectId) });
	const ready = Boolean(project?.videoR2Key && project.qaReport && (JSON.parse(project.qaReport) as { passed?: boolean }).passed);
	await db
		.update(projects)
		.set({ status: ready ? "ready" : "draft", updatedAt: at })
		.where(and(eq(projects.id, projectId), eq(projects.status, "processing")));
	return true;
}

/** Whether an open run has been quiet long enough to be replaced. */
export function isStale(run: RunRow, now: Date): boolean {
	return now.getTime() - Date.parse(run.updatedAt) > STALE_RUN_MS;
}
