import { and, asc, eq, inArray } from "drizzle-orm";
import { channelListings, channels, productChannels } from "../../db/channels-schema";
import { products } from "../../db/schema";
import { AppError } from "../../lib/errors";
import type { ChannelProvider, ChannelStatus } from "../../shared/channels";
import type { ChannelDeps } from "../deps";
import { enqueueSyncs, shopsToSync } from "./enqueue";

/** One admin shop as a product's channel settings show it. */
export type ProductChannelView = {
	channel_id: string;
	provider: ChannelProvider;
	display_name: string;
	status: ChannelStatus;
	enabled: boolean;
	listing: { external_id: string | null; hidden: boolean; last_synced_at: string | null } | null;
};

async function requireProduct(deps: Pick<ChannelDeps, "db">, productId: string): Promise<void> {
	const product = await deps.db.query.products.findFirst({ where: eq(products.id, productId), columns: { id: true } });
	if (!product) throw new AppError(404, "NOT_FOUND", "No such product.");
}

/** The shops (admin-owned shop channels) of this deployment. */
function adminShops(deps: Pick<ChannelDeps, "db">) {
	return deps.db.query.channels.findMany({
		where: and(eq(channels.ownerKey, "admin"), eq(channels.kind, "shop")),
		orderBy: [asc(channels.connectedAt), asc(channels.id)],
	});
}

/** Every admin shop with whether this product goes to it and how it stands there. */
export async function productChannelSettings(deps: Pick<ChannelDeps, "db">, productId: string): Promise<ProductChannelView[]> {
	await requireProduct(deps, productId);
	const [shops, settings, listings] = await Promise.all([
		adminShops(deps),
		deps.db.query.productChannels.findMany({ where: eq(productChannels.productId, productId) }),
		deps.db.query.channelListings.findMany({ where: eq(channelListings.productId, productId) }),
	]);
	return shops.map((shop) => {
		const listing = listings.find((row) => row.channelId === shop.id);
		return {
			channel_id: shop.id,
			provider: shop.provider,
			display_name: shop.displayName,
			status: shop.status,
			enabled: settings.find((row) => row.channelId === shop.id)?.enabled ?? false,
			listing: listing ? { external_id: listing.externalId, hidden: listing.hidden, last_synced_at: listing.lastSyncedAt } : null,
		};
	});
}

/**
 * Enables or disables shops for a product; each shop whose setting changed is queued for a sync
 * (a newly enabled one gets the product if it is published; a disabled one hides it). Only this
 * deployment's shops may be named: `404 NOT_FOUND` otherwise.
 */
export async function setProductChannels(
	deps: ChannelDeps,
	productId: string,
	wanted: readonly { channelId: string; enabled: boolean }[],
): Promise<ProductChannelView[]> {
	await requireProduct(deps, productId);
	const ids = [...new Set(wanted.map((entry) => entry.channelId))];
	if (ids.length !== wanted.length) throw new AppError(400, "VALIDATION_FAILED", "channels: a channel is named twice");
	const [shops, current] = await Promise.all([
		ids.length === 0
			? []
			: deps.db.query.channels.findMany({
					where: and(inArray(channels.id, ids), eq(channels.ownerKey, "admin"), eq(channels.kind, "shop")),
					columns: { id: true },
				}),
		deps.db.query.productChannels.findMany({ where: eq(productChannels.productId, productId) }),
	]);
	const unknown = ids.filter((id) => !shops.some((shop) => shop.id === id));
	if (unknown.length > 0) throw new AppError(404, "NOT_FOUND", `No such shop channel: ${unknown.join(", ")}.`);
	const changed = wanted.filter((entry) => (current.find((row) => row.channelId === entry.channelId)?.enabled ?? false) !== entry.enabled);
	const now = deps.now().toISOString();
	for (const entry of changed) {
		await deps.db
			.insert(productChannels)
			.values({ productId, channelId: entry.channelId, enabled: entry.enabled, createdAt: now, updatedAt: now })
			.onConflictDoUpdate({ target: [productChannels.productId, productChannels.channelId], set: { enabled: entry.enabled, updatedAt: now } });
	}
	await enqueueSyncs(
		deps,
		productId,
		changed.map((entry) => entry.channelId),
	);
	return productChannelSettings(deps, productId);
}

/** "Sync now": queues a sync with every shop that carries the product or should; answers how many. */
export async function syncProductNow(deps: ChannelDeps, productId: string): Promise<number> {
	await requireProduct(deps, productId);
	const channelIds = await shopsToSync(deps, productId);
	await enqueueSyncs(deps, productId, channelIds);
	return channelIds.length;
}
