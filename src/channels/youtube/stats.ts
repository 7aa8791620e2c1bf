import { z } from "zod";
import type { AdapterContext, ChannelSession, ChannelStats } from "../adapter";
import { bearer, type GoogleEndpoints, youtubeJson } from "./api";

/**
 * Statistics for the analytics page: each video's views, likes and comments (`videos.list`,
 * 1 quota unit per 50 videos) and the channel's total views (`channels.list`). Google sends the
 * counts as strings, and leaves out a count the owner hid or disabled (read as 0).
 */

/** `videos.list` takes at most 50 ids per request. */
const IDS_PER_REQUEST = 50;

const Count = z
	.string()
	.regex(/^\d+$/)
	.transform(Number)
	.optional()
	.transform((value) => value ?? 0);

const VideoList = z.object({
	items: z
		.array(
			z.object({
				id: z.string().min(1),
				statistics: z.object({ viewCount: Count, likeCount: Count, commentCount: Count }).default({ viewCount: 0, likeCount: 0, commentCount: 0 }),
			}),
		)
		.default([]),
});

const ChannelList = z.object({
	items: z.array(z.object({ id: z.string(), statistics: z.object({ viewCount: Count }) })).default([]),
});

/**
 * The named videos' counts (a video YouTube no longer lists, deleted or made private by its
 * owner, is left out), and the channel's: its total views as YouTube counts them, and the likes
 * and comments of the named videos (YouTube gives no channel-wide likes or comments).
 */
export async function readYoutubeStats(
	context: AdapterContext,
	endpoints: GoogleEndpoints,
	session: ChannelSession,
	externalIds: string[],
): Promise<{ channel: ChannelStats; items: (ChannelStats & { externalId: string })[] }> {
	const items: (ChannelStats & { externalId: string })[] = [];
	const ids = [...new Set(externalIds)];
	for (let from = 0; from < ids.length; from += IDS_PER_REQUEST) {
		const batch = ids.slice(from, from + IDS_PER_REQUEST);
		const list = await youtubeJson(
			context,
			{ operation: "videos.list" },
			`${endpoints.api}/videos?part=statistics&id=${batch.map(encodeURIComponent).join(",")}&maxResults=${IDS_PER_REQUEST}`,
			{ headers: bearer(session) },
			VideoList,
		);
		for (const video of list.items) {
			items.push({ externalId: video.id, views: video.statistics.viewCount, likes: video.statistics.likeCount, comments: video.statistics.commentCount });
		}
	}
	const channels = await youtubeJson(
		context,
		{ operation: "channels.list" },
		`${endpoints.api}/channels?part=statistics&mine=true`,
		{ headers: bearer(session) },
		ChannelList,
	);
	const views = channels.items[0]?.statistics.viewCount ?? items.reduce((sum, item) => sum + item.views, 0);
	return {
		channel: { views, likes: items.reduce((sum, item) => sum + item.likes, 0), comments: items.reduce((sum, item) => sum + item.comments, 0) },
		items,
	};
}
