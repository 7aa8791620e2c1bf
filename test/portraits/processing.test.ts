import { env } from "cloudflare:workers";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "../../src/db/client";
import { gpuJobs, portraitImages, portraitJobs, portraitRecommendations } from "../../src/db/schema";
import { applyGatewayView } from "../../src/gpu/mirror";
import { sha256Hex } from "../../src/lib/hash";
import { portraitSeeds, RETRY_BACKOFF_S } from "../../src/portraits/attempts";
import type { PortraitDeps } from "../../src/portraits/deps";
import type { PortraitMessage } from "../../src/portraits/messages";
import { type SettleOutcome, settlePortraitGpuJob } from "../../src/portraits/portrait-hook";
import { processingHandler } from "../../src/portraits/processing";
import { portraitProgressToken } from "../../src/portraits/progress";
import type { JobProgressUpdate } from "../../src/shared/job-progress";
import { PortraitReport } from "../../src/shared/portraits";
import { captureConsole } from "../support/console-capture";
import { gatewayRequests, later } from "../support/generation-helpers";
import { gpuEventBody, openProgressSocket, postGpuEvent } from "../support/gpu-callbacks";
import { gatewayToken, jobView, setGatewayJob } from "../support/gpu-helpers";
import { api, testAppDeps, waitFor } from "../support/helpers";
import { createPaidPortraitJob, portraitPhoto, portraitRow, uploadPhoto, withPhone } from "../support/portrait-helpers";
import { sessionCookie, verify } from "../support/portrait-result-helpers";

const db = getDb(env.DB);

/** A portrait queue that keeps what is sent (with its delay), so the test decides what runs when. */
class PortraitQueue {
	readonly sent: { body: PortraitMessage; delaySeconds?: number }[] = [];
	async send(body: PortraitMessage, options?: QueueSendOptions): Promise<QueueSendResponse> {
		this.sent.push({ body, delaySeconds: options?.delaySeconds });
		return {} as QueueSendResponse;
	}
	async sendBatch(): Promise<QueueSendBatchResponse> {
		throw new Error("not used");
	}
	async metrics(): Promise<QueueMetrics> {
		return { backlogCount: this.sent.length, backlogBytes: 0, oldestMessageTimestamp: new Date() } as QueueMetrics;
	}
	kinds(): string[] {
		return this.sent.map((message) => message.body.kind);
	}
}

/** The processing side of one job under a test clock: its deps, recording queue and a settle call. */
type Harness = {
	jobId: string;
	deps: PortraitDeps;
	queue: PortraitQueue;
	clock: { now: Date };
	settle(gpuJobId: string): Promise<SettleOutcome>;
	run(): ReturnType<typeof processingHandler.run>;
};

/** A paid job whose photo was uploaded (status `processing`, photo in R2), set up by rows, nothing enqueued. */
async function processingJob(options: { locale?: "ko" | "en"; llm?: boolean } = {}): Promise<Harness> {
	const job = await createPaidPortraitJob({ locale: options.locale });
	const photoKey = `portraits/${job.id}/photo-${crypto.randomUUID().replaceAll("-", "")}.jpg`;
	await env.FILES.put(photoKey, portraitPhoto(), { httpMetadata: { contentType: "image/jpeg" } });
	await db
		.update(portraitJobs)
		.set({ status: "processing", photoKey, uploadedAt: new Date().toISOString(), phoneHash: "h", phoneLast4: "5678" })
		.where(eq(portraitJobs.id, job.id));
	const clock = { now: new Date() };
	// The gateway client keeps the real clock (its tokens must not be issued in the future); processing runs on the test's.
	const app = await testAppDeps();
	const queue = new PortraitQueue();
	const deps: PortraitDeps = {
		...app.portraits,
		queue: queue as unknown as Queue<PortraitMessage>,
		now: () => clock.now,
		config: { ...app.portraits.config, llm: options.llm ?? false },
	};
	return {
		jobId: job.id,
		deps,
		queue,
		clock,
		async settle(gpuJobId) {
			const mirror = await db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, gpuJobId) });
			if (!mirror) throw new Error("no mirror row");
			return settlePortraitGpuJob({ db, files: env.FILES, queue: deps.queue, progress: env.JOB_PROGRESS, now: clock.now }, mirror);
		},
		run: () => processingHandler.run(deps, job.id, 1),
	};
}

