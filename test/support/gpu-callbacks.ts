import { mintProgressToken } from "../../src/gpu/progress-token";
import { signWebhook } from "../../src/gpu/webhook-verify";
import type { GpuJobEvent, JobOwner } from "../../src/shared/gpu-jobs";
import { GPU_SECRET } from "./gpu-helpers";
import { api, testAppDeps } from "./helpers";

/** A `job.*` callback body for a job, as the gateway would send it. */
export function gpuEventBody(jobId: string, type: GpuJobEvent["type"] = "job.running", data: Partial<GpuJobEvent["data"]> = {}): string {
	const event: GpuJobEvent = {
		type,
		timestamp: new Date().toISOString(),
		data: { job_id: jobId, status: "running", attempt: 1, progress: { percent: 40, step: "render" }, ...data },
	};
	return JSON.stringify(event);
}

/** Delivers a callback signed with the gateway's secret, as the gateway's outbox does. */
export async function postGpuEvent(body: string, id = `msg_${crypto.randomUUID()}`): Promise<Response> {
	const timestampS = Math.floor(Date.now() / 1000);
	return api("/internal/gpu/events", {
		method: "POST",
		body,
		auth: null,
		headers: {
			"content-type": "application/json",
			"webhook-id": id,
			"webhook-timestamp": String(timestampS),
			"webhook-signature": await signWebhook(GPU_SECRET, id, timestampS, body),
		},
	});
}

/** A job owner no other test uses. */
export function uniqueOwner(type = "order"): JobOwner {
	return { type, id: `own_${crypto.randomUUID()}` };
}

/** A progress token for `owner`, minted as pages mint it. */
export async function progressToken(owner: JobOwner, now = new Date()): Promise<string> {
	return mintProgressToken((await testAppDeps()).keys.progress, owner, now);
}

/** A client WebSocket that records every message it receives, parsed as JSON when it is JSON. */
export type ProgressSocket = {
	ws: WebSocket;
	messages: unknown[];
	/** Resolves with the first message (already received or still to come) matching `match`. */
	next<T>(match: (message: T) => boolean, timeoutMs?: number): Promise<T>;
};

/** Opens the owner's progress WebSocket through the Worker, as a browser would. */
export async function openProgressSocket(token: string): Promise<ProgressSocket> {
	const res = await api(`/api/progress/ws?token=${encodeURIComponent(token)}`, { auth: null, headers: { Upgrade: "websocket" } });
	const ws = res.webSocket;
	if (res.status !== 101 || !ws) throw new Error(`no WebSocket: ${res.status} ${await res.text()}`);
	const messages: unknown[] = [];
	const waiters = new Set<() => unknown>();
	ws.addEventListener("message", (event) => {
		const text = String(event.data);
		try {
			messages.push(JSON.parse(text));
		} catch {
			messages.push(text);
		}
		for (const wake of waiters) wake();
	});
	ws.accept();
	return {
		ws,
		messages,
		next<T>(match: (message: T) => boolean, timeoutMs = 5_000): Promise<T> {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = (messages as T[]).find(match);
					if (found === undefined) return false;
					waiters.delete(check);
					clearTimeout(timer);
					resolve(found);
					return true;
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
				}, timeoutMs);
				if (!check()) waiters.add(check);
			});
		},
	};
}
