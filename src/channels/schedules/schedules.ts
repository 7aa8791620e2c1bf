import { and, asc, eq, gte, inArray, lte, type SQL } from "drizzle-orm";
import { channels, publishSchedules } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { projects } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { ScheduleStatus } from "../../shared/channels";
import type { ChannelDeps } from "../deps";
import type { PublishNow, ScheduleCreate, ScheduleListQuery, ScheduleUpdate } from "./input";
import { readScheduledAt } from "./local-time";
import { sendPublishMessages } from "./send";
import type { ScheduleRow } from "./view";

/**
 * A seller's video schedules (docs/channels.md "Schedules"): which project goes to which of their
 * connected video channels, when (stored UTC, entered in a zone), with what words. Every state
 * change is one conditional UPDATE, so an edit can never race the scheduler or the publisher.
 */

type ScheduleDeps = Pick<ChannelDeps, "db" | "queue" | "now">;

/** Editable while waiting or after failing; `queued`/`publishing` belong to the publisher, `published` is history. */
const EDITABLE: ScheduleStatus[] = ["pending", "failed"];

const notFound = () => new AppError(404, "NOT_FOUND", "No such schedule.");
const invalid = (field: string, message: string) => new AppError(400, "VALIDATION_FAILED", `${field}: ${message}`);

/** The user's schedule; another user's is `404` as if it did not exist. */
export async function ownSchedule(db: Db, userId: string, id: string): Promise<ScheduleRow> {
	const row = await db.query.publishSchedules.findFirst({ where: and(eq(publishSchedules.id, id), eq(publishSchedules.userId, userId)) });
	if (!row) throw notFound();
	return row;
}

/** The user's project with a finished video (`409 CONFLICT` while it has none); another user's is `404`. */
export async function publishableProject(db: Db, userId: string, projectId: string) {
	const project = await db.query.projects.findFirst({ where: and(eq(projects.id, projectId), eq(projects.userId, userId)) });
	if (!project) throw new AppError(404, "NOT_FOUND", "No such project.");
	if (!project.videoR2Key || (project.status !== "ready" && project.status !== "published")) {
		throw new AppError(409, "CONFLICT", "The project has no finished video yet.");
	}
	return project;
}

/** The user's connected video channel (`409 CHANNEL_NOT_CONNECTED` otherwise); another user's is `404`. */
export async function publishableChannel(db: Db, userId: string, channelId: string) {
	const channel = await db.query.channels.findFirst({ where: and(eq(channels.id, channelId), eq(channels.userId, userId)) });
	if (!channel) throw new AppError(404, "NOT_FOUND", "No such channel.");
	if (channel.kind !== "video" || channel.status !== "connected") {
		throw new AppError(409, "CHANNEL_NOT_CONNECTED", "The channel is not a connected video channel.");
	}
	return channel;
}

/** `scheduled_at` read in its zone, refused when unreadable or not in the future. */
function futureTime(value: string, timeZone: string, now: Date): string {
	const at = readScheduledAt(value, timeZone);
	if (!at) throw invalid("scheduled_at", "expected YYYY-MM-DDTHH:mm (in time_zone) or an ISO date-time with an offset");
	if (at.getTime() <= now.getTime()) throw invalid("scheduled_at", "must be in the future");
	return at.toISOString();
}

/** Creates a `pending` schedule; `viewerZone` reads a local `scheduled_at` when no `time_zone` is given. */
export async function createSchedule(deps: ScheduleDeps, userId: string, input: ScheduleCreate, viewerZone: string): Promise<ScheduleRow> {
	const now = deps.now();
	const timeZone = input.time_zone ?? viewerZone;
	const scheduledAt = futureTime(input.scheduled_at, timeZone, now);
	await publishableProject(deps.db, userId, input.project_id);
	await publishableChannel(deps.db, userId, input.channel_id);
	return insertSchedule(deps.db, userId, { ...input, time_zone: timeZone }, scheduledAt, "pending", now);
}

async function insertSchedule(
	db: Db,
	userId: string,
	input: Omit<ScheduleCreate, "scheduled_at" | "time_zone"> & { time_zone: string },
	scheduledAt: string,
	status: "pending" | "queued",
	now: Date,
): Promise<ScheduleRow> {
	const [row] = await db
		.insert(publishSchedules)
		.values({
			id: newId("sch"),
			userId,
			projectId: input.project_id,
			channelId: input.channel_id,
			scheduledAt,
			timeZone: input.time_zone,
			title: input.title,
			description: input.description,
			tags: JSON.stringify(input.tags),
			visibility: input.visibility,
			status,
			createdAt: now.toISOString(),
			updatedAt: now.toISOString(),
		})
		.returning();
	if (!row) throw new Error("schedule not stored");
	return row;
}