/** Uploads one output through the Worker's artifact endpoint, as the gateway does before `job.succeeded`. */
async function uploadArtifact(gpuJobId: string, name: string, bytes: Uint8Array, contentType: string) {
	const sha256 = await sha256Hex(bytes);
	const res = await api(`/internal/gpu/artifacts/${gpuJobId}/${name}`, {
		method: "PUT",
		body: bytes,
		auth: await gatewayToken(),
		headers: { "content-type": contentType, "content-length": String(bytes.byteLength), "x-content-sha256": sha256 },
	});
	expect([200, 201]).toContain(res.status);
	return { name, sha256, size: bytes.byteLength, content_type: contentType };
}

/** The gateway's view of a portrait's GPU job, applied to the mirror as a re-read after a callback would. */
async function gatewaySays(h: Harness, gpuJobId: string, kind: string, overrides: Parameters<typeof jobView>[0]) {
	const view = jobView({ id: gpuJobId, kind, owner: { type: "portrait", id: h.jobId }, updated_at: later(), ...overrides });
	expect(await applyGatewayView(db, view, h.clock.now)).toBe(true);
}

const MEASURED = { version: 1, width: 768, height: 1024, brightness: 31.5, contrast: 12.2, saturation: 8.4, sharpness: 0.9 };

function pngBytes(n: number): Uint8Array {
	return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, n, n + 1, n + 2, 7, 7, 7]);
}

/** Uploads the three portraits and the measurements and reports the job succeeded. */
async function portraitsSucceed(h: Harness, gpuJobId: string) {
	const artifacts = [
		await uploadArtifact(gpuJobId, "measurements.json", new TextEncoder().encode(JSON.stringify(MEASURED)), "application/json"),
		await uploadArtifact(gpuJobId, "portrait-1-mono.png", pngBytes(1), "image/png"),
		await uploadArtifact(gpuJobId, "portrait-2-warm.png", pngBytes(2), "image/png"),
		await uploadArtifact(gpuJobId, "portrait-3-poster.png", pngBytes(3), "image/png"),
	];
	await gatewaySays(h, gpuJobId, "portrait.generate", { status: "succeeded", attempt: 1, progress: { percent: 100, step: "done" }, artifacts });
	return artifacts;
}

/** The job's portraits step, submitted and succeeded: the portraits are stored. */
async function withPortraits(h: Harness): Promise<void> {
	expect(await h.run()).toBe("done");
	const gpuJobId = (await portraitRow(h.jobId))?.portraitJobId;
	if (!gpuJobId) throw new Error("portraits not submitted");
	await portraitsSucceed(h, gpuJobId);
	expect(await h.settle(gpuJobId)).toBe("stored");
}

async function imagesOf(jobId: string) {
	return db.select().from(portraitImages).where(eq(portraitImages.jobId, jobId)).orderBy(asc(portraitImages.position));
}

async function requestsFor(jobId: string) {
	return (await gatewayRequests()).filter((r) => r.method === "POST" && r.path === "/v1/jobs" && (r.idempotency_key ?? "").startsWith(`portrait:${jobId}:`));
}

