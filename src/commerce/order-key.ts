import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { orders } from "../db/schema";
import { AppError } from "../lib/errors";
import { hmacSha256Hex, secretsEqual, sha256Hex } from "../lib/hash";

/**
 * The secret key of an order: an HMAC of its id under the order-key key, so the receipt can
 * carry it later without the key ever being stored. The order row keeps only its SHA-256.
 */
export async function orderKeyFor(key: string, orderId: string): Promise<string> {
	return (await hmacSha256Hex(key, `order-key:${orderId}`)).slice(0, 40);
}

/**
 * The key of an existing order, found again under whichever of `keys` (src/config/keys.ts:
 * the current key first, older ones after) it was made with; null when none gives its hash.
 */
export async function existingOrderKey(keys: string[], order: { id: string; orderKeyHash: string }): Promise<string | null> {
	for (const key of keys) {
		const candidate = await orderKeyFor(key, order.id);
		if (await secretsEqual(await sha256Hex(candidate), order.orderKeyHash)) return candidate;
	}
	return null;
}

/** The buyer's order page; the key in it is what lets them in. */
export function orderPageUrl(baseUrl: string, orderId: string, orderKey: string): string {
	return `${baseUrl}/orders/${orderId}?key=${encodeURIComponent(orderKey)}`;
}

/**
 * The order, if `key` is its key. A wrong key and an unknown order look the same (404), so
 * order ids cannot be probed.
 */
export async function orderByKey(db: Db, orderId: string, key: string | undefined) {
	const order = await db.query.orders.findFirst({ where: eq(orders.id, orderId) });
	if (!order || !key || !(await secretsEqual(await sha256Hex(key), order.orderKeyHash))) {
		throw new AppError(404, "NOT_FOUND", "No such order.");
	}
	return order;
}
