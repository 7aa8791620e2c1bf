import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { projectRuns } from "../db/video-schema";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import type { RunScope } from "../shared/video";
import { regenerateScene } from "../video/pipeline/regenerate-scene";
import { listRuns, runView } from "../video/pipeline/runs";
import { startRun } from "../video/pipeline/start-run";
import { ownProject } from "../video/projects/projects";
import { projectView } from "../video/projects/view";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const StatusParams = IdParams.extend({ jobId: z.string().min(1).max(64) });
const SceneParams = IdParams.extend({ position: z.coerce.number().int().min(0).max(99) });

const NullableId = z.string().min(1).max(64).nullable().optional();
/** `POST /:id/generate-all`: the keyword (and optionally the brand and template) the run writes from. */
const GenerateAllBody = z.strictObject({
	keyword: z.string().trim().min(1).max(100),
	brand_profile_id: NullableId,
	template_id: NullableId,
});
/** The single steps take no body (an empty object is accepted). */
const StepBody = z.strictObject({}).optional();

const NO_STORE = { "Cache-Control": "no-store" };

/** `202 {status: "processing", job_id}` (API.md). */
function accepted(jobId: string) {
	return { status: "processing" as const, job_id: jobId };
}

/** One route per single step: it runs that step alone (the inputs it needs must exist: 409 otherwise). */
function stepRoute(scope: Exclude<RunScope, "all">) {
	return [
		requireUser,
		validate("param", IdParams),
		validate("json", StepBody),
		async (c: import("hono").Context<AppEnv>) => {
			const { jobId } = await startRun(c.var.deps.video, signedInUser(c).user.id, c.req.param("id") ?? "", scope);
			return c.json(accepted(jobId), 202);
		},
	] as const;
}

/**
 * The pipeline's routes under `/api/projects` (API.md "Short videos"; docs/video.md "The
 * pipeline"), mounted before the projects' CRUD: generate-all and the single steps (`202`
 * with the run's `job_id`), a run's status, the runs' history, and regenerate-one-image. Every
 * route is the owner's only (anyone else's project: `404`); a start is refused before anything
 * is spent: `429` over 10 a minute, `409` with a run open or an input missing, `402
 * PLAN_LIMIT_REACHED` over a plan limit.
 */
export const projectRunsApi = new Hono<AppEnv>()
	.post("/:id/generate-all", requireUser, validate("param", IdParams), validate("json", GenerateAllBody), async (c) => {
		const body = c.req.valid("json");
		const { jobId } = await startRun(c.var.deps.video, signedInUser(c).user.id, c.req.valid("param").id, "all", {
			keyword: body.keyword,
			...(body.brand_profile_id !== undefined ? { brandProfileId: body.brand_profile_id } : {}),
			...(body.template_id !== undefined ? { templateId: body.template_id } : {}),
		});
		return c.json(accepted(jobId), 202);
	})
	.post("/:id/generate-script", ...stepRoute("script"))
	.post("/:id/generate-images", ...stepRoute("images"))
	.post("/:id/generate-voice", ...stepRoute("voice"))
	.post("/:id/compose-video", ...stepRoute("compose"))
	.post("/:id/scenes/:position/regenerate", requireUser, validate("param", SceneParams), validate("json", StepBody), async (c) => {
		const { id, position } = c.req.valid("param");
		const { jobId } = await regenerateScene(c.var.deps.video, signedInUser(c).user.id, id, position);
		return c.json(accepted(jobId), 202);
	})
	.get("/:id/generation-status/:jobId", requireUser, validate("param", StatusParams), async (c) => {
		const { db } = c.var.deps.video;
		const { id, jobId } = c.req.valid("param");
		const project = await ownProject(db, signedInUser(c).user.id, id);
		const run = await db.query.projectRuns.findFirst({ where: and(eq(projectRuns.id, jobId), eq(projectRuns.projectId, project.id)) });
		if (!run) throw new AppError(404, "NOT_FOUND", "No such generation run for this project.");
		const view = runView(run);
		return c.json(
			{
				status: run.status,
				progress: run.progress,
				current_step: run.currentStep,
				...(run.status === "completed" ? { result: { project: projectView(project) } } : {}),
				...(view.error ? { error: view.error } : {}),
			},
			200,
			NO_STORE,
		);
	})
	.get("/:id/runs", requireUser, validate("param", IdParams), async (c) => {
		const { db } = c.var.deps.video;
		const project = await ownProject(db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.json({ runs: (await listRuns(db, project.id)).map(runView) }, 200, NO_STORE);
	});
