import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyGatewayToken } from "../../../gpu-gateway/src/auth.ts";
import { CreateJobRequest, type GpuJobView, isTerminalStatus } from "../../../src/shared/gpu-jobs.ts";

/**
 * A fake of the gpu-gateway's jobs API, behind the gateway's own token verifier (so the
 * Worker's tokens are checked for real): `GET /v1/jobs/:id` answers the view a test stored;
 * `POST /v1/jobs` creates a queued job (Idempotency-Key required: same key and body → 200 with
 * the stored job, other body → 409, bad body → 400, as the gateway does); `POST
 * /v1/jobs/:id/cancel` and `DELETE /v1/jobs/:id/data` follow the gateway's rules.
 * `GET /healthz` answers like the gateway's, media tools ready.
 * Test control: `PUT /__control/jobs/:id` stores a view; `PUT /__control/down/:id` makes that
 * job's calls fail with 503, as an unreachable gateway would, until `DELETE /__control/down/:id`; `GET /__control/requests` lists
 * the authorised `/v1` calls received (method, path, idempotency key, body).
 */

/** The running fake. */
export type FakeGpuGateway = { url: string; close: () => Promise<void> };

/** One authorised `/v1` call, as `GET /__control/requests` lists it. */
export type FakeGatewayRequest = { method: string; path: string; idempotency_key: string | null; body: unknown };

function parseJson(text: string): unknown {
	try {
		return text ? JSON.parse(text) : null;
	} catch {
		return text;
	}
}

/** A freshly queued job for a validated request, shaped like the gateway's view. */
function queuedView(request: CreateJobRequest): GpuJobView {
	const now = new Date().toISOString();
	return {
		id: `job_${crypto.randomUUID().replaceAll("-", "")}`,
		kind: request.kind,
		status: "queued",
		owner: request.owner,
		attempt: 0,
		max_attempts: 3,
		progress: { percent: 0, step: "" },
		error: null,
		artifacts: [],
		created_at: now,
		updated_at: now,
		deadlines: { queue_ttl_at: now, run_timeout_ms: 60_000, deadline_at: now },
	};
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString("utf8");
}

/** Starts the fake on `port` (0 for any free port), verifying tokens with `secret`. */
export async function startFakeGpuGateway(secret: string, port = 0): Promise<FakeGpuGateway> {
	const jobs = new Map<string, GpuJobView>();
	const down = new Set<string>();
	const byKey = new Map<string, { body: string; id: string }>();
	const requests: FakeGatewayRequest[] = [];
	const server: Server = createServer(async (req, res) => {
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { "content-type": "application/json" });
			res.end(JSON.stringify(body));
		};
		const path = new URL(req.url ?? "/", "http://fake").pathname;
		const control = /^\/__control\/(jobs|down)\/([^/]+)$/.exec(path);
		if (path === "/__control/requests" && req.method === "GET") return send(200, requests);
		// The real gateway's open health check, on a machine with the media tools installed.
		if (path === "/healthz" && req.method === "GET")
			return send(200, { ok: true, media: { ready: true, missing: [], install: "apt-get install -y ffmpeg espeak-ng fonts-noto-cjk" } });
		if (control && req.method === "PUT") {
			const id = decodeURIComponent(control[2] ?? "");
			if (control[1] === "down") down.add(id);
			else jobs.set(id, JSON.parse(await readBody(req)) as GpuJobView);
			return send(204, {});
		}
		if (control?.[1] === "down" && req.method === "DELETE") {
			down.delete(decodeURIComponent(control[2] ?? ""));
			return send(204, {});
		}
		const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
		const refused = token === undefined ? "missing token" : verifyGatewayToken(secret, token);
		if (refused) return send(401, { error: { code: "UNAUTHORIZED", message: refused } });
		const raw = await readBody(req);
		const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
		const body = parseJson(raw);
		requests.push({ method: req.method ?? "", path, idempotency_key: key, body });
		if (path === "/v1/jobs" && req.method === "POST") {
			if (!key) return send(400, { error: { code: "VALIDATION_FAILED", message: "Idempotency-Key required" } });
			const seen = byKey.get(key);
			if (seen) return seen.body === raw ? send(200, jobs.get(seen.id)) : send(409, { error: { code: "CONFLICT", message: "key reused" } });
			const parsed = CreateJobRequest.safeParse(body);
			if (!parsed.success) return send(400, { error: { code: "VALIDATION_FAILED", message: parsed.error.message } });
			const view = queuedView(parsed.data);
			jobs.set(view.id, view);
			byKey.set(key, { body: raw, id: view.id });
			return send(201, view);
		}
		const job = /^\/v1\/jobs\/([^/]+)(\/cancel|\/data)?$/.exec(path);
		if (job) {
			const id = decodeURIComponent(job[1] ?? "");
			if (down.has(id)) return send(503, { error: { code: "UNAVAILABLE", message: "down" } });
			const view = jobs.get(id);
			if (!view) return send(404, { error: { code: "NOT_FOUND", message: "no such job" } });
			const action = `${req.method} ${job[2] ?? ""}`;
			if (action === "GET ") return send(200, view);
			const updated_at = new Date().toISOString();
			if (action === "POST /cancel") {
				if (isTerminalStatus(view.status) && view.status !== "canceled") return send(409, { error: { code: "JOB_FINISHED", message: "job already ended" } });
				const canceled: GpuJobView = { ...view, status: "canceled", updated_at };
				jobs.set(id, canceled);
				return send(200, canceled);
			}
			if (action === "DELETE /data") {
				if (!isTerminalStatus(view.status)) return send(409, { error: { code: "JOB_ACTIVE", message: "job still live" } });
				const purged: GpuJobView = { ...view, artifacts: [], updated_at };
				jobs.set(id, purged);
				return send(200, purged);
			}
		}
		return send(404, { error: { code: "NOT_FOUND", message: "no route" } });
	});
	await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
	const { port: bound } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${bound}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
