import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { userInsights } from "../../src/channels/analytics/insights";
import { snapshotHandler } from "../../src/channels/analytics/snapshot-handler";
import { snapshotWindowStart } from "../../src/channels/analytics/window";
import type { ChannelDeps } from "../../src/channels/deps";
import { countSandboxVideo, recordSandboxSale } from "../../src/channels/local/sandbox-store";
import { analyticsSnapshots, channelListings, channels, publishSchedules } from "../../src/db/channels-schema";
import { getDb } from "../../src/db/client";
import { products } from "../../src/db/schema";
import { projects, videoTemplates } from "../../src/db/video-schema";
import { newId } from "../../src/lib/ids";
import { insertConnectedChannel } from "../support/channel-helpers";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";
import { adminCookie } from "../support/portrait-result-helpers";
import { connectSandboxChannel, publishToSandbox } from "../support/sandbox-helpers";
import { createTestUser, userApi } from "../support/user-helpers";

const db = getDb(env.DB);
const HOUR = 3_600_000;

async function depsAt(at: Date): Promise<ChannelDeps> {
	const { channels: deps } = await testAppDeps(() => at);
	return { ...deps, now: () => at };
}

/** A user's sandbox video channel with two published videos, read twice (6 hours apart) by the snapshot handler. */
async function channelWithHistory(name: string) {
	const now = new Date();
	const deps = await depsAt(new Date(now.getTime() - 6 * HOUR));
	const who = await createTestUser();
	const { channel, account, tokens } = await connectSandboxChannel(deps, { kind: "video", userId: who.user.id, displayName: name });
	const published = [];
	for (const title of ["제주 여행 첫날", "Sourdough at home"]) published.push(await publishToSandbox(deps, { channel, account, tokens }, who.user.id, title));
	const [first, second] = published;
	if (!first || !second) throw new Error("two videos expected");
	await countSandboxVideo(db, account, first.externalId, "views");
	expect(await snapshotHandler.run(deps, { kind: "snapshot", channelId: channel.id }, 1)).toBe("done");
	for (let i = 0; i < 4; i++) await countSandboxVideo(db, account, first.externalId, "views");
	await countSandboxVideo(db, account, second.externalId, "views");
	await countSandboxVideo(db, account, second.externalId, "likes");
	expect(await snapshotHandler.run({ ...deps, now: () => now }, { kind: "snapshot", channelId: channel.id }, 1)).toBe("done");
	return { who, channel, first, second, windows: [snapshotWindowStart(deps.now()), snapshotWindowStart(now)] };
}

type Overview = {
	channels: { id: string; display_name: string; views: number; likes: number; series: { at: string; views: number }[] }[];
	totals: { views: number; likes: number; comments: number };
	top_videos: { item_id: string; title: string; views: number; project_id: string }[];
	insights: { kind: string; params: Record<string, unknown>; link: string }[];
};

async function errorCode(res: Response): Promise<string> {
	return ((await res.json()) as ErrorBody).error.code;
}

