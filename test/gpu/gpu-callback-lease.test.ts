import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { receiveGpuEvent } from "../../src/gpu/events";
import type { WorkerGpuJobHook } from "../../src/gpu/job-hooks";
import { reconcileGpuJobs } from "../../src/gpu/reconcile";
import { signWebhook } from "../../src/gpu/webhook-verify";
import type { GpuJobEvent } from "../../src/shared/gpu-jobs";
import { GPU_SECRET, jobView, mirrorRow, seedMirror, setGatewayJob } from "../support/gpu-helpers";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";

/** A signed callback for a job, as the gateway's outbox sends it (same id on every retry). */
async function callback(jobId: string, id = `msg_${crypto.randomUUID()}`, type: GpuJobEvent["type"] = "job.succeeded") {
	const body = JSON.stringify({
		type,
		timestamp: new Date().toISOString(),
		data: { job_id: jobId, status: "succeeded", attempt: 1, progress: { percent: 100, step: "done" } },
	} satisfies GpuJobEvent);
	const timestamp = Math.floor(Date.now() / 1000);
	return { id, body, headers: { id, timestamp: String(timestamp), signature: await signWebhook(GPU_SECRET, id, timestamp, body) } };
}

/** A hook that records the statuses it settled, and can be held open or made to fail. */
function controllableHook() {
	const settled: string[] = [];
	let gate: Promise<void> | null = null;
	let release: (() => void) | null = null;
	let failing = false;
	const hook: WorkerGpuJobHook = async (_deps, job) => {
		if (gate) await gate;
		if (failing) throw new Error("settle step failed (D1 went away)");
		settled.push(job.status);
	};
	return {
		hook,
		settled,
		hold() {
			gate = new Promise((resolve) => {
				release = () => resolve();
			});
		},
		release() {
			gate = null;
			release?.();
		},
		fail(value: boolean) {
			failing = value;
		},
	};
}

async function gpuDeps(hook: WorkerGpuJobHook, now?: () => Date) {
	const { gpu } = await testAppDeps(now);
	return { ...gpu, hooks: [hook] };
}

const eventRow = (id: string) => env.DB.prepare("SELECT * FROM gpu_webhook_events WHERE webhook_id = ?").bind(id).first<Record<string, unknown>>();

describe("GPU callbacks are claimed with a lease and marked processed only after success", () => {
	it("a retry during a live attempt is refused (409, Retry-After); when the attempt fails, the next retry processes the event", async () => {
		const view = jobView({ status: "running" });
		await seedMirror(view);
		await setGatewayJob({ ...view, status: "succeeded", progress: { percent: 100, step: "done" }, updated_at: "2026-01-01T00:05:00.000Z" });
		const control = controllableHook();
		const deps = await gpuDeps(control.hook);
		const event = await callback(view.id);

		control.hold();
		control.fail(true);
		const first = receiveGpuEvent(deps, event.body, event.headers);
		// Let the first attempt claim the event and reach the hook.
		await new Promise((resolve) => setTimeout(resolve, 300));
		const retry = await receiveGpuEvent(deps, event.body, event.headers).then(
			(outcome) => ({ outcome }),
			(err: unknown) => ({ err }),
		);
		expect(retry).toMatchObject({ err: { status: 409, code: "CONFLICT", headers: { "Retry-After": expect.stringMatching(/^\d+$/) } } });
		expect((await eventRow(event.id))?.processed_at).toBeNull();

		control.release();
		await expect(first).rejects.toThrow("settle step failed");
		const afterFailure = await eventRow(event.id);
		expect(afterFailure).toMatchObject({ processed_at: null, lease_until: null });
		expect((await mirrorRow(view.id))?.settled_at).toBeNull();

		control.fail(false);
		expect(await receiveGpuEvent(deps, event.body, event.headers)).toBe("updated");
		expect(control.settled).toEqual(["succeeded"]);
		expect((await eventRow(event.id))?.processed_at).toEqual(expect.any(String));
		expect((await mirrorRow(view.id))?.settled_at).toEqual(expect.any(String));
		// Now it is a duplicate: acknowledged, nothing run again.
		expect(await receiveGpuEvent(deps, event.body, event.headers)).toBe("duplicate");
		expect(control.settled).toEqual(["succeeded"]);
	});

	it("over HTTP, a delivery of an event whose lease is live gets 409 CONFLICT with Retry-After and changes nothing", async () => {
		const view = jobView({ status: "running" });
		await seedMirror(view);
		const event = await callback(view.id);
		// Another attempt holds the event for the next 30 s.
		await env.DB.prepare("INSERT INTO gpu_webhook_events (webhook_id, job_id, type, received_at, lease_until) VALUES (?, ?, ?, ?, ?)")
			.bind(event.id, view.id, "job.succeeded", new Date().toISOString(), new Date(Date.now() + 30_000).toISOString())
			.run();
		const before = await mirrorRow(view.id);
		const res = await api("/internal/gpu/events", {
			method: "POST",
			auth: null,
			body: event.body,
			headers: {
				"content-type": "application/json",
				"webhook-id": event.id,
				"webhook-timestamp": event.headers.timestamp,
				"webhook-signature": event.headers.signature,
			},
		});
		expect(res.status).toBe(409);
		expect(((await res.json()) as ErrorBody).error.code).toBe("CONFLICT");
		expect(Number(res.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
		expect(Number(res.headers.get("Retry-After"))).toBeLessThanOrEqual(30);
		expect(await mirrorRow(view.id)).toEqual(before);
		expect((await eventRow(event.id))?.processed_at).toBeNull();
	});
});

describe("reconciliation settles finished jobs whose settle step failed", () => {
	it("runs the hooks of a terminal, unsettled job and marks it settled, once", async () => {
		const view = jobView({ status: "running" });
		await seedMirror(view);
		await setGatewayJob({ ...view, status: "succeeded", progress: { percent: 100, step: "done" }, updated_at: "2026-01-01T00:05:00.000Z" });
		const control = controllableHook();
		control.fail(true);
		const event = await callback(view.id);
		await expect(receiveGpuEvent(await gpuDeps(control.hook), event.body, event.headers)).rejects.toThrow("settle step failed");
		// The mirror says succeeded, but nothing was settled; the gateway gave up on the event.
		expect(await mirrorRow(view.id)).toMatchObject({ status: "succeeded", settled_at: null });

		control.fail(false);
		const later = new Date(Date.now() + 5 * 60_000);
		const deps = await gpuDeps(control.hook, () => later);
		await reconcileGpuJobs(deps, later);
		expect(control.settled).toEqual(["succeeded"]);
		expect((await mirrorRow(view.id))?.settled_at).toBe(later.toISOString());
		await reconcileGpuJobs(deps, later);
		expect(control.settled).toEqual(["succeeded"]);
	});
});
