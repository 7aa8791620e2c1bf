import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { AccountEraser } from "../accounts/erasers";
import { channelOauthStates, channelSyncLog, channels, publishSchedules } from "../db/channels-schema";
import { AppError } from "../lib/errors";
import { disconnectChannel } from "./connect/disconnect";
import { userOwner } from "./connect/owner";
import type { ChannelDeps } from "./deps";

/**
 * The channels line's part of an account's erasure (docs/channels.md "How long each kind of data
 * lives"): every channel the user connected is disconnected first (the grant revoked at the
 * provider, the tokens deleted here), then the channels go with their schedules, snapshots and
 * sync log, and any OAuth flow in flight. A video being uploaded right now blocks it, as a video
 * being made does.
 */
export function channelAccountEraser(deps: ChannelDeps): AccountEraser {
	return {
		name: "channels",
		async blocker(db, userId) {
			const uploading = await db.query.publishSchedules.findFirst({
				columns: { id: true },
				where: and(eq(publishSchedules.userId, userId), eq(publishSchedules.status, "publishing")),
			});
			return uploading ? new AppError(409, "CONFLICT", "A video of yours is being published to a channel; delete your account once it has finished.") : null;
		},
		async prepare(db, userId) {
			const held = await db
				.select({ id: channels.id })
				.from(channels)
				.where(and(eq(channels.userId, userId), ne(channels.status, "disconnected")));
			for (const channel of held) await disconnectChannel(deps, channel.id, userOwner(userId));
		},
		objects: async () => ({ keys: [], prefixes: [] }),
		statements: (db, userId) => {
			const own = sql`(SELECT id FROM channels WHERE user_id = ${userId})`;
			return [
				db.delete(channelSyncLog).where(inArray(channelSyncLog.channelId, own)),
				db.delete(publishSchedules).where(eq(publishSchedules.userId, userId)),
				// Listings, settings and snapshots cascade from the channel.
				db.delete(channels).where(eq(channels.userId, userId)),
				db.delete(channelOauthStates).where(eq(channelOauthStates.userId, userId)),
			];
		},
	};
}
