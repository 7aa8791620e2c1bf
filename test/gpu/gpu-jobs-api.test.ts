import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { mintGatewayToken } from "../../src/gpu/client";
import type { GpuJobAdminView } from "../../src/gpu/job-admin";
import { sha256Hex } from "../../src/lib/hash";
import type { JobOwner } from "../../src/shared/gpu-jobs";
import type { JobProgressUpdate } from "../../src/shared/job-progress";
import { gpuEventBody, openProgressSocket, postGpuEvent, progressToken, uniqueOwner } from "../support/gpu-callbacks";
import { GPU_SECRET, jobView, mirrorRow, seedMirror, setGatewayJob, takeGatewayDown } from "../support/gpu-helpers";
import { api, type ErrorBody } from "../support/helpers";

type JobBody = { job: GpuJobAdminView };
/** One `/v1` call as the fake gateway records it (test/support/fakes/gpu-gateway-server.ts). */
type GatewayRequest = { method: string; path: string; idempotency_key: string | null; body: unknown };

/** A valid `image.generate` body for the admin API. */
function imageJob(owner: JobOwner, extra: Record<string, unknown> = {}) {
	return {
		kind: "image.generate",
		owner,
		input: { styleId: "style-a", prompt: "a fox in snow", seed: 7, aspect: "1:1" },
		...extra,
	};
}

/**
 * The `/v1` calls the fake gateway received that mention `needle` (an owner or job id unique
 * to the test): the fake is shared with test files running alongside.
 */
async function gatewayRequests(needle: string): Promise<GatewayRequest[]> {
	const all: GatewayRequest[] = await (await fetch(`${inject("gpuGatewayUrl")}/__control/requests`)).json();
	return all.filter((request) => request.path.includes(needle) || JSON.stringify(request.body).includes(needle));
}

async function submit(body: unknown, auth?: string | null): Promise<Response> {
	return api("/api/gpu/jobs", { method: "POST", json: body, ...(auth === undefined ? {} : { auth }) });
}

/** Mirror rows of one owner. */
async function ownerJobs(owner: JobOwner): Promise<number | null> {
	return env.DB.prepare("SELECT COUNT(*) AS n FROM gpu_jobs WHERE owner_type = ? AND owner_id = ?").bind(owner.type, owner.id).first<number>("n");
}

async function errorCode(res: Response): Promise<string> {
	return ((await res.json()) as ErrorBody).error.code;
}

describe("admin GPU jobs API: auth", () => {
	it.each([
		["GET", "/api/gpu/jobs"],
		["POST", "/api/gpu/jobs"],
		["GET", "/api/gpu/jobs/job_x"],
		["GET", "/api/gpu/jobs/job_x/artifacts/image.png"],
		["POST", "/api/gpu/jobs/job_x/cancel"],
		["DELETE", "/api/gpu/jobs/job_x/data"],
	])("%s %s answers 401 without the admin key, and with a wrong one", async (method, path) => {
		const owner = uniqueOwner();
		const json = method === "POST" && path === "/api/gpu/jobs" ? imageJob(owner) : undefined;
		for (const auth of [null, "wrong-key"]) {
			const res = await api(path, { method, auth, ...(json ? { json } : {}) });
			expect(res.status).toBe(401);
			expect(await errorCode(res)).toBe("UNAUTHORIZED");
		}
		expect(await gatewayRequests(owner.id)).toEqual([]);
	});
});