async function keysUnder(prefix: string): Promise<string[]> {
	return (await env.FILES.list({ prefix })).objects.map((object) => object.key);
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("portrait processing", () => {
	it("makes three portraits on the gateway, stores them under random names with their seeds, writes the template report and sends one SMS message", async () => {
		const h = await processingJob();
		expect(await h.run()).toBe("done");

		// One portrait.generate for attempt 1: the photo handed over under gpu-inputs/, three seeds, one prompt.
		const [request, ...others] = await requestsFor(h.jobId);
		expect(others).toEqual([]);
		expect(request?.idempotency_key).toBe(`portrait:${h.jobId}:generate:1`);
		const body = request?.body as {
			kind: string;
			owner: unknown;
			input: { photo: { r2Key: string; sha256: string }; seeds: number[]; prompt: string; variants: number };
		};
		expect(body.kind).toBe("portrait.generate");
		expect(body.owner).toEqual({ type: "portrait", id: h.jobId });
		expect(body.input.seeds).toEqual(await portraitSeeds(h.jobId, 1));
		expect(new Set(body.input.seeds).size).toBe(3);
		expect(body.input.variants).toBe(3);
		expect(body.input.prompt.length).toBeGreaterThan(10);
		expect(body.input.photo.r2Key).toBe(`gpu-inputs/portrait/${h.jobId}/${body.input.photo.sha256}`);
		expect(body.input.photo.sha256).toBe(await sha256Hex(portraitPhoto()));
		expect(await env.FILES.head(body.input.photo.r2Key)).not.toBeNull();
		let row = await portraitRow(h.jobId);
		const gpuJobId = row?.portraitJobId ?? "";
		expect(row).toMatchObject({ status: "processing", portraitAttempts: 1, progressPercent: 10, progressStep: "portraits" });

		// A redelivered message while the job runs submits nothing new.
		expect(await h.run()).toBe("done");
		expect(await requestsFor(h.jobId)).toHaveLength(1);

		// Live progress moves the job's percent within the portraits band.
		await gatewaySays(h, gpuJobId, "portrait.generate", { status: "running", attempt: 1, progress: { percent: 50, step: "render" } });
		expect(await h.settle(gpuJobId)).toBe("waiting");
		expect(await portraitRow(h.jobId)).toMatchObject({ progressPercent: 35, progressStep: "portraits" });

		const artifacts = await portraitsSucceed(h, gpuJobId);
		expect(await h.settle(gpuJobId)).toBe("stored");
		const images = await imagesOf(h.jobId);
		expect(images.map((image) => [image.position, image.seed, image.contentType])).toEqual(
			(await portraitSeeds(h.jobId, 1)).map((seed, position) => [position, seed, "image/png"]),
		);
		for (const [i, image] of images.entries()) {
			expect(image.r2Key).toMatch(new RegExp(`^portraits/${h.jobId}/portrait-[0-9a-f]{32}\\.png$`));
			const stored = await env.FILES.get(image.r2Key);
			expect(await sha256Hex(new Uint8Array(await (stored as R2ObjectBody).arrayBuffer()))).toBe(artifacts[i + 1]?.sha256);
			expect(image.size).toBe(artifacts[i + 1]?.size);
		}
		expect(new Set(images.map((image) => image.r2Key)).size).toBe(3);
		// The gateway's copies and the photo's input copy are gone; the measurements are kept with the job.
		expect(await keysUnder(`gpu/${gpuJobId}/`)).toEqual([]);
		expect(await keysUnder(`gpu-inputs/portrait/${h.jobId}/`)).toEqual([]);
		expect(await env.FILES.head(`portraits/${h.jobId}/measurements.json`)).not.toBeNull();
		expect(await portraitRow(h.jobId)).toMatchObject({ progressPercent: 60, progressStep: "report" });

		// The same success delivered again stores nothing twice.
		expect(await h.settle(gpuJobId)).toBe("stored");
		expect(await imagesOf(h.jobId)).toEqual(images);
		expect((await keysUnder(`portraits/${h.jobId}/portrait-`)).sort()).toEqual(images.map((image) => image.r2Key).sort());

		// Next step without an LLM: the template report, from the measurements.
		expect(h.queue.sent).toEqual([]);
		expect(await h.run()).toBe("done");
		row = await portraitRow(h.jobId);
		expect(row).toMatchObject({ status: "completed", reportWriter: "template", progressPercent: 100, progressStep: "done", reportJobId: null });
		expect(row?.completedAt).toBeTruthy();
		const report = PortraitReport.parse(JSON.parse(row?.report ?? "null"));
		expect(report.summary).toContain("밝기 32/100");
		expect(report.summary).toContain("템플릿");
		const recommended = [...new Set(report.improvements.flatMap((i) => i.recommendations))];
		const stored = await db
			.select()
			.from(portraitRecommendations)
			.where(eq(portraitRecommendations.jobId, h.jobId))
			.orderBy(asc(portraitRecommendations.position));
		expect(stored.map((r) => r.code)).toEqual(recommended);
		expect(h.queue.sent).toEqual([{ body: { kind: "sms", jobId: h.jobId }, delaySeconds: undefined }]);

		// Redelivered: the portraits' success, the process message; nothing changes, still one SMS message.
		const before = await portraitRow(h.jobId);
		expect(await h.settle(gpuJobId)).toBe("ignored");
		expect(await h.run()).toBe("done");
		expect(await portraitRow(h.jobId)).toEqual(before);
		expect(h.queue.kinds()).toEqual(["sms"]);
		expect(await requestsFor(h.jobId)).toHaveLength(1);
	});

	it("retries a failing backend after 5, 10 and 20 s, then fails the job with generation_failed and refunds it once", async () => {
		const h = await processingJob();
		const start = h.clock.now.getTime();
		const failedIds: string[] = [];
		for (const [attempt, backoff] of [
			[1, 5],
			[2, 10],
			[3, 20],
		] as const) {
			expect(await h.run()).toBe("done");
			const gpuJobId = (await portraitRow(h.jobId))?.portraitJobId ?? "";
			expect(gpuJobId).not.toBe("");
			failedIds.push(gpuJobId);
			await gatewaySays(h, gpuJobId, "portrait.generate", {
				status: "failed",
				attempt: 3,
				error: { code: "BACKEND_ERROR", message: "GPU fell over", retryable: true },
			});
			expect(await h.settle(gpuJobId)).toBe("retry_scheduled");
			// Delivered again: nothing scheduled twice.
			expect(await h.settle(gpuJobId)).toBe("ignored");
			const row = await portraitRow(h.jobId);
			expect(row).toMatchObject({ portraitAttempts: attempt + 1, portraitJobId: null, progressStep: "retrying" });
			expect(Date.parse(row?.retryAt ?? "")).toBe(h.clock.now.getTime() + backoff * 1000);
			expect(h.queue.sent.at(-1)).toEqual({ body: { kind: "process", jobId: h.jobId }, delaySeconds: backoff });
			// Too early: the handler waits out the rest of the backoff and submits nothing.
			h.clock.now = new Date(h.clock.now.getTime() + (backoff - 2) * 1000);
			expect(await h.run()).toEqual({ retryInSeconds: 2 });
			expect(await requestsFor(h.jobId)).toHaveLength(attempt);
			h.clock.now = new Date(h.clock.now.getTime() + 2_000);
		}
		expect(h.clock.now.getTime() - start).toBe(35_000);
		expect(h.queue.kinds()).toEqual(["process", "process", "process"]);

		// The fourth attempt fails too: the step is exhausted, the handler fails and refunds the job.
		expect(await h.run()).toBe("done");
		const last = (await portraitRow(h.jobId))?.portraitJobId ?? "";
		await gatewaySays(h, last, "portrait.generate", {
			status: "failed",
			attempt: 3,
			error: { code: "BACKEND_ERROR", message: "GPU fell over", retryable: true },
		});
		expect(await h.settle(last)).toBe("exhausted");
		expect((await requestsFor(h.jobId)).map((r) => r.idempotency_key)).toEqual([1, 2, 3, 4].map((n) => `portrait:${h.jobId}:generate:${n}`));
		// Each attempt had its own seeds.
		expect(new Set((await requestsFor(h.jobId)).map((r) => JSON.stringify((r.body as { input: { seeds: number[] } }).input.seeds))).size).toBe(4);
		// A stale failure of an earlier attempt changes nothing.
		expect(await h.settle(failedIds[0] ?? "")).toBe("ignored");

		expect(await h.run()).toBe("done");
		const failed = await portraitRow(h.jobId);
		expect(failed).toMatchObject({ status: "failed", failureReason: "generation_failed", portraitAttempts: 4 });
		expect(failed?.refundedAt).toBeTruthy();
		expect(failed?.refundId).toBeTruthy();
		expect(await imagesOf(h.jobId)).toEqual([]);
		expect(await keysUnder(`gpu-inputs/portrait/${h.jobId}/`)).toEqual([]);
		// Run again (a redelivery, the dead-letter handler): refunded once, nothing else sent.
		expect(await h.run()).toBe("done");
		await processingHandler.deadLettered(h.deps, h.jobId);
		expect(await portraitRow(h.jobId)).toEqual(failed);
		expect(h.queue.kinds()).toEqual(["process", "process", "process", "sms"]);
		expect(await requestsFor(h.jobId)).toHaveLength(4);
	});

	it("retries an LLM answer that is not a valid report, then fails the job with report_failed and refunds it", async () => {
		const h = await processingJob({ llm: true });
		await withPortraits(h);
		for (let attempt = 1; attempt <= 4; attempt++) {
			expect(await h.run()).toBe("done");
			const row = await portraitRow(h.jobId);
			expect(row).toMatchObject({ reportAttempts: attempt, status: "processing" });
			const gpuJobId = row?.reportJobId ?? "";
			const answer = attempt % 2 ? '{"summary": "only a summary"}' : "Here is your report: great photo!";
			const text = await uploadArtifact(gpuJobId, "text.md", new TextEncoder().encode(answer), "text/markdown; charset=utf-8");
			await gatewaySays(h, gpuJobId, "llm.text", { status: "succeeded", attempt: 1, artifacts: [text] });
			expect(await h.settle(gpuJobId)).toBe(attempt < 4 ? "retry_scheduled" : "exhausted");
			const retryAt = (await portraitRow(h.jobId))?.retryAt;
			if (attempt < 4) {
				expect(Date.parse(retryAt ?? "")).toBe(h.clock.now.getTime() + (RETRY_BACKOFF_S[attempt - 1] ?? 0) * 1000);
				h.clock.now = new Date(Date.parse(retryAt ?? ""));
			}
		}
		const requests = await requestsFor(h.jobId);
		expect(requests.map((r) => r.idempotency_key)).toEqual([`portrait:${h.jobId}:generate:1`, ...[1, 2, 3, 4].map((n) => `portrait:${h.jobId}:report:${n}`)]);
		const prompt = (requests[1]?.body as { input?: { prompt?: string } } | undefined)?.input?.prompt ?? "";
		expect(prompt).toContain("brightness 31.5");
		expect(prompt).toContain("SC003");
		expect(await h.run()).toBe("done");
		const row = await portraitRow(h.jobId);
		expect(row).toMatchObject({ status: "failed", failureReason: "report_failed", report: null });
		expect(row?.refundedAt).toBeTruthy();
		expect(h.queue.kinds().filter((kind) => kind === "sms")).toHaveLength(1);
	});

	it("stores an LLM report: unknown codes dropped and logged, known ones stored as the job's recommendations, one SMS message", async () => {
		const h = await processingJob({ llm: true, locale: "en" });
		await withPortraits(h);
		expect(await h.run()).toBe("done");
		const gpuJobId = (await portraitRow(h.jobId))?.reportJobId ?? "";
		const answer = {
			summary: "A clear, friendly photo.",
			improvements: [
				{ area: "Skin", description: "Even out the texture.", recommendations: ["SC003", "XX404"] },
				{ area: "Posture", description: "Open the shoulders.", recommendations: ["P007", "SC003"] },
			],
			timeline: "Eight weeks.",
			estimated_cost: "About 400,000 KRW.",
		};
		const text = await uploadArtifact(
			gpuJobId,
			"text.md",
			new TextEncoder().encode(`\`\`\`json\n${JSON.stringify(answer)}\n\`\`\``),
			"text/markdown; charset=utf-8",
		);
		await gatewaySays(h, gpuJobId, "llm.text", { status: "succeeded", attempt: 1, artifacts: [text] });
		const warned: Record<string, unknown>[] = [];
		vi.spyOn(console, "warn").mockImplementation((line: unknown) => {
			warned.push(JSON.parse(String(line)));
		});
		expect(await h.settle(gpuJobId)).toBe("completed");
		expect(await h.settle(gpuJobId)).toBe("ignored");
		expect(warned).toEqual([expect.objectContaining({ msg: "portrait report named unknown care codes; dropped", jobId: h.jobId, codes: ["XX404"] })]);
		const row = await portraitRow(h.jobId);
		expect(row).toMatchObject({ status: "completed", reportWriter: "llm", progressPercent: 100 });
		expect(JSON.parse(row?.report ?? "null").improvements.map((i: { recommendations: string[] }) => i.recommendations)).toEqual([["SC003"], ["P007", "SC003"]]);
		const stored = await db
			.select()
			.from(portraitRecommendations)
			.where(eq(portraitRecommendations.jobId, h.jobId))
			.orderBy(asc(portraitRecommendations.position));
		expect(stored.map((r) => [r.code, r.position])).toEqual([
			["SC003", 0],
			["P007", 1],
		]);
		// The answer (personal) does not stay in the gateway's R2 copies.
		expect(await keysUnder(`gpu/${gpuJobId}/`)).toEqual([]);
		expect(await h.run()).toBe("done");
		expect(h.queue.kinds()).toEqual(["sms"]);
	});

	it("publishes the job's progress live to the owner portrait:<jobId>, whose token opens the progress socket", async () => {
		const h = await processingJob();
		const socket = await openProgressSocket(await portraitProgressToken(h.deps, h.jobId));
		expect(await h.run()).toBe("done");
		const submitted = await socket.next<JobProgressUpdate>((m) => m.job_id === h.jobId && m.progress.step === "portraits");
		expect(submitted).toMatchObject({ kind: "portrait", status: "running", progress: { percent: 10, step: "portraits" }, error_code: null });
		// The gateway job's own updates reach the same socket.
		const gpuJobId = (await portraitRow(h.jobId))?.portraitJobId ?? "";
		await socket.next<JobProgressUpdate>((m) => m.job_id === gpuJobId && m.kind === "portrait.generate");
		await portraitsSucceed(h, gpuJobId);
		expect(await h.settle(gpuJobId)).toBe("stored");
		expect(await h.run()).toBe("done");
		const done = await socket.next<JobProgressUpdate>((m) => m.job_id === h.jobId && m.status === "succeeded");
		expect(done.progress).toEqual({ percent: 100, step: "done" });
		socket.ws.close();
		// Another job's token does not follow this one.
		const other = await processingJob();
		const stranger = await openProgressSocket(await portraitProgressToken(other.deps, other.jobId));
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(stranger.messages.filter((m) => (m as JobProgressUpdate).job_id === h.jobId)).toEqual([]);
		stranger.ws.close();
	});

	it("adopts a gateway job whose callback beat the submit's bookkeeping, and ignores jobs that are not a portrait's current attempt", async () => {
		const h = await processingJob();
		expect(await h.run()).toBe("done");
		const gpuJobId = (await portraitRow(h.jobId))?.portraitJobId ?? "";
		// As if the row had not recorded the job yet: the callback finds it by its Idempotency-Key.
		await db.update(portraitJobs).set({ portraitJobId: null }).where(eq(portraitJobs.id, h.jobId));
		await gatewaySays(h, gpuJobId, "portrait.generate", { status: "running", attempt: 1, progress: { percent: 20, step: "render" } });
		expect(await h.settle(gpuJobId)).toBe("waiting");
		expect((await portraitRow(h.jobId))?.portraitJobId).toBe(gpuJobId);
		// Someone else's job, or the same owner under a foreign key, is not touched.
		const mirror = await db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, gpuJobId) });
		if (!mirror) throw new Error("no mirror row");
		const deps = { db, files: env.FILES, queue: h.deps.queue, progress: env.JOB_PROGRESS, now: h.clock.now };
		expect(await settlePortraitGpuJob(deps, { ...mirror, ownerType: "user" })).toBe("ignored");
		expect(await settlePortraitGpuJob(deps, { ...mirror, id: "job_not_the_current_attempt" })).toBe("ignored");
		expect(await settlePortraitGpuJob(deps, { ...mirror, idempotencyKey: `portrait:${h.jobId}:generate` })).toBe("ignored");
		expect(await settlePortraitGpuJob(deps, { ...mirror, kind: "llm.text" })).toBe("ignored");
	});
});

