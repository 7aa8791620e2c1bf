import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
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

/** How long one attempt holds a callback: longer than a re-read, the hooks and the publish take. */
export const GPU_EVENT_LEASE_MS = 60_000;

/**
 * Handles one gateway callback: verify on the raw body, claim the `webhook-id` with a lease, then
 * re-read the job from the gateway and refresh the mirror from that (the event is only a
 * trigger), settle it with the job hooks, and only then mark the event processed. An unknown job
 * is acknowledged with nothing stored, so the gateway stops retrying and no table fills with ids
 * that are not ours. A refreshed row is then published to the owner's JOB_PROGRESS object; that
 * never fails the callback.
 *
 * A delivery of an event already processed is a duplicate (200). One that arrives while another
 * attempt holds the lease is refused with `409 CONFLICT` and `Retry-After`: answering 2xx would
 * let the gateway mark it delivered, and if the running attempt then failed the event would be
 * lost. A failed attempt releases its lease and answers 5xx, so the gateway's retry runs it again.
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

	const claim = await claimGpuEvent(deps.db, verdict.id, event, now);
	if (claim.state === "processed") return "duplicate";
	if (claim.state === "leased") {
		const retryAfter = Math.max(1, Math.ceil((Date.parse(claim.leaseUntil) - now.getTime()) / 1000));
		throw new AppError(409, "CONFLICT", "This event is being processed by another delivery; retry later.", { "Retry-After": String(retryAfter) });
	}

	let outcome: GpuEventOutcome;
	try {
		outcome = await refreshMirror(deps, event, now);
		// Settling (a style trained, a generation paid for) happens before the 2xx: if it fails,
		// the gateway retries the event and the idempotent hooks run again.
		if (outcome !== "stale") await settleGpuJob(deps, event.data.job_id, now);
	} catch (err) {
		// Release the lease so the gateway's retry is processed rather than refused or dropped.
		await deps.db.update(gpuWebhookEvents).set({ leaseUntil: null }).where(eq(gpuWebhookEvents.webhookId, verdict.id));
		throw err;
	}
	await deps.db.update(gpuWebhookEvents).set({ processedAt: deps.now().toISOString(), leaseUntil: null }).where(eq(gpuWebhookEvents.webhookId, verdict.id));
	if (outcome !== "stale") await publishJobProgress(deps, event.data.job_id);
	return outcome;
}

/** Where a callback id stands for this delivery: ours to process now, processed before, or held by a live attempt. */
type GpuEventClaim = { state: "claimed" } | { state: "processed" } | { state: "leased"; leaseUntil: string };

/**
 * Claims a callback id with a lease, in one conditional upsert: a new id, or one whose last
 * attempt failed (lease released) or died (lease expired), is ours; a processed one or one under
 * a live lease is not.
 */
async function claimGpuEvent(db: Db, webhookId: string, event: GpuJobEvent, now: Date): Promise<GpuEventClaim> {
	const leaseUntil = new Date(now.getTime() + GPU_EVENT_LEASE_MS).toISOString();
	const claimed = await db
		.insert(gpuWebhookEvents)
		.values({ webhookId, jobId: event.data.job_id, type: event.type, receivedAt: now.toISOString(), leaseUntil, attempts: 1 })
		.onConflictDoUpdate({
			target: gpuWebhookEvents.webhookId,
			set: { leaseUntil, attempts: sql`${gpuWebhookEvents.attempts} + 1` },
			setWhere: and(isNull(gpuWebhookEvents.processedAt), or(isNull(gpuWebhookEvents.leaseUntil), lte(gpuWebhookEvents.leaseUntil, now.toISOString()))),
		})
		.returning({ id: gpuWebhookEvents.webhookId });
	if (claimed.length > 0) return { state: "claimed" };
	const stored = await db.query.gpuWebhookEvents.findFirst({ where: eq(gpuWebhookEvents.webhookId, webhookId) });
	if (stored?.processedAt) return { state: "processed" };
	// Held, or released by a failed attempt just now: either way not ours, and worth a retry soon.
	return { state: "leased", leaseUntil: stored?.leaseUntil ?? new Date(now.getTime() + 1000).toISOString() };
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
