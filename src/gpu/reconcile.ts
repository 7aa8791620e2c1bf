import { errorMessage, log } from "../lib/log";
import type { GpuGatewayClient } from "./client";
import { settleGpuJob, type WorkerGpuJobHook } from "./job-hooks";
import { applyGatewayView, quietLiveJobIds } from "./mirror";
import { type ProgressDeps, publishJobProgress } from "./progress";

/** A live job with no callback for this long is re-read: heartbeats come at least every 30 s. */
export const GPU_QUIET_MS = 10 * 60 * 1000;
/** Jobs re-read per sweep, so one cron run stays well inside its CPU and subrequest limits. */
const SWEEP_LIMIT = 50;

/** What a sweep needs: the mirror, the gateway to re-read, and the owners' progress objects. */
export type GpuReconcileDeps = ProgressDeps & { files: R2Bucket; gateway: Pick<GpuGatewayClient, "getJob">; hooks: readonly WorkerGpuJobHook[] };

/**
 * Re-reads from the gateway every mirror row that is non-terminal and quiet for more than
 * {@link GPU_QUIET_MS}, covering lost callbacks and callbacks applied from the event alone.
 * A row that changed is published to its owner's browsers. One failing job does not stop the
 * sweep. Returns how many rows were refreshed.
 */
export async function reconcileGpuJobs(deps: GpuReconcileDeps, now: Date): Promise<number> {
	const ids = await quietLiveJobIds(deps.db, new Date(now.getTime() - GPU_QUIET_MS), SWEEP_LIMIT);
	let refreshed = 0;
	for (const id of ids) {
		try {
			if (!(await applyGatewayView(deps.db, await deps.gateway.getJob(id), now))) continue;
			refreshed++;
			await settleGpuJob(deps, id, now);
			await publishJobProgress(deps, id);
		} catch (err) {
			log("warn", "gpu job reconciliation failed", { jobId: id, error: errorMessage(err) });
		}
	}
	return refreshed;
}