/**
 * On the real queue: waits for the job's portraits to be submitted, then has the gateway finish
 * them (three portraits from `firstByte` on, and the measurements); returns the success event the
 * gateway would send, for the test to deliver.
 */
async function portraitsFinishOnGateway(jobId: string, firstByte: number) {
	const gpuJobId = await waitFor(async () => (await portraitRow(jobId))?.portraitJobId, 20_000, "portraits submitted");
	const artifacts = [
		await uploadArtifact(gpuJobId, "measurements.json", new TextEncoder().encode(JSON.stringify(MEASURED)), "application/json"),
		await uploadArtifact(gpuJobId, "portrait-1-mono.png", pngBytes(firstByte), "image/png"),
		await uploadArtifact(gpuJobId, "portrait-2-warm.png", pngBytes(firstByte + 1), "image/png"),
		await uploadArtifact(gpuJobId, "portrait-3-poster.png", pngBytes(firstByte + 2), "image/png"),
	];
	await setGatewayJob(
		jobView({
			id: gpuJobId,
			kind: "portrait.generate",
			owner: { type: "portrait", id: jobId },
			status: "succeeded",
			attempt: 1,
			progress: { percent: 100, step: "done" },
			artifacts,
			updated_at: later(),
		}),
	);
	return gpuEventBody(gpuJobId, "job.succeeded", { status: "succeeded", progress: { percent: 100, step: "done" } });
}

