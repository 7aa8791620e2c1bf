import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { mintGatewayToken } from "../../src/gpu/client";
import { reconcileGpuJobs } from "../../src/gpu/reconcile";
import { signWebhook, verifyWebhook } from "../../src/gpu/webhook-verify";
import type { GpuJobEvent } from "../../src/shared/gpu-jobs";
import { GPU_SECRET, jobView, mirrorRow, seedMirror, setGatewayJob, takeGatewayDown } from "../support/gpu-helpers";
import { api, countRows, type ErrorBody, testAppDeps } from "../support/helpers";

describe("Standard Webhooks verification", () => {
	it("matches the official Standard Webhooks example vector", async () => {
		const sig = await signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}');
		expect(sig).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
		const verdict = await verifyWebhook(
			"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
			{ id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: "1614265330", signature: `v1,bm9ub25l ${sig}` },
			'{"test": 2432232314}',
			1614265330 + 299,
		);
		expect(verdict.ok).toBe(true);
	});

	it("matches the gateway's own vector for a plain secret", async () => {
		// The same vector as gpu-gateway/test/webhooks.test.ts, so signer and verifier agree.
		const signature = "v1,4IlRuE2BqwyIq86/PCEQPYuLJtgT0k46L3lvCL0mw38=";
		expect(await signWebhook("edge-factory-test-secret", "msg_2b1f", 1700000000, '{"type":"job.succeeded"}')).toBe(signature);
		const verdict = await verifyWebhook(
			"edge-factory-test-secret",
			{ id: "msg_2b1f", timestamp: "1700000000", signature },
			'{"type":"job.succeeded"}',
			1700000000,
		);
		expect(verdict.ok).toBe(true);
	});

	it("refuses tampered bodies, other versions, bad base64 and timestamps outside ±5 min", async () => {
		const sig = await signWebhook("s", "msg_1", 1700000000, "{}");
		const check = (signature: string, body: string, nowS: number, timestamp = "1700000000") =>
			verifyWebhook("s", { id: "msg_1", timestamp, signature }, body, nowS).then((v) => v.ok);
		expect(await check(sig, "{} ", 1700000000)).toBe(false);
		expect(await check(sig.replace("v1,", "v2,"), "{}", 1700000000)).toBe(false);
		expect(await check("v1,!!!", "{}", 1700000000)).toBe(false);
		expect(await check(sig, "{}", 1700000000 + 301)).toBe(false);
		expect(await check(sig, "{}", 1700000000 - 301)).toBe(false);
		expect(await check(sig, "{}", 1700000000, "1.7e9")).toBe(false);
		expect(await check(sig, "{}", 1700000000 + 300)).toBe(true);
	});
});

function eventFor(jobId: string, overrides: Partial<GpuJobEvent["data"]> = {}, type: GpuJobEvent["type"] = "job.running"): string {
	const event: GpuJobEvent = {
		type,
		timestamp: "2026-01-01T00:00:05.000Z",
		data: { job_id: jobId, status: "running", attempt: 1, progress: { percent: 40, step: "render" }, ...overrides },
	};
	return JSON.stringify(event);
}

/** `skewS` shifts the signed timestamp from the moment of sending (not of collecting the test table, which may be long before). */
async function postEvent(body: string, opts: { id?: string; timestampS?: number; skewS?: number; signature?: string; omit?: string } = {}): Promise<Response> {
	const id = opts.id ?? `msg_${crypto.randomUUID()}`;
	const timestampS = opts.timestampS ?? Math.floor(Date.now() / 1000) + (opts.skewS ?? 0);
	const headers: Record<string, string> = {
		"content-type": "application/json",
		"webhook-id": id,
		"webhook-timestamp": String(timestampS),
		"webhook-signature": opts.signature ?? (await signWebhook(GPU_SECRET, id, timestampS, body)),
	};
	if (opts.omit) delete headers[opts.omit];
	return api("/internal/gpu/events", { method: "POST", body, headers, auth: null });
}

async function counts() {
	return { events: await countRows("gpu_webhook_events"), jobs: await countRows("gpu_jobs") };
}

