import type { GpuJobStatus } from "./gpu-jobs";

/**
 * One job's progress as an owner's browser sees it: pushed over the WebSocket and returned by
 * the polling endpoint in the same shape, so the browser client has one code path.
 */
export type JobProgressUpdate = {
	job_id: string;
	kind: string;
	status: GpuJobStatus;
	progress: { percent: number; step: string };
	error_code: string | null;
	updated_at: string;
};
