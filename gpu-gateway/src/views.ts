import type { GpuJobError, GpuJobView } from "../../src/shared/gpu-jobs.ts";
import type { ArtifactRow, JobRow } from "./store.ts";

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** Parses a stored error column. */
export function parseJobError(json: string | null): GpuJobError | null {
	if (json === null) return null;
	const value: GpuJobError = JSON.parse(json);
	return value;
}

/** The API shape of a job. */
export function toJobView(job: JobRow, artifacts: readonly ArtifactRow[]): GpuJobView {
	return {
		id: job.id,
		kind: job.kind,
		status: job.status,
		owner: { type: job.owner_type, id: job.owner_id },
		attempt: job.attempt,
		max_attempts: job.max_attempts,
		progress: { percent: job.progress_percent, step: job.progress_step },
		error: parseJobError(job.error_json),
		artifacts: artifacts.map((a) => ({ name: a.name, sha256: a.sha256, size: a.size, content_type: a.content_type })),
		created_at: iso(job.created_at),
		updated_at: iso(job.updated_at),
		deadlines: { queue_ttl_at: iso(job.queue_ttl_at), run_timeout_ms: job.run_timeout_ms, deadline_at: iso(job.deadline_at) },
	};
}
