import { env } from "cloudflare:workers";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ChannelCallFailed } from "../../src/channels/adapter";
import { snapshotHandler } from "../../src/channels/analytics/snapshot-handler";
import { enqueueSnapshots } from "../../src/channels/analytics/snapshots";
import { snapshotWindowStart } from "../../src/channels/analytics/window";
import type { ChannelDeps } from "../../src/channels/deps";
import { countSandboxVideo, recordSandboxSale } from "../../src/channels/local/sandbox-store";
import type { ChannelMessage } from "../../src/channels/messages";
import { channelAdapterRegistry } from "../../src/channels/registry";
import { analyticsSnapshots, channelListings, channelSyncLog, channels } from "../../src/db/channels-schema";
import { products } from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { insertConnectedChannel } from "../support/channel-helpers";
import { testAppDeps } from "../support/helpers";
import { connectSandboxChannel, publishToSandbox } from "../support/sandbox-helpers";
import { createTestUser } from "../support/user-helpers";

/** A queue that keeps what was sent, so the cron's messages are read back instead of consumed. */
function recordingQueue() {
	const sent: ChannelMessage[] = [];
	const queue = {
		sent,
		send: async (body: ChannelMessage) => {
			sent.push(body);
		},
		sendBatch: async (messages: Iterable<MessageSendRequest<ChannelMessage>>) => {
			for (const message of messages) sent.push(message.body);
		},
	};
	return queue as unknown as Queue<ChannelMessage> & { sent: ChannelMessage[] };
}

async function channelDeps(at: Date): Promise<ChannelDeps & { queue: Queue<ChannelMessage> & { sent: ChannelMessage[] } }> {
	const { channels: deps } = await testAppDeps(() => at);
	return { ...deps, queue: recordingQueue(), config: { ...deps.config, retryBaseSeconds: 5 }, now: () => at };
}

const message = (channelId: string) => ({ kind: "snapshot" as const, channelId });

async function snapshotRows(channelId: string) {
	const rows = await env.DB.prepare("SELECT * FROM analytics_snapshots WHERE channel_id = ? ORDER BY item_id").bind(channelId).all();
	return rows.results;
}

async function syncLog(channelId: string) {
	const db = (await testAppDeps()).db;
	return db.select().from(channelSyncLog).where(eq(channelSyncLog.channelId, channelId)).orderBy(channelSyncLog.createdAt);
}

/** A sandbox video channel of a new user with two uploaded videos, published by schedules of two projects. */
async function videoChannelWithTwoVideos(deps: ChannelDeps) {
	const who = await createTestUser();
	const { channel, account, tokens } = await connectSandboxChannel(deps, { kind: "video", userId: who.user.id });
	const published = [];
	for (const title of ["첫 영상", "두 번째 영상"]) published.push(await publishToSandbox(deps, { channel, account, tokens }, who.user.id, title));
	return { who, channel, account, published };
}

