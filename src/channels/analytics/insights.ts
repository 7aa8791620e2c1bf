import { and, eq, inArray } from "drizzle-orm";
import type { channels } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { videoTemplates } from "../../db/video-schema";
import { builtInTemplate, DEFAULT_TEMPLATE_ID } from "../../video/templates/built-in";
import { viewsByHourOfWeek } from "./hourly";
import { publishedVideoViews, userVideoChannels } from "./video-queries";

/**
 * The insights list of the analytics page and `GET /api/analytics/overview`: each a kind, the
 * figures its sentence needs (the words are in the catalogue, `channels:analytics.insights.*`),
 * and where to act on it.
 */
export type Insight =
	| {
			kind: "best_hour";
			/** `weekday` 0 = Monday … 6 = Sunday and `hour` 0–23 on the channel's clock (`time_zone`); `share_percent` of the views gained fell in that hour. */
			params: { channel_id: string; channel: string; weekday: number; hour: number; time_zone: string; share_percent: number };
			link: string;
	  }
	| {
			kind: "best_template";
			/** `template_name` is null for a built-in template (its name is in the catalogue, by `template_id`). */
			params: { template_id: string; template_name: string | null; built_in: boolean; views_per_video: number; videos: number };
			link: string;
	  }
	| {
			kind: "token_expiring";
			/** `expires_at`: when the refresh token lapses (null when the channel already needs connecting again). */
			params: { channel_id: string; channel: string; status: string; expires_at: string | null };
			link: string;
	  };

/** A best hour is named only once this much history backs it. */
export const BEST_HOUR_MIN_DAYS = 7;
/** A template is compared only once this many of its videos are published. */
export const BEST_TEMPLATE_MIN_VIDEOS = 2;
/** Owners are told this long before a refresh token lapses. */
export const TOKEN_WARNING_DAYS = 7;

type ChannelRow = typeof channels.$inferSelect;

/** The hour of week a channel's videos gained the most views in, once there are {@link BEST_HOUR_MIN_DAYS} days of snapshots. */
async function bestHour(db: Db, channel: ChannelRow): Promise<Insight | null> {
	const history = await viewsByHourOfWeek(db, channel.id, channel.timeZone);
	const gained = history.views.reduce((sum, views) => sum + views, 0);
	if (history.spanDays < BEST_HOUR_MIN_DAYS || gained === 0) return null;
	const best = history.views.reduce((top, views, index) => (views > (history.views[top] ?? 0) ? index : top), 0);
	return {
		kind: "best_hour",
		params: {
			channel_id: channel.id,
			channel: channel.displayName,
			weekday: Math.floor(best / 24),
			hour: best % 24,
			time_zone: channel.timeZone,
			share_percent: Math.round(((history.views[best] ?? 0) / gained) * 100),
		},
		link: `/video/schedules?channel_id=${encodeURIComponent(channel.id)}`,
	};
}

/** The template whose published videos have the most views per video, among those with {@link BEST_TEMPLATE_MIN_VIDEOS} or more. */
async function bestTemplate(db: Db, userId: string): Promise<Insight | null> {
	const videos = await publishedVideoViews(db, userId);
	const byTemplate = new Map<string, number[]>();
	for (const video of videos) {
		// A project without a template was made with the default one (src/video/templates/templates.ts resolveTemplate).
		const id = video.templateId ?? DEFAULT_TEMPLATE_ID;
		byTemplate.set(id, [...(byTemplate.get(id) ?? []), video.views]);
	}
	const ranked = [...byTemplate.entries()]
		.filter(([, views]) => views.length >= BEST_TEMPLATE_MIN_VIDEOS)
		.map(([id, views]) => ({ id, videos: views.length, perVideo: views.reduce((sum, v) => sum + v, 0) / views.length }))
		.sort((a, b) => b.perVideo - a.perVideo);
	const own = ranked.filter((entry) => !builtInTemplate(entry.id)).map((entry) => entry.id);
	const names =
		own.length === 0
			? new Map<string, string>()
			: new Map(
					(
						await db
							.select({ id: videoTemplates.id, name: videoTemplates.name })
							.from(videoTemplates)
							.where(and(eq(videoTemplates.userId, userId), inArray(videoTemplates.id, own.slice(0, 90))))
					).map((row) => [row.id, row.name]),
				);
	// A deleted template of one's own cannot be used again: recommend the best one that still exists.
	const best = ranked.find((entry) => builtInTemplate(entry.id) || names.has(entry.id));
	if (!best) return null;
	const builtIn = builtInTemplate(best.id) !== undefined;
	return {
		kind: "best_template",
		params: {
			template_id: best.id,
			template_name: builtIn ? null : (names.get(best.id) ?? null),
			built_in: builtIn,
			views_per_video: Math.round(best.perVideo),
			videos: best.videos,
		},
		link: "/video/templates",
	};
}

/** A channel whose owner must connect it again, or soon will: `needs_reauth`, or a refresh token lapsing within {@link TOKEN_WARNING_DAYS} days. */
function tokenExpiring(channel: ChannelRow, now: Date): Insight | null {
	const lapses = channel.refreshExpiresAt ? Date.parse(channel.refreshExpiresAt) : Number.POSITIVE_INFINITY;
	const soon = channel.status === "connected" && lapses - now.getTime() <= TOKEN_WARNING_DAYS * 86_400_000;
	if (channel.status !== "needs_reauth" && !soon) return null;
	return {
		kind: "token_expiring",
		params: {
			channel_id: channel.id,
			channel: channel.displayName,
			status: channel.status,
			expires_at: channel.status === "needs_reauth" ? null : channel.refreshExpiresAt,
		},
		link: "/video/channels",
	};
}

/** The user's insights: channels to connect again first (they stop everything else), then the best template, then each channel's best hour. */
export async function userInsights(db: Db, userId: string, now: Date): Promise<Insight[]> {
	const owned = (await userVideoChannels(db, userId)).filter((channel) => channel.status !== "disconnected");
	const [hours, template] = await Promise.all([Promise.all(owned.map((channel) => bestHour(db, channel))), bestTemplate(db, userId)]);
	const tokens = owned.map((channel) => tokenExpiring(channel, now));
	return [...tokens, template, ...hours].filter((insight): insight is Insight => insight !== null);
}
