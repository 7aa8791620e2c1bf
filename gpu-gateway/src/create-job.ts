import type { CreateJobRequest, GpuJobKind } from "../../src/shared/gpu-jobs.ts";
import { AppError } from "./errors.ts";
import { appendJobEvent } from "./events.ts";
import { newId } from "./hash.ts";
import type { JobRow, JobStore } from "./store.ts";

/** Default clocks per kind (ms): training is long, inference short. */
const DEFAULT_CLOCKS: Record<GpuJobKind, { queue_ttl_ms: number; run_timeout_ms: number; deadline_ms: number }> = {
	"lora.train": { queue_ttl_ms: 3_600_000, run_timeout_ms: 1_800_000, deadline_ms: 10_800_000 },
	"image.generate": { queue_ttl_ms: 600_000, run_timeout_ms: 120_000, deadline_ms: 1_800_000 },
	"portrait.generate": { queue_ttl_ms: 600_000, run_timeout_ms: 120_000, deadline_ms: 1_800_000 },
	"llm.text": { queue_ttl_ms: 600_000, run_timeout_ms: 120_000, deadline_ms: 900_000 },
	"tts.speak": { queue_ttl_ms: 600_000, run_timeout_ms: 180_000, deadline_ms: 1_200_000 },
	// Encoding a minute of 1080p on two CPU cores can take minutes.
	"video.compose": { queue_ttl_ms: 900_000, run_timeout_ms: 600_000, deadline_ms: 2_700_000 },
};

/** Retryable failures get this many attempts in all. */
export const MAX_ATTEMPTS = 3;

/**
 * Creates a job, idempotently: the same key with the same body returns the stored job
 * (`created: false`); the same key with another body is a 409. Runs synchronously against
 * SQLite, so no other request can slip between the lookup and the insert.
 */
export function createJob(store: JobStore, key: string, request: CreateJobRequest, bodySha256: string, now: number): { job: JobRow; created: boolean } {
	const existing = store.findByIdempotencyKey(key);
	if (existing) {
		if (existing.body_sha256 !== bodySha256) throw new AppError(409, "CONFLICT", "this Idempotency-Key was used with a different body");
		return { job: existing, created: false };
	}
	const defaults = DEFAULT_CLOCKS[request.kind];
	const clocks = { ...defaults, ...request.clocks };
	const job: JobRow = {
		id: newId("job"),
		kind: request.kind,
		status: "queued",
		owner_type: request.owner.type,
		owner_id: request.owner.id,
		input_json: JSON.stringify({ kind: request.kind, input: request.input }),
		body_sha256: bodySha256,
		idempotency_key: key,
		callback_url: request.callback_url ?? null,
		attempt: 0,
		max_attempts: MAX_ATTEMPTS,
		progress_percent: 0,
		progress_step: "queued",
		error_json: null,
		queue_ttl_at: now + clocks.queue_ttl_ms,
		run_timeout_ms: clocks.run_timeout_ms,
		deadline_at: now + clocks.deadline_ms,
		next_attempt_at: now,
		last_progress_event_at: 0,
		created_at: now,
		updated_at: now,
		purged_at: null,
	};
	store.transaction(() => {
		store.insertJob(job);
		appendJobEvent(store, job, "job.queued", now);
	});
	return { job, created: true };
}
