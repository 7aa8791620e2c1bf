import { z } from "zod";
import { BackendError } from "../types.ts";
import type { ModelRef, TrainerRef } from "./config.ts";

/**
 * A prediction or a training as Replicate's HTTP API returns it (and as its webhooks post it).
 * Only the fields the gateway reads are kept; the rest is dropped.
 */
export const ReplicateTask = z.object({
	id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
	status: z.string(),
	output: z.unknown().optional(),
	error: z.unknown().optional(),
	logs: z.string().nullish(),
	version: z.string().nullish(),
});
export type ReplicateTask = z.infer<typeof ReplicateTask>;

/** Predictions and trainings share their shape and their `get`/`cancel` routes. */
export type TaskKind = "predictions" | "trainings";

/** Statuses after which a task never changes (`aborted`: terminated before it started). */
export const TERMINAL_TASK_STATUSES: ReadonlySet<string> = new Set(["succeeded", "failed", "canceled", "aborted"]);

/** A file uploaded through the Files API, usable as a model input by its URL. */
const UploadedFile = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/), urls: z.object({ get: z.url() }) });
export type UploadedFile = z.infer<typeof UploadedFile>;

/** The problem-details body Replicate sends with a 4xx/5xx. */
const Problem = z.object({ title: z.string().optional(), detail: z.unknown().optional() });

/**
 * Reads an HTTP failure as a job error: credentials, missing models and rejected input will not
 * heal by retrying; rate limits and server errors might.
 */
function httpError(status: number, what: string, detail: string): BackendError {
	const message = `replicate ${what} answered ${status}${detail ? `: ${detail}` : ""}`.slice(0, 400);
	if (status === 401 || status === 403) return new BackendError("PROVIDER_UNAUTHORIZED", message, false);
	if (status === 404) return new BackendError("PROVIDER_NOT_FOUND", message, false);
	if (status === 422) return new BackendError("PROVIDER_INVALID_INPUT", message, false);
	if (status === 429) return new BackendError("PROVIDER_RATE_LIMITED", message, true);
	if (status >= 500 || status === 408) return new BackendError("PROVIDER_UNAVAILABLE", message, true);
	return new BackendError("PROVIDER_REJECTED", message, false);
}

async function problemDetail(res: Response): Promise<string> {
	const text = await res.text().catch(() => "");
	try {
		const problem = Problem.parse(JSON.parse(text));
		return typeof problem.detail === "string" ? problem.detail : (problem.title ?? "");
	} catch {
		return text.slice(0, 200);
	}
}

/** A thin client for the parts of Replicate's HTTP API the gateway uses; every call is bounded in time. */
export class ReplicateApi {
	private readonly apiBase: string;
	private readonly apiToken: string;
	private readonly timeoutMs: number;

	constructor(apiBase: string, apiToken: string, timeoutMs: number) {
		this.apiBase = apiBase;
		this.apiToken = apiToken;
		this.timeoutMs = timeoutMs;
	}

	/** `POST /v1/models/{owner}/{name}/predictions` for a model, `POST /v1/predictions` for a pinned version. */
	async createPrediction(model: ModelRef, input: Record<string, unknown>, webhook: string | undefined, signal: AbortSignal): Promise<ReplicateTask> {
		const path = model.kind === "model" ? `/v1/models/${enc(model.owner)}/${enc(model.name)}/predictions` : "/v1/predictions";
		const body = { ...(model.kind === "version" ? { version: model.version } : {}), input, ...webhookFields(webhook) };
		return this.call(ReplicateTask, "POST", path, body, "create prediction", signal);
	}

	/** `POST /v1/models/{owner}/{name}/versions/{version}/trainings`, pushing the result to `destination`. */
	async createTraining(
		trainer: TrainerRef,
		destination: string,
		input: Record<string, unknown>,
		webhook: string | undefined,
		signal: AbortSignal,
	): Promise<ReplicateTask> {
		const path = `/v1/models/${enc(trainer.owner)}/${enc(trainer.name)}/versions/${enc(trainer.version)}/trainings`;
		return this.call(ReplicateTask, "POST", path, { destination, input, ...webhookFields(webhook) }, "create training", signal);
	}

	/** `GET /v1/{predictions|trainings}/{id}`: the source of truth about a task. */
	async getTask(kind: TaskKind, id: string, signal: AbortSignal): Promise<ReplicateTask> {
		return this.call(ReplicateTask, "GET", `/v1/${kind}/${enc(id)}`, undefined, `get ${kind}`, signal);
	}

	/** `POST /v1/{predictions|trainings}/{id}/cancel`. */
	async cancelTask(kind: TaskKind, id: string, signal: AbortSignal): Promise<void> {
		await this.call(z.unknown(), "POST", `/v1/${kind}/${enc(id)}/cancel`, undefined, `cancel ${kind}`, signal);
	}

	/** `POST /v1/files` (multipart `content`): hands Replicate an input it can fetch by URL. */
	async uploadFile(bytes: Uint8Array, filename: string, contentType: string, signal: AbortSignal): Promise<UploadedFile> {
		const form = new FormData();
		form.append("content", new Blob([bytes], { type: contentType }), filename);
		form.append("metadata", new Blob([JSON.stringify({ source: "edge-factory-gpu-gateway" })], { type: "application/json" }));
		return this.call(UploadedFile, "POST", "/v1/files", form, "upload file", signal);
	}

	/** `DELETE /v1/files/{id}`: inputs are not left on the provider longer than needed. */
	async deleteFile(id: string, signal: AbortSignal): Promise<void> {
		await this.call(z.unknown(), "DELETE", `/v1/files/${enc(id)}`, undefined, "delete file", signal);
	}

	/** Whether a URL is on the API's own origin, the only place our token may be sent. */
	isApiOrigin(url: URL): boolean {
		return url.origin === new URL(this.apiBase).origin;
	}

	/** The bearer header, for downloads from the API's own origin. */
	authorization(): string {
		return `Bearer ${this.apiToken}`;
	}

	private async call<T>(schema: z.ZodType<T>, method: string, path: string, body: unknown, what: string, signal: AbortSignal): Promise<T> {
		const headers: Record<string, string> = { authorization: this.authorization(), "user-agent": "edge-factory-gpu-gateway" };
		let payload: FormData | string | undefined;
		if (body instanceof FormData) payload = body;
		else if (body !== undefined) {
			headers["content-type"] = "application/json";
			payload = JSON.stringify(body);
		}
		let res: Response;
		try {
			res = await fetch(`${this.apiBase}${path}`, { method, headers, body: payload, signal: AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]) });
		} catch (err) {
			signal.throwIfAborted();
			throw new BackendError("PROVIDER_UNAVAILABLE", `replicate ${what} failed: ${err instanceof Error ? err.message : String(err)}`, true);
		}
		if (!res.ok) throw httpError(res.status, what, await problemDetail(res));
		// A 2xx we cannot read is the provider misbehaving, not our request being wrong.
		const value: unknown = res.status === 204 ? null : await res.json().catch(() => undefined);
		const parsed = schema.safeParse(value);
		if (!parsed.success) throw new BackendError("PROVIDER_UNAVAILABLE", `replicate ${what} sent a malformed body`, true);
		return parsed.data;
	}
}

function enc(segment: string): string {
	return encodeURIComponent(segment);
}

/** Webhook fields of a create body: the completed event wakes the waiting attempt, `start` and `logs` refresh progress. */
function webhookFields(webhook: string | undefined): Record<string, unknown> {
	return webhook ? { webhook, webhook_events_filter: ["start", "logs", "completed"] } : {};
}