describe("POST /api/gpu/jobs", () => {
	it.each([
		["a missing prompt", (owner: JobOwner) => ({ kind: "image.generate", owner, input: { styleId: "s", seed: 1, aspect: "1:1" } }), "input.prompt"],
		["an unknown kind", (owner: JobOwner) => ({ kind: "gpu.mine", owner, input: {} }), "kind"],
		["a callback_url (the Worker sets it)", (owner: JobOwner) => imageJob(owner, { callback_url: "https://evil.example/hook" }), "callback_url"],
		["a bad idempotency key", (owner: JobOwner) => imageJob(owner, { idempotency_key: "short" }), "idempotency_key"],
		["an unknown field", (owner: JobOwner) => imageJob(owner, { priority: 1 }), "priority"],
	])("refuses %s with 400 VALIDATION_FAILED naming the field, storing and sending nothing", async (_what, body, field) => {
		const owner = uniqueOwner();
		const res = await submit(body(owner));
		expect(res.status).toBe(400);
		const error = ((await res.json()) as ErrorBody).error;
		expect(error.code).toBe("VALIDATION_FAILED");
		expect(error.message).toContain(field);
		expect(await ownerJobs(owner)).toBe(0);
		expect(await gatewayRequests(owner.id)).toEqual([]);
	});

	it("submits with the Worker's callback URL, records the mirror row and answers 201", async () => {
		const owner = uniqueOwner();
		const key = `admin-${crypto.randomUUID()}`;
		const res = await submit(imageJob(owner, { idempotency_key: key }));
		expect(res.status).toBe(201);
		const { job } = (await res.json()) as JobBody;
		expect(job).toMatchObject({ kind: "image.generate", status: "queued", owner, progress: { percent: 0, step: "" }, error: null, idempotency_key: key });
		expect(await mirrorRow(job.id)).toMatchObject({ id: job.id, owner_type: owner.type, owner_id: owner.id, status: "queued", idempotency_key: key });
		const sent = (await gatewayRequests(owner.id)).filter((request) => request.method === "POST" && request.idempotency_key === key);
		expect(sent).toHaveLength(1);
		expect(sent[0]?.body).toEqual({ ...imageJob(owner), callback_url: "http://localhost:8787/internal/gpu/events" });
	});

	it("is idempotent on the key: the same body gives the same job, another body is 409 CONFLICT", async () => {
		const owner = uniqueOwner();
		const key = `admin-${crypto.randomUUID()}`;
		const first = (await (await submit(imageJob(owner, { idempotency_key: key }))).json()) as JobBody;
		const again = await submit(imageJob(owner, { idempotency_key: key }));
		expect(again.status).toBe(201);
		expect(((await again.json()) as JobBody).job.id).toBe(first.job.id);
		const jobs = await ownerJobs(owner);
		const other = await submit(imageJob(owner, { idempotency_key: key, input: { styleId: "s", prompt: "other", seed: 1, aspect: "1:1" } }));
		expect(other.status).toBe(409);
		expect(await errorCode(other)).toBe("CONFLICT");
		expect(await ownerJobs(owner)).toBe(jobs);
	});

	it("generates a key when none is given, so two submissions are two jobs", async () => {
		const owner = uniqueOwner();
		const a = (await (await submit(imageJob(owner))).json()) as JobBody;
		const b = (await (await submit(imageJob(owner))).json()) as JobBody;
		expect(a.job.id).not.toBe(b.job.id);
		expect(a.job.idempotency_key).not.toBe(b.job.idempotency_key);
	});

	it("tells the owner's open sockets about the new job", async () => {
		const owner = uniqueOwner();
		const socket = await openProgressSocket(await progressToken(owner));
		const { job } = (await (await submit(imageJob(owner))).json()) as JobBody;
		const update = await socket.next<JobProgressUpdate>((message) => message.job_id === job.id);
		expect(update).toMatchObject({ status: "queued", kind: "image.generate" });
		socket.ws.close(1000, "done");
	});
});

