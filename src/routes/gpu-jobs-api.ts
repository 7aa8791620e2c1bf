import { Hono } from "hono";
import { z } from "zod";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import {
	cancelGpuJob,
	gatewayAppError,
	gpuJobAdminView,
	gpuJobDetail,
	ListGpuJobsQuery,
	listGpuJobs,
	mirroredJob,
	purgeGpuJobData,
	uploadedArtifact,
} from "../gpu/job-admin";
import { SubmitGpuJobBody, submitGpuJob } from "../gpu/submit";
import { AppError } from "../lib/errors";
import { attachmentDisposition } from "../lib/http-range";
import { validate } from "../lib/validate";

const JobParams = z.object({ id: z.string().min(1).max(64) });
const ArtifactParams = JobParams.extend({ name: z.string().min(1).max(128) });

/** `/api/gpu/jobs`: the admin API over GPU jobs (submit, list, inspect, artifacts, cancel, purge), for ops, the CLI and tests. */
export const gpuJobsApi = new Hono<AppEnv>()
	.use(requireAdmin)
	.post("/", validate("json", SubmitGpuJobBody), async (c) => {
		const { request, idempotencyKey } = c.req.valid("json");
		const { gpu } = c.var.deps;
		let id: string;
		try {
			id = (await submitGpuJob(gpu, request, idempotencyKey ?? crypto.randomUUID())).id;
		} catch (err) {
			throw gatewayAppError(err);
		}
		return c.json({ job: gpuJobAdminView(await mirroredJob(gpu.db, id)) }, 201);
	})
	.get("/", validate("query", ListGpuJobsQuery), async (c) => c.json(await listGpuJobs(c.var.deps.db, c.req.valid("query"))))
	.get("/:id", validate("param", JobParams), async (c) => c.json(await gpuJobDetail(c.var.deps.db, c.req.valid("param").id)))
	.get("/:id/artifacts/:name", validate("param", ArtifactParams), async (c) => {
		const { id, name } = c.req.valid("param");
		const { db, files } = c.var.deps;
		const artifact = await uploadedArtifact(db, id, name);
		const object = await files.get(artifact.r2_key);
		if (!object) throw new AppError(404, "NOT_FOUND", "The artifact is missing from storage.");
		return c.body(object.body, 200, {
			"Content-Type": artifact.content_type,
			"Content-Length": String(object.size),
			"Content-Disposition": attachmentDisposition(name),
			"X-Content-SHA256": artifact.sha256,
		});
	})
	.post("/:id/cancel", validate("param", JobParams), async (c) => c.json({ job: await cancelGpuJob(c.var.deps.gpu, c.req.valid("param").id) }))
	.delete("/:id/data", validate("param", JobParams), async (c) => c.json({ job: await purgeGpuJobData(c.var.deps.gpu, c.req.valid("param").id) }));
