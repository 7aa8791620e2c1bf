import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "../../src/db/client";
import { gpuJobs } from "../../src/db/schema";
import { recordSubmittedJob } from "../../src/gpu/mirror";
import type { GpuJobView } from "../../src/shared/gpu-jobs";
import { startTraining } from "../../src/styles/start-training";
import { settleTrainingJob } from "../../src/styles/training-hook";
import { gpuEventBody, postGpuEvent } from "../support/gpu-callbacks";
import { jobView, setGatewayJob } from "../support/gpu-helpers";
import { createArtist, createStyleVia, errorOf, type StyleJson, styleRow, uploadSignature, uploadTrainingImages } from "../support/style-helpers";
import type { TestUser } from "../support/user-helpers";
import { userApi } from "../support/user-helpers";

const MODEL_SHA = "a".repeat(64);

/** A style with `images` training images and (unless told otherwise) a signature. */
async function readyStyle(images = 10, signature = true): Promise<{ artist: TestUser; style: StyleJson }> {
	const artist = await createArtist();
	const style = await createStyleVia(artist);
	expect((await uploadTrainingImages(artist, style.id, images)).status).toBe(201);
	if (signature) expect((await uploadSignature(artist, style.id)).status).toBe(200);
	return { artist, style };
}

async function train(artist: TestUser, styleId: string): Promise<Response> {
	return userApi(artist, `/api/styles/${styleId}/train`, { method: "POST" });
}

type FakeRequest = { method: string; path: string; idempotency_key: string | null; body: Record<string, unknown> };

/** The `POST /v1/jobs` calls the fake gateway received with this key. */
async function submissions(key: string): Promise<FakeRequest[]> {
	const all = (await (await fetch(`${inject("gpuGatewayUrl")}/__control/requests`)).json()) as FakeRequest[];
	return all.filter((request) => request.method === "POST" && request.path === "/v1/jobs" && request.idempotency_key === key);
}

/** Ends the job on the fake gateway and delivers its terminal callback, as the gateway would. */
async function finishJob(jobId: string, ownerId: string, end: Partial<GpuJobView>, webhookId?: string): Promise<Response> {
	const view = jobView({ id: jobId, kind: "lora.train", owner: { type: "user", id: ownerId }, attempt: 1, updated_at: new Date().toISOString(), ...end });
	await setGatewayJob(view);
	return postGpuEvent(gpuEventBody(jobId, `job.${view.status}` as "job.succeeded", { status: view.status, progress: view.progress }), webhookId);
}

async function notificationsOf(userId: string) {
	const { results } = await env.DB.prepare("SELECT kind, dedupe_key, link, body FROM notifications WHERE user_id = ? ORDER BY created_at").bind(userId).all();
	return results;
}

async function ownerView(artist: TestUser, styleId: string): Promise<StyleJson> {
	return ((await (await userApi(artist, `/api/styles/${styleId}`)).json()) as { style: StyleJson }).style;
}

