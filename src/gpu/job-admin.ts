import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { afterCursor, encodeCursor } from "../db/cursor";
import { gpuJobs, gpuWebhookEvents } from "../db/schema";
import { AppError } from "../lib/errors";
import { GpuJobStatus, type GpuJobView, JobOwner } from "../shared/gpu-jobs";
import { type GpuGatewayClient, GpuGatewayError } from "./client";
import { applyGatewayView, type MirroredArtifact, parseArtifacts } from "./mirror";
import { type ProgressDeps, publishJobProgress } from "./progress";

/**
 * What the admin GPU jobs API (`/api/gpu/jobs`) does, for ops, the CLI and tests: read the
 * D1 mirror, and cancel or purge through the gateway client, refreshing the mirror after.
 */

type GpuJobRow = typeof gpuJobs.$inferSelect;

/** A mirrored job as the admin API shows it. */
export type GpuJobAdminView = {
	id: string;
	kind: string;
	status: GpuJobStatus;
	owner: JobOwner;
	progress: { percent: number; step: string };
	error: { code: string; message: string } | null;
	artifacts: MirroredArtifact[];
	idempotency_key: string;
	created_at: string;
	updated_at: string;
	last_event_at: string;
};

/** Query of `GET /api/gpu/jobs`: optional owner and status filters, newest first. */
export const ListGpuJobsQuery = z.strictObject({
	owner_type: JobOwner.shape.type.optional(),
	owner_id: JobOwner.shape.id.optional(),
	status: GpuJobStatus.optional(),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListGpuJobsQuery = z.infer<typeof ListGpuJobsQuery>;

/** A mirror row as the admin API shows it. */
export function gpuJobAdminView(row: GpuJobRow): GpuJobAdminView {
	return {
		id: row.id,
		kind: row.kind,
		status: row.status,
		owner: { type: row.ownerType, id: row.ownerId },
		progress: { percent: row.progressPercent, step: row.progressStep },
		error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? "" } : null,
		artifacts: parseArtifacts(row.artifacts),
		idempotency_key: row.idempotencyKey,
		created_at: row.createdAt,
		updated_at: row.updatedAt,
		last_event_at: row.lastEventAt,
	};
}

/** The mirror row of a job, or `404 NOT_FOUND`: the admin API only manages jobs the Worker submitted. */
export async function mirroredJob(db: Db, id: string): Promise<GpuJobRow> {
	const row = await db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, id) });
	if (!row) throw new AppError(404, "NOT_FOUND", "No such GPU job.");
	return row;
}

/** One page of mirrored jobs, newest first, with the cursor of the next page. */
export async function listGpuJobs(db: Db, query: ListGpuJobsQuery) {
	const conditions: SQL[] = [];
	if (query.owner_type) conditions.push(eq(gpuJobs.ownerType, query.owner_type));
	if (query.owner_id) conditions.push(eq(gpuJobs.ownerId, query.owner_id));
	if (query.status) conditions.push(eq(gpuJobs.status, query.status));
	if (query.cursor) {
		const after = afterCursor(query.cursor, gpuJobs.createdAt, gpuJobs.id);
		if (after) conditions.push(after);
	}
	const rows = await db.query.gpuJobs.findMany({ where: and(...conditions), orderBy: [desc(gpuJobs.createdAt), desc(gpuJobs.id)], limit: query.limit + 1 });
	const page = rows.slice(0, query.limit);
	const last = page.at(-1);
	return { jobs: page.map(gpuJobAdminView), next_cursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** A job and the callbacks received for it, in arrival order. */
export async function gpuJobDetail(db: Db, id: string) {
	const [row, events] = await Promise.all([
		mirroredJob(db, id),
		db.query.gpuWebhookEvents.findMany({ where: eq(gpuWebhookEvents.jobId, id), orderBy: [asc(gpuWebhookEvents.receivedAt), asc(gpuWebhookEvents.webhookId)] }),
	]);
	return {
		job: gpuJobAdminView(row),
		events: events.map((event) => ({ webhook_id: event.webhookId, type: event.type, received_at: event.receivedAt })),
	};
}

/** An artifact stored at the edge (uploaded by the gateway into R2), or `404` while it is not. */
export async function uploadedArtifact(db: Db, id: string, name: string): Promise<MirroredArtifact & { r2_key: string }> {
	const artifact = parseArtifacts((await mirroredJob(db, id)).artifacts).find((candidate) => candidate.name === name);
	if (!artifact?.r2_key) throw new AppError(404, "NOT_FOUND", "This artifact has not been uploaded to the edge.");
	return { ...artifact, r2_key: artifact.r2_key };
}

/**
 * The gateway's failures as the API's errors: its 400/404/409 keep their meaning (the
 * gateway's own code is quoted in the message); anything else, an unreachable gateway or a
 * refused token included, is the Worker's upstream failing, so 502.
 */
export function gatewayAppError(err: unknown): unknown {
	if (!(err instanceof GpuGatewayError)) return err;
	const detail = `gpu-gateway: ${err.code}: ${err.message}`;
	if (err.status === 400) return new AppError(400, "VALIDATION_FAILED", detail);
	if (err.status === 404) return new AppError(404, "NOT_FOUND", detail);
	if (err.status === 409) return new AppError(409, "CONFLICT", detail);
	return new AppError(502, "GPU_GATEWAY_UNAVAILABLE", detail);
}

/** What cancelling and purging need. */
export type GpuJobCommandDeps = ProgressDeps & { gateway: Pick<GpuGatewayClient, "cancelJob" | "purgeJobData">; now: () => Date };

async function runOnGateway(deps: GpuJobCommandDeps, id: string, command: (id: string) => Promise<GpuJobView>): Promise<GpuJobAdminView> {
	await mirroredJob(deps.db, id);
	let view: GpuJobView;
	try {
		view = await command(id);
	} catch (err) {
		throw gatewayAppError(err);
	}
	if (await applyGatewayView(deps.db, view, deps.now())) await publishJobProgress(deps, id);
	return gpuJobAdminView(await mirroredJob(deps.db, id));
}

/** Cancels a job on the gateway (repeatable; `409` when it already ended otherwise) and refreshes its mirror row. */
export function cancelGpuJob(deps: GpuJobCommandDeps, id: string): Promise<GpuJobAdminView> {
	return runOnGateway(deps, id, (jobId) => deps.gateway.cancelJob(jobId));
}

/** Deletes a finished job's stored input and artifacts on the gateway (`409` while it is live); copies already in R2 stay. */
export function purgeGpuJobData(deps: GpuJobCommandDeps, id: string): Promise<GpuJobAdminView> {
	return runOnGateway(deps, id, (jobId) => deps.gateway.purgeJobData(jobId));
}
