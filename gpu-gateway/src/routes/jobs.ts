import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { Hono } from "hono";
import { validator } from "hono/validator";
import { CreateJobRequest } from "../../../src/shared/gpu-jobs.ts";
import type { AppEnv } from "../app-env.ts";
import { createJob } from "../create-job.ts";
import { AppError } from "../errors.ts";
import { canonicalJson, sha256Hex } from "../hash.ts";
import type { JobStore } from "../store.ts";
import { toJobView } from "../views.ts";

/** Idempotency keys are opaque but bounded, so they index well and cannot carry payloads. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

function view(store: JobStore, id: string) {
	const job = store.getJob(id);
	if (!job) throw new AppError(404, "NOT_FOUND", "no such job");
	return toJobView(job, store.listArtifacts(id));
}

/** `/v1/jobs`: create, read, cancel, purge, and read artifacts. */
export const jobsRoutes = new Hono<AppEnv>()
	.post(
		"/",
		validator("header", (headers) => {
			const key = headers["idempotency-key"];
			if (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key))
				throw new AppError(400, "IDEMPOTENCY_KEY_REQUIRED", "Idempotency-Key header of 8-128 safe characters required");
			return { key };
		}),
		validator("json", (body: unknown) => {
			const parsed = CreateJobRequest.safeParse(body);
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				throw new AppError(400, "VALIDATION_FAILED", issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid body");
			}
			// The hash is over the body as sent (canonicalised), so a replay must match it exactly.
			return { request: parsed.data, bodySha256: sha256Hex(canonicalJson(body)) };
		}),
		(c) => {
			const { store, runner, now } = c.var.deps;
			const { key } = c.req.valid("header");
			const { request, bodySha256 } = c.req.valid("json");
			if (!runner.supports(request.kind)) throw new AppError(400, "UNSUPPORTED_KIND", `no backend runs ${request.kind}`);
			const { job, created } = createJob(store, key, request, bodySha256, now());
			if (created) runner.kick();
			return c.json(toJobView(job, store.listArtifacts(job.id)), created ? 201 : 200);
		},
	)
	.get("/:id", (c) => c.json(view(c.var.deps.store, c.req.param("id"))))
	.post("/:id/cancel", (c) => {
		const { store, runner } = c.var.deps;
		const job = runner.cancel(c.req.param("id"));
		if (!job) throw new AppError(404, "NOT_FOUND", "no such job");
		// Cancelling a canceled job is a no-op; a job that already ended otherwise cannot be.
		if (job.status !== "canceled") throw new AppError(409, "JOB_FINISHED", `job already ${job.status}`);
		return c.json(view(store, job.id));
	})
	.delete("/:id/data", async (c) => {
		const { store, runner } = c.var.deps;
		const id = c.req.param("id");
		if (!store.getJob(id)) throw new AppError(404, "NOT_FOUND", "no such job");
		if (!(await runner.purge(id))) throw new AppError(409, "JOB_ACTIVE", "cancel the job before purging its data");
		return c.json(view(store, id));
	})
	.get("/:id/artifacts/:name", (c) => {
		const { store } = c.var.deps;
		const artifact = store.listArtifacts(c.req.param("id")).find((a) => a.name === c.req.param("name"));
		if (!artifact) throw new AppError(404, "NOT_FOUND", "no such artifact");
		const body = Readable.toWeb(createReadStream(artifact.path)) as ReadableStream<Uint8Array>;
		return c.body(body, 200, { "content-type": artifact.content_type, "content-length": String(artifact.size), "x-content-sha256": artifact.sha256 });
	});
