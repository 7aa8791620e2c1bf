import { and, eq, isNotNull } from "drizzle-orm";
import { publishSchedules } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { type ChannelAdapter, ChannelCallFailed, type ChannelSession } from "../adapter";
import type { SnapshotRow } from "./snapshot-rows";

/**
 * A video channel's numbers now: its totals (`item_id` null) and each video published on it
 * through a schedule (`item_id` = the outside video id, with its project). The counters are
 * cumulative, as the provider reports them.
 */
export async function videoSnapshotRows(db: Db, session: ChannelSession, adapter: ChannelAdapter): Promise<SnapshotRow[]> {
	if (!adapter.video) throw new ChannelCallFailed(`the ${adapter.provider} provider has no video channel`, false);
	const published = await db
		.select({ externalId: publishSchedules.externalId, projectId: publishSchedules.projectId })
		.from(publishSchedules)
		.where(and(eq(publishSchedules.channelId, session.channelId), eq(publishSchedules.status, "published"), isNotNull(publishSchedules.externalId)));
	const projectOf = new Map(published.flatMap((row) => (row.externalId ? [[row.externalId, row.projectId] as const] : [])));
	const stats = await adapter.video.readStats(session, [...projectOf.keys()]);
	const channelId = session.channelId;
	return [
		{ channelId, itemId: null, views: stats.channel.views, likes: stats.channel.likes, comments: stats.channel.comments },
		// Only videos this channel's schedules published: anything else the provider answers is not ours to show.
		...stats.items
			.filter((item) => projectOf.has(item.externalId))
			.map((item) => ({
				channelId,
				itemId: item.externalId,
				projectId: projectOf.get(item.externalId) ?? null,
				views: item.views,
				likes: item.likes,
				comments: item.comments,
			})),
	];
}
