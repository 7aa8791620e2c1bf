import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { gpuJobs, gpuWebhookEvents } from "../db/schema";
import { AppError } from "../lib/errors";
import { errorMessage, log } from "../lib/log";
import { GpuJobEvent } from "../shared/gpu-jobs";
import type { GpuGatewayClient } from "./client";
import { settleGpuJob, type WorkerGpuJobHook } from "./job-hooks";
import { applyEventSnapshot, applyGatewayView } from "./mirror";
import { type JobProgressNamespace, publishJobProgress } from "./progress";
import { verifyWebhook, type WebhookHeaders } from "./webhook-verify";

/** What receiving a callback did. */
export type GpuEventOutcome = "updated" | "updated_from_event" | "stale" | "duplicate" | "unknown_job";

/** What handling a callback needs; `progress` is where the owner's browsers hear of the change. */
export type GpuEventDeps = {
	db: Db;
	files: R2Bucket;
	gateway: Pick<GpuGatewayClient, "getJob">;
	progress: JobProgressNamespace;
	secret: string;
	/** What a changed job means for its owner (src/wiring.ts registers them). */
	hooks: readonly WorkerGpuJobHook[];
	now: () => Date;
};

/**
 * Handles one gateway callback: verify on the raw body, de-duplicate on `webhook-id`, then
 * re-read the job from the gateway and refresh the mirror from that (the event is only a
 * trigger). An unknown job is acknowledged with nothing stored, so the gateway stops retrying
 * and no table fills with ids that are not ours. A refreshed row is then published to the
 * owner's JOB_PROGRESS object; that never fails the callback.
 */
export async function receiveGpuEvent(deps: GpuEventDeps, raw: string, headers: WebhookHeaders): Promise<GpuEventOutcome> {
	const now = deps.now();
	const verdict = await verifyWebhook(deps.secret, headers, raw, Math.floor(now.getTime() / 1000));
	if (!verdict.ok) throw new AppError(400, "WEBHOOK_SIGNATURE_INVALID", `Callback refused: ${verdict.reason}.`);

	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		throw new AppError(400, "VALIDATION_FAILED", "Callback body is not JSON.");
	}
	const parsed = GpuJobEvent.safeParse(json);
	if (!parsed.success) throw new AppError(400, "VALIDATION_FAILED", "Callback body does not match the event contract.");
	const event = parsed.data;

	const known = await deps.db.query.gpuJobs.findFirst({ columns: { id: true }, where: eq(gpuJobs.id, event.data.job_id) });
	if (!known) return "unknown_job";

	const inserted = await deps.db
		.insert(gpuWebhookEvents)
		.values({ webhookId: verdict.id, jobId: event.data.job_id, type: event.type, receivedAt: now.toISOString() })
		.onConflictDoNothing()
		.returning({ id: gpuWebhookEvents.webhookId });
	if (inserted.length === 0) return "duplicate";

	let outcome: GpuEventOutcome;
	try {
		outcome = await refreshMirror(deps, event, now);
		// Settling (a style trained, a generation paid for) happens before the 2xx: if it fails,
		// the gateway retries the event and the idempotent hooks run again.
		if (outcome !== "stale") await settleGpuJob(deps, event.data.job_id, now);
	} catch (err) {
		// Forget the id so the gateway's retry is processed rather than dropped as a duplicate.
		await deps.db.delete(gpuWebhookEvents).where(eq(gpuWebhookEvents.webhookId, verdict.id));
		throw err;
	}
	if (outcome !== "stale") await publishJobProgress(deps, event.data.job_id);
	return outcome;
}

/** Re-reads the job and refreshes its mirror row, or falls back to the event's own snapshot. */
async function refreshMirror(deps: GpuEventDeps, event: GpuJobEvent, now: Date): Promise<"updated" | "updated_from_event" | "stale"> {
	let view: Awaited<ReturnType<GpuEventDeps["gateway"]["getJob"]>>;
	try {
		view = await deps.gateway.getJob(event.data.job_id);
	} catch (err) {
		// The gateway is down or answered badly: take the event's snapshot; reconciliation re-reads later.
		log("warn", "gpu job re-read failed; using the event snapshot", { jobId: event.data.job_id, error: errorMessage(err) });
		return (await applyEventSnapshot(deps.db, event, now)) ? "updated_from_event" : "stale";
	}
	return (await applyGatewayView(deps.db, view, now)) ? "updated" : "stale";
}
