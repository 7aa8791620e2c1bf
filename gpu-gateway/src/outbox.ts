import { uploadArtifact } from "./edge/artifact-upload.ts";
import { workerOrigin } from "./edge/edge-auth.ts";
import type { JobStore, OutboxRow } from "./store.ts";
import { webhookHeaders } from "./webhooks.ts";

/** Tunables of the delivery loop. */
export type OutboxOptions = {
	/** Signs the webhooks. */
	secret: string;
	/** Signs the bearer tokens of artifact uploads (GPU_GATEWAY_SECRET, which the Worker verifies them with). */
	tokenSecret: string;
	now?: () => number;
	pollMs?: number;
	backoffBaseMs?: number;
	backoffMaxMs?: number;
	requestTimeoutMs?: number;
	/** Per artifact upload; larger than an event's, since artifacts run to tens of MB. */
	uploadTimeoutMs?: number;
	/** Jobs whose events are delivered at the same time (each job's own events stay in order). */
	concurrency?: number;
};

/**
 * Delivers outbox events to each job's callback URL as Standard Webhooks, retrying with
 * exponential backoff until a 2xx. At-least-once: the edge de-duplicates on `webhook-id`.
 * Before a `job.succeeded` event goes out, the job's artifacts are uploaded to the Worker, so
 * the edge never hears of a result it cannot read; a failed upload is a failed delivery.
 */
export class OutboxDelivery {
	private readonly store: JobStore;
	private readonly secret: string;
	private readonly tokenSecret: string;
	private readonly now: () => number;
	private readonly pollMs: number;
	private readonly backoffBaseMs: number;
	private readonly backoffMaxMs: number;
	private readonly requestTimeoutMs: number;
	private readonly uploadTimeoutMs: number;
	private readonly concurrency: number;
	private timer: NodeJS.Timeout | undefined;
	private running: Promise<void> | undefined;
	private stopping = new AbortController();

	constructor(store: JobStore, options: OutboxOptions) {
		this.store = store;
		this.secret = options.secret;
		this.tokenSecret = options.tokenSecret;
		this.now = options.now ?? Date.now;
		this.pollMs = options.pollMs ?? 500;
		this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
		this.backoffMaxMs = options.backoffMaxMs ?? 300_000;
		this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
		this.uploadTimeoutMs = options.uploadTimeoutMs ?? 120_000;
		this.concurrency = options.concurrency ?? 8;
	}

	/** Starts polling the outbox. */
	start(): void {
		this.stopping = new AbortController();
		this.timer = setInterval(() => this.poll(), this.pollMs);
	}

	/** Stops polling and waits for the request in flight (no new ones start). */
	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		this.stopping.abort();
		await this.running;
	}

	private poll(): void {
		if (this.running) return;
		this.running = this.deliverDue().finally(() => {
			this.running = undefined;
		});
	}

	/**
	 * Delivers due events, up to {@link OutboxOptions.concurrency} jobs at a time, so one slow
	 * receiver or large upload does not hold up every other job. Within a job they go in order,
	 * one at a time: an event waiting for its retry holds back the job's later events, so the
	 * edge never sees `running` before `queued`.
	 */
	async deliverDue(): Promise<void> {
		const lanes = new Map<string, OutboxRow[]>();
		for (const event of this.store.pendingEvents(500, 20)) {
			const lane = lanes.get(event.job_id);
			if (lane) lane.push(event);
			else lanes.set(event.job_id, [event]);
		}
		const waiting = [...lanes.values()];
		const worker = async () => {
			for (let lane = waiting.shift(); lane; lane = waiting.shift()) await this.deliverLane(lane);
		};
		await Promise.all(Array.from({ length: Math.min(this.concurrency, waiting.length) }, worker));
	}

	/** Delivers one job's due events in order, stopping at the first that is not due or fails. */
	private async deliverLane(events: OutboxRow[]): Promise<void> {
		for (const event of events) {
			if (this.stopping.signal.aborted || event.next_attempt_at > this.now()) return;
			const error = (event.type === "job.succeeded" ? await this.uploadArtifacts(event) : undefined) ?? (await this.send(event));
			if (error !== undefined) {
				const delay = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.min(event.attempts, 20));
				this.store.markDeliveryFailed(event.id, this.now() + delay, error);
				return;
			}
			this.store.markDelivered(event.id, this.now());
		}
	}

	/**
	 * Uploads the artifacts of the event's job that the Worker has not accepted yet, each marked
	 * as it lands, so a retry or a restart resumes where it stopped. Returns why one failed.
	 */
	private async uploadArtifacts(event: OutboxRow): Promise<string | undefined> {
		const origin = workerOrigin(event.callback_url);
		for (const artifact of this.store.listArtifacts(event.job_id)) {
			if (artifact.uploaded_at !== null) continue;
			if (this.stopping.signal.aborted) return "gateway shutting down";
			// Unlike an event, an upload may be cut short by shutdown: sending the same bytes again is harmless.
			const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.uploadTimeoutMs)]);
			const error = await uploadArtifact(artifact, { origin, secret: this.tokenSecret, nowMs: this.now(), signal });
			if (error !== undefined) return `upload of ${artifact.name}: ${error}`;
			this.store.markArtifactUploaded(artifact.job_id, artifact.name, artifact.sha256, this.now());
		}
		return undefined;
	}

	/** POSTs one event; returns why it failed, or undefined on a 2xx. */
	private async send(event: OutboxRow): Promise<string | undefined> {
		// Signed per attempt: the timestamp must be fresh for the edge's ±5 min window.
		const headers = webhookHeaders(this.secret, event.id, Math.floor(this.now() / 1000), event.body);
		try {
			const res = await fetch(event.callback_url, {
				method: "POST",
				headers,
				body: event.body,
				// Not tied to shutdown: aborting a request the receiver already handled would only cause a duplicate.
				signal: AbortSignal.timeout(this.requestTimeoutMs),
			});
			await res.body?.cancel();
			return res.ok ? undefined : `HTTP ${res.status}`;
		} catch (err) {
			return err instanceof Error ? err.message : String(err);
		}
	}
}