describe("GET /api/analytics", () => {
	it("overview: the user's channels with their latest numbers and series, totals and top videos", async () => {
		const { who, channel, first, second, windows } = await channelWithHistory("여행 채널");
		const res = await userApi(who, "/api/analytics/overview");
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toContain("no-store");
		const body = (await res.json()) as Overview;
		expect(body.channels).toHaveLength(1);
		expect(body.channels[0]).toMatchObject({ id: channel.id, display_name: "여행 채널", views: 6, likes: 1 });
		expect(body.channels[0]?.series.map((point) => [point.at, point.views])).toEqual([
			[windows[0], 1],
			[windows[1], 6],
		]);
		expect(body.totals).toEqual({ views: 6, likes: 1, comments: 0 });
		expect(body.top_videos.map((video) => [video.item_id, video.title, video.views, video.project_id])).toEqual([
			[first.externalId, first.title, 5, first.projectId],
			[second.externalId, second.title, 1, second.projectId],
		]);

		// Another user sees none of it.
		const other = await createTestUser();
		const theirs = (await (await userApi(other, "/api/analytics/overview")).json()) as Overview;
		expect(theirs).toMatchObject({ channels: [], totals: { views: 0, likes: 0, comments: 0 }, top_videos: [] });
	});

	it("channel/:id and project/:id answer the owner, 404 for another user's, 401 signed out", async () => {
		const { who, channel, first } = await channelWithHistory("Baking");
		const other = await createTestUser();

		const own = await userApi(who, `/api/analytics/channel/${channel.id}`);
		expect(own.status).toBe(200);
		const body = (await own.json()) as { channel: { id: string; views: number; series: unknown[] }; videos: { item_id: string; views: number }[] };
		expect(body.channel).toMatchObject({ id: channel.id, views: 6 });
		expect(body.channel.series).toHaveLength(2);
		expect(body.videos.map((video) => video.views)).toEqual([5, 1]);

		const project = await userApi(who, `/api/analytics/project/${first.projectId}`);
		expect(project.status).toBe(200);
		const projectBody = (await project.json()) as {
			project: { id: string };
			channels: { channel_id: string; item_id: string; views: number; series: { views: number }[] }[];
		};
		expect(projectBody.project.id).toBe(first.projectId);
		expect(projectBody.channels).toEqual([
			expect.objectContaining({
				channel_id: channel.id,
				item_id: first.externalId,
				views: 5,
				series: [expect.objectContaining({ views: 1 }), expect.objectContaining({ views: 5 })],
			}),
		]);

		for (const path of [`/api/analytics/channel/${channel.id}`, `/api/analytics/project/${first.projectId}`, "/api/analytics/channel/chn_missing"]) {
			const res = await userApi(other, path);
			expect(res.status).toBe(404);
			expect(await errorCode(res)).toBe("NOT_FOUND");
		}
		for (const path of ["/api/analytics/overview", `/api/analytics/channel/${channel.id}`, `/api/analytics/project/${first.projectId}`]) {
			const res = await api(path, { auth: null });
			expect(res.status).toBe(401);
			expect(await errorCode(res)).toBe("UNAUTHORIZED");
		}
	});

	it("shops (admins): orders and revenue per shop and per product; users and strangers are refused", async () => {
		const saleAt = new Date(Date.now() - 7 * HOUR);
		const deps = await depsAt(saleAt);
		const { channel, account, tokens } = await connectSandboxChannel(deps, { kind: "shop", displayName: "테스트 쇼핑몰" });
		const productId = newId("prd");
		await db.insert(products).values({
			id: productId,
			slug: `kit-${productId.slice(4, 12)}`,
			title: "김치 담그기 키트",
			topic: "kimchi",
			kind: "digital_kit",
			status: "PUBLISHED",
			priceCents: 9900,
			currency: "krw",
			downloadLimit: 5,
			linkTtlSeconds: 600,
		});
		const shop = deps.adapters.get("local").shop;
		if (!shop) throw new Error("no shop");
		const { externalId } = await shop.pushProduct(
			{ channelId: channel.id, externalId: account, accessToken: tokens.accessToken },
			{
				productId,
				createKey: `ef-${productId}`,
				name: "김치 담그기 키트",
				description: "",
				priceCents: 9900,
				currency: "krw",
				display: true,
				selling: true,
				stock: null,
				url: "http://localhost:8787/products/kimchi",
			},
			null,
		);
		await db.insert(channelListings).values({ channelId: channel.id, productId, externalId, createKey: `ef-${productId}` });
		expect(await recordSandboxSale(db, account, externalId, saleAt)).toBe(true);
		expect(await snapshotHandler.run({ ...deps, now: () => new Date() }, { kind: "snapshot", channelId: channel.id }, 1)).toBe("done");

		const res = await api("/api/analytics/shops");
		expect(res.status).toBe(200);
		const body = (await res.json()) as {
			shops: {
				id: string;
				currency: string;
				orders: number;
				revenue_cents: number;
				products: { product_id: string; orders: number; revenue_cents: number; currency: string }[];
			}[];
		};
		const mine = body.shops.find((s) => s.id === channel.id);
		expect(mine).toMatchObject({ currency: "krw", orders: 1, revenue_cents: 9900 });
		expect(mine?.products).toEqual([expect.objectContaining({ product_id: productId, orders: 1, revenue_cents: 9900, currency: "krw" })]);

		const user = await createTestUser();
		expect((await userApi(user, "/api/analytics/shops")).status).toBe(401);
		expect((await api("/api/analytics/shops", { auth: null })).status).toBe(401);
	});
});

