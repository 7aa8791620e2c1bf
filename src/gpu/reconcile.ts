import type { Db } from "../db/client";
import { errorMessage, log } from "../lib/log";
import type { GpuGatewayClient } from "./client";
import { applyGatewayView, quietLiveJobIds } from "./mirror";

/** A live job with no callback for this long is re-read: heartbeats come at least every 30 s. */
export const GPU_QUIET_MS = 10 * 60 * 1000;
/** Jobs re-read per sweep, so one cron run stays well inside its CPU and subrequest limits. */
const SWEEP_LIMIT = 50;

/**
 * Re-reads from the gateway every mirror row that is non-terminal and quiet for more than
 * {@link GPU_QUIET_MS}, covering lost callbacks and callbacks applied from the event alone.
 * One failing job does not stop the sweep. Returns how many rows were refreshed.
 */
export async function reconcileGpuJobs(db: Db, gateway: Pick<GpuGatewayClient, "getJob">, now: Date): Promise<number> {
	const ids = await quietLiveJobIds(db, new Date(now.getTime() - GPU_QUIET_MS), SWEEP_LIMIT);
	let refreshed = 0;
	for (const id of ids) {
		try {
			if (await applyGatewayView(db, await gateway.getJob(id), now)) refreshed++;
		} catch (err) {
			log("warn", "gpu job reconciliation failed", { jobId: id, error: errorMessage(err) });
		}
	}
	return refreshed;
}
