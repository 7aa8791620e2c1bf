import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { gpuJobs, styles } from "../../src/db/schema";
import type { GenerationView } from "../../src/generation/queries";
import { queueGeneration } from "../../src/generation/queue";
import { settleGenerationJob } from "../../src/generation/settle";
import { failOverdueGenerations, OVERDUE_GIVE_UP_MS, sweepQueuedGenerations, UNSUBMITTED_GIVE_UP_MS } from "../../src/generation/sweep";
import { GpuGatewayError } from "../../src/gpu/client";
import { sha256Hex } from "../../src/lib/hash";
import {
	balanceOf,
	gatewayReports,
	gatewayRequests,
	generate,
	generationRow,
	IMAGE_BYTES,
	ledgerOf,
	notificationsOf,
	seedStyle,
	uploadImage,
} from "../support/generation-helpers";
import { gpuEventBody, postGpuEvent } from "../support/gpu-callbacks";
import { api, testAppDeps } from "../support/helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

/** A buyer with a queued generation (and its GPU job at the fake gateway) in a style priced 10. */
async function queuedGeneration(credits = 30) {
	const style = await seedStyle({ price: 10 });
	const buyer = await createTestUser({ credits });
	const res = await generate(buyer, style.id, { prompt: "ink fox, forest" });
	expect(res.status).toBe(202);
	const { generation } = (await res.json()) as { generation: GenerationView };
	if (!generation.gpu_job_id) throw new Error("no job submitted");
	return { style, buyer, generation, jobId: generation.gpu_job_id };
}

/** Delivers a signed `job.<status>` callback; the Worker re-reads the job from the fake gateway. */
async function callback(jobId: string, status: "running" | "retrying" | "succeeded" | "failed", id?: string) {
	const res = await postGpuEvent(gpuEventBody(jobId, `job.${status}`, { status }), id);
	expect(res.status).toBe(200);
	return (await res.json()) as { outcome: string };
}

async function mirror(jobId: string) {
	const row = await getDb(env.DB).query.gpuJobs.findFirst({ where: eq(gpuJobs.id, jobId) });
	if (!row) throw new Error("no mirror row");
	return row;
}

function image(who: TestUser | null, generationId: string, headers: Record<string, string> = {}) {
	if (!who) return api(`/generations/${generationId}/image`, { auth: null, headers });
	return userApi(who, `/generations/${generationId}/image`, { headers });
}

