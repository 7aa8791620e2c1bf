import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ChannelCallFailed } from "../../src/channels/adapter";
import type { ChannelDeps } from "../../src/channels/deps";
import { listSandboxItems } from "../../src/channels/local/sandbox-store";
import type { ChannelMessage } from "../../src/channels/messages";
import { channelAdapterRegistry } from "../../src/channels/registry";
import { localDay } from "../../src/channels/schedules/local-time";
import { publishVideoHandler } from "../../src/channels/schedules/publish-handler";
import { handOverDueSchedules } from "../../src/channels/schedules/scheduler";
import { createSchedule } from "../../src/channels/schedules/schedules";
import { scheduleView } from "../../src/channels/schedules/view";
import { channelSyncLog, channels, publishSchedules } from "../../src/db/channels-schema";
import { getDb } from "../../src/db/client";
import { notifications } from "../../src/db/schema";
import { testAppDeps } from "../support/helpers";
import { connectSandboxChannel } from "../support/sandbox-helpers";
import { createTestUser } from "../support/user-helpers";
import { seedReadyProject, VIDEO_FIXTURES } from "../support/video-product-helpers";

const db = getDb(env.DB);

/** A queue that keeps what is sent, so the test decides when each message runs; `failing` refuses sends. */
class RecordingChannelQueue {
	readonly sent: ChannelMessage[] = [];
	failing = false;
	async send(body: ChannelMessage) {
		if (this.failing) throw new Error("queue unavailable");
		this.sent.push(body);
	}
	async sendBatch(messages: Iterable<{ body: ChannelMessage }>) {
		if (this.failing) throw new Error("queue unavailable");
		for (const message of messages) this.sent.push(message.body);
	}
}

/** Channel deps over the test bindings with a movable clock, a recording queue and a 5-second retry base. */
async function setup(start = new Date()) {
	let at = start;
	const app = await testAppDeps(() => at);
	const queue = new RecordingChannelQueue();
	const deps: ChannelDeps = { ...app.channels, queue: queue as unknown as Queue<ChannelMessage>, config: { ...app.channels.config, retryBaseSeconds: 5 } };
	const who = await createTestUser({ name: "예약 테스트" });
	const project = await seedReadyProject(who);
	const { channel, account } = await connectSandboxChannel(deps, { kind: "video", userId: who.user.id });
	return {
		deps,
		queue,
		who,
		project,
		channel,
		account,
		advance: (ms: number) => {
			at = new Date(at.getTime() + ms);
		},
		now: () => at,
	};
}

const input = (projectId: string, channelId: string, scheduledAt: string) => ({
	project_id: projectId,
	channel_id: channelId,
	scheduled_at: scheduledAt,
	time_zone: "Asia/Seoul",
	title: "제주 여행 30초",
	description: "겨울 제주",
	tags: ["제주", "여행"],
	visibility: "unlisted" as const,
});

const scheduleRow = (id: string) => db.query.publishSchedules.findFirst({ where: eq(publishSchedules.id, id) });
const logRows = (id: string) => db.query.channelSyncLog.findMany({ where: eq(channelSyncLog.scheduleId, id), orderBy: (l, { asc }) => [asc(l.attempt)] });
const failureNotes = (userId: string) =>
	db.query.notifications.findMany({ where: and(eq(notifications.userId, userId), eq(notifications.kind, "publish_failed")) });

describe("schedules: time zones", () => {
	it("reads 2026-12-06T00:30 in Asia/Seoul as 2026-12-05T15:30Z and shows it back on the 6th (across midnight KST)", async () => {
		const t = await setup(new Date("2026-12-01T00:00:00Z"));
		const row = await createSchedule(t.deps, t.who.user.id, input(t.project.id, t.channel.id, "2026-12-06T00:30"), "UTC");
		expect(row.scheduledAt).toBe("2026-12-05T15:30:00.000Z");
		const view = scheduleView(row);
		expect(view).toMatchObject({ scheduled_at: "2026-12-05T15:30:00.000Z", scheduled_local: "2026-12-06T00:30", time_zone: "Asia/Seoul", status: "pending" });
		expect(localDay(row.scheduledAt, "Asia/Seoul")).toBe("2026-12-06");
		expect(localDay(row.scheduledAt, "UTC")).toBe("2026-12-05");
		// Without a zone, the viewer's (here New York: 2026-12-06 00:30 EST = 05:30Z).
		const { time_zone: _zone, ...noZone } = input(t.project.id, t.channel.id, "2026-12-06T00:30");
		const ny = await createSchedule(t.deps, t.who.user.id, noZone, "America/New_York");
		expect(ny.scheduledAt).toBe("2026-12-06T05:30:00.000Z");
		// An ISO time with an offset is that instant whatever the zone.
		const iso = await createSchedule(t.deps, t.who.user.id, input(t.project.id, t.channel.id, "2026-12-06T00:30+09:00"), "UTC");
		expect(iso.scheduledAt).toBe("2026-12-05T15:30:00.000Z");
	});
});

