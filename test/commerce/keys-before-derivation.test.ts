import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orderByKey } from "../../src/commerce/order-key";
import { signToken } from "../../src/commerce/tokens";
import { getDb } from "../../src/db/client";
import { orders } from "../../src/db/schema";
import { hmacSha256Hex, sha256Hex } from "../../src/lib/hash";
import { buyerOrder, paidOrder, publishedProduct } from "../support/commerce-helpers";
import { api, testAppDeps } from "../support/helpers";

const encoder = new TextEncoder();

/** The link keyring as it was before keys were derived: the raw secret, its key id from the secret itself. */
async function rawSecretKeyring() {
	const secret = env.DOWNLOAD_TOKEN_SECRET;
	return [{ kid: (await sha256Hex(`kid:${secret}`)).slice(0, 12), key: encoder.encode(secret) }] as const;
}

describe("links and order keys issued before keys were derived per purpose", () => {
	it("a download link signed with the raw secret still redeems, and new links are signed with the derived key", async () => {
		const { product } = await publishedProduct("links before the key change");
		const bought = await paidOrder(product.id);
		const grantId = (await buyerOrder(bought.orderId, bought.key)).items[0]?.grant?.id ?? "";
		const now = new Date();
		const [legacy] = await rawSecretKeyring();
		const old = await signToken([legacy], { purpose: "download", grantId }, now, new Date(now.getTime() + 3_600_000));
		const redeemed = await api(`/download/${old}`, { method: "POST", auth: null, headers: { "CF-Connecting-IP": "198.51.100.77" } });
		expect(redeemed.status).toBe(303);
		expect(redeemed.headers.get("Location")).toMatch(/^\/files\//);

		const fresh = (await buyerOrder(bought.orderId, bought.key)).items[0]?.download_url ?? "";
		const header = JSON.parse(atob(fresh.split("/download/")[1]?.split(".")[0] ?? "")) as { kid: string };
		const { keys } = await testAppDeps();
		expect(header.kid).toBe(keys.links[0].kid);
		expect(header.kid).not.toBe(legacy.kid);
	});

	it("an order whose key was made with the raw secret still opens with that key, and its receipt carries a new random key", async () => {
		const { product } = await publishedProduct("order keys before the key change");
		const bought = await paidOrder(product.id);
		const db = getDb(env.DB);
		// Turn the order into one created before the change: its key made with the raw secret.
		const oldKey = (await hmacSha256Hex(env.DOWNLOAD_TOKEN_SECRET, `order-key:${bought.orderId}`)).slice(0, 40);
		await db
			.update(orders)
			.set({ orderKeyHash: await sha256Hex(oldKey) })
			.where(eq(orders.id, bought.orderId));
		expect((await orderByKey(db, bought.orderId, oldKey)).id).toBe(bought.orderId);
		const page = await api(`/api/orders/${bought.orderId}?key=${oldKey}`, { auth: null });
		expect(page.status).toBe(200);
		// The checkout's key is no longer the order's: only the stored hash decides.
		expect((await api(`/api/orders/${bought.orderId}?key=${bought.key}`, { auth: null })).status).toBe(404);
	});
});