describe("generation settlement", () => {
	it("moves to processing, then completes once: capture recorded, style counted, owner notified, image served to the owner only", async () => {
		const { style, buyer, generation, jobId } = await queuedGeneration();

		await gatewayReports(jobId, buyer.user.id, { status: "running", attempt: 1, progress: { percent: 40, step: "render" } });
		await callback(jobId, "running");
		expect((await generationRow(generation.id))?.status).toBe("processing");

		const artifact = await uploadImage(jobId);
		await gatewayReports(jobId, buyer.user.id, { status: "succeeded", attempt: 1, progress: { percent: 100, step: "done" }, artifacts: [artifact] });
		await callback(jobId, "succeeded");
		// The same outcome reported again (a second event, a sweep), and a late `running`: nothing changes.
		await callback(jobId, "succeeded");
		await settleGenerationJob({ db: getDb(env.DB), files: env.FILES, now: new Date() }, await mirror(jobId));
		await settleGenerationJob({ db: getDb(env.DB), files: env.FILES, now: new Date() }, { ...(await mirror(jobId)), status: "running" });

		const row = await generationRow(generation.id);
		expect(row).toMatchObject({ status: "completed", sha256: artifact.sha256, size: IMAGE_BYTES.byteLength, r2Key: `gpu/${jobId}/image.png` });
		expect(row?.completedAt).toBeTruthy();
		expect((await ledgerOf(buyer.user.id)).map((m) => [m.id, m.amount, m.balanceAfter])).toEqual([
			[`hold:${generation.id}`, -10, 20],
			[`capture:${generation.id}`, 0, 20],
		]);
		expect(await balanceOf(buyer.user.id)).toBe(20);
		const styleRow = await getDb(env.DB).query.styles.findFirst({ where: eq(styles.id, style.id) });
		expect(styleRow?.generationCount).toBe(1);
		const notes = await notificationsOf(buyer.user.id);
		expect(notes.map((n) => [n.kind, n.link])).toEqual([["generation_completed", `/generations/${generation.id}`]]);

		// The owner gets the bytes (public by default, so shared caches may keep them), with an ETag that revalidates.
		const own = await image(buyer, generation.id);
		expect(own.status).toBe(200);
		expect(own.headers.get("Content-Type")).toBe("image/png");
		expect(own.headers.get("Cache-Control")).toMatch(/^public/);
		expect(own.headers.get("ETag")).toBe(`"${artifact.sha256}"`);
		expect(await sha256Hex(new Uint8Array(await own.arrayBuffer()))).toBe(artifact.sha256);
		expect((await image(buyer, generation.id, { "If-None-Match": `"${artifact.sha256}"` })).status).toBe(304);

		// New images are public by default: anyone sees it once completed.
		expect(generation.visibility).toBe("public");
		const stranger = await createTestUser();
		expect((await image(null, generation.id)).status).toBe(200);

		// The owner makes it private: anyone else, signed in or not, gets 404, the same as for no image at all.
		const hidden = await userApi(buyer, `/api/generations/${generation.id}/visibility`, { method: "POST", json: { visibility: "private" } });
		expect(hidden.status).toBe(200);
		expect((await generationRow(generation.id))?.visibility).toBe("private");
		expect((await image(buyer, generation.id)).headers.get("Cache-Control")).toMatch(/^private/);
		expect((await image(stranger, generation.id)).status).toBe(404);
		expect((await image(null, generation.id)).status).toBe(404);
		expect((await userApi(stranger, `/api/generations/${generation.id}`)).status).toBe(404);
		expect((await userApi(stranger, `/generations/${generation.id}`, { headers: { Accept: "text/html" } })).status).toBe(404);

		// Only the owner may make it public again; then anyone sees it, and the cache may be shared.
		const hijack = await userApi(stranger, `/api/generations/${generation.id}/visibility`, { method: "POST", json: { visibility: "public" } });
		expect(hijack.status).toBe(404);
		expect((await generationRow(generation.id))?.visibility).toBe("private");
		const shared = await userApi(buyer, `/api/generations/${generation.id}/visibility`, { method: "POST", json: { visibility: "public" } });
		expect(shared.status).toBe(200);
		expect(((await shared.json()) as { generation: GenerationView }).generation.visibility).toBe("public");
		const publicView = await api(`/api/generations/${generation.id}`, { auth: null });
		expect(publicView.status).toBe(200);
		expect(((await publicView.json()) as { generation: GenerationView }).generation).toMatchObject({ status: "completed", visibility: "public" });
		const open = await image(null, generation.id);
		expect(open.status).toBe(200);
		expect(open.headers.get("Cache-Control")).toMatch(/^public/);
		await open.arrayBuffer();
		const page = await api(`/generations/${generation.id}`, { auth: null });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(`/generations/${generation.id}/image`);
		// Signed by the artist's nickname (the fallback of an account without one), never the sign-in name.
		expect(html).toMatch(/Signed by <strong>Ada_Ink(_\d{4})?<\/strong>/);
		expect(html).not.toContain("Ada Ink");
	});

	it("waits when a re-read sees `succeeded` before the image upload landed, then completes on the upload's event", async () => {
		const { buyer, generation, jobId } = await queuedGeneration();
		// The gateway already says succeeded (its view lists the artifact) but has not uploaded it yet.
		const pending = { name: "image.png", sha256: await sha256Hex(IMAGE_BYTES), size: IMAGE_BYTES.byteLength, content_type: "image/png" };
		await gatewayReports(jobId, buyer.user.id, { status: "succeeded", attempt: 1, progress: { percent: 100, step: "done" }, artifacts: [pending] });
		await callback(jobId, "running");
		expect((await generationRow(generation.id))?.status).not.toBe("failed");
		expect((await ledgerOf(buyer.user.id)).map((m) => m.id)).toEqual([`hold:${generation.id}`]);

		const artifact = await uploadImage(jobId);
		await gatewayReports(jobId, buyer.user.id, { status: "succeeded", attempt: 1, progress: { percent: 100, step: "done" }, artifacts: [artifact] });
		await callback(jobId, "succeeded");
		expect(await generationRow(generation.id)).toMatchObject({ status: "completed", sha256: artifact.sha256 });
	});

	it("a job that failed after its three attempts fails the generation, refunds once and notifies once each", async () => {
		const { buyer, generation, jobId } = await queuedGeneration(30);
		expect(await balanceOf(buyer.user.id)).toBe(20);
		await gatewayReports(jobId, buyer.user.id, { status: "retrying", attempt: 2, error: { code: "BACKEND_ERROR", message: "GPU fell over", retryable: true } });
		await callback(jobId, "retrying");
		expect((await generationRow(generation.id))?.status).toBe("processing");

		await gatewayReports(jobId, buyer.user.id, {
			status: "failed",
			attempt: 3,
			max_attempts: 3,
			error: { code: "BACKEND_ERROR", message: "GPU fell over", retryable: true },
		});
		// Delivered twice with two event ids, once more with a repeated id, and swept by reconciliation (the hook on the mirror row).
		await callback(jobId, "failed", "msg_fail_a");
		await callback(jobId, "failed", "msg_fail_b");
		expect((await callback(jobId, "failed", "msg_fail_b")).outcome).toBe("duplicate");
		await settleGenerationJob({ db: getDb(env.DB), files: env.FILES, now: new Date() }, await mirror(jobId));

		expect(await generationRow(generation.id)).toMatchObject({ status: "failed", errorCode: "BACKEND_ERROR" });
		// The public code is GENERATION_FAILED whatever the detail; the stored code is its reason, in the API and on the page.
		const listed = (await (await userApi(buyer, "/api/generations")).json()) as { generations: GenerationView[] };
		expect(listed.generations.find((g) => g.id === generation.id)?.error).toMatchObject({ code: "GENERATION_FAILED", reason: "BACKEND_ERROR" });
		const page = await (await userApi(buyer, `/generations/${generation.id}`)).text();
		expect(page).toContain("GENERATION_FAILED");
		expect(page).toContain("BACKEND_ERROR");
		expect(await balanceOf(buyer.user.id)).toBe(30);
		expect((await ledgerOf(buyer.user.id)).map((m) => [m.id, m.amount, m.balanceAfter])).toEqual([
			[`hold:${generation.id}`, -10, 20],
			[`refund:${generation.id}`, 10, 30],
		]);
		const kinds = (await notificationsOf(buyer.user.id)).map((n) => n.kind).sort();
		expect(kinds).toEqual(["credits_refunded", "generation_failed"]);

		// A late success report cannot complete (or capture) a failed generation.
		await settleGenerationJob({ db: getDb(env.DB), files: env.FILES, now: new Date() }, { ...(await mirror(jobId)), status: "succeeded" });
		expect((await generationRow(generation.id))?.status).toBe("failed");
		expect(await ledgerOf(buyer.user.id)).toHaveLength(2);
		expect((await image(buyer, generation.id)).status).toBe(404);
	});

	it("an overdue generation whose image never arrived is failed and refunded once by the sweep; a late image changes nothing", async () => {
		const { buyer, generation, jobId } = await queuedGeneration(30);
		const pending = { name: "image.png", sha256: await sha256Hex(IMAGE_BYTES), size: IMAGE_BYTES.byteLength, content_type: "image/png" };
		await gatewayReports(jobId, buyer.user.id, { status: "succeeded", attempt: 1, progress: { percent: 100, step: "done" }, artifacts: [pending] });
		await callback(jobId, "running");
		const db = getDb(env.DB);
		const sweep = (at: Date) => failOverdueGenerations({ db, files: env.FILES, now: () => at });

		// Not yet overdue: left alone. (Other tests' generations share this database, so the
		// assertions are on this generation's rows, not on the sweep's counts.)
		await sweep(new Date(Date.now() + OVERDUE_GIVE_UP_MS - 60_000));
		expect((await generationRow(generation.id))?.status).toBe("queued");
		expect(await balanceOf(buyer.user.id)).toBe(20);

		const later = new Date(Date.now() + OVERDUE_GIVE_UP_MS + 60_000);
		await sweep(later);
		await sweep(later);
		expect(await generationRow(generation.id)).toMatchObject({ status: "failed", errorCode: "GENERATION_TIMED_OUT" });
		const listed = (await (await userApi(buyer, "/api/generations")).json()) as { generations: GenerationView[] };
		expect(listed.generations.find((g) => g.id === generation.id)?.error).toMatchObject({ code: "GENERATION_FAILED", reason: "GENERATION_TIMED_OUT" });
		expect(await balanceOf(buyer.user.id)).toBe(30);
		expect((await ledgerOf(buyer.user.id)).map((m) => m.id)).toEqual([`hold:${generation.id}`, `refund:${generation.id}`]);
		expect((await notificationsOf(buyer.user.id)).map((n) => n.kind).sort()).toEqual(["credits_refunded", "generation_failed"]);

		// The upload lands after all: the refunded generation stays failed, nothing is captured.
		const artifact = await uploadImage(jobId);
		await gatewayReports(jobId, buyer.user.id, { status: "succeeded", attempt: 1, progress: { percent: 100, step: "done" }, artifacts: [artifact] });
		await callback(jobId, "succeeded");
		expect((await generationRow(generation.id))?.status).toBe("failed");
		expect(await ledgerOf(buyer.user.id)).toHaveLength(2);
	});

	it("the overdue sweep completes, not fails, a generation whose image is already in the mirror", async () => {
		const { buyer, generation, jobId } = await queuedGeneration(30);
		const artifact = await uploadImage(jobId);
		// The mirror holds the uploaded image and says succeeded, but the hook never ran (its callback was lost).
		await getDb(env.DB).update(gpuJobs).set({ status: "succeeded" }).where(eq(gpuJobs.id, jobId));
		await failOverdueGenerations({ db: getDb(env.DB), files: env.FILES, now: () => new Date(Date.now() + OVERDUE_GIVE_UP_MS + 60_000) });
		expect(await generationRow(generation.id)).toMatchObject({ status: "completed", sha256: artifact.sha256 });
		expect((await ledgerOf(buyer.user.id)).map((m) => m.id)).toEqual([`hold:${generation.id}`, `capture:${generation.id}`]);
	});

	it("ignores jobs that are not generations, and generations of another owner", async () => {
		const { buyer, generation, jobId } = await queuedGeneration();
		const row = await mirror(jobId);
		const deps = { db: getDb(env.DB), files: env.FILES, now: new Date() };
		await settleGenerationJob(deps, { ...row, status: "failed", kind: "lora.train" });
		await settleGenerationJob(deps, { ...row, status: "failed", ownerId: "usr_someone_else" });
		await settleGenerationJob(deps, { ...row, status: "failed", idempotencyKey: "product:prd_x" });
		expect((await generationRow(generation.id))?.status).toBe("queued");
		expect(await ledgerOf(buyer.user.id)).toHaveLength(1);
	});
});