describe("GET /api/gpu/jobs and /api/gpu/jobs/:id", () => {
	it("lists one owner's jobs newest first, a page at a time", async () => {
		const owner = uniqueOwner();
		const ids: string[] = [];
		for (let minute = 1; minute <= 3; minute++) {
			const view = jobView({ owner, created_at: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString() });
			await seedMirror(view);
			ids.push(view.id);
		}
		await seedMirror(jobView({ owner: uniqueOwner() }));
		const query = `owner_type=${owner.type}&owner_id=${encodeURIComponent(owner.id)}`;
		const first = (await (await api(`/api/gpu/jobs?${query}&limit=2`)).json()) as { jobs: GpuJobAdminView[]; next_cursor: string | null };
		expect(first.jobs.map((job) => job.id)).toEqual([ids[2], ids[1]]);
		expect(first.next_cursor).not.toBeNull();
		const second = (await (await api(`/api/gpu/jobs?${query}&limit=2&cursor=${first.next_cursor}`)).json()) as {
			jobs: GpuJobAdminView[];
			next_cursor: string | null;
		};
		expect(second.jobs.map((job) => job.id)).toEqual([ids[0]]);
		expect(second.next_cursor).toBeNull();
	});

	it("refuses a bad filter or cursor with 400 VALIDATION_FAILED", async () => {
		for (const query of ["status=done", "owner_type=Bad!", "cursor=nonsense", "limit=0"]) {
			const res = await api(`/api/gpu/jobs?${query}`);
			expect(res.status).toBe(400);
			expect(await errorCode(res)).toBe("VALIDATION_FAILED");
		}
	});

	it("shows a job with the callbacks received for it", async () => {
		const view = jobView({ owner: uniqueOwner() });
		await seedMirror(view);
		await setGatewayJob({ ...view, status: "succeeded", progress: { percent: 100, step: "done" }, updated_at: "2026-01-01T00:01:00.000Z" });
		const webhookId = `msg_${crypto.randomUUID()}`;
		await postGpuEvent(gpuEventBody(view.id, "job.succeeded", { status: "succeeded" }), webhookId);
		await postGpuEvent(gpuEventBody(view.id, "job.succeeded", { status: "succeeded" }), webhookId);
		const res = await api(`/api/gpu/jobs/${view.id}`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as JobBody & { events: { webhook_id: string; type: string; received_at: string }[] };
		expect(body.job).toMatchObject({ id: view.id, status: "succeeded", progress: { percent: 100, step: "done" } });
		expect(body.events).toEqual([{ webhook_id: webhookId, type: "job.succeeded", received_at: expect.any(String) }]);
	});

	it("answers 404 NOT_FOUND for a job the Worker never submitted", async () => {
		const res = await api("/api/gpu/jobs/job_nope");
		expect(res.status).toBe(404);
		expect(await errorCode(res)).toBe("NOT_FOUND");
	});
});

describe("GET /api/gpu/jobs/:id/artifacts/:name", () => {
	it("answers 404 until the gateway uploaded the artifact, then streams it with its digest", async () => {
		const bytes = new TextEncoder().encode(`artifact ${crypto.randomUUID()}`);
		const sha256 = await sha256Hex(bytes);
		const view = jobView({ owner: uniqueOwner(), artifacts: [{ name: "image.png", sha256, size: bytes.byteLength, content_type: "image/png" }] });
		await seedMirror(view);
		const before = await api(`/api/gpu/jobs/${view.id}/artifacts/image.png`);
		expect(before.status).toBe(404);
		expect(await errorCode(before)).toBe("NOT_FOUND");

		const token = await mintGatewayToken(GPU_SECRET, new Date(), "edge-factory");
		const upload = await api(`/internal/gpu/artifacts/${view.id}/image.png`, {
			method: "PUT",
			body: bytes,
			auth: token,
			headers: { "Content-Type": "image/png", "Content-Length": String(bytes.byteLength), "X-Content-SHA256": sha256 },
		});
		expect(upload.status).toBe(201);

		const res = await api(`/api/gpu/jobs/${view.id}/artifacts/image.png`);
		expect(res.status).toBe(200);
		expect(res.headers.get("X-Content-SHA256")).toBe(sha256);
		expect(res.headers.get("Content-Type")).toBe("image/png");
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
		expect((await api(`/api/gpu/jobs/${view.id}/artifacts/other.png`)).status).toBe(404);
	});
});

describe("cancel and purge", () => {
	it("cancels through the gateway and refreshes the mirror; a finished job is 409 CONFLICT", async () => {
		const owner = uniqueOwner();
		const { job } = (await (await submit(imageJob(owner))).json()) as JobBody;
		const res = await api(`/api/gpu/jobs/${job.id}/cancel`, { method: "POST" });
		expect(res.status).toBe(200);
		expect(((await res.json()) as JobBody).job.status).toBe("canceled");
		expect(await mirrorRow(job.id)).toMatchObject({ status: "canceled" });
		const calls = (await gatewayRequests(job.id)).filter((request) => request.path === `/v1/jobs/${job.id}/cancel`);
		expect(calls).toHaveLength(1);

		const done = jobView({ owner, status: "succeeded" });
		await seedMirror(done);
		await setGatewayJob(done);
		const refused = await api(`/api/gpu/jobs/${done.id}/cancel`, { method: "POST" });
		expect(refused.status).toBe(409);
		expect(((await refused.json()) as ErrorBody).error.message).toContain("JOB_FINISHED");
		expect(await mirrorRow(done.id)).toMatchObject({ status: "succeeded" });
	});

	it("purges a finished job's data on the gateway; a live job is 409 CONFLICT", async () => {
		const { job } = (await (await submit(imageJob(uniqueOwner()))).json()) as JobBody;
		const live = await api(`/api/gpu/jobs/${job.id}/data`, { method: "DELETE" });
		expect(live.status).toBe(409);
		expect(((await live.json()) as ErrorBody).error.message).toContain("JOB_ACTIVE");
		await api(`/api/gpu/jobs/${job.id}/cancel`, { method: "POST" });
		const res = await api(`/api/gpu/jobs/${job.id}/data`, { method: "DELETE" });
		expect(res.status).toBe(200);
		const calls = (await gatewayRequests(job.id)).filter((request) => request.method === "DELETE" && request.path === `/v1/jobs/${job.id}/data`);
		expect(calls).toHaveLength(2);
	});

	it("answers 404 for a job that is not ours without calling the gateway", async () => {
		const id = `job_${crypto.randomUUID().replaceAll("-", "")}`;
		for (const [method, path] of [
			["POST", `/api/gpu/jobs/${id}/cancel`],
			["DELETE", `/api/gpu/jobs/${id}/data`],
		] as const) {
			const res = await api(path, { method });
			expect(res.status).toBe(404);
			expect(await errorCode(res)).toBe("NOT_FOUND");
		}
		expect(await gatewayRequests(id)).toEqual([]);
	});

	it("answers 502 GPU_GATEWAY_UNAVAILABLE when the gateway fails, leaving the mirror as it was", async () => {
		const view = jobView({ owner: uniqueOwner(), status: "running" });
		await seedMirror(view);
		await setGatewayJob(view);
		await takeGatewayDown(view.id);
		const before = await mirrorRow(view.id);
		const res = await api(`/api/gpu/jobs/${view.id}/cancel`, { method: "POST" });
		expect(res.status).toBe(502);
		expect(await errorCode(res)).toBe("GPU_GATEWAY_UNAVAILABLE");
		expect(await mirrorRow(view.id)).toEqual(before);
	});
});
