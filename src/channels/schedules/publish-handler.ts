import { and, eq, inArray, sql } from "drizzle-orm";
import { channelSyncLog, publishSchedules } from "../../db/channels-schema";
import { projects } from "../../db/video-schema";
import { newId } from "../../lib/ids";
import { log } from "../../lib/log";
import { notifyOnce } from "../../notifications/notify";
import type { ChannelDeps } from "../deps";
import type { ChannelHandler } from "../queue";
import { withChannelSession } from "../tokens";
import { classifyPublishError, MAX_PUBLISH_ATTEMPTS, publishBackoffSeconds } from "./publish-failure";
import { PublishImpossible, videoUploadOf } from "./upload";
import { type ScheduleRow, scheduleView } from "./view";

/**
 * `publish_video`: uploads one scheduled video. The row moves `queued → publishing` in one
 * conditional UPDATE (a second message for the same schedule finds it claimed and is done);
 * success is `published` with the outside id, the project `published` and a sync log row in one
 * batch. A retryable failure goes back to `queued` and the message comes again after 5, 10, 20,
 * 40 s (base × 2^(attempt−1)); the 5th failure, or a final one, is `failed` with the provider's
 * reason, a sync log row and one notification to the owner.
 */
export const publishVideoHandler: ChannelHandler<"publish_video"> = {
	run: async (deps, message) => {
		const now = deps.now();
		const nowIso = now.toISOString();
		const current = await deps.db.query.publishSchedules.findFirst({ where: eq(publishSchedules.id, message.scheduleId) });
		if (current?.status !== "queued") return "done";
		// A message that came back before its backoff ran out (the broker's delays are approximate) waits the rest.
		if (current.nextAttemptAt && current.nextAttemptAt > nowIso) {
			return { retryInSeconds: Math.max(1, Math.ceil((Date.parse(current.nextAttemptAt) - now.getTime()) / 1000)) };
		}
		const [row] = await deps.db
			.update(publishSchedules)
			.set({ status: "publishing", attempts: sql`${publishSchedules.attempts} + 1`, nextAttemptAt: null, updatedAt: nowIso })
			.where(and(eq(publishSchedules.id, current.id), eq(publishSchedules.status, "queued"), eq(publishSchedules.updatedAt, current.updatedAt)))
			.returning();
		if (!row) return "done";
		try {
			const published = await upload(deps, row);
			await deps.db.batch([
				deps.db
					.update(publishSchedules)
					.set({
						status: "published",
						externalId: published.externalId,
						externalUrl: published.url,
						uploadSession: null,
						lastError: null,
						publishedAt: deps.now().toISOString(),
						updatedAt: deps.now().toISOString(),
					})
					.where(eq(publishSchedules.id, row.id)),
				deps.db.update(projects).set({ status: "published", updatedAt: deps.now().toISOString() }).where(eq(projects.id, row.projectId)),
				deps.db.insert(channelSyncLog).values(syncLogRow(row, "succeeded", published.externalId, "", deps.now())),
			]);
			log("info", "scheduled video published", { scheduleId: row.id, channelId: row.channelId, attempt: row.attempts });
			return "done";
		} catch (err) {
			const { retryable, reason } = classifyPublishError(err);
			if (retryable && row.attempts < MAX_PUBLISH_ATTEMPTS) {
				const delay = publishBackoffSeconds(deps.config.retryBaseSeconds, row.attempts);
				await deps.db.batch([
					deps.db
						.update(publishSchedules)
						.set({
							status: "queued",
							lastError: reason,
							nextAttemptAt: new Date(now.getTime() + delay * 1000).toISOString(),
							updatedAt: deps.now().toISOString(),
						})
						.where(and(eq(publishSchedules.id, row.id), eq(publishSchedules.status, "publishing"))),
					deps.db.insert(channelSyncLog).values(syncLogRow(row, "failed", null, reason, deps.now())),
				]);
				log("warn", "scheduled video publish failed; retrying", { scheduleId: row.id, attempt: row.attempts, retryInSeconds: delay, reason });
				return { retryInSeconds: delay };
			}
			await failSchedule(deps, row, reason, ["publishing"]);
			return "done";
		}
	},
	deadLettered: async (deps, message) => {
		const row = await deps.db.query.publishSchedules.findFirst({ where: eq(publishSchedules.id, message.scheduleId) });
		if (!row) return;
		await failSchedule(deps, row, "the publish could not be completed (the queue gave up on it)", ["queued", "publishing"]);
	},
};

async function upload(deps: ChannelDeps, row: ScheduleRow) {
	const project = await deps.db.query.projects.findFirst({ where: eq(projects.id, row.projectId) });
	if (!project) throw new PublishImpossible("the project no longer exists");
	const upload = await videoUploadOf(deps, row, project, scheduleView(row).tags);
	return withChannelSession(deps, row.channelId, (session, adapter) => {
		if (!adapter.video) throw new PublishImpossible(`the ${adapter.provider} channel cannot take videos`);
		return adapter.video.uploadVideo(session, upload);
	});
}

function syncLogRow(row: ScheduleRow, outcome: "succeeded" | "failed", externalId: string | null, detail: string, now: Date) {
	return {
		id: newId("csl"),
		channelId: row.channelId,
		scheduleId: row.id,
		operation: "upload_video" as const,
		outcome,
		externalId,
		attempt: row.attempts,
		detail,
		createdAt: now.toISOString(),
	};
}

/**
 * `failed` with the reason, a sync log row and one notification, only if the row was still in one
 * of `from` (the move is conditional: a schedule already failed or published is not told twice).
 */
async function failSchedule(deps: ChannelDeps, row: ScheduleRow, reason: string, from: ScheduleRow["status"][]): Promise<void> {
	const now = deps.now();
	const [failed] = await deps.db
		.update(publishSchedules)
		.set({ status: "failed", lastError: reason, nextAttemptAt: null, updatedAt: now.toISOString() })
		.where(and(eq(publishSchedules.id, row.id), inArray(publishSchedules.status, from)))
		.returning();
	if (!failed) return;
	await deps.db.insert(channelSyncLog).values(syncLogRow(failed, "failed", null, reason, now));
	const channel = await deps.db.query.channels.findFirst({ where: (c, { eq: is }) => is(c.id, row.channelId) });
	const channelName = channel?.displayName ?? row.channelId;
	await notifyOnce(deps.db, {
		userId: row.userId,
		kind: "publish_failed",
		title: `“${row.title}” could not be published`,
		body: `${channelName}: ${reason}`,
		params: { title: row.title, channel: channelName, reason },
		link: `/video/schedules?status=failed`,
		// One per failure: a schedule edited and failing again is a new fact.
		dedupeKey: `publish_failed:${row.id}:${failed.updatedAt}`,
		now,
	});
	log("warn", "scheduled video publish failed for good", { scheduleId: row.id, channelId: row.channelId, attempts: failed.attempts, reason });
}
