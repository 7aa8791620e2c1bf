import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { receiveGpuEvent } from "../../src/gpu/events";
import { mintProgressToken, PROGRESS_TOKEN_PURPOSE } from "../../src/gpu/progress-token";
import { reconcileGpuJobs } from "../../src/gpu/reconcile";
import { signWebhook } from "../../src/gpu/webhook-verify";
import { base64Url, hmacSha256Hex } from "../../src/lib/hash";
import type { JobOwner } from "../../src/shared/gpu-jobs";
import type { JobProgressUpdate } from "../../src/shared/job-progress";
import { gpuEventBody, openProgressSocket, postGpuEvent, progressToken, uniqueOwner } from "../support/gpu-callbacks";
import { GPU_SECRET, jobView, mirrorRow, seedMirror, setGatewayJob } from "../support/gpu-helpers";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";

const SECRET = env.DOWNLOAD_TOKEN_SECRET;
/** The progress key as the Worker derives it (src/config/keys.ts). */
const PROGRESS_KEY = (await testAppDeps()).keys.progress;
const encoder = new TextEncoder();

/** Signs arbitrary claims with the progress key (or another key), to forge the tokens an attacker might try. */
async function signClaims(claims: Record<string, unknown>, opts: { key?: string; iat?: number; exp?: number } = {}): Promise<string> {
	const iat = opts.iat ?? Math.floor(Date.now() / 1000);
	const key = opts.key ?? (await hmacSha256Hex(SECRET, "job-progress-token:v1"));
	return new SignJWT(claims)
		.setProtectedHeader({ alg: "HS256", typ: "JWT" })
		.setIssuedAt(iat)
		.setExpirationTime(opts.exp ?? iat + 600)
		.sign(encoder.encode(key));
}

async function poll(token: string): Promise<Response> {
	return api(`/api/progress?token=${encodeURIComponent(token)}`, { auth: null });
}

async function errorCode(res: Response): Promise<string> {
	return ((await res.json()) as ErrorBody).error.code;
}

/** A mirror row for `owner` and the gateway's view of it, created at `createdAt`. */
async function seedJob(owner: JobOwner, overrides: Parameters<typeof jobView>[0] = {}) {
	const view = jobView({ owner, ...overrides });
	await seedMirror(view);
	return view;
}