describe("starting training", () => {
	it("refuses 9 images with VALIDATION_FAILED, sending nothing to the gateway", async () => {
		const { artist, style } = await readyStyle(9);
		const res = await train(artist, style.id);
		expect(res.status).toBe(422);
		const error = await errorOf(res);
		expect(error.code).toBe("VALIDATION_FAILED");
		expect(error.message).toContain("needs at least 10 training images, has 9");
		expect(await styleRow(style.id)).toMatchObject({ status: "pending", training_job_id: null });
		expect(await submissions(`style-train:${style.id}:1`)).toEqual([]);
	});

	it("refuses a style without a signature image", async () => {
		const { artist, style } = await readyStyle(10, false);
		const res = await train(artist, style.id);
		expect(res.status).toBe(422);
		expect((await errorOf(res)).message).toContain("signature");
		expect((await styleRow(style.id))?.status).toBe("pending");
	});

	it("submits lora.train with the images as r2Key inputs, owned by the artist, and moves the style to training", async () => {
		const { artist, style } = await readyStyle(10);
		const res = await train(artist, style.id);
		expect(res.status).toBe(202);
		const trained = ((await res.json()) as { style: StyleJson }).style;
		expect(trained.status).toBe("training");
		expect(trained.training.job_id).toMatch(/^job_/);
		expect(trained.training.status).toBe("queued");

		const [sent, ...more] = await submissions(`style-train:${style.id}:1`);
		expect(more).toEqual([]);
		const { results: images } = await env.DB.prepare("SELECT r2_key, sha256 FROM style_images WHERE style_id = ? ORDER BY created_at, rowid")
			.bind(style.id)
			.all<{
				r2_key: string;
				sha256: string;
			}>();
		expect(sent?.body).toEqual({
			kind: "lora.train",
			owner: { type: "user", id: artist.user.id },
			input: { artistId: artist.user.id, styleId: style.id, images: images.map((image) => ({ r2Key: image.r2_key, sha256: image.sha256 })) },
			callback_url: "http://localhost:8787/internal/gpu/events",
		});
		expect(images).toHaveLength(10);
		for (const image of images) expect(image.r2_key.startsWith(`gpu-inputs/styles/${style.id}/training/`)).toBe(true);
		const mirror = await getDb(env.DB).query.gpuJobs.findFirst({ where: eq(gpuJobs.id, trained.training.job_id ?? "") });
		expect(mirror).toMatchObject({ kind: "lora.train", ownerType: "user", ownerId: artist.user.id, idempotencyKey: `style-train:${style.id}:1` });

		// A second click while it trains starts nothing.
		const again = await train(artist, style.id);
		expect(again.status).toBe(409);
		expect(await submissions(`style-train:${style.id}:2`)).toEqual([]);
	});

	it("puts the style back when the gateway cannot take the job", async () => {
		const { artist, style } = await readyStyle(10);
		const db = getDb(env.DB);
		const down = {
			db,
			files: env.FILES,
			now: () => new Date(),
			progress: env.JOB_PROGRESS,
			publicBaseUrl: "http://localhost:8787",
			gateway: {
				submitJob: async () => {
					throw new Error("connect ECONNREFUSED");
				},
			},
		};
		await expect(startTraining(down, style.id, artist.user.id)).rejects.toMatchObject({ status: 503, code: "GPU_GATEWAY_UNAVAILABLE" });
		expect(await styleRow(style.id)).toMatchObject({ status: "pending", training_job_id: null });
	});

	it("settles at once a job that finished before its id was stored", async () => {
		const { artist, style } = await readyStyle(10);
		const db = getDb(env.DB);
		const done = jobView({
			kind: "lora.train",
			status: "succeeded",
			owner: { type: "user", id: artist.user.id },
			artifacts: [{ name: "style-profile.json", sha256: MODEL_SHA, size: 10, content_type: "application/json" }],
		});
		const fast = {
			db,
			files: env.FILES,
			now: () => new Date(),
			progress: env.JOB_PROGRESS,
			publicBaseUrl: "http://localhost:8787",
			gateway: {
				submitJob: async (_request: unknown, key: string) => {
					await recordSubmittedJob(db, done, key, new Date());
					return done;
				},
			},
		};
		const result = await startTraining(fast, style.id, artist.user.id);
		expect(result).toMatchObject({ status: "completed", trainingJobId: done.id });
		expect(await notificationsOf(artist.user.id)).toHaveLength(1);
	});
});

