import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, ne } from "drizzle-orm";
import { analyticsSnapshots, channels, publishSchedules } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { projects } from "../../db/video-schema";
import { AppError } from "../../lib/errors";

/**
 * What a user sees of their video channels' numbers (`/api/analytics`, `/video/analytics`). The
 * counters are cumulative as the provider reports them; a channel's "latest" numbers are those of
 * its last snapshot, and a series is its snapshots of the last {@link SERIES_DAYS} days, oldest first.
 */

/** How far back a series reaches: 30 days of 6-hour windows is at most 120 points a line. */
export const SERIES_DAYS = 30;

export type Counters = { views: number; likes: number; comments: number };
export type SeriesPoint = Counters & { at: string };
export type ChannelSummary = Counters & {
	id: string;
	display_name: string;
	provider: string;
	status: string;
	/** When the latest numbers were taken, or null before the first snapshot. */
	captured_at: string | null;
	series: SeriesPoint[];
};
export type VideoSummary = Counters & { channel_id: string; item_id: string; project_id: string | null; title: string; url: string | null };

type ChannelRow = typeof channels.$inferSelect;

const ZERO: Counters = { views: 0, likes: 0, comments: 0 };

export function seriesSince(now: Date): string {
	return new Date(now.getTime() - SERIES_DAYS * 86_400_000).toISOString();
}

const counters = (row: Counters): Counters => ({ views: row.views, likes: row.likes, comments: row.comments });

/** A user's video channels (every status: a disconnected channel's history stays readable), oldest first. */
export async function userVideoChannels(db: Db, userId: string): Promise<ChannelRow[]> {
	return db
		.select()
		.from(channels)
		.where(and(eq(channels.ownerKey, userId), eq(channels.kind, "video")))
		.orderBy(asc(channels.connectedAt));
}

/** The user's own video channel, or `404 NOT_FOUND` (another's channel is not told apart from none). */
export async function userVideoChannel(db: Db, userId: string, channelId: string): Promise<ChannelRow> {
	const row = await db.query.channels.findFirst({ where: and(eq(channels.id, channelId), eq(channels.ownerKey, userId), eq(channels.kind, "video")) });
	if (!row) throw new AppError(404, "NOT_FOUND", "No such channel.");
	return row;
}

/** A channel's totals over the series period, oldest first. */
async function totalsSeries(db: Db, channelId: string, since: string): Promise<SeriesPoint[]> {
	const rows = await db
		.select()
		.from(analyticsSnapshots)
		.where(and(eq(analyticsSnapshots.channelId, channelId), isNull(analyticsSnapshots.itemId), gte(analyticsSnapshots.capturedAt, since)))
		.orderBy(asc(analyticsSnapshots.capturedAt));
	return rows.map((row) => ({ at: row.capturedAt, ...counters(row) }));
}

/** The channel's last snapshot of its totals (any age), or null. */
async function latestTotals(db: Db, channelId: string) {
	return db.query.analyticsSnapshots.findFirst({
		where: and(eq(analyticsSnapshots.channelId, channelId), isNull(analyticsSnapshots.itemId)),
		orderBy: [desc(analyticsSnapshots.capturedAt)],
	});
}

/** One channel's latest totals and series. */
export async function channelSummary(db: Db, channel: ChannelRow, now: Date): Promise<ChannelSummary> {
	const [latest, series] = await Promise.all([latestTotals(db, channel.id), totalsSeries(db, channel.id, seriesSince(now))]);
	return {
		id: channel.id,
		display_name: channel.displayName,
		provider: channel.provider,
		status: channel.status,
		captured_at: latest?.capturedAt ?? null,
		...(latest ? counters(latest) : ZERO),
		series,
	};
}

/** The videos of a channel's last snapshot, with the title and page their schedule published them under, most viewed first. */
export async function latestVideos(db: Db, channelId: string): Promise<VideoSummary[]> {
	const latest = await latestTotals(db, channelId);
	if (!latest) return [];
	const rows = await db
		.select({
			itemId: analyticsSnapshots.itemId,
			projectId: analyticsSnapshots.projectId,
			views: analyticsSnapshots.views,
			likes: analyticsSnapshots.likes,
			comments: analyticsSnapshots.comments,
			title: publishSchedules.title,
			url: publishSchedules.externalUrl,
		})
		.from(analyticsSnapshots)
		.leftJoin(publishSchedules, and(eq(publishSchedules.channelId, analyticsSnapshots.channelId), eq(publishSchedules.externalId, analyticsSnapshots.itemId)))
		.where(and(eq(analyticsSnapshots.channelId, channelId), isNotNull(analyticsSnapshots.itemId), eq(analyticsSnapshots.capturedAt, latest.capturedAt)))
		.orderBy(desc(analyticsSnapshots.views));
	const seen = new Set<string>();
	return rows.flatMap((row) => {
		// A video published twice by two schedules joins twice: one line per video.
		if (!row.itemId || seen.has(row.itemId)) return [];
		seen.add(row.itemId);
		return [
			{
				channel_id: channelId,
				item_id: row.itemId,
				project_id: row.projectId,
				title: row.title ?? row.itemId,
				url: row.url,
				...counters(row),
			},
		];
	});
}

