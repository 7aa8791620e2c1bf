import { enqueueSnapshots } from "./channels/analytics/snapshots";
import { pruneChannelHistory } from "./channels/prune";
import { handOverDueSchedules } from "./channels/schedules/scheduler";
import { expireUnpaidOrders } from "./commerce/expire-orders";
import { requeueStalledMail } from "./commerce/mail/sweep";
import { failOverdueGenerations, sweepQueuedGenerations } from "./generation/sweep";
import { reconcileGpuJobs } from "./gpu/reconcile";
import { errorMessage, log } from "./lib/log";
import { resendStalledStages } from "./pipeline/reconcile";
import { resendStalledPortraitWork } from "./portraits/resend-stalled";
import { pruneApiTimings, sweepExpiredPortraits } from "./portraits/sweep";
import type { AppDeps } from "./wiring";

/** One job of the cron: a name for the log, and the work (its result is logged). */
export type Sweep = { name: string; run: (deps: AppDeps) => Promise<unknown> };

/** What the every-5-minutes cron runs, in this order. */
const EVERY_FIVE_MINUTES: readonly Sweep[] = [
	{ name: "pipeline.resend-stalled-stages", run: (deps) => resendStalledStages(deps.pipeline) },
	{ name: "orders.expire-unpaid", run: (deps) => expireUnpaidOrders(deps.db, deps.now()) },
	{ name: "mail.requeue-stalled", run: (deps) => requeueStalledMail(deps.commerce) },
	{ name: "gpu.reconcile-quiet-jobs", run: (deps) => reconcileGpuJobs(deps.gpu, deps.now()) },
	{ name: "generations.resubmit-unsubmitted", run: (deps) => sweepQueuedGenerations(deps.generation) },
	{ name: "generations.fail-overdue", run: (deps) => failOverdueGenerations({ db: deps.db, files: deps.files, now: deps.now }) },
	// Every expired portrait job to the deletion queue (issue 15: at least every 10 minutes; the cron runs every 5).
	{ name: "portraits.hand-over-expired", run: (deps) => sweepExpiredPortraits(deps.portraits) },
	{ name: "portraits.prune-api-timings", run: (deps) => pruneApiTimings(deps.portraits) },
	// A processing step or an SMS whose message was lost is handed over again.
	{ name: "portraits.resend-stalled", run: (deps) => resendStalledPortraitWork(deps.portraits) },
];

/**
 * The sweeps of each cron of wrangler.toml `[triggers]`, by its expression: the scheduled
 * handler runs those of `controller.cron` (a test checks that every declared cron has sweeps).
 */
export const CRON_SWEEPS: Readonly<Record<string, readonly Sweep[]>> = {
	"*/5 * * * *": EVERY_FIVE_MINUTES,
	// Due video schedules to CHANNEL_QUEUE (issue 18: a scheduler runs every minute).
	"* * * * *": [{ name: "channels.hand-over-due-schedules", run: (deps) => handOverDueSchedules(deps.channels) }],
	"0 */6 * * *": [
		{ name: "channels.enqueue-snapshots", run: (deps) => enqueueSnapshots(deps.channels) },
		{ name: "channels.prune-history", run: (deps) => pruneChannelHistory(deps.channels) },
	],
};

/** The sweeps of `cron`; an expression no sweep list is declared for is a deployment mistake, and fails loudly. */
export function sweepsOf(cron: string): readonly Sweep[] {
	const sweeps = CRON_SWEEPS[cron];
	if (!sweeps) throw new Error(`no sweeps for cron "${cron}" (src/scheduled.ts CRON_SWEEPS)`);
	return sweeps;
}

/**
 * Runs every sweep on its own: each one's outcome and duration is logged, and a failing sweep
 * does not keep the others from running. The run still fails when one did, so the platform
 * shows the cron invocation as failed.
 */
export async function runSweeps(sweeps: readonly Sweep[], deps: AppDeps, cron: string): Promise<void> {
	const failed: string[] = [];
	for (const sweep of sweeps) {
		const started = Date.now();
		try {
			const result = await sweep.run(deps);
			log("info", "sweep finished", { cron, sweep: sweep.name, durationMs: Date.now() - started, result });
		} catch (err) {
			failed.push(sweep.name);
			log("error", "sweep failed", { cron, sweep: sweep.name, durationMs: Date.now() - started, error: errorMessage(err) });
		}
	}
	if (failed.length > 0) throw new Error(`scheduled sweeps failed: ${failed.join(", ")}`);
}