describe("training settlement", () => {
	it("completes the style from a signed job.succeeded callback, once, however often it is delivered", async () => {
		const { artist, style } = await readyStyle(10);
		const jobId = ((await (await train(artist, style.id)).json()) as { style: StyleJson }).style.training.job_id ?? "";
		const succeeded: Partial<GpuJobView> = {
			status: "succeeded",
			progress: { percent: 100, step: "done" },
			artifacts: [{ name: "style-profile.json", sha256: MODEL_SHA, size: 321, content_type: "application/json" }],
		};
		const first = await finishJob(jobId, artist.user.id, succeeded);
		expect(first.status).toBe(200);
		const row = await styleRow(style.id);
		expect(row).toMatchObject({ status: "completed", training_job_id: jobId, training_error_code: null });
		expect(JSON.parse(String(row?.model_artifact))).toEqual({ jobId, name: "style-profile.json", sha256: MODEL_SHA });
		expect(row?.trained_at).toEqual(expect.any(String));

		// Redelivered (a new webhook id, as after a lost 2xx) and settled again directly: nothing moves twice.
		expect((await finishJob(jobId, artist.user.id, succeeded)).status).toBe(200);
		const mirror = await getDb(env.DB).query.gpuJobs.findFirst({ where: eq(gpuJobs.id, jobId) });
		if (!mirror) throw new Error("no mirror row");
		await settleTrainingJob({ db: getDb(env.DB), files: env.FILES, now: new Date() }, mirror);
		expect((await styleRow(style.id))?.trained_at).toBe(row?.trained_at);
		const notes = await notificationsOf(artist.user.id);
		expect(notes).toEqual([
			{ kind: "training_completed", dedupe_key: `training_completed:${style.id}:${jobId}`, link: `/studio/styles/${style.id}`, body: expect.any(String) },
		]);

		const shown = await ownerView(artist, style.id);
		expect(shown.status).toBe("completed");
		expect(shown.training).toMatchObject({ job_id: jobId, progress: { percent: 100 }, error: null });
		// Trained: no more training runs, and the training set is fixed.
		expect((await train(artist, style.id)).status).toBe(409);
		expect((await uploadTrainingImages(artist, style.id, 1, 500)).status).toBe(409);
	});

	it("fails the style with TRAINING_FAILED and the gateway's reason, notifies once, and allows another run", async () => {
		const { artist, style } = await readyStyle(10);
		const jobId = ((await (await train(artist, style.id)).json()) as { style: StyleJson }).style.training.job_id ?? "";
		const failed: Partial<GpuJobView> = {
			status: "failed",
			attempt: 3,
			error: { code: "INPUT_DIGEST_MISMATCH", message: "input bytes do not match their sha256", retryable: false },
		};
		expect((await finishJob(jobId, artist.user.id, failed)).status).toBe(200);
		expect((await finishJob(jobId, artist.user.id, failed)).status).toBe(200);
		const row = await styleRow(style.id);
		expect(row).toMatchObject({ status: "failed", training_error_code: "TRAINING_FAILED" });
		expect(String(row?.training_error)).toContain("input bytes do not match their sha256");
		const notes = await notificationsOf(artist.user.id);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatchObject({ kind: "training_failed", dedupe_key: `training_failed:${style.id}:${jobId}` });
		expect(String(notes[0]?.body)).toContain("input bytes do not match");

		const shown = await ownerView(artist, style.id);
		expect(shown.training.error).toEqual({ code: "TRAINING_FAILED", message: String(row?.training_error) });

		// The artist may fix the set and train again: a new job under the next key.
		const retry = await train(artist, style.id);
		expect(retry.status).toBe(202);
		const retried = ((await retry.json()) as { style: StyleJson }).style;
		expect(retried).toMatchObject({ status: "training", training: { error: null } });
		expect(retried.training.job_id).not.toBe(jobId);
		expect(await submissions(`style-train:${style.id}:2`)).toHaveLength(1);
		// A late event of the old job moves nothing.
		expect((await finishJob(jobId, artist.user.id, { status: "succeeded", artifacts: [] })).status).toBe(200);
		expect((await styleRow(style.id))?.status).toBe("training");
	});

	it("treats an expired job as failed, and a job without the model file too", async () => {
		const a = await readyStyle(10);
		const expiredJob = ((await (await train(a.artist, a.style.id)).json()) as { style: StyleJson }).style.training.job_id ?? "";
		await finishJob(expiredJob, a.artist.user.id, { status: "expired" });
		expect(await styleRow(a.style.id)).toMatchObject({
			status: "failed",
			training_error_code: "TRAINING_FAILED",
			training_error: "The training job ran out of time.",
		});

		const b = await readyStyle(10);
		const emptyJob = ((await (await train(b.artist, b.style.id)).json()) as { style: StyleJson }).style.training.job_id ?? "";
		await finishJob(emptyJob, b.artist.user.id, { status: "succeeded", artifacts: [] });
		expect(await styleRow(b.style.id)).toMatchObject({ status: "failed", training_error: "Training finished without a model file." });
	});

	it("shows progress while the job runs and leaves the style training", async () => {
		const { artist, style } = await readyStyle(10);
		const jobId = ((await (await train(artist, style.id)).json()) as { style: StyleJson }).style.training.job_id ?? "";
		await finishJob(jobId, artist.user.id, { status: "running", progress: { percent: 40, step: "fetch-images" } });
		const shown = await ownerView(artist, style.id);
		expect(shown).toMatchObject({
			status: "training",
			training: { job_id: jobId, status: "running", progress: { percent: 40, step: "fetch-images" }, error: null },
		});
		expect(await notificationsOf(artist.user.id)).toEqual([]);
	});

	it("ignores jobs that are no style's training job", async () => {
		const { artist, style } = await readyStyle(10);
		await train(artist, style.id);
		const stranger = jobView({ kind: "lora.train", status: "succeeded", owner: { type: "user", id: artist.user.id } });
		await recordSubmittedJob(getDb(env.DB), stranger, `key-${stranger.id}`, new Date());
		const row = await getDb(env.DB).query.gpuJobs.findFirst({ where: eq(gpuJobs.id, stranger.id) });
		if (!row) throw new Error("no mirror row");
		await settleTrainingJob({ db: getDb(env.DB), files: env.FILES, now: new Date() }, row);
		expect((await styleRow(style.id))?.status).toBe("training");
	});
});
