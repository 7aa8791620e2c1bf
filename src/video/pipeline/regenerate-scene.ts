import { and, eq } from "drizzle-orm";
import { projectScenes } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import type { VideoDeps } from "../deps";
import { ownProject } from "../projects/projects";
import { reserveRun } from "../usage/meter";
import { costOf } from "../usage/prices";
import { runContext } from "./context";
import { failRunAt } from "./engine";
import { invalidateScene } from "./invalidate";
import { progressPercent, publishRunProgress } from "./progress";
import { failRun, moveRun, runRow } from "./runs";
import { claimProject, enforceVideoRateLimit, refuseOpenRun } from "./start-run";
import { submitSceneRegeneration } from "./step-images";

/**
 * Makes one scene's image again (regenerate-one on the project page): a run of scope `images`
 * that submits that scene alone with a fresh seed, bypassing the image cache, and records its
 * usage like any image. The composed video is cleared (it showed the old image): the next
 * `generate-all` composes again and reuses the script, the other images and the voice.
 * The same checks as {@link startRun}: 404, 429, 409, 402 before anything is spent.
 */
export async function regenerateScene(deps: VideoDeps, userId: string, projectId: string, position: number): Promise<{ jobId: string }> {
	const now = deps.now();
	const project = await ownProject(deps.db, userId, projectId);
	await enforceVideoRateLimit(deps, userId, now);
	const scene = await deps.db.query.projectScenes.findFirst({ where: and(eq(projectScenes.projectId, projectId), eq(projectScenes.position, position)) });
	if (!scene) throw new AppError(404, "NOT_FOUND", "No such scene.");
	await refuseOpenRun(deps, projectId, now);
	const runId = await reserveRun(
		deps.db,
		{
			projectId,
			userId,
			scope: "images",
			firstStep: "images",
			reusedSteps: [],
			estimateCents: costOf(deps.config.prices, "image.generate", 1),
			composes: false,
		},
		now,
	);
	if (!(await claimProject(deps, projectId, runId, now))) {
		await failRun(deps.db, runId, { step: "images", code: "CONFLICT", message: "Another run started first." }, now, { leaveProject: true });
		throw new AppError(409, "CONFLICT", "A generation is already running for this project; wait for it to finish.");
	}
	await invalidateScene(deps.db, projectId, position, deps.files);
	await moveRun(deps.db, runId, ["images"], "images", progressPercent("images", "images", 0), now);
	await publishRunProgress({ db: deps.db, progress: deps.gpu.progress }, runId);
	const run = await runRow(deps.db, runId);
	if (!run) throw new Error(`run ${runId} not stored`);
	try {
		await submitSceneRegeneration(deps, run, await runContext(deps.db, project), scene);
	} catch (err) {
		await failRunAt(deps, runId, "images", err, now);
	}
	return { jobId: runId };
}
