import { and, desc, eq, sql } from "drizzle-orm";
import { sandboxItems } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { newId } from "../../lib/ids";
import { ChannelCallFailed, type ShopListing, type ShopOrderLine } from "../adapter";

/**
 * The sandbox shop's and channel's contents (`sandbox_items`), as an outside service would hold
 * them: products with their fields and sales, videos with their counters. The sandbox pages show
 * them; the `local` adapter writes them.
 */

export type SandboxProduct = Omit<ShopListing, "productId" | "createKey"> & { productId: string; orders: ShopOrderLine[] };
export type SandboxVideo = { title: string; description: string; tags: string[]; visibility: string; size: number; thumbnailR2Key: string | null };
export type SandboxItem<T> = {
	id: string;
	account: string;
	data: T;
	r2Key: string | null;
	views: number;
	likes: number;
	comments: number;
	createdAt: string;
	updatedAt: string;
};

function parsed<T>(row: typeof sandboxItems.$inferSelect): SandboxItem<T> {
	return { ...row, data: JSON.parse(row.data) as T };
}

export async function findSandboxItem<T>(db: Db, account: string, kind: "product" | "video", id: string): Promise<SandboxItem<T> | null> {
	const row = await db.query.sandboxItems.findFirst({ where: and(eq(sandboxItems.id, id), eq(sandboxItems.account, account), eq(sandboxItems.kind, kind)) });
	return row ? parsed<T>(row) : null;
}

export async function listSandboxItems<T>(db: Db, account: string, kind: "product" | "video"): Promise<SandboxItem<T>[]> {
	const rows = await db.query.sandboxItems.findMany({
		where: and(eq(sandboxItems.account, account), eq(sandboxItems.kind, kind)),
		orderBy: [desc(sandboxItems.createdAt)],
		limit: 200,
	});
	return rows.map((row) => parsed<T>(row));
}

/** Creates the product, or answers the one already created under `createKey` (a create whose answer was lost). */
export async function createSandboxProduct(db: Db, account: string, listing: ShopListing, now: Date): Promise<string> {
	const existing = await db.query.sandboxItems.findFirst({ where: and(eq(sandboxItems.account, account), eq(sandboxItems.createKey, listing.createKey)) });
	if (existing) return existing.id;
	const id = newId("sbp");
	const { createKey, ...fields } = listing;
	const data: SandboxProduct = { ...fields, orders: [] };
	await db
		.insert(sandboxItems)
		.values({ id, account, kind: "product", createKey, data: JSON.stringify(data), createdAt: now.toISOString(), updatedAt: now.toISOString() })
		.onConflictDoNothing();
	const row = await db.query.sandboxItems.findFirst({ where: and(eq(sandboxItems.account, account), eq(sandboxItems.createKey, createKey)) });
	if (!row) throw new ChannelCallFailed("the sandbox could not store the product", true, 500);
	return row.id;
}

/** Changes some fields of a product; `404` (as a shop would answer) when it does not exist. */
export async function updateSandboxProduct(db: Db, account: string, id: string, change: Partial<SandboxProduct>, now: Date): Promise<void> {
	const item = await findSandboxItem<SandboxProduct>(db, account, "product", id);
	if (!item) throw new ChannelCallFailed(`the sandbox shop has no product ${id}`, false, 404);
	await db
		.update(sandboxItems)
		.set({ data: JSON.stringify({ ...item.data, ...change }), updatedAt: now.toISOString() })
		.where(eq(sandboxItems.id, id));
}

/** Stores an uploaded video's record (its bytes are already in R2 at `r2Key`). */
export async function insertSandboxVideo(db: Db, account: string, video: SandboxVideo, r2Key: string, now: Date): Promise<string> {
	const id = newId("sbv");
	await db
		.insert(sandboxItems)
		.values({ id, account, kind: "video", data: JSON.stringify(video), r2Key, createdAt: now.toISOString(), updatedAt: now.toISOString() });
	return id;
}

/** Counts one view or like of a sandbox video, as a viewer on its sandbox page does. */
export async function countSandboxVideo(db: Db, account: string, id: string, counter: "views" | "likes"): Promise<boolean> {
	const column = sandboxItems[counter];
	const counted = await db
		.update(sandboxItems)
		.set({ [counter]: sql`${column} + 1` })
		.where(and(eq(sandboxItems.id, id), eq(sandboxItems.account, account), eq(sandboxItems.kind, "video")))
		.returning({ id: sandboxItems.id });
	return counted.length === 1;
}

/** Records a sale of a sandbox product (the sandbox shop's "buy" button), for the orders the adapter reads back. */
export async function recordSandboxSale(db: Db, account: string, id: string, now: Date): Promise<boolean> {
	const item = await findSandboxItem<SandboxProduct>(db, account, "product", id);
	if (!item?.data.selling || !item.data.display) return false;
	const line: ShopOrderLine = {
		externalProductId: id,
		quantity: 1,
		amountCents: item.data.priceCents,
		currency: item.data.currency,
		orderedAt: now.toISOString(),
	};
	await updateSandboxProduct(db, account, id, { orders: [...item.data.orders, line] }, now);
	return true;
}