/** The user's schedules by time, filtered; `from`/`to` are read like `scheduled_at` in `viewerZone`. */
export async function listSchedules(db: Db, userId: string, query: ScheduleListQuery, viewerZone: string): Promise<ScheduleRow[]> {
	const bound = (field: "from" | "to", value: string | undefined) => {
		if (value === undefined) return undefined;
		const at = readScheduledAt(value, viewerZone);
		if (!at) throw invalid(field, "expected YYYY-MM-DDTHH:mm or an ISO date-time with an offset");
		return at.toISOString();
	};
	const from = bound("from", query.from);
	const to = bound("to", query.to);
	const where: SQL[] = [eq(publishSchedules.userId, userId)];
	if (query.status) where.push(eq(publishSchedules.status, query.status));
	if (query.channel_id) where.push(eq(publishSchedules.channelId, query.channel_id));
	if (from) where.push(gte(publishSchedules.scheduledAt, from));
	if (to) where.push(lte(publishSchedules.scheduledAt, to));
	return db.query.publishSchedules.findMany({ where: and(...where), orderBy: [asc(publishSchedules.scheduledAt), asc(publishSchedules.id)], limit: 500 });
}

/** Edits a `pending` or `failed` schedule; a failed one goes back to `pending` with its attempts reset. */
export async function updateSchedule(deps: ScheduleDeps, userId: string, id: string, input: ScheduleUpdate): Promise<ScheduleRow> {
	const row = await ownSchedule(deps.db, userId, id);
	if (!EDITABLE.includes(row.status)) throw new AppError(409, "CONFLICT", `A ${row.status} schedule cannot be edited.`);
	const now = deps.now();
	const timeZone = input.time_zone ?? row.timeZone;
	const scheduledAt = input.scheduled_at === undefined ? undefined : futureTime(input.scheduled_at, timeZone, now);
	if (input.channel_id !== undefined) await publishableChannel(deps.db, userId, input.channel_id);
	const [updated] = await deps.db
		.update(publishSchedules)
		.set({
			...(input.channel_id !== undefined ? { channelId: input.channel_id } : {}),
			...(scheduledAt !== undefined ? { scheduledAt } : {}),
			timeZone,
			...(input.title !== undefined ? { title: input.title } : {}),
			...(input.description !== undefined ? { description: input.description } : {}),
			...(input.tags !== undefined ? { tags: JSON.stringify(input.tags) } : {}),
			...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
			status: "pending",
			attempts: 0,
			nextAttemptAt: null,
			lastError: null,
			uploadSession: null,
			updatedAt: now.toISOString(),
		})
		// Conditional: the scheduler may have claimed it since it was read.
		.where(and(eq(publishSchedules.id, id), inArray(publishSchedules.status, EDITABLE)))
		.returning();
	if (!updated) throw new AppError(409, "CONFLICT", "The schedule was handed to the publisher meanwhile.");
	return updated;
}

/** Deletes a `pending` or `failed` schedule (a queued or publishing one is the publisher's; a published one is history). */
export async function deleteSchedule(db: Db, userId: string, id: string): Promise<void> {
	const row = await ownSchedule(db, userId, id);
	const deleted = await db
		.delete(publishSchedules)
		.where(and(eq(publishSchedules.id, id), inArray(publishSchedules.status, EDITABLE)))
		.returning({ id: publishSchedules.id });
	if (deleted.length === 0) throw new AppError(409, "CONFLICT", `A ${row.status} schedule cannot be deleted.`);
}

/**
 * Hands a schedule to the queue now (`queued`): an existing `pending` or `failed` one (a failed
 * one starts its attempts again), or a new one made from the body. If the queue refuses the
 * message, the schedule goes back to what it was and the error stands.
 */
export async function publishNow(deps: ScheduleDeps, userId: string, input: PublishNow, viewerZone: string): Promise<ScheduleRow> {
	const now = deps.now();
	let row: ScheduleRow;
	let previous: Pick<ScheduleRow, "status" | "attempts" | "scheduledAt"> | null = null;
	if ("schedule_id" in input) {
		const existing = await ownSchedule(deps.db, userId, input.schedule_id);
		if (!EDITABLE.includes(existing.status)) throw new AppError(409, "CONFLICT", `A ${existing.status} schedule cannot be published again.`);
		await publishableProject(deps.db, userId, existing.projectId);
		await publishableChannel(deps.db, userId, existing.channelId);
		const [claimed] = await deps.db
			.update(publishSchedules)
			.set({
				status: "queued",
				attempts: 0,
				nextAttemptAt: null,
				lastError: null,
				uploadSession: null,
				scheduledAt: now.toISOString(),
				updatedAt: now.toISOString(),
			})
			.where(and(eq(publishSchedules.id, existing.id), inArray(publishSchedules.status, EDITABLE)))
			.returning();
		if (!claimed) throw new AppError(409, "CONFLICT", "The schedule was handed to the publisher meanwhile.");
		previous = existing;
		row = claimed;
	} else {
		await publishableProject(deps.db, userId, input.project_id);
		await publishableChannel(deps.db, userId, input.channel_id);
		row = await insertSchedule(deps.db, userId, { ...input, time_zone: input.time_zone ?? viewerZone }, now.toISOString(), "queued", now);
	}
	try {
		await sendPublishMessages(deps.queue, [row.id]);
	} catch (err) {
		if (previous) {
			await deps.db
				.update(publishSchedules)
				.set({ status: previous.status, attempts: previous.attempts, scheduledAt: previous.scheduledAt })
				.where(and(eq(publishSchedules.id, row.id), eq(publishSchedules.status, "queued")));
		} else {
			await deps.db.delete(publishSchedules).where(and(eq(publishSchedules.id, row.id), eq(publishSchedules.status, "queued")));
		}
		throw err;
	}
	return row;
}