describe("generations while the gateway is down", () => {
	const downGateway = {
		submitJob: async (): Promise<never> => {
			throw new GpuGatewayError(0, "GATEWAY_UNREACHABLE", "gpu-gateway not reached: connection refused");
		},
	};

	it("stay queued with credits held; the sweep submits them again under the same Idempotency-Key", async () => {
		const style = await seedStyle({ price: 10 });
		const buyer = await createTestUser({ credits: 10 });
		const deps = await testAppDeps();
		const db = deps.db;
		const queuedAt = new Date(Date.now() - 60_000);
		const down = { ...deps.gpu, gateway: downGateway };
		const generation = await queueGeneration({ ...deps.generation, gpu: down, now: () => queuedAt }, buyer.user, style.id, {
			prompt: "fox",
			aspect: "2:2",
		});
		expect(generation).toMatchObject({ status: "queued", gpuJobId: null, width: 1024, height: 1024 });
		expect(await balanceOf(buyer.user.id)).toBe(0);

		// Still down: nothing changes before the give-up time.
		expect(await sweepQueuedGenerations({ db, gpu: down, now: () => new Date() })).toMatchObject({ resubmitted: 0 });
		expect((await generationRow(generation.id))?.status).toBe("queued");

		const result = await sweepQueuedGenerations({ db, gpu: deps.gpu, now: () => new Date() });
		expect(result.resubmitted).toBeGreaterThanOrEqual(1);
		const row = await generationRow(generation.id);
		expect(row?.gpuJobId).toMatch(/^job_/);
		const sent = (await gatewayRequests()).filter((r) => r.idempotency_key === `generation:${generation.id}`);
		expect(sent).toHaveLength(1);
		expect(sent[0]?.body).toMatchObject({ kind: "image.generate", input: { seed: row?.seed, aspect: "2:2", prompt: "fox" } });
		// A second sweep leaves it alone: it has its job now.
		await sweepQueuedGenerations({ db, gpu: deps.gpu, now: () => new Date() });
		expect((await gatewayRequests()).filter((r) => r.idempotency_key === `generation:${generation.id}`)).toHaveLength(1);
	});

	it("fail with a refund once the gateway has been unreachable for 10 minutes", async () => {
		const style = await seedStyle({ price: 10 });
		const buyer = await createTestUser({ credits: 15 });
		const deps = await testAppDeps();
		const db = deps.db;
		const down = { ...deps.gpu, gateway: downGateway };
		const queuedAt = new Date(Date.now() - UNSUBMITTED_GIVE_UP_MS - 5_000);
		const generation = await queueGeneration({ ...deps.generation, gpu: down, now: () => queuedAt }, buyer.user, style.id, {
			prompt: "fox",
			aspect: "1:1",
		});
		expect(await balanceOf(buyer.user.id)).toBe(5);
		await sweepQueuedGenerations({ db, gpu: down, now: () => new Date() });
		await sweepQueuedGenerations({ db, gpu: down, now: () => new Date() });
		expect(await generationRow(generation.id)).toMatchObject({ status: "failed", errorCode: "GPU_GATEWAY_UNAVAILABLE" });
		expect(await balanceOf(buyer.user.id)).toBe(15);
		expect((await ledgerOf(buyer.user.id)).map((m) => m.kind)).toEqual(["hold", "refund"]);
		expect((await notificationsOf(buyer.user.id)).map((n) => n.kind).sort()).toEqual(["credits_refunded", "generation_failed"]);
	});
});

