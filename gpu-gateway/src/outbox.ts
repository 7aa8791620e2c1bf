import type { JobStore, OutboxRow } from "./store.ts";
import { webhookHeaders } from "./webhooks.ts";

/** Tunables of the delivery loop. */
export type OutboxOptions = {
	secret: string;
	now?: () => number;
	pollMs?: number;
	backoffBaseMs?: number;
	backoffMaxMs?: number;
	requestTimeoutMs?: number;
};

/**
 * Delivers outbox events to each job's callback URL as Standard Webhooks, retrying with
 * exponential backoff until a 2xx. At-least-once: the edge de-duplicates on `webhook-id`.
 */
export class OutboxDelivery {
	private readonly store: JobStore;
	private readonly secret: string;
	private readonly now: () => number;
	private readonly pollMs: number;
	private readonly backoffBaseMs: number;
	private readonly backoffMaxMs: number;
	private readonly requestTimeoutMs: number;
	private timer: NodeJS.Timeout | undefined;
	private running: Promise<void> | undefined;
	private stopping = new AbortController();

	constructor(store: JobStore, options: OutboxOptions) {
		this.store = store;
		this.secret = options.secret;
		this.now = options.now ?? Date.now;
		this.pollMs = options.pollMs ?? 500;
		this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
		this.backoffMaxMs = options.backoffMaxMs ?? 300_000;
		this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
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
	 * Delivers due events in order per job: an event waiting for its retry holds back the
	 * job's later events, so the edge never sees `running` before `queued`.
	 */
	async deliverDue(): Promise<void> {
		const blocked = new Set<string>();
		for (const event of this.store.pendingEvents(200)) {
			if (this.stopping.signal.aborted) return;
			if (blocked.has(event.job_id)) continue;
			if (event.next_attempt_at > this.now()) {
				blocked.add(event.job_id);
				continue;
			}
			const error = await this.send(event);
			if (error === undefined) {
				this.store.markDelivered(event.id, this.now());
			} else {
				blocked.add(event.job_id);
				const delay = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.min(event.attempts, 20));
				this.store.markDeliveryFailed(event.id, this.now() + delay, error);
			}
		}
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
