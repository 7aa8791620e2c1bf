import { and, eq, isNotNull } from "drizzle-orm";
import { channelListings, channels, productChannels } from "../../db/channels-schema";
import type { ChannelDeps } from "../deps";
import type { ChannelMessage } from "../messages";

/**
 * The shops a product's change must reach: every connected shop it is enabled for, and every shop
 * that still shows it (a listing with an outside id that is not hidden), so a disabled shop takes
 * it down.
 */
export async function shopsToSync(deps: Pick<ChannelDeps, "db">, productId: string): Promise<string[]> {
	const [enabled, listed] = await Promise.all([
		deps.db
			.select({ id: channels.id })
			.from(productChannels)
			.innerJoin(channels, eq(channels.id, productChannels.channelId))
			.where(and(eq(productChannels.productId, productId), eq(productChannels.enabled, true), eq(channels.kind, "shop"), eq(channels.status, "connected"))),
		deps.db
			.select({ id: channelListings.channelId })
			.from(channelListings)
			.where(and(eq(channelListings.productId, productId), isNotNull(channelListings.externalId), eq(channelListings.hidden, false))),
	]);
	return [...new Set([...enabled, ...listed].map((row) => row.id))];
}

/** Queues one `sync_product` message per channel. */
export async function enqueueSyncs(deps: Pick<ChannelDeps, "queue">, productId: string, channelIds: readonly string[]): Promise<void> {
	if (channelIds.length === 0) return;
	await deps.queue.sendBatch(channelIds.map((channelId): MessageSendRequest<ChannelMessage> => ({ body: { kind: "sync_product", productId, channelId } })));
}
