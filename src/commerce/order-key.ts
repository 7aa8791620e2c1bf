import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { orderKeys, orders } from "../db/schema";
import { AppError } from "../lib/errors";
import { secretsEqual, sha256Hex, toHex } from "../lib/hash";

/**
 * A new secret key for an order: 160 random bits as 40 hex digits (the length order keys always
 * had). It depends on no configured secret, so rotating DOWNLOAD_TOKEN_SECRET cannot break it;
 * only its SHA-256 is ever stored.
 */
export function newOrderKey(): string {
	return toHex(crypto.getRandomValues(new Uint8Array(20)));
}

/**
 * One more key of an existing order, for a mail that links to its order page (the key the
 * checkout returned is not stored, so it cannot be mailed): the key, and the statement that
 * stores its hash as another valid key of the order, to run in the caller's batch. The order's
 * other keys keep working.
 */
export async function orderKeyInsert(db: Db, orderId: string, purpose: string, now: Date): Promise<{ key: string; statement: BatchItem<"sqlite"> }> {
	const key = newOrderKey();
	const statement = db.insert(orderKeys).values({ keyHash: await sha256Hex(key), orderId, purpose, createdAt: now.toISOString() });
	return { key, statement };
}

/** The buyer's order page; the key in it is what lets them in. */
export function orderPageUrl(baseUrl: string, orderId: string, orderKey: string): string {
	return `${baseUrl}/orders/${orderId}?key=${encodeURIComponent(orderKey)}`;
}

/**
 * The order, if `key` is one of its keys: the one its checkout returned (`order_key_hash`, also
 * for orders whose key was once derived from a secret) or one minted for a mail. A wrong key and
 * an unknown order look the same (404), so order ids cannot be probed.
 */
export async function orderByKey(db: Db, orderId: string, key: string | undefined) {
	const order = await db.query.orders.findFirst({ where: eq(orders.id, orderId) });
	if (!order || !key) throw new AppError(404, "NOT_FOUND", "No such order.");
	const hash = await sha256Hex(key);
	if (await secretsEqual(hash, order.orderKeyHash)) return order;
	// Looked up by the hash of a 160-bit random key: the lookup's timing reveals nothing usable.
	const minted = await db.query.orderKeys.findFirst({ columns: { keyHash: true }, where: and(eq(orderKeys.keyHash, hash), eq(orderKeys.orderId, orderId)) });
	if (!minted) throw new AppError(404, "NOT_FOUND", "No such order.");
	return order;
}
