import { and, eq, inArray, isNull, lte, notInArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { gpuJobs } from "../db/schema";
import { type GpuArtifact, type GpuJobEvent, type GpuJobView, TERMINAL_STATUSES } from "../shared/gpu-jobs";

/** An artifact as the mirror records it: the gateway's view, plus where the edge stored the bytes. */
export type MirroredArtifact = GpuArtifact & { r2_key?: string };

/** The artifacts column, tolerant of a malformed value (it is only ever written here). */
export function parseArtifacts(json: string): MirroredArtifact[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? (value as MirroredArtifact[]) : [];
	} catch {
		return [];
	}
}

/** Merges by name; an entry already stored in R2 keeps its `r2_key` when the gateway re-lists it. */
function mergeArtifacts(current: MirroredArtifact[], incoming: MirroredArtifact[]): MirroredArtifact[] {
	const byName = new Map(current.map((artifact) => [artifact.name, artifact]));
	for (const artifact of incoming) {
		const known = byName.get(artifact.name);
		byName.set(artifact.name, { ...artifact, ...(known?.r2_key && known.sha256 === artifact.sha256 ? { r2_key: known.r2_key } : {}) });
	}
	return [...byName.values()];
}

/** Creates the mirror row of a job just submitted, or refreshes it when the key was seen before. */
export async function recordSubmittedJob(db: Db, view: GpuJobView, idempotencyKey: string, now: Date): Promise<void> {
	const values = viewColumns(view, []);
	await db
		.insert(gpuJobs)
		.values({
			id: view.id,
			kind: view.kind,
			ownerType: view.owner.type,
			ownerId: view.owner.id,
			idempotencyKey,
			createdAt: view.created_at,
			lastEventAt: now.toISOString(),
			...values,
		})
		.onConflictDoUpdate({ target: gpuJobs.id, set: { ...values, lastEventAt: now.toISOString() } });
}

function viewColumns(view: GpuJobView, current: MirroredArtifact[]) {
	return {
		status: view.status,
		progressPercent: Math.round(view.progress.percent),
		progressStep: view.progress.step,
		errorCode: view.error?.code ?? null,
		errorMessage: view.error?.message ?? null,
		artifacts: JSON.stringify(mergeArtifacts(current, view.artifacts)),
		updatedAt: view.updated_at,
		// A changed row is unsettled until its hooks have run on it (src/gpu/job-hooks.ts).
		settledAt: null,
	};
}

/**
 * Refreshes a mirror row from the gateway's view. Conditional on the view's `updated_at` not
 * being older than the row's, so two callbacks whose re-reads finish out of order cannot move
 * the row backwards. Returns false when the job has no mirror row (or the view was stale).
 */
export async function applyGatewayView(db: Db, view: GpuJobView, now: Date): Promise<boolean> {
	const row = await db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, view.id) });
	if (!row) return false;
	const updated = await db
		.update(gpuJobs)
		.set({ ...viewColumns(view, parseArtifacts(row.artifacts)), lastEventAt: now.toISOString() })
		.where(and(eq(gpuJobs.id, view.id), lte(gpuJobs.updatedAt, view.updated_at)))
		.returning({ id: gpuJobs.id });
	return updated.length > 0;
}

/**
 * Fallback when the gateway cannot be reached: takes status and progress from the callback
 * itself, never leaving a terminal status, and leaves the rest to reconciliation.
 */
export async function applyEventSnapshot(db: Db, event: GpuJobEvent, now: Date): Promise<boolean> {
	const updated = await db
		.update(gpuJobs)
		.set({
			status: event.data.status,
			progressPercent: Math.round(event.data.progress.percent),
			progressStep: event.data.progress.step,
			lastEventAt: now.toISOString(),
			settledAt: null,
		})
		.where(and(eq(gpuJobs.id, event.data.job_id), notInArray(gpuJobs.status, [...TERMINAL_STATUSES]), lte(gpuJobs.updatedAt, event.timestamp)))
		.returning({ id: gpuJobs.id });
	return updated.length > 0;
}

/** Ids of mirror rows still live but quiet since before `quietSince`, oldest first. */
export async function quietLiveJobIds(db: Db, quietSince: Date, limit: number): Promise<string[]> {
	const live = ["queued", "starting", "running", "retrying"] as const;
	const rows = await db
		.select({ id: gpuJobs.id })
		.from(gpuJobs)
		.where(and(inArray(gpuJobs.status, [...live]), lte(gpuJobs.lastEventAt, quietSince.toISOString())))
		.orderBy(gpuJobs.lastEventAt)
		.limit(limit);
	return rows.map((row) => row.id);
}

/**
 * Ids of mirror rows that are finished (terminal) but whose hooks never ran to completion on
 * their last state (a callback's settle step failed, and the gateway gave up or was answered
 * 2xx), quiet since before `quietSince` so a callback still under way can finish first.
 */
export async function unsettledFinishedJobIds(db: Db, quietSince: Date, limit: number): Promise<string[]> {
	const rows = await db
		.select({ id: gpuJobs.id })
		.from(gpuJobs)
		.where(and(isNull(gpuJobs.settledAt), inArray(gpuJobs.status, [...TERMINAL_STATUSES]), lte(gpuJobs.lastEventAt, quietSince.toISOString())))
		.orderBy(gpuJobs.lastEventAt)
		.limit(limit);
	return rows.map((row) => row.id);
}
