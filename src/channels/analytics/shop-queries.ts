import { and, asc, eq, gte, isNull } from "drizzle-orm";
import { analyticsSnapshots, channels } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { products } from "../../db/schema";
import { seriesSince } from "./video-queries";

/**
 * The shops' orders for the admins (`GET /api/analytics/shops`, `/admin/analytics`). A shop's
 * snapshot counts the orders of its window (not a running total), so a period's figures are the
 * sum of its windows. Revenue is in minor units of the products' currency (a shop sells in one).
 */

export type OrdersPoint = { at: string; orders: number; revenue_cents: number };
export type ProductOrders = { product_id: string; title: string; currency: string; orders: number; revenue_cents: number; series: OrdersPoint[] };
export type ShopOrders = {
	id: string;
	display_name: string;
	provider: string;
	status: string;
	/** The currency of its products' revenue; null while it lists none. */
	currency: string | null;
	orders: number;
	revenue_cents: number;
	series: OrdersPoint[];
	products: ProductOrders[];
};

const point = (row: typeof analyticsSnapshots.$inferSelect): OrdersPoint => ({ at: row.capturedAt, orders: row.orders, revenue_cents: row.revenueCents });
const total = (points: OrdersPoint[]) => ({
	orders: points.reduce((sum, p) => sum + p.orders, 0),
	revenue_cents: points.reduce((sum, p) => sum + p.revenue_cents, 0),
});

async function shopOrders(db: Db, shop: typeof channels.$inferSelect, since: string): Promise<ShopOrders> {
	const [totals, items] = await Promise.all([
		db
			.select()
			.from(analyticsSnapshots)
			.where(and(eq(analyticsSnapshots.channelId, shop.id), isNull(analyticsSnapshots.itemId), gte(analyticsSnapshots.capturedAt, since)))
			.orderBy(asc(analyticsSnapshots.capturedAt)),
		db
			.select({ snapshot: analyticsSnapshots, title: products.title, currency: products.currency })
			.from(analyticsSnapshots)
			.innerJoin(products, eq(products.id, analyticsSnapshots.productId))
			.where(and(eq(analyticsSnapshots.channelId, shop.id), gte(analyticsSnapshots.capturedAt, since)))
			.orderBy(asc(analyticsSnapshots.capturedAt)),
	]);
	const byProduct = new Map<string, ProductOrders>();
	for (const { snapshot, title, currency } of items) {
		if (!snapshot.productId) continue;
		const entry = byProduct.get(snapshot.productId) ?? { product_id: snapshot.productId, title, currency, orders: 0, revenue_cents: 0, series: [] };
		entry.series.push(point(snapshot));
		byProduct.set(snapshot.productId, entry);
	}
	const productList = [...byProduct.values()].map((entry) => ({ ...entry, ...total(entry.series) })).sort((a, b) => b.revenue_cents - a.revenue_cents);
	const series = totals.map(point);
	return {
		id: shop.id,
		display_name: shop.displayName,
		provider: shop.provider,
		status: shop.status,
		currency: productList[0]?.currency ?? null,
		...total(series),
		series,
		products: productList,
	};
}

/** Every admin-owned shop with its orders and revenue over the series period, per window and per product. */
export async function shopsAnalytics(db: Db, now: Date): Promise<{ since: string; shops: ShopOrders[] }> {
	const since = seriesSince(now);
	const shops = await db
		.select()
		.from(channels)
		.where(and(eq(channels.ownerKey, "admin"), eq(channels.kind, "shop")))
		.orderBy(asc(channels.connectedAt));
	return { since, shops: await Promise.all(shops.map((shop) => shopOrders(db, shop, since))) };
}