describe("schedules: the scheduler and the publisher", () => {
	it("publishes a due schedule once though the cron runs twice, in turn and at once: the MP4's bytes on the channel, project published, a sync log row", async () => {
		const t = await setup();
		const row = await createSchedule(t.deps, t.who.user.id, input(t.project.id, t.channel.id, new Date(t.now().getTime() + 60_000).toISOString()), "UTC");
		expect(await handOverDueSchedules(t.deps)).toMatchObject({ queued: 0 });
		expect(t.queue.sent).toEqual([]);
		t.advance(120_000);
		const runs = [await handOverDueSchedules(t.deps), ...(await Promise.all([handOverDueSchedules(t.deps), handOverDueSchedules(t.deps)]))];
		expect(runs.map((r) => r.queued).sort()).toEqual([0, 0, 1]);
		expect(t.queue.sent).toEqual([{ kind: "publish_video", scheduleId: row.id }]);
		expect((await scheduleRow(row.id))?.status).toBe("queued");

		// The same message delivered twice (at once): one upload.
		const message = { kind: "publish_video" as const, scheduleId: row.id };
		const outcomes = await Promise.all([publishVideoHandler.run(t.deps, message, 1), publishVideoHandler.run(t.deps, message, 1)]);
		expect(outcomes).toEqual(["done", "done"]);
		expect(await publishVideoHandler.run(t.deps, message, 2)).toBe("done");
		const videos = await listSandboxItems<{ title: string; tags: string[]; visibility: string }>(db, t.account, "video");
		expect(videos).toHaveLength(1);
		const video = videos[0];
		expect(video?.data).toMatchObject({ title: "제주 여행 30초", tags: ["제주", "여행"], visibility: "unlisted" });
		const stored = await env.FILES.get(video?.r2Key ?? "");
		expect(new Uint8Array((await stored?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(VIDEO_FIXTURES.mp4);

		const published = await scheduleRow(row.id);
		expect(published).toMatchObject({ status: "published", attempts: 1, externalId: video?.id, lastError: null, uploadSession: null });
		expect(published?.externalUrl).toContain(`/sandbox/channels/${t.account}/videos/${video?.id}`);
		expect(published?.publishedAt).toBe(t.now().toISOString());
		expect((await db.query.projects.findFirst({ where: (p, { eq: is }) => is(p.id, t.project.id) }))?.status).toBe("published");
		expect(await logRows(row.id)).toMatchObject([
			{ operation: "upload_video", outcome: "succeeded", externalId: video?.id, attempt: 1, channelId: t.channel.id },
		]);
	});

	it("puts claimed schedules back to pending when the queue refuses them, and hands over again those stuck for 15 minutes", async () => {
		const t = await setup();
		const row = await createSchedule(t.deps, t.who.user.id, input(t.project.id, t.channel.id, new Date(t.now().getTime() + 60_000).toISOString()), "UTC");
		t.advance(61_000);
		t.queue.failing = true;
		expect(await handOverDueSchedules(t.deps)).toMatchObject({ queued: 0 });
		expect((await scheduleRow(row.id))?.status).toBe("pending");
		t.queue.failing = false;
		expect(await handOverDueSchedules(t.deps)).toMatchObject({ queued: 1 });
		// The message is lost: 14 minutes later nothing happens, after 15 it is sent again.
		t.advance(14 * 60_000);
		expect(await handOverDueSchedules(t.deps)).toMatchObject({ queued: 0, rehanded: 0 });
		t.advance(61_000);
		expect(await handOverDueSchedules(t.deps)).toMatchObject({ queued: 0, rehanded: 1 });
		expect(t.queue.sent).toEqual([
			{ kind: "publish_video", scheduleId: row.id },
			{ kind: "publish_video", scheduleId: row.id },
		]);
		expect((await scheduleRow(row.id))?.status).toBe("queued");
	});

	it("retries a retryable failure after 5, 10, 20, 40 s and fails after the 5th attempt with the provider's reason and one notification", async () => {
		const t = await setup();
		const local = t.deps.adapters.get("local");
		let uploads = 0;
		// The outside world failing: the provider answers 503 on every upload.
		const failing = {
			...local,
			video: {
				...(local.video as NonNullable<typeof local.video>),
				uploadVideo: async () => {
					uploads += 1;
					throw new ChannelCallFailed("YouTube answered 503: backendError", true, 503);
				},
			},
		};
		const deps: ChannelDeps = { ...t.deps, adapters: channelAdapterRegistry([failing]) };
		const row = await createSchedule(deps, t.who.user.id, input(t.project.id, t.channel.id, new Date(t.now().getTime() + 60_000).toISOString()), "UTC");
		t.advance(61_000);
		await handOverDueSchedules(deps);
		const message = { kind: "publish_video" as const, scheduleId: row.id };
		const delays: number[] = [];
		for (let attempt = 1; attempt <= 4; attempt += 1) {
			const outcome = await publishVideoHandler.run(deps, message, attempt);
			if (outcome === "done") throw new Error(`attempt ${attempt} ended`);
			delays.push(outcome.retryInSeconds);
			const waiting = await scheduleRow(row.id);
			expect(waiting).toMatchObject({ status: "queued", attempts: attempt, lastError: "YouTube answered 503: backendError" });
			expect(waiting?.nextAttemptAt).toBe(new Date(t.now().getTime() + outcome.retryInSeconds * 1000).toISOString());
			// A message back before its time waits the rest, without an attempt.
			expect(await publishVideoHandler.run(deps, message, attempt)).toEqual({ retryInSeconds: outcome.retryInSeconds });
			t.advance(outcome.retryInSeconds * 1000);
		}
		expect(delays).toEqual([5, 10, 20, 40]);
		expect(await failureNotes(t.who.user.id)).toHaveLength(0);
		expect(await publishVideoHandler.run(deps, message, 5)).toBe("done");
		expect(uploads).toBe(5);
		expect(await scheduleRow(row.id)).toMatchObject({ status: "failed", attempts: 5, lastError: "YouTube answered 503: backendError", nextAttemptAt: null });
		const log = await logRows(row.id);
		expect(log.map((l) => [l.attempt, l.outcome])).toEqual([
			[1, "failed"],
			[2, "failed"],
			[3, "failed"],
			[4, "failed"],
			[5, "failed"],
		]);
		// Delivered again, or dead-lettered afterwards: still failed, still one notification.
		expect(await publishVideoHandler.run(deps, message, 6)).toBe("done");
		await publishVideoHandler.deadLettered(deps, message);
		const notes = await failureNotes(t.who.user.id);
		expect(notes).toHaveLength(1);
		expect(JSON.parse(notes[0]?.params ?? "{}")).toMatchObject({ title: "제주 여행 30초", reason: "YouTube answered 503: backendError" });
		expect(notes[0]?.link).toBe("/video/schedules?status=failed");
		expect(uploads).toBe(5);
	});

	it("fails at once on a final refusal, and a dead-lettered message fails its schedule with one notification", async () => {
		const t = await setup();
		const local = t.deps.adapters.get("local");
		const refusing = {
			...local,
			video: {
				...(local.video as NonNullable<typeof local.video>),
				uploadVideo: async () => {
					throw new ChannelCallFailed("invalidTitle: the title is not allowed", false, 400);
				},
			},
		};
		const deps: ChannelDeps = { ...t.deps, adapters: channelAdapterRegistry([refusing]) };
		const first = await createSchedule(deps, t.who.user.id, input(t.project.id, t.channel.id, new Date(t.now().getTime() + 60_000).toISOString()), "UTC");
		const second = await createSchedule(deps, t.who.user.id, input(t.project.id, t.channel.id, new Date(t.now().getTime() + 60_000).toISOString()), "UTC");
		t.advance(61_000);
		expect(await handOverDueSchedules(deps)).toMatchObject({ queued: 2 });
		expect(await publishVideoHandler.run(deps, { kind: "publish_video", scheduleId: first.id }, 1)).toBe("done");
		expect(await scheduleRow(first.id)).toMatchObject({ status: "failed", attempts: 1, lastError: "invalidTitle: the title is not allowed" });
		await publishVideoHandler.deadLettered(deps, { kind: "publish_video", scheduleId: second.id });
		await publishVideoHandler.deadLettered(deps, { kind: "publish_video", scheduleId: second.id });
		expect(await scheduleRow(second.id)).toMatchObject({ status: "failed", lastError: expect.stringContaining("queue gave up") });
		expect(await failureNotes(t.who.user.id)).toHaveLength(2);
	});

	it("fails a schedule whose channel must be connected again, without calling the provider", async () => {
		const t = await setup();
		const row = await createSchedule(t.deps, t.who.user.id, input(t.project.id, t.channel.id, new Date(t.now().getTime() + 60_000).toISOString()), "UTC");
		t.advance(61_000);
		await handOverDueSchedules(t.deps);
		await db.update(channels).set({ status: "needs_reauth" }).where(eq(channels.id, t.channel.id));
		expect(await publishVideoHandler.run(t.deps, { kind: "publish_video", scheduleId: row.id }, 1)).toBe("done");
		expect(await scheduleRow(row.id)).toMatchObject({ status: "failed", lastError: expect.stringContaining("connected again") });
		expect(await listSandboxItems(db, t.account, "video")).toHaveLength(0);
	});
});
