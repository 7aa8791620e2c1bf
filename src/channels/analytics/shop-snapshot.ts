import { and, eq, isNotNull } from "drizzle-orm";
import { channelListings } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { products } from "../../db/schema";
import { log } from "../../lib/log";
import { type ChannelAdapter, ChannelCallFailed, type ChannelSession, type ShopOrderLine } from "../adapter";
import type { SnapshotRow } from "./snapshot-rows";
import { FIRST_ORDERS_LOOKBACK_MS } from "./window";

/**
 * A shop's orders of one window: the lines ordered from the previous snapshot (or 30 days back
 * for the first) up to the start of this window, so consecutive windows never count an order
 * twice however late a run is. One row per listed product (zeros included, so every product
 * has a continuous series) and one for the shop's totals, orders of products not listed from
 * here included. A shop sells in one currency (a Cafe24 mall has one base currency); a line in
 * another currency than its product's is left out and logged.
 */
export async function shopSnapshotRows(
	db: Db,
	session: ChannelSession,
	adapter: ChannelAdapter,
	window: { capturedAt: string; previous: string | null },
): Promise<SnapshotRow[]> {
	if (!adapter.shop) throw new ChannelCallFailed(`the ${adapter.provider} provider has no shop`, false);
	const until = Date.parse(window.capturedAt);
	const since = window.previous ?? new Date(until - FIRST_ORDERS_LOOKBACK_MS).toISOString();
	const lines = (await adapter.shop.readOrders(session, since)).filter((line) => {
		const at = Date.parse(line.orderedAt);
		return at >= Date.parse(since) && at < until;
	});
	const listed = await db
		.select({ externalId: channelListings.externalId, productId: channelListings.productId, currency: products.currency })
		.from(channelListings)
		.innerJoin(products, eq(products.id, channelListings.productId))
		.where(and(eq(channelListings.channelId, session.channelId), isNotNull(channelListings.externalId)));
	const channelId = session.channelId;
	const rows: SnapshotRow[] = [];
	const sum = (of: ShopOrderLine[]) => ({
		orders: of.reduce((total, line) => total + line.quantity, 0),
		revenueCents: of.reduce((total, line) => total + line.amountCents, 0),
	});
	const counted: ShopOrderLine[] = [];
	for (const listing of listed) {
		const own = lines.filter((line) => line.externalProductId === listing.externalId);
		const sameCurrency = own.filter((line) => line.currency.toLowerCase() === listing.currency.toLowerCase());
		if (sameCurrency.length < own.length) {
			log("warn", "shop order lines in another currency left out", { channelId, productId: listing.productId, lines: own.length - sameCurrency.length });
		}
		counted.push(...sameCurrency);
		rows.push({ channelId, itemId: listing.externalId, productId: listing.productId, ...sum(sameCurrency) });
	}
	const unlisted = lines.filter((line) => !listed.some((listing) => listing.externalId === line.externalProductId));
	rows.unshift({ channelId, itemId: null, ...sum([...counted, ...unlisted]) });
	return rows;
}
