import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type GpuJobError, type GpuJobEventType, type GpuJobStatus, isTerminalStatus } from "../../src/shared/gpu-jobs.ts";
import { deleteArtifactFiles, writeArtifact } from "./artifact-files.ts";
import { BackendError, type BackendJob, type GpuBackend } from "./backends/types.ts";
import { workerOrigin } from "./edge/edge-auth.ts";
import { appendJobEvent } from "./events.ts";
import { sha256Hex } from "./hash.ts";
import { type InputSources, loadInputFile } from "./inputs/load-input.ts";
import type { HostResolver } from "./inputs/url-policy.ts";
import type { ArtifactRow, JobPatch, JobRow, JobStore } from "./store.ts";

/** Tunables; tests shrink the intervals, production keeps the defaults. */
export type RunnerOptions = {
	dataDir: string;
	/** Signs the tokens of input reads from the Worker (GPU_GATEWAY_SECRET). */
	tokenSecret: string;
	/** GPU_GATEWAY_ALLOW_PRIVATE_INPUTS: input URLs may be `http:` and private hosts (local development only). */
	allowPrivateInputs?: boolean;
	/** DNS for the input SSRF guard (tests play DNS with it). */
	resolver?: HostResolver;
	now?: () => number;
	pollMs?: number;
	watchdogMs?: number;
	backoffBaseMs?: number;
	backoffMaxMs?: number;
	/** An attempt with no progress for this long is presumed dead. */
	silentMs?: number;
	/** Running jobs emit a heartbeat event at least this often. */
	heartbeatMs?: number;
	/** Progress events per job are coalesced to at most one per this interval. */
	progressEventMs?: number;
	concurrency?: number;
};

type ActiveAttempt = {
	attempt: number;
	controller: AbortController;
	startedAt: number;
	lastBeatAt: number;
	lastEventAt: number;
	/** Set by whoever aborts; the attempt's own outcome is then ignored. */
	abortedBy?: "cancel" | "watchdog" | "deadline" | "shutdown";
	done: Promise<void>;
};

const ACTIVE: readonly GpuJobStatus[] = ["starting", "running"];
const WAITING: readonly GpuJobStatus[] = ["queued", "retrying"];
const LIVE: readonly GpuJobStatus[] = [...WAITING, ...ACTIVE];

function errorJson(code: string, message: string, retryable: boolean): string {
	const error: GpuJobError = { code, message: message.slice(0, 500), retryable };
	return JSON.stringify(error);
}

/** Reads any thrown value as a job error; unknown failures count as retryable (likely transient). */
function classify(err: unknown): GpuJobError {
	if (err instanceof BackendError) return { code: err.code, message: err.message, retryable: err.retryable };
	return { code: "BACKEND_ERROR", message: err instanceof Error ? err.message : String(err), retryable: true };
}

/**
 * The job state machine: queued → starting → running → succeeded | failed | canceled | expired,
 * with `retrying` between attempts. Every move is a conditional UPDATE plus an outbox event in
 * one transaction, so the database alone says where each job is and a restart can resume.
 */
export class JobRunner {
	private readonly store: JobStore;
	private readonly backends: Map<string, GpuBackend>;
	private readonly dataDir: string;
	private readonly now: () => number;
	private readonly opts: Required<Omit<RunnerOptions, "dataDir" | "now" | "tokenSecret" | "allowPrivateInputs" | "resolver">>;
	private readonly tokenSecret: string;
	/** Input sources shared by every job; each attempt adds its job's Worker. */
	private readonly inputs: Omit<InputSources, "worker">;
	private readonly active = new Map<string, ActiveAttempt>();
	private timers: NodeJS.Timeout[] = [];
	private stopped = true;