describe("progress tokens", () => {
	it("lets the owner's token read that owner's jobs", async () => {
		const owner = uniqueOwner();
		const view = await seedJob(owner, { status: "running", progress: { percent: 12.4, step: "render" } });
		const res = await poll(await progressToken(owner));
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toBe("no-store");
		const body = (await res.json()) as { jobs: JobProgressUpdate[] };
		expect(body.jobs).toEqual([
			{ job_id: view.id, kind: "image.generate", status: "running", progress: { percent: 12, step: "render" }, error_code: null, updated_at: view.updated_at },
		]);
	});

	it.each([
		["a token for another purpose", () => signClaims({ iss: "edge-factory", sub: "order:x", purpose: "download" })],
		["a token with no purpose", () => signClaims({ iss: "edge-factory", sub: "order:x" })],
		["another issuer", () => signClaims({ iss: "someone-else", sub: "order:x", purpose: PROGRESS_TOKEN_PURPOSE })],
		["a key that is not the derived one", () => signClaims({ iss: "edge-factory", sub: "order:x", purpose: PROGRESS_TOKEN_PURPOSE }, { key: SECRET })],
		[
			"a lifetime over an hour",
			() => signClaims({ iss: "edge-factory", sub: "order:x", purpose: PROGRESS_TOKEN_PURPOSE }, { exp: Math.floor(Date.now() / 1000) + 7200 }),
		],
		["a subject that is not an owner", () => signClaims({ iss: "edge-factory", sub: "no-colon", purpose: PROGRESS_TOKEN_PURPOSE })],
		["an owner type outside the contract", () => signClaims({ iss: "edge-factory", sub: "Order!:x", purpose: PROGRESS_TOKEN_PURPOSE })],
		[
			"alg none",
			async () => {
				const header = base64Url(JSON.stringify({ alg: "none", typ: "JWT" }));
				const now = Math.floor(Date.now() / 1000);
				const payload = base64Url(JSON.stringify({ iss: "edge-factory", sub: "order:x", purpose: PROGRESS_TOKEN_PURPOSE, iat: now, exp: now + 600 }));
				return `${header}.${payload}.`;
			},
		],
		["garbage", async () => "not-a-jwt"],
	])("refuses %s with 401 TOKEN_INVALID, on both endpoints", async (_what, token) => {
		const value = await token();
		const res = await poll(value);
		expect(res.status).toBe(401);
		expect(await errorCode(res)).toBe("TOKEN_INVALID");
		const ws = await api(`/api/progress/ws?token=${encodeURIComponent(value)}`, { auth: null, headers: { Upgrade: "websocket" } });
		expect(ws.status).toBe(401);
		expect(ws.webSocket).toBeNull();
		expect(await errorCode(ws)).toBe("TOKEN_INVALID");
	});

	it("refuses an expired token with 401 TOKEN_EXPIRED", async () => {
		const token = await mintProgressToken(PROGRESS_KEY, uniqueOwner(), new Date(Date.now() - 2 * 3600_000));
		const res = await poll(token);
		expect(res.status).toBe(401);
		expect(await errorCode(res)).toBe("TOKEN_EXPIRED");
	});

	it("caps a requested lifetime at one hour", async () => {
		const token = await mintProgressToken(PROGRESS_KEY, uniqueOwner(), new Date(), 24 * 3600);
		const [, payload] = token.split(".");
		const claims = JSON.parse(atob((payload ?? "").replaceAll("-", "+").replaceAll("_", "/"))) as { iat: number; exp: number; sub: string };
		expect(claims.exp - claims.iat).toBe(3600);
	});

	it("needs a token at all (400 VALIDATION_FAILED)", async () => {
		const res = await api("/api/progress", { auth: null });
		expect(res.status).toBe(400);
		expect(await errorCode(res)).toBe("VALIDATION_FAILED");
	});
});

describe("GET /api/progress (polling)", () => {
	it("returns only the token owner's jobs, never another owner's", async () => {
		const alice = uniqueOwner("user");
		const bob = uniqueOwner("user");
		const alices = [await seedJob(alice), await seedJob(alice)];
		const bobs = await seedJob(bob);
		// Same type, an id that only extends alice's: must not match either.
		await seedJob({ type: "user", id: `${alice.id}x` });
		const forAlice = (await (await poll(await progressToken(alice))).json()) as { jobs: JobProgressUpdate[] };
		expect(forAlice.jobs.map((job) => job.job_id).sort()).toEqual(alices.map((view) => view.id).sort());
		const forBob = (await (await poll(await progressToken(bob))).json()) as { jobs: JobProgressUpdate[] };
		expect(forBob.jobs.map((job) => job.job_id)).toEqual([bobs.id]);
	});

	it("lists every live job plus the 50 most recent, newest first", async () => {
		const owner = uniqueOwner();
		const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
		const oldLive = await seedJob(owner, { status: "retrying", created_at: at(0) });
		const finished = [];
		for (let i = 1; i <= 52; i++) finished.push(await seedJob(owner, { status: "succeeded", created_at: at(i) }));
		const body = (await (await poll(await progressToken(owner))).json()) as { jobs: JobProgressUpdate[] };
		expect(body.jobs).toHaveLength(51);
		const newestFifty = finished
			.slice(2)
			.reverse()
			.map((view) => view.id);
		expect(body.jobs.map((job) => job.job_id)).toEqual([...newestFifty, oldLive.id]);
	});
});