describe("enqueueSnapshots (every 6 hours)", () => {
	it("queues one snapshot per connected channel and none for channels that are not connected", async () => {
		const deps = await channelDeps(new Date());
		const owner = await createTestUser();
		const video = await insertConnectedChannel(deps, { provider: "local", kind: "video", userId: owner.user.id });
		const shop = await insertConnectedChannel(deps, { provider: "local", kind: "shop" });
		const gone = await insertConnectedChannel(deps, { provider: "local", kind: "video", userId: owner.user.id });
		const stale = await insertConnectedChannel(deps, { provider: "local", kind: "shop" });
		await deps.db.update(channels).set({ status: "disconnected" }).where(eq(channels.id, gone.id));
		await deps.db.update(channels).set({ status: "needs_reauth" }).where(eq(channels.id, stale.id));

		const { queued } = await enqueueSnapshots(deps);
		const ids = deps.queue.sent.map((sent) => (sent.kind === "snapshot" ? sent.channelId : ""));
		expect(ids).toContain(video.id);
		expect(ids).toContain(shop.id);
		expect(ids).not.toContain(gone.id);
		expect(ids).not.toContain(stale.id);
		expect(queued).toBe(ids.length);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe("the snapshot handler", () => {
	it("stores a video channel's totals and each published video's counters, once per window", async () => {
		const at = new Date("2026-12-05T08:17:00.000Z");
		const deps = await channelDeps(at);
		const { channel, account, published } = await videoChannelWithTwoVideos(deps);
		const [first, second] = published;
		if (!first || !second) throw new Error("two videos expected");
		for (let i = 0; i < 3; i++) await countSandboxVideo(deps.db, account, first.externalId, "views");
		await countSandboxVideo(deps.db, account, first.externalId, "likes");
		await countSandboxVideo(deps.db, account, second.externalId, "views");
		expect(await snapshotRows(channel.id)).toEqual([]);

		expect(await snapshotHandler.run(deps, message(channel.id), 1)).toBe("done");
		const rows = await deps.db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.channelId, channel.id));
		expect(rows).toHaveLength(3);
		for (const row of rows) expect(row.capturedAt).toBe("2026-12-05T06:00:00.000Z");
		const byItem = new Map(rows.map((row) => [row.itemId, row]));
		expect(byItem.get(null)).toMatchObject({ views: 4, likes: 1, comments: 0, projectId: null });
		expect(byItem.get(first.externalId)).toMatchObject({ views: 3, likes: 1, comments: 0, projectId: first.projectId });
		expect(byItem.get(second.externalId)).toMatchObject({ views: 1, likes: 0, projectId: second.projectId });

		// The same message again in the same window (at-least-once delivery): no second row, no provider call.
		await countSandboxVideo(deps.db, account, first.externalId, "views");
		expect(await snapshotHandler.run(deps, message(channel.id), 1)).toBe("done");
		expect(await snapshotRows(channel.id)).toHaveLength(3);
		expect((await syncLog(channel.id)).map((row) => [row.operation, row.outcome])).toEqual([
			["read_stats", "succeeded"],
			["read_stats", "skipped"],
		]);

		// The next window reads the counters again.
		const later = { ...deps, now: () => new Date("2026-12-05T12:00:30.000Z") };
		expect(await snapshotHandler.run(later, message(channel.id), 1)).toBe("done");
		const totals = await deps.db
			.select()
			.from(analyticsSnapshots)
			.where(and(eq(analyticsSnapshots.channelId, channel.id), isNull(analyticsSnapshots.itemId)))
			.orderBy(analyticsSnapshots.capturedAt);
		expect(totals.map((row) => [row.capturedAt, row.views])).toEqual([
			["2026-12-05T06:00:00.000Z", 4],
			["2026-12-05T12:00:00.000Z", 5],
		]);
	});

	it("reads a shop's sales into orders and revenue for the listed product and the shop's totals", async () => {
		const saleAt = new Date("2026-12-04T10:00:00.000Z");
		const deps = await channelDeps(saleAt);
		const { channel, account, tokens } = await connectSandboxChannel(deps, { kind: "shop" });
		const productId = newId("prd");
		await deps.db.insert(products).values({
			id: productId,
			slug: `kit-${productId.slice(4, 12)}`,
			title: "Sourdough kit",
			topic: "sourdough",
			kind: "digital_kit",
			status: "PUBLISHED",
			priceCents: 1900,
			currency: "usd",
			downloadLimit: 5,
			linkTtlSeconds: 600,
		});
		const shop = deps.adapters.get("local").shop;
		if (!shop) throw new Error("the sandbox has no shop");
		const session = { channelId: channel.id, externalId: account, accessToken: tokens.accessToken };
		const { externalId } = await shop.pushProduct(
			session,
			{
				productId,
				createKey: `ef-${productId}`,
				name: "Sourdough kit",
				description: "",
				priceCents: 1900,
				currency: "usd",
				display: true,
				selling: true,
				stock: null,
				url: "http://localhost:8787/products/x",
			},
			null,
		);
		await deps.db.insert(channelListings).values({ channelId: channel.id, productId, externalId, createKey: `ef-${productId}` });
		expect(await recordSandboxSale(deps.db, account, externalId, saleAt)).toBe(true);
		expect(await recordSandboxSale(deps.db, account, externalId, new Date(saleAt.getTime() + 60_000))).toBe(true);

		// The window after the sales counts them (a window counts the orders placed before it started).
		const next = { ...deps, now: () => new Date("2026-12-04T12:05:00.000Z") };
		expect(await snapshotHandler.run(next, message(channel.id), 1)).toBe("done");
		const rows = await deps.db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.channelId, channel.id));
		const byItem = new Map(rows.map((row) => [row.itemId, row]));
		expect(rows).toHaveLength(2);
		expect(byItem.get(externalId)).toMatchObject({ productId, orders: 2, revenueCents: 3800, capturedAt: "2026-12-04T12:00:00.000Z" });
		expect(byItem.get(null)).toMatchObject({ orders: 2, revenueCents: 3800 });

		// The following window starts from this one: the same sales are not counted again.
		const after = { ...deps, now: () => new Date("2026-12-04T18:01:00.000Z") };
		expect(await snapshotHandler.run(after, message(channel.id), 1)).toBe("done");
		const later = await deps.db
			.select()
			.from(analyticsSnapshots)
			.where(and(eq(analyticsSnapshots.channelId, channel.id), eq(analyticsSnapshots.capturedAt, "2026-12-04T18:00:00.000Z")));
		expect(later.map((row) => row.itemId ?? "totals").sort()).toEqual([externalId, "totals"].sort());
		for (const row of later) expect([row.orders, row.revenueCents]).toEqual([0, 0]);
	});

	it("retries a retryable provider failure with backoff up to 3 tries, then gives up with a log row", async () => {
		const deps = await channelDeps(new Date());
		const who = await createTestUser();
		const { channel } = await connectSandboxChannel(deps, { kind: "video", userId: who.user.id });
		const local = deps.adapters.get("local");
		const failing = channelAdapterRegistry([
			{
				...local,
				video: {
					uploadVideo: async () => {
						throw new Error("not used");
					},
					readStats: async () => {
						throw new ChannelCallFailed("quotaExceeded: try later", true, 503);
					},
				},
			},
		]);
		const broken = { ...deps, adapters: failing };
		expect(await snapshotHandler.run(broken, message(channel.id), 1)).toEqual({ retryInSeconds: 5 });
		expect(await snapshotHandler.run(broken, message(channel.id), 2)).toEqual({ retryInSeconds: 10 });
		expect(await snapshotHandler.run(broken, message(channel.id), 3)).toBe("done");
		expect(await snapshotRows(channel.id)).toEqual([]);
		const log = await syncLog(channel.id);
		expect(log.map((row) => [row.outcome, row.attempt])).toEqual([
			["failed", 1],
			["failed", 2],
			["failed", 3],
		]);
		expect(log[0]?.detail).toContain("quotaExceeded");
	});

	it("ends without rows when the channel is no longer connected", async () => {
		const deps = await channelDeps(new Date());
		const who = await createTestUser();
		const { channel } = await connectSandboxChannel(deps, { kind: "video", userId: who.user.id });
		await deps.db.update(channels).set({ status: "needs_reauth" }).where(eq(channels.id, channel.id));
		expect(await snapshotHandler.run(deps, message(channel.id), 1)).toBe("done");
		expect(await snapshotRows(channel.id)).toEqual([]);
		expect((await syncLog(channel.id)).map((row) => row.outcome)).toEqual(["skipped"]);
	});

	it("aligns windows on 6-hour UTC boundaries", () => {
		expect(snapshotWindowStart(new Date("2026-12-05T05:59:59.999Z"))).toBe("2026-12-05T00:00:00.000Z");
		expect(snapshotWindowStart(new Date("2026-12-05T18:00:00.000Z"))).toBe("2026-12-05T18:00:00.000Z");
	});
});