	constructor(store: JobStore, backends: readonly GpuBackend[], options: RunnerOptions) {
		this.store = store;
		this.backends = new Map();
		for (const backend of backends) for (const kind of backend.kinds) if (!this.backends.has(kind)) this.backends.set(kind, backend);
		this.dataDir = options.dataDir;
		this.now = options.now ?? Date.now;
		this.tokenSecret = options.tokenSecret;
		this.inputs = {
			mirrorDir: join(options.dataDir, "r2"),
			allowPrivateUrls: options.allowPrivateInputs ?? false,
			now: this.now,
			resolver: options.resolver,
		};
		this.opts = {
			pollMs: options.pollMs ?? 250,
			watchdogMs: options.watchdogMs ?? 1_000,
			backoffBaseMs: options.backoffBaseMs ?? 2_000,
			backoffMaxMs: options.backoffMaxMs ?? 60_000,
			silentMs: options.silentMs ?? 120_000,
			heartbeatMs: options.heartbeatMs ?? 30_000,
			progressEventMs: options.progressEventMs ?? 1_000,
			concurrency: options.concurrency ?? 2,
		};
	}

	/** True when some backend runs this kind. */
	supports(kind: string): boolean {
		return this.backends.has(kind);
	}

	/** Resumes interrupted jobs, then starts the scheduler and the watchdog. */
	start(): void {
		this.stopped = false;
		this.recoverInterrupted();
		this.timers.push(setInterval(() => this.tick(), this.opts.pollMs));
		this.timers.push(setInterval(() => this.watchdog(), this.opts.watchdogMs));
		this.tick();
	}

	/**
	 * Stops scheduling and aborts running attempts without recording an outcome: the rows stay
	 * `starting`/`running`, which is exactly what the next process resumes from.
	 */
	async stop(): Promise<void> {
		this.stopped = true;
		for (const t of this.timers) clearInterval(t);
		this.timers = [];
		const pending: Promise<void>[] = [];
		for (const entry of this.active.values()) {
			entry.abortedBy ??= "shutdown";
			entry.controller.abort(new Error("gateway shutting down"));
			pending.push(entry.done);
		}
		await Promise.allSettled(pending);
	}

	/** Schedules now rather than at the next poll (after a create). */
	kick(): void {
		if (!this.stopped) setImmediate(() => this.tick());
	}

	/** Cancels a live job; returns the row after the change, or the row as is when already final. */
	cancel(jobId: string): JobRow | undefined {
		const now = this.now();
		const job = this.store.getJob(jobId);
		if (!job || isTerminalStatus(job.status)) return job;
		const entry = this.active.get(jobId);
		if (entry) entry.abortedBy = "cancel";
		const row = this.move(job, LIVE, { status: "canceled", error_json: errorJson("CANCELED", "canceled by request", false) }, "job.canceled", now, "canceled");
		entry?.controller.abort(new Error("canceled"));
		return row ?? this.store.getJob(jobId);
	}

	/** Purges a finished job's input and artifacts; false when the job is still live. */
	async purge(jobId: string): Promise<boolean> {
		const job = this.store.getJob(jobId);
		if (!job || !isTerminalStatus(job.status)) return false;
		await deleteArtifactFiles(this.dataDir, jobId);
		this.store.transaction(() => {
			this.store.deleteArtifacts(jobId);
			this.store.updateJob(jobId, [job.status], { input_json: null, purged_at: this.now(), updated_at: this.now() });
		});
		return true;
	}

	/**
	 * One transition with its event, atomically. When `attemptOutcome` is given the current
	 * attempt row is closed in the same transaction.
	 */
	private move(job: JobRow, from: readonly GpuJobStatus[], patch: JobPatch, event: GpuJobEventType, now: number, attemptOutcome?: string): JobRow | undefined {
		return this.store.transaction(() => {
			const row = this.store.updateJob(job.id, from, { ...patch, updated_at: now }, job.attempt);
			if (!row) return undefined;
			if (attemptOutcome && job.attempt > 0 && ACTIVE.includes(job.status))
				this.store.finishAttempt(job.id, job.attempt, attemptOutcome, patch.error_json ?? null, now);
			appendJobEvent(this.store, row, event, now);
			return row;
		});
	}

