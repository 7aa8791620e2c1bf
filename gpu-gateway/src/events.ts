import type { GpuJobEvent, GpuJobEventType } from "../../src/shared/gpu-jobs.ts";
import { newId } from "./hash.ts";
import type { JobRow, JobStore } from "./store.ts";

/**
 * Appends an event for `job` to the outbox (call inside the transaction that changed the
 * job). Jobs without a callback URL get no events: nobody would receive them.
 */
export function appendJobEvent(store: JobStore, job: JobRow, type: GpuJobEventType, now: number): void {
	if (job.callback_url === null) return;
	const event: GpuJobEvent = {
		type,
		timestamp: new Date(now).toISOString(),
		data: { job_id: job.id, status: job.status, attempt: job.attempt, progress: { percent: job.progress_percent, step: job.progress_step } },
	};
	store.appendEvent({ id: newId("msg"), job_id: job.id, callback_url: job.callback_url, type, body: JSON.stringify(event), now });
}