describe("portrait processing on the real queue and callbacks", () => {
	it("writes no log line holding the number, from the payment to the result page", async () => {
		const lines = captureConsole();
		try {
			const job = await uploadPhoto(await withPhone(await createPaidPortraitJob(), "010-9876-5432"));
			const event = await portraitsFinishOnGateway(job.id, 21);
			expect((await postGpuEvent(event)).status).toBe(200);
			await waitFor(async () => (await portraitRow(job.id))?.smsSentAt, 20_000, "the ready SMS");
			expect((await verify(job.id, "010-1111-2222", "198.51.100.77")).status).toBe(403);
			const right = await verify(job.id, "+82 10 9876 5432", "198.51.100.77");
			expect(right.status).toBe(200);
			const cookie = sessionCookie(right);
			expect((await api(`/api/portraits/${job.id}/result`, { auth: null, headers: { Cookie: cookie } })).status).toBe(200);
		} finally {
			lines.stop();
		}
		// The flow logged (requests, stages, the SMS), and no line holds the number in any form.
		expect(lines.all.length).toBeGreaterThan(10);
		for (const form of ["98765432", "9876-5432", "9876 5432", "+821098765432"]) expect(lines.all.filter((line) => line.includes(form))).toEqual([]);
	});

	it("runs from the photo to completed through the queue and the gateway's callbacks; redelivered callbacks change nothing", async () => {
		const job = await uploadPhoto(await withPhone(await createPaidPortraitJob()));
		const event = await portraitsFinishOnGateway(job.id, 11);
		expect((await postGpuEvent(event, "msg_portrait_done")).status).toBe(200);
		const done = await waitFor(
			async () => {
				const row = await portraitRow(job.id);
				return row?.status === "completed" ? row : null;
			},
			20_000,
			"the job completed",
		);
		expect(done).toMatchObject({ reportWriter: "template", progressPercent: 100 });
		const images = await imagesOf(job.id);
		expect(images).toHaveLength(3);

		// The same event again, and another delivery of the same outcome: nothing moves.
		expect((await postGpuEvent(event, "msg_portrait_done")).status).toBe(200);
		expect((await postGpuEvent(event)).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		// The processing columns (the SMS handler works on its own ones meanwhile).
		const processingColumns = (row: Awaited<ReturnType<typeof portraitRow>>) => {
			const {
				status,
				report,
				reportWriter,
				completedAt,
				progressPercent,
				progressStep,
				portraitJobId,
				reportJobId,
				portraitAttempts,
				reportAttempts,
				retryAt,
			} = row ?? ({} as NonNullable<typeof row>);
			return {
				status,
				report,
				reportWriter,
				completedAt,
				progressPercent,
				progressStep,
				portraitJobId,
				reportJobId,
				portraitAttempts,
				reportAttempts,
				retryAt,
			};
		};
		expect(processingColumns(await portraitRow(job.id))).toEqual(processingColumns(done));
		expect(await imagesOf(job.id)).toEqual(images);
		expect((await keysUnder(`portraits/${job.id}/portrait-`)).sort()).toEqual(images.map((image) => image.r2Key).sort());
		expect(await requestsFor(job.id)).toHaveLength(1);
	});
});