	/** A restarted process owns no attempt: give each interrupted job a new one, or end it per its clocks. */
	private recoverInterrupted(): void {
		const now = this.now();
		for (const job of this.store.listByStatus(ACTIVE)) {
			if (this.active.has(job.id)) continue;
			this.failAttempt(job, { code: "GATEWAY_RESTARTED", message: "the gateway restarted during this attempt", retryable: true }, "expired", now, 0);
		}
	}

	/** Scheduler: enforces queue TTL and deadline, then starts due jobs up to the concurrency limit. */
	private tick(): void {
		if (this.stopped) return;
		const now = this.now();
		for (const job of this.store.listByStatus(LIVE)) {
			if (now >= job.deadline_at) {
				const entry = this.active.get(job.id);
				if (entry) entry.abortedBy = "deadline";
				this.move(
					job,
					LIVE,
					{ status: "expired", error_json: errorJson("DEADLINE_EXCEEDED", "the job's overall deadline passed", false) },
					"job.expired",
					now,
					"expired",
				);
				entry?.controller.abort(new Error("deadline"));
			} else if (job.status === "queued" && job.attempt === 0 && now >= job.queue_ttl_at) {
				this.move(
					job,
					["queued"],
					{ status: "expired", error_json: errorJson("QUEUE_TTL_EXCEEDED", "no attempt started before the queue TTL", false) },
					"job.expired",
					now,
				);
			}
		}
		for (const job of this.store.listByStatus(WAITING)) {
			if (this.active.size >= this.opts.concurrency) break;
			if (job.next_attempt_at <= now && !this.active.has(job.id)) this.launch(job, now);
		}
	}

	/** Watchdog: ends attempts past their run timeout or silent for too long; emits heartbeats. */
	private watchdog(): void {
		if (this.stopped) return;
		const now = this.now();
		for (const [jobId, entry] of this.active) {
			const job = this.store.getJob(jobId);
			if (!job || entry.abortedBy) continue;
			const overdue = now - entry.startedAt >= job.run_timeout_ms;
			const silent = now - entry.lastBeatAt >= this.opts.silentMs;
			if (overdue || silent) {
				entry.abortedBy = "watchdog";
				entry.controller.abort(new Error("watchdog"));
				const error = overdue
					? { code: "RUN_TIMEOUT", message: `attempt ${entry.attempt} exceeded ${job.run_timeout_ms} ms`, retryable: true }
					: { code: "HEARTBEAT_LOST", message: `attempt ${entry.attempt} silent for ${this.opts.silentMs} ms`, retryable: true };
				this.failAttempt(job, error, "expired", now, 0);
			} else if (job.status === "running" && now - entry.lastEventAt >= this.opts.heartbeatMs) {
				entry.lastEventAt = now;
				this.store.transaction(() => appendJobEvent(this.store, job, "job.heartbeat", now));
			}
		}
	}