describe("POST /internal/gpu/events", () => {
	it.each([
		["missing webhook-id", { omit: "webhook-id" }],
		["missing webhook-timestamp", { omit: "webhook-timestamp" }],
		["missing webhook-signature", { omit: "webhook-signature" }],
		["a bad signature", { signature: "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" }],
		["an old timestamp", { skewS: -301 }],
		["a future timestamp", { skewS: 301 }],
	])("refuses %s with 400 and stores nothing", async (_what, opts) => {
		const view = jobView();
		await seedMirror(view);
		const before = await counts();
		const rowBefore = await mirrorRow(view.id);
		const res = await postEvent(eventFor(view.id), opts);
		expect(res.status).toBe(400);
		expect(((await res.json()) as ErrorBody).error.code).toBe("WEBHOOK_SIGNATURE_INVALID");
		expect(await counts()).toEqual(before);
		expect(await mirrorRow(view.id)).toEqual(rowBefore);
	});

	it("re-reads a known job from the gateway and updates the mirror from what it says", async () => {
		const view = jobView();
		await seedMirror(view);
		await setGatewayJob({ ...view, status: "succeeded", progress: { percent: 100, step: "done" }, updated_at: "2026-01-01T00:01:00.000Z" });
		// The event body says "running 40%": the mirror must follow the gateway, not the body.
		const res = await postEvent(eventFor(view.id));
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ received: true, outcome: "updated" });
		const row = await mirrorRow(view.id);
		expect(row).toMatchObject({ status: "succeeded", progress_percent: 100, progress_step: "done", updated_at: "2026-01-01T00:01:00.000Z" });
	});

	it("acknowledges a replayed webhook-id without changing anything", async () => {
		const view = jobView();
		await seedMirror(view);
		await setGatewayJob({ ...view, status: "running", updated_at: "2026-01-01T00:00:30.000Z" });
		const id = `msg_${crypto.randomUUID()}`;
		const body = eventFor(view.id);
		expect((await postEvent(body, { id })).status).toBe(200);
		await setGatewayJob({ ...view, status: "failed", updated_at: "2026-01-01T00:02:00.000Z" });
		const before = await counts();
		const res = await postEvent(body, { id });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ outcome: "duplicate" });
		expect(await counts()).toEqual(before);
		expect(await mirrorRow(view.id)).toMatchObject({ status: "running" });
	});

	it("answers 200 for an unknown job and stores nothing", async () => {
		const before = await counts();
		const res = await postEvent(eventFor(`job_unknown_${crypto.randomUUID()}`));
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ outcome: "unknown_job" });
		expect(await counts()).toEqual(before);
	});

	it("falls back to the event's snapshot when the gateway cannot be read", async () => {
		const view = jobView();
		await seedMirror(view);
		await takeGatewayDown(view.id);
		const res = await postEvent(eventFor(view.id));
		expect(await res.json()).toMatchObject({ outcome: "updated_from_event" });
		expect(await mirrorRow(view.id)).toMatchObject({ status: "running", progress_percent: 40, progress_step: "render" });
	});

	it("refuses a signed body that is not an event with 400 VALIDATION_FAILED", async () => {
		const res = await postEvent('{"type":"nope"}');
		expect(res.status).toBe(400);
		expect(((await res.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
	});
});

describe("gateway client and reconciliation", () => {
	it("mints tokens the gateway's verifier accepts (the fake uses it) and validates responses", async () => {
		const view = jobView({ status: "running" });
		await setGatewayJob(view);
		const client = (await testAppDeps()).gpu.gateway;
		expect(await client.getJob(view.id)).toEqual(view);
		const token = await mintGatewayToken(GPU_SECRET, new Date());
		const res = await fetch(`${env.GPU_GATEWAY_URL}/v1/jobs/${view.id}`, { headers: { authorization: `Bearer ${token}x` } });
		expect(res.status).toBe(401);
	});

	it("re-reads non-terminal jobs quiet for more than 10 minutes, and only those", async () => {
		const _db = getDb(env.DB);
		const quiet = jobView({ status: "running" });
		const fresh = jobView({ status: "running" });
		const now = new Date("2030-01-01T00:00:00.000Z");
		await seedMirror(quiet, new Date(now.getTime() - 11 * 60_000));
		await seedMirror(fresh, new Date(now.getTime() - 60_000));
		await setGatewayJob({ ...quiet, status: "expired", updated_at: "2026-01-01T00:20:00.000Z" });
		await setGatewayJob({ ...fresh, status: "succeeded", updated_at: "2026-01-01T00:20:00.000Z" });
		await reconcileGpuJobs((await testAppDeps()).gpu, now);
		expect(await mirrorRow(quiet.id)).toMatchObject({ status: "expired" });
		expect(await mirrorRow(fresh.id)).toMatchObject({ status: "running" });
	});
});
