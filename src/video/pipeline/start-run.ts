import { and, eq, ne, or, sql } from "drizzle-orm";
import { projects } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { enforceRateLimit } from "../../lib/rate-limit";
import type { PipelineStep, RunScope } from "../../shared/video";
import { ownBrand } from "../brands/brands";
import type { VideoDeps } from "../deps";
import { ownProject, projectScenesOf } from "../projects/projects";
import { resolveTemplate } from "../templates/templates";
import { reserveRun } from "../usage/meter";
import { runContext } from "./context";
import { scopeSteps, startStep, stepDone } from "./engine";
import { estimateCents } from "./estimate";
import { invalidateFrom } from "./invalidate";
import { progressPercent, publishRunProgress } from "./progress";
import { failRun, isStale, moveRun, openRunOf } from "./runs";

/** What `generate-all` may change on the project before it runs. */
export type RunOverrides = { keyword?: string; brandProfileId?: string | null; templateId?: string | null };

/** What each single step needs from the steps before it, and what the user reads when it is missing. */
const NEEDS: Record<Exclude<RunScope, "all">, { step: PipelineStep; message: string }[]> = {
	script: [],
	images: [{ step: "script", message: "The project has no script yet: generate the script first." }],
	voice: [
		{ step: "script", message: "The project has no script yet: generate the script first." },
		{ step: "images", message: "The scenes are not made yet: generate the images first." },
	],
	compose: [
		{ step: "images", message: "Every scene needs its image before the video is composed: generate the images first." },
		{ step: "voice", message: "The video cannot be composed without a voice: generate the voice first." },
	],
};

/** The per-user generation limit (10 a minute), on top of the user API limit. */
export async function enforceVideoRateLimit(deps: Pick<VideoDeps, "limiter" | "config">, userId: string, now: Date): Promise<void> {
	await enforceRateLimit(deps.limiter, `video:${userId}`, deps.config.rateLimit, now.getTime());
}

/**
 * Refuses a second open run on the project (409), unless the open one is stale (no news for
 * 30 minutes: its jobs ended without telling us), which is failed so a new run can take over.
 */
export async function refuseOpenRun(deps: Pick<VideoDeps, "db" | "gpu">, projectId: string, now: Date): Promise<void> {
	const open = await openRunOf(deps.db, projectId);
	if (!open) return;
	if (!isStale(open, now)) throw new AppError(409, "CONFLICT", "A generation is already running for this project; wait for it to finish.");
	await failRun(deps.db, open.id, { step: open.currentStep, code: "RUN_STALE", message: "The run stopped reporting and was replaced." }, now);
	await publishRunProgress({ db: deps.db, progress: deps.gpu.progress }, open.id);
}

/**
 * Marks the project `processing` for run `runId` unless another open run got there first;
 * returns whether it did. A project left `processing` with no open run (a run that never
 * started) is claimed too, so it cannot stay stuck.
 */
export async function claimProject(deps: Pick<VideoDeps, "db">, projectId: string, runId: string, now: Date): Promise<boolean> {
	const otherOpenRun = sql`exists (select 1 from project_runs r where r.project_id = ${projectId} and r.status in ('pending', 'processing') and r.id <> ${runId})`;
	const claimed = await deps.db
		.update(projects)
		.set({ status: "processing", updatedAt: now.toISOString() })
		.where(and(eq(projects.id, projectId), or(ne(projects.status, "processing"), sql`not ${otherOpenRun}`)))
		.returning({ id: projects.id });
	return claimed.length > 0;
}

/**
 * Starts a run of the pipeline on the user's project: the whole pipeline (`all`, resuming at the
 * first step whose output is missing and reusing the others) or one step alone (which needs its
 * inputs, 409 otherwise, and makes its output again, clearing what later steps made from the
 * old one). Checks, before anything is spent or stored: the project is theirs (404), the 10 a
 * minute limit (429), no other open run (409), the brand and template are theirs (404), and the
 * plan's limits with the run's estimated cost reserved (402 PLAN_LIMIT_REACHED). Then the
 * project is `processing` and the first step is started. Returns the run's id (the API's
 * `job_id`).
 */
export async function startRun(deps: VideoDeps, userId: string, projectId: string, scope: RunScope, overrides: RunOverrides = {}): Promise<{ jobId: string }> {
	const now = deps.now();
	const project = await ownProject(deps.db, userId, projectId);
	await enforceVideoRateLimit(deps, userId, now);
	if (overrides.brandProfileId) await ownBrand(deps.db, userId, overrides.brandProfileId);
	if (overrides.templateId) await resolveTemplate(deps.db, userId, overrides.templateId);
	await refuseOpenRun(deps, projectId, now);

	const changes = {
		...(overrides.keyword !== undefined && overrides.keyword.trim() !== project.keyword ? { keyword: overrides.keyword.trim() } : {}),
		...(overrides.brandProfileId !== undefined && overrides.brandProfileId !== project.brandProfileId ? { brandProfileId: overrides.brandProfileId } : {}),
		...(overrides.templateId !== undefined && overrides.templateId !== project.templateId ? { templateId: overrides.templateId } : {}),
	};
	// What the run would be with the changes, to check and price it before storing anything.
	const planned = { ...project, ...changes };
	if ((scope === "all" || scope === "script") && !planned.keyword.trim())
		throw new AppError(400, "VALIDATION_FAILED", "keyword: the project needs a keyword to write its script.");
	const context = await runContext(deps.db, planned);
	// Changing what the script is written from makes everything made from the old one stale.
	const stale = Object.keys(changes).length > 0 && Boolean(project.script);
	const scenes = stale ? [] : await projectScenesOf(deps.db, projectId);
	const current = stale ? { ...planned, script: null } : planned;

	let steps: PipelineStep[];
	if (scope === "all") {
		const missing = scopeSteps("all").filter((step) => !stepDone(current, scenes, step));
		steps = missing.length > 0 ? missing : ["qa"];
	} else {
		for (const need of NEEDS[scope]) if (!stepDone(current, scenes, need.step)) throw new AppError(409, "CONFLICT", need.message);
		steps = scopeSteps(scope);
	}
	const first = steps[0] as PipelineStep;
	const reused = scope === "all" ? scopeSteps("all").filter((step) => !steps.includes(step)) : [];
	const estimate = await estimateCents(deps, context, scope === "all" || scope === "compose" || scope === "voice" ? scenes : [], steps, now);
	const runId = await reserveRun(
		deps.db,
		{ projectId, userId, scope, firstStep: first, reusedSteps: reused, estimateCents: estimate, composes: steps.includes("compose") },
		now,
	);

	if (!(await claimProject(deps, projectId, runId, now))) {
		await failRun(deps.db, runId, { step: first, code: "CONFLICT", message: "Another run started first." }, now, { leaveProject: true });
		throw new AppError(409, "CONFLICT", "A generation is already running for this project; wait for it to finish.");
	}
	if (Object.keys(changes).length > 0) {
		await deps.db
			.update(projects)
			.set({ ...changes, updatedAt: now.toISOString() })
			.where(eq(projects.id, projectId));
	}
	if (stale) await invalidateFrom(deps.db, projectId, "script", deps.files);
	else if (scope !== "all") await invalidateFrom(deps.db, projectId, first, deps.files);
	await moveRun(deps.db, runId, [first], first, progressPercent(scope, first, 0), now);
	await publishRunProgress({ db: deps.db, progress: deps.gpu.progress }, runId);
	await startStep(deps, runId, first, now);
	return { jobId: runId };
}