describe("insights", () => {
	it("names a channel whose refresh token lapses within 7 days and one that must be connected again", async () => {
		const who = await createTestUser();
		const deps = await depsAt(new Date());
		const lapsing = await insertConnectedChannel(deps, {
			provider: "local",
			kind: "video",
			userId: who.user.id,
			displayName: "Lapsing",
			tokens: { refreshExpiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
		});
		const refused = await insertConnectedChannel(deps, { provider: "local", kind: "video", userId: who.user.id, displayName: "Refused" });
		await insertConnectedChannel(deps, {
			provider: "local",
			kind: "video",
			userId: who.user.id,
			displayName: "Fine",
			tokens: { refreshExpiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString() },
		});
		await db.update(channels).set({ status: "needs_reauth" }).where(eq(channels.id, refused.id));

		const insights = await userInsights(db, who.user.id, new Date());
		const expiring = insights.filter((insight) => insight.kind === "token_expiring");
		expect(expiring.map((insight) => insight.params)).toEqual([
			expect.objectContaining({ channel_id: lapsing.id, channel: "Lapsing", status: "connected", expires_at: lapsing.refreshExpiresAt }),
			expect.objectContaining({ channel_id: refused.id, channel: "Refused", status: "needs_reauth", expires_at: null }),
		]);
		expect(expiring[0]?.link).toBe("/video/channels");
	});

	it("names the template with the most views per video (2 or more videos) and the best hour once a week of history exists", async () => {
		const who = await createTestUser();
		const deps = await depsAt(new Date());
		const channel = await insertConnectedChannel(deps, { provider: "local", kind: "video", userId: who.user.id, displayName: "Seeded" });
		await db.update(channels).set({ timeZone: "Asia/Seoul" }).where(eq(channels.id, channel.id));
		const ownTemplate = newId("tpl");
		await db.insert(videoTemplates).values({ id: ownTemplate, userId: who.user.id, name: "나만의 템플릿", structure: "{}" });
		// Listicle: 100 and 300 views (200 a video); own template: 150 and 170 (160); before/after: one video of 5,000 (too few to compare).
		const videos = [
			{ template: "builtin-listicle", views: [10, 100] },
			{ template: "builtin-listicle", views: [20, 300] },
			{ template: ownTemplate, views: [15, 150] },
			{ template: ownTemplate, views: [17, 170] },
			{ template: "builtin-before-after", views: [50, 5000] },
		];
		// Two snapshots 8 days apart; the later one at Monday 00:00 UTC = Monday 09:00 in Seoul.
		const later = "2026-11-30T00:00:00.000Z";
		const earlier = "2026-11-22T00:00:00.000Z";
		await db.insert(analyticsSnapshots).values([
			{ id: newId("ans"), channelId: channel.id, itemId: null, views: 0, capturedAt: earlier },
			{ id: newId("ans"), channelId: channel.id, itemId: null, views: 5620, capturedAt: later },
		]);
		for (const [index, video] of videos.entries()) {
			const projectId = newId("proj");
			const externalId = `sbv_seed_${index}_${channel.id.slice(4, 12)}`;
			await db.insert(projects).values({ id: projectId, userId: who.user.id, title: `video ${index}`, templateId: video.template });
			await db.insert(publishSchedules).values({
				id: newId("sch"),
				userId: who.user.id,
				projectId,
				channelId: channel.id,
				scheduledAt: earlier,
				timeZone: "Asia/Seoul",
				title: `video ${index}`,
				status: "published",
				externalId,
			});
			await db.insert(analyticsSnapshots).values([
				{ id: newId("ans"), channelId: channel.id, itemId: externalId, projectId, views: video.views[0] ?? 0, capturedAt: earlier },
				{ id: newId("ans"), channelId: channel.id, itemId: externalId, projectId, views: video.views[1] ?? 0, capturedAt: later },
			]);
		}

		const insights = await userInsights(db, who.user.id, new Date());
		const template = insights.find((insight) => insight.kind === "best_template");
		expect(template?.params).toEqual({ template_id: "builtin-listicle", template_name: null, built_in: true, views_per_video: 200, videos: 2 });
		const hour = insights.find((insight) => insight.kind === "best_hour");
		expect(hour?.params).toMatchObject({ channel_id: channel.id, weekday: 0, hour: 9, time_zone: "Asia/Seoul", share_percent: 100 });

		// With fewer than two videos of any template, none is named.
		const alone = await createTestUser();
		expect((await userInsights(db, alone.user.id, new Date())).filter((insight) => insight.kind === "best_template")).toEqual([]);
	});
});

async function page(path: string, lang: "ko" | "en", cookie: string): Promise<{ status: number; html: string }> {
	const res = await api(path, { auth: null, headers: { Accept: "text/html", Cookie: `lang=${lang}; ${cookie}` } });
	return { status: res.status, html: await res.text() };
}

describe("analytics pages", () => {
	it("/video/analytics renders in Korean and English with an accessible SVG chart, a table fallback and the insights", async () => {
		const { who, channel } = await channelWithHistory("Pages channel");
		await db
			.update(channels)
			.set({ refreshExpiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString() })
			.where(eq(channels.id, channel.id));
		const ko = await page("/video/analytics", "ko", who.cookie);
		expect(ko.status).toBe(200);
		expect(ko.html).toContain('lang="ko"');
		expect(ko.html).toContain("최근 30일 채널별 조회수");
		expect(ko.html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="views-per-channel-title"/);
		expect(ko.html).toContain("<polyline");
		expect(ko.html).toContain('data-chart="top-videos"');
		expect(ko.html).toContain("제주 여행 첫날");
		expect(ko.html).toContain('aria-current="page"');
		const en = await page("/video/analytics", "en", who.cookie);
		expect(en.status).toBe(200);
		expect(en.html).toContain("Views over the last 30 days, per channel");
		expect(en.html).toContain("Most viewed videos");
		expect(en.html).toContain('class="visually-hidden"');
		expect(en.html).toContain('data-insight="token_expiring"');
		expect(en.html).toContain("Pages channel&#39;s access lapses on");
		expect(ko.html).toContain("Pages channel의 접근 권한이");
		for (const html of [ko.html, en.html]) expect(html).not.toContain("⟦missing⟧");
	});

	it("/video/analytics without channels invites to connect one; signed out it sends to sign in", async () => {
		const who = await createTestUser();
		const { html } = await page("/video/analytics", "en", who.cookie);
		expect(html).toContain("No video channel is connected yet");
		expect(html).toContain('href="/video/channels"');
		const signedOut = await api("/video/analytics", { auth: null, headers: { Accept: "text/html" } });
		expect(signedOut.status).toBe(302);
		expect(signedOut.headers.get("Location")).toContain("/auth/login");
	});

	it("/admin/analytics shows each shop's revenue chart and products in both languages", async () => {
		const deps = await depsAt(new Date());
		const shop = await insertConnectedChannel(deps, { provider: "local", kind: "shop", displayName: "Page shop" });
		const productId = newId("prd");
		await db.insert(products).values({
			id: productId,
			slug: `page-${productId.slice(4, 12)}`,
			title: "Page product",
			topic: "page",
			kind: "digital_kit",
			status: "PUBLISHED",
			priceCents: 1500,
			currency: "usd",
			downloadLimit: 5,
			linkTtlSeconds: 600,
		});
		const window = snapshotWindowStart(new Date());
		await db.insert(analyticsSnapshots).values([
			{ id: newId("ans"), channelId: shop.id, itemId: null, orders: 2, revenueCents: 3000, capturedAt: window },
			{ id: newId("ans"), channelId: shop.id, itemId: "sbp_page", productId, orders: 2, revenueCents: 3000, capturedAt: window },
		]);
		const cookie = await adminCookie();
		const ko = await page("/admin/analytics", "ko", cookie);
		expect(ko.status).toBe(200);
		expect(ko.html).toContain("쇼핑몰 분석");
		expect(ko.html).toContain(`aria-labelledby="shop-chart-${shop.id}-title"`);
		expect(ko.html).toContain("Page product");
		const en = await page("/admin/analytics", "en", cookie);
		expect(en.html).toContain("Shop analytics");
		expect(en.html).toContain("$30.00");
		expect(en.html).toContain("Revenue per day, last 30 days: Page shop");
		for (const html of [ko.html, en.html]) expect(html).not.toContain("⟦missing⟧");
		expect((await api("/admin/analytics", { auth: null, headers: { Accept: "text/html" } })).status).toBe(303);
	});
});