describe("GET /api/progress/ws", () => {
	it("answers 426 without an Upgrade: websocket header", async () => {
		const res = await api(`/api/progress/ws?token=${await progressToken(uniqueOwner())}`, { auth: null });
		expect(res.status).toBe(426);
		expect(res.headers.get("Upgrade")).toBe("websocket");
		expect(await errorCode(res)).toBe("UPGRADE_REQUIRED");
	});

	it("pushes a job's update to its owner's socket when a signed callback arrives, and to no one else", async () => {
		const owner = uniqueOwner();
		const other = uniqueOwner();
		const socket = await openProgressSocket(await progressToken(owner));
		const bystander = await openProgressSocket(await progressToken(other));
		const view = await seedJob(owner);
		await setGatewayJob({ ...view, status: "running", progress: { percent: 40, step: "render" }, updated_at: "2026-01-01T00:00:30.000Z" });
		const res = await postGpuEvent(gpuEventBody(view.id));
		expect(await res.json()).toMatchObject({ outcome: "updated" });
		const update = await socket.next<JobProgressUpdate>((message) => message.job_id === view.id);
		expect(update).toEqual({
			job_id: view.id,
			kind: "image.generate",
			status: "running",
			progress: { percent: 40, step: "render" },
			error_code: null,
			updated_at: "2026-01-01T00:00:30.000Z",
		});
		// The terminal state follows on the same socket.
		await setGatewayJob({
			...view,
			status: "failed",
			error: { code: "BACKEND_ERROR", message: "boom", retryable: false },
			updated_at: "2026-01-01T00:01:00.000Z",
		});
		await postGpuEvent(gpuEventBody(view.id, "job.failed", { status: "failed" }));
		await socket.next<JobProgressUpdate>((message) => message.job_id === view.id && message.status === "failed" && message.error_code === "BACKEND_ERROR");
		// Give a stray delivery time to arrive before asserting there was none.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(bystander.messages).toEqual([]);
		socket.ws.close(1000, "done");
		bystander.ws.close(1000, "done");
	});

	it("sends a socket that connects the latest state of each job first", async () => {
		const owner = uniqueOwner();
		const first = await seedJob(owner);
		const second = await seedJob(owner);
		await setGatewayJob({ ...first, status: "running", progress: { percent: 10, step: "a" }, updated_at: "2026-01-01T00:00:10.000Z" });
		await postGpuEvent(gpuEventBody(first.id));
		await setGatewayJob({ ...first, status: "running", progress: { percent: 70, step: "b" }, updated_at: "2026-01-01T00:00:20.000Z" });
		await postGpuEvent(gpuEventBody(first.id));
		await setGatewayJob({ ...second, status: "succeeded", progress: { percent: 100, step: "done" }, updated_at: "2026-01-01T00:00:30.000Z" });
		await postGpuEvent(gpuEventBody(second.id, "job.succeeded", { status: "succeeded" }));

		const socket = await openProgressSocket(await progressToken(owner));
		await socket.next<JobProgressUpdate>((message) => message.job_id === second.id);
		expect(socket.messages).toEqual([
			expect.objectContaining({ job_id: first.id, status: "running", progress: { percent: 70, step: "b" } }),
			expect.objectContaining({ job_id: second.id, status: "succeeded", progress: { percent: 100, step: "done" } }),
		]);
		socket.ws.close(1000, "done");
	});

	it("never moves a socket backwards when an older state is published after a newer one", async () => {
		const owner = uniqueOwner();
		const view = await seedJob(owner);
		const stub = env.JOB_PROGRESS.get(env.JOB_PROGRESS.idFromName(`${owner.type}:${owner.id}`));
		const update = (percent: number, updated_at: string): JobProgressUpdate => ({
			job_id: view.id,
			kind: view.kind,
			status: "running",
			progress: { percent, step: "render" },
			error_code: null,
			updated_at,
		});
		expect(await stub.publish(update(80, "2026-01-01T00:00:20.000Z"))).toEqual({ stored: true, sockets: 0 });
		expect(await stub.publish(update(30, "2026-01-01T00:00:10.000Z"))).toEqual({ stored: false, reason: "stale" });
		expect((await stub.snapshot()).map((entry) => entry.progress.percent)).toEqual([80]);
	});

	it("publishes what reconciliation refreshed", async () => {
		const owner = uniqueOwner();
		const view = jobView({ owner, status: "running" });
		const now = new Date("2030-01-01T00:00:00.000Z");
		await seedMirror(view, new Date(now.getTime() - 11 * 60_000));
		await setGatewayJob({
			...view,
			status: "expired",
			error: { code: "HEARTBEAT_LOST", message: "silent", retryable: false },
			updated_at: "2026-01-01T00:20:00.000Z",
		});
		const socket = await openProgressSocket(await progressToken(owner));
		const _db = getDb(env.DB);
		await reconcileGpuJobs((await testAppDeps()).gpu, now);
		const update = await socket.next<JobProgressUpdate>((message) => message.job_id === view.id);
		expect(update).toMatchObject({ status: "expired", error_code: "HEARTBEAT_LOST" });
		socket.ws.close(1000, "done");
	});

	it("completes the close handshake a browser starts, and caps one owner at 32 sockets", async () => {
		const owner = uniqueOwner();
		const token = await progressToken(owner);
		const stub = env.JOB_PROGRESS.get(env.JOB_PROGRESS.idFromName(`${owner.type}:${owner.id}`));
		const sockets = [];
		for (let i = 0; i < 32; i++) sockets.push(await openProgressSocket(token));
		expect(await stub.openSockets()).toBe(32);
		const refused = await api(`/api/progress/ws?token=${encodeURIComponent(token)}`, { auth: null, headers: { Upgrade: "websocket" } });
		expect(refused.status).toBe(429);
		expect(refused.webSocket).toBeNull();
		expect(await errorCode(refused)).toBe("RATE_LIMITED");

		const [first] = sockets;
		const closed = new Promise<number>((resolve) => first?.ws.addEventListener("close", (event) => resolve(event.code)));
		first?.ws.close(1000, "tab closed");
		// The object answers the close frame, so the browser sees a clean close, not a 1006.
		expect(await closed).toBe(1000);
		expect(await stub.openSockets()).toBe(31);
		expect((await openProgressSocket(token)).ws.readyState).toBe(WebSocket.READY_STATE_OPEN);
		for (const socket of sockets.slice(1)) socket.ws.close(1000, "done");
	});

	it("answers ping with pong (the runtime's auto-response)", async () => {
		const socket = await openProgressSocket(await progressToken(uniqueOwner()));
		const pong = new Promise<string>((resolve) => socket.ws.addEventListener("message", (event) => resolve(String(event.data)), { once: true }));
		// The parsed-JSON recorder would choke on "pong"; read it raw instead.
		socket.ws.send("ping");
		expect(await pong).toBe("pong");
		socket.ws.close(1000, "done");
	});
});

describe("publishing never fails a callback", () => {
	it("updates the mirror and answers the callback when the progress object cannot be reached", async () => {
		const view = await seedJob(uniqueOwner());
		const body = gpuEventBody(view.id);
		const id = `msg_${crypto.randomUUID()}`;
		const timestampS = Math.floor(Date.now() / 1000);
		const unreachable = {
			idFromName(): never {
				throw new Error("Durable Object unavailable");
			},
			get(): never {
				throw new Error("Durable Object unavailable");
			},
		};
		const outcome = await receiveGpuEvent(
			{
				db: getDb(env.DB),
				files: env.FILES,
				gateway: { getJob: async () => ({ ...view, status: "running", updated_at: "2026-01-01T00:00:40.000Z" }) },
				progress: unreachable,
				secret: GPU_SECRET,
				hooks: [],
				now: () => new Date(),
			},
			body,
			{ id, timestamp: String(timestampS), signature: await signWebhook(GPU_SECRET, id, timestampS, body) },
		);
		expect(outcome).toBe("updated");
		expect(await mirrorRow(view.id)).toMatchObject({ status: "running", updated_at: "2026-01-01T00:00:40.000Z" });
	});
});