	/**
	 * Ends the current attempt with `error`: retry with exponential backoff when retryable,
	 * attempts remain and the deadline allows; otherwise the job ends as `exhausted`
	 * (`failed` for errors, `expired` for clocks).
	 */
	private failAttempt(job: JobRow, error: GpuJobError, exhausted: "failed" | "expired", now: number, extraDelayMs: number): void {
		const backoff = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** Math.max(0, job.attempt - 1)) + extraDelayMs;
		const json = JSON.stringify(error);
		const outcome = error.code === "RUN_TIMEOUT" || error.code === "HEARTBEAT_LOST" ? "timed_out" : "failed";
		if (error.retryable && job.attempt < job.max_attempts && now + backoff < job.deadline_at) {
			this.move(job, ACTIVE, { status: "retrying", error_json: json, next_attempt_at: now + backoff, progress_step: "retrying" }, "job.retrying", now, outcome);
			return;
		}
		const final = error.code === "RUN_TIMEOUT" || error.code === "HEARTBEAT_LOST" ? exhausted : "failed";
		this.move(job, ACTIVE, { status: final, error_json: json }, final === "expired" ? "job.expired" : "job.failed", now, outcome);
	}

	private launch(job: JobRow, now: number): void {
		const attempt = job.attempt + 1;
		const started = this.store.transaction(() => {
			const row = this.store.updateJob(job.id, WAITING, { status: "starting", attempt, progress_step: "starting", updated_at: now }, job.attempt);
			if (!row) return undefined;
			this.store.insertAttempt(job.id, attempt, now);
			appendJobEvent(this.store, row, "job.starting", now);
			return row;
		});
		if (!started) return;
		const entry: ActiveAttempt = { attempt, controller: new AbortController(), startedAt: now, lastBeatAt: now, lastEventAt: now, done: Promise.resolve() };
		this.active.set(job.id, entry);
		entry.done = this.execute(started, entry).finally(() => {
			if (this.active.get(job.id) === entry) this.active.delete(job.id);
			this.kick();
		});
	}

	private async execute(job: JobRow, entry: ActiveAttempt): Promise<void> {
		const backend = this.backends.get(job.kind);
		if (!backend || job.input_json === null) {
			this.failAttempt(job, { code: "UNSUPPORTED_KIND", message: `no backend runs ${job.kind}`, retryable: false }, "failed", this.now(), 0);
			return;
		}
		const running = this.move(job, ["starting"], { status: "running", progress_step: "running" }, "job.running", this.now());
		if (!running) return;
		const request: BackendJob = { id: job.id, attempt: entry.attempt, ...JSON.parse(job.input_json) };
		const sources: InputSources = {
			...this.inputs,
			worker: job.callback_url === null ? undefined : { origin: workerOrigin(job.callback_url), secret: this.tokenSecret },
		};
		try {
			const result = await backend.run(request, {
				signal: entry.controller.signal,
				progress: (percent, step) => this.recordProgress(job.id, entry, percent, step),
				readArtifact: (jobId, name, sha256) => this.readArtifact(jobId, name, sha256),
				loadInput: (file) => loadInputFile(file, sources, entry.controller.signal),
			});
			if (entry.abortedBy || this.stopped) return;
			const rows: ArtifactRow[] = [];
			for (const artifact of result.artifacts) rows.push(await writeArtifact(this.dataDir, job.id, artifact.name, artifact.contentType, artifact.bytes));
			if (entry.abortedBy || this.stopped) return;
			const current = this.store.getJob(job.id);
			if (!current) return;
			this.store.transaction(() => {
				for (const row of rows) this.store.insertArtifact(row);
				this.move(
					current,
					["running"],
					{ status: "succeeded", progress_percent: 100, progress_step: "done", error_json: null },
					"job.succeeded",
					this.now(),
					"succeeded",
				);
			});
		} catch (err) {
			if (entry.abortedBy || this.stopped) return;
			const current = this.store.getJob(job.id);
			if (current) this.failAttempt(current, classify(err), "failed", this.now(), 0);
		}
	}

	private recordProgress(jobId: string, entry: ActiveAttempt, percent: number, step: string): void {
		if (entry.abortedBy || this.stopped) return;
		const now = this.now();
		entry.lastBeatAt = now;
		const job = this.store.getJob(jobId);
		if (!job) return;
		const clamped = Math.max(0, Math.min(99, percent));
		// Progress is always persisted; the event is coalesced so a chatty backend cannot flood the edge.
		const emit = now - job.last_progress_event_at >= this.opts.progressEventMs;
		this.store.transaction(() => {
			const row = this.store.updateJob(
				jobId,
				["running"],
				{ progress_percent: clamped, progress_step: step, updated_at: now, last_progress_event_at: emit ? now : undefined },
				entry.attempt,
			);
			if (row && emit) {
				entry.lastEventAt = now;
				appendJobEvent(this.store, row, "job.progress", now);
			}
		});
	}

	private async readArtifact(jobId: string, name: string, sha256: string): Promise<Uint8Array> {
		const row = this.store.listArtifacts(jobId).find((a) => a.name === name);
		if (!row) throw new BackendError("MODEL_MISSING", `artifact ${name} of job ${jobId} not found`, false);
		const bytes = new Uint8Array(await readFile(row.path));
		if (sha256Hex(bytes) !== sha256) throw new BackendError("MODEL_DIGEST_MISMATCH", "model artifact does not match its sha256", false);
		return bytes;
	}
}
