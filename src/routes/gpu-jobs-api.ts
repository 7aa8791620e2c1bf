import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { getDb } from "../db/client";
import { gpuGatewayFromEnv } from "../gpu/client";
import {
	cancelGpuJob,
	type GpuJobCommandDeps,
	gatewayAppError,
	gpuJobAdminView,
	gpuJobDetail,
	ListGpuJobsQuery,
	listGpuJobs,
	mirroredJob,
	purgeGpuJobData,
	uploadedArtifact,
} from "../gpu/job-admin";
import { gpuSubmitDepsFromEnv, SubmitGpuJobBody, submitGpuJob } from "../gpu/submit";
import { requireAdmin } from "../lib/admin-auth";
import { AppError } from "../lib/errors";
import { attachmentDisposition } from "../lib/http-range";
import { validate } from "../lib/validate";

const JobParams = z.object({ id: z.string().min(1).max(64) });
const ArtifactParams = JobParams.extend({ name: z.string().min(1).max(128) });

function commandDeps(env: Env): GpuJobCommandDeps {
	const db = getDb(env.DB);
	return { db, gateway: gpuGatewayFromEnv(env, db), progress: env.JOB_PROGRESS, now: () => new Date() };
}

/** `/api/gpu/jobs`: the admin API over GPU jobs (submit, list, inspect, artifacts, cancel, purge), for ops, the CLI and tests. */
export const gpuJobsApi = new Hono<AppEnv>()
	.use(requireAdmin)
	.post("/", validate("json", SubmitGpuJobBody), async (c) => {
		const { request, idempotencyKey } = c.req.valid("json");
		const db = getDb(c.env.DB);
		let id: string;
		try {
			id = (await submitGpuJob(gpuSubmitDepsFromEnv(c.env, db), request, idempotencyKey ?? crypto.randomUUID())).id;
		} catch (err) {
			throw gatewayAppError(err);
		}
		return c.json({ job: gpuJobAdminView(await mirroredJob(db, id)) }, 201);
	})
	.get("/", validate("query", ListGpuJobsQuery), async (c) => c.json(await listGpuJobs(getDb(c.env.DB), c.req.valid("query"))))
	.get("/:id", validate("param", JobParams), async (c) => c.json(await gpuJobDetail(getDb(c.env.DB), c.req.valid("param").id)))
	.get("/:id/artifacts/:name", validate("param", ArtifactParams), async (c) => {
		const { id, name } = c.req.valid("param");
		const artifact = await uploadedArtifact(getDb(c.env.DB), id, name);
		const object = await c.env.FILES.get(artifact.r2_key);
		if (!object) throw new AppError(404, "NOT_FOUND", "The artifact is missing from storage.");
		return c.body(object.body, 200, {
			"Content-Type": artifact.content_type,
			"Content-Length": String(object.size),
			"Content-Disposition": attachmentDisposition(name),
			"X-Content-SHA256": artifact.sha256,
		});
	})
	.post("/:id/cancel", validate("param", JobParams), async (c) => c.json({ job: await cancelGpuJob(commandDeps(c.env), c.req.valid("param").id) }))
	.delete("/:id/data", validate("param", JobParams), async (c) => c.json({ job: await purgeGpuJobData(commandDeps(c.env), c.req.valid("param").id) }));
