import { and, asc, eq } from "drizzle-orm";
import { channels } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { products } from "../../db/schema";
import { AppError } from "../../lib/errors";
import type { ProductStatus } from "../../shared/product";
import { type ProductChannelView, productChannelSettings } from "./settings";
import { listSyncLog, type SyncLogView } from "./sync-log";

/** How many recent sync log rows a product's shops page shows. */
const RECENT_ENTRIES = 10;

export type ProductShopsPageData = {
	product: { id: string; title: string; status: ProductStatus; description: string; priceCents: number; currency: string };
	channels: ProductChannelView[];
	recent: SyncLogView[];
};

/** What `/admin/products/:id/channels` shows: the product, its setting per shop, and its latest syncs. */
export async function productShopsPageData(db: Db, productId: string): Promise<ProductShopsPageData> {
	const product = await db.query.products.findFirst({
		where: eq(products.id, productId),
		columns: { id: true, title: true, status: true, description: true, priceCents: true, currency: true },
	});
	if (!product) throw new AppError(404, "NOT_FOUND", "No such product.");
	const [settings, log] = await Promise.all([productChannelSettings({ db }, productId), listSyncLog(db, { productId, limit: RECENT_ENTRIES })]);
	return { product, channels: settings, recent: log.entries };
}

/** The shops the sync log can be filtered by: every admin shop channel, by name. */
export async function syncLogChannels(db: Db): Promise<{ id: string; name: string }[]> {
	const rows = await db.query.channels.findMany({
		where: and(eq(channels.ownerKey, "admin"), eq(channels.kind, "shop")),
		columns: { id: true, displayName: true },
		orderBy: [asc(channels.displayName), asc(channels.id)],
	});
	return rows.map((row) => ({ id: row.id, name: row.displayName }));
}