describe("GET /api/generations and the public feed", () => {
	it("lists the user's own generations, and only public completed ones in the feed", async () => {
		const { buyer, generation, jobId } = await queuedGeneration(50);
		const second = await generate(buyer, (await seedStyle()).id, { prompt: "second" });
		const { generation: other } = (await second.json()) as { generation: GenerationView };

		const mine = await userApi(buyer, "/api/generations?limit=1");
		expect(mine.status).toBe(200);
		const firstPage = (await mine.json()) as { generations: GenerationView[]; next_cursor: string | null };
		expect(firstPage.generations.map((g) => g.id)).toEqual([other.id]);
		const next = await userApi(buyer, `/api/generations?limit=1&cursor=${encodeURIComponent(firstPage.next_cursor ?? "")}`);
		expect(((await next.json()) as { generations: GenerationView[] }).generations.map((g) => g.id)).toEqual([generation.id]);
		expect((await api("/api/generations", { auth: null })).status).toBe(401);

		// Public (the default) but not completed: not in the feed. Private and completed: not either.
		expect(other.visibility).toBe("public");
		expect((await userApi(buyer, `/api/generations/${generation.id}/visibility`, { method: "POST", json: { visibility: "private" } })).status).toBe(200);
		await gatewayReports(jobId, buyer.user.id, { status: "succeeded", attempt: 1, artifacts: [await uploadImage(jobId)] });
		await callback(jobId, "succeeded");
		const feedIds = async () => ((await (await api("/api/feed?limit=100", { auth: null })).json()) as { items: { id: string }[] }).items.map((item) => item.id);
		expect(await feedIds()).not.toContain(generation.id);
		expect(await feedIds()).not.toContain(other.id);

		const form = new URLSearchParams({ _csrf: buyer.csrf, visibility: "public", return_to: "/me" });
		const toggled = await userApi(buyer, `/generations/${generation.id}/visibility`, {
			method: "POST",
			body: form,
			headers: { "Content-Type": "application/x-www-form-urlencoded" },
		});
		expect(toggled.status).toBe(303);
		expect(toggled.headers.get("Location")).toBe("/me");
		expect(await feedIds()).toContain(generation.id);
		expect(await feedIds()).not.toContain(other.id);
		const feedPage = await (await api("/feed", { auth: null })).text();
		expect(feedPage).toContain(`/generations/${generation.id}/image`);
	});
});
