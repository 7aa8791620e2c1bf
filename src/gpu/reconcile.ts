import { errorMessage, log } from "../lib/log";
import type { GpuGatewayClient } from "./client";
import { settleGpuJob, type WorkerGpuJobHook } from "./job-hooks";
import { applyGatewayView, quietLiveJobIds, unsettledFinishedJobIds } from "./mirror";
import { type ProgressDeps, publishJobProgress } from "./progress";

/** A live job with no callback for this long is re-read: heartbeats come at least every 30 s. */
export const GPU_QUIET_MS = 10 * 60 * 1000;
/** Jobs re-read per sweep, so one cron run stays well inside its CPU and subrequest limits. */
const SWEEP_LIMIT = 50;

/** What a sweep needs: the mirror, the gateway to re-read, and the owners' progress objects. */
export type GpuReconcileDeps = ProgressDeps & { files: R2Bucket; gateway: Pick<GpuGatewayClient, "getJob">; hooks: readonly WorkerGpuJobHook[] };

/** A finished job is left this long for the callback that finished it to settle it, before the sweep does. */
export const GPU_SETTLE_GRACE_MS = 2 * 60 * 1000;

/** What a sweep did: live rows refreshed from the gateway, finished rows settled after all. */
export type GpuReconcileResult = { refreshed: number; settled: number };

/**
 * Re-reads from the gateway every mirror row that is non-terminal and quiet for more than
 * {@link GPU_QUIET_MS}, covering lost callbacks and callbacks applied from the event alone.
 * Then settles every finished row whose hooks never completed (a callback's settle step failed
 * and the gateway gave up on it), re-reading it first where the gateway answers: without this a
 * generation whose image exists would later be refunded as overdue. A row that changed is
 * published to its owner's browsers. One failing job does not stop the sweep.
 */
export async function reconcileGpuJobs(deps: GpuReconcileDeps, now: Date): Promise<GpuReconcileResult> {
	const result: GpuReconcileResult = { refreshed: 0, settled: 0 };
	for (const id of await quietLiveJobIds(deps.db, new Date(now.getTime() - GPU_QUIET_MS), SWEEP_LIMIT)) {
		try {
			if (!(await applyGatewayView(deps.db, await deps.gateway.getJob(id), now))) continue;
			result.refreshed++;
			await settleGpuJob(deps, id, now);
			await publishJobProgress(deps, id);
		} catch (err) {
			log("warn", "gpu job reconciliation failed", { jobId: id, error: errorMessage(err) });
		}
	}
	for (const id of await unsettledFinishedJobIds(deps.db, new Date(now.getTime() - GPU_SETTLE_GRACE_MS), SWEEP_LIMIT)) {
		try {
			await refreshIfReachable(deps, id, now);
			await settleGpuJob(deps, id, now);
			result.settled++;
			await publishJobProgress(deps, id);
		} catch (err) {
			log("warn", "gpu job settlement failed", { jobId: id, error: errorMessage(err) });
		}
	}
	return result;
}

/** A last re-read before settling (an artifact uploaded since); the mirror as it stands when the gateway does not answer. */
async function refreshIfReachable(deps: GpuReconcileDeps, id: string, now: Date): Promise<void> {
	try {
		await applyGatewayView(deps.db, await deps.gateway.getJob(id), now);
	} catch (err) {
		log("info", "gpu job re-read failed; settling from the mirror", { jobId: id, error: errorMessage(err) });
	}
}