/** `GET /api/analytics/overview` without the insights: every video channel, the totals of their latest numbers, and the ten most viewed videos. */
export async function videoOverview(db: Db, userId: string, now: Date): Promise<{ channels: ChannelSummary[]; totals: Counters; top_videos: VideoSummary[] }> {
	const owned = await userVideoChannels(db, userId);
	const summaries = await Promise.all(owned.map((channel) => channelSummary(db, channel, now)));
	const videos = (await Promise.all(owned.map((channel) => latestVideos(db, channel.id)))).flat();
	const totals = summaries.reduce((sum, row) => ({ views: sum.views + row.views, likes: sum.likes + row.likes, comments: sum.comments + row.comments }), ZERO);
	return { channels: summaries, totals, top_videos: videos.sort((a, b) => b.views - a.views).slice(0, 10) };
}

/** `GET /api/analytics/channel/:id`: the user's channel, its series and each video's latest numbers. */
export async function channelAnalytics(db: Db, userId: string, channelId: string, now: Date) {
	const channel = await userVideoChannel(db, userId, channelId);
	const [summary, videos] = await Promise.all([channelSummary(db, channel, now), latestVideos(db, channel.id)]);
	return { channel: summary, videos };
}

/** `GET /api/analytics/project/:id`: the user's project on each of their channels, its latest numbers and series. */
export async function projectAnalytics(db: Db, userId: string, projectId: string, now: Date) {
	const project = await db.query.projects.findFirst({ where: and(eq(projects.id, projectId), eq(projects.userId, userId)) });
	if (!project) throw new AppError(404, "NOT_FOUND", "No such project.");
	const rows = await db
		.select({ snapshot: analyticsSnapshots, displayName: channels.displayName, provider: channels.provider })
		.from(analyticsSnapshots)
		.innerJoin(channels, eq(channels.id, analyticsSnapshots.channelId))
		.where(and(eq(analyticsSnapshots.projectId, projectId), eq(channels.ownerKey, userId), ne(channels.kind, "shop")))
		.orderBy(asc(analyticsSnapshots.capturedAt));
	const since = seriesSince(now);
	const byChannel = new Map<
		string,
		{ channel_id: string; display_name: string; provider: string; item_id: string; captured_at: string } & Counters & { series: SeriesPoint[] }
	>();
	for (const { snapshot, displayName, provider } of rows) {
		const key = `${snapshot.channelId}\n${snapshot.itemId}`;
		const entry = byChannel.get(key) ?? {
			channel_id: snapshot.channelId,
			display_name: displayName,
			provider,
			item_id: snapshot.itemId ?? "",
			captured_at: snapshot.capturedAt,
			...ZERO,
			series: [],
		};
		// Rows come oldest first: the last one read is the latest.
		Object.assign(entry, counters(snapshot), { captured_at: snapshot.capturedAt });
		if (snapshot.capturedAt >= since) entry.series.push({ at: snapshot.capturedAt, ...counters(snapshot) });
		byChannel.set(key, entry);
	}
	return { project: { id: project.id, title: project.title }, channels: [...byChannel.values()] };
}

/** The user's published videos with their latest views, for the insights (template of each project). */
export async function publishedVideoViews(db: Db, userId: string): Promise<{ projectId: string; templateId: string | null; views: number }[]> {
	const owned = await userVideoChannels(db, userId);
	if (owned.length === 0) return [];
	const latest = (await Promise.all(owned.map((channel) => latestVideos(db, channel.id)))).flat();
	const projectIds = [...new Set(latest.flatMap((video) => (video.project_id ? [video.project_id] : [])))];
	if (projectIds.length === 0) return [];
	// D1 binds at most 100 parameters a statement: ask in slices.
	const templates = (
		await Promise.all(
			Array.from({ length: Math.ceil(projectIds.length / 90) }, (_, i) =>
				db
					.select({ id: projects.id, templateId: projects.templateId })
					.from(projects)
					.where(and(eq(projects.userId, userId), inArray(projects.id, projectIds.slice(i * 90, i * 90 + 90)))),
			),
		)
	).flat();
	const templateOf = new Map(templates.map((row) => [row.id, row.templateId]));
	return latest.flatMap((video) =>
		video.project_id && templateOf.has(video.project_id)
			? [{ projectId: video.project_id, templateId: templateOf.get(video.project_id) ?? null, views: video.views }]
			: [],
	);
}
