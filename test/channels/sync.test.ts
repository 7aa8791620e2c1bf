import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type ChannelAdapter, ChannelCallFailed, type ShopCapability } from "../../src/channels/adapter";
import type { ChannelDeps } from "../../src/channels/deps";
import { findSandboxItem, listSandboxItems, type SandboxProduct } from "../../src/channels/local/sandbox-store";
import type { ChannelMessage } from "../../src/channels/messages";
import { channelAdapterRegistry } from "../../src/channels/registry";
import { syncProductHandler } from "../../src/channels/sync/handler";
import { productSyncListener } from "../../src/channels/sync/listener";
import { channelListings, channelSyncLog, channels, productChannels } from "../../src/db/channels-schema";
import { products } from "../../src/db/schema";
import { createProducts } from "../../src/pipeline/create-product";
import { editProduct } from "../../src/pipeline/edit-product";
import { publishedProduct } from "../support/commerce-helpers";
import { api, drain, type ErrorBody, testAppDeps, testDeps, waitFor } from "../support/helpers";
import { connectSandboxChannel } from "../support/sandbox-helpers";

/** A channel queue that keeps what is sent, so the test runs the handler itself. */
class RecordingChannelQueue implements Queue<ChannelMessage> {
	readonly sent: ChannelMessage[] = [];
	async send(body: ChannelMessage): Promise<QueueSendResponse> {
		this.sent.push(body);
		return {} as QueueSendResponse;
	}
	async sendBatch(messages: Iterable<MessageSendRequest<ChannelMessage>>): Promise<QueueSendBatchResponse> {
		for (const message of messages) this.sent.push(message.body);
		return {} as QueueSendBatchResponse;
	}
	async metrics(): Promise<QueueMetrics> {
		return { backlogCount: this.sent.length, backlogBytes: 0, oldestMessageTimestamp: new Date() } as QueueMetrics;
	}
}

/** The app's channel deps with a recording queue, a 5-second retry base and, when given, another shop adapter over the sandbox's. */
async function channelDeps(shop?: (local: ShopCapability) => ShopCapability): Promise<ChannelDeps & { queue: RecordingChannelQueue }> {
	const deps = (await testAppDeps()).channels;
	const local = deps.adapters.get("local");
	const adapter: ChannelAdapter = shop && local.shop ? { ...local, shop: shop(local.shop) } : local;
	return { ...deps, queue: new RecordingChannelQueue(), adapters: channelAdapterRegistry([adapter]), config: { ...deps.config, retryBaseSeconds: 5 } };
}

const listingOf = (channelId: string, productId: string) =>
	env.DB.prepare("SELECT external_id, hidden FROM channel_listings WHERE channel_id = ? AND product_id = ?")
		.bind(channelId, productId)
		.first<{ external_id: string | null; hidden: number }>();

async function logOf(deps: ChannelDeps, channelId: string, productId: string) {
	return deps.db.query.channelSyncLog.findMany({
		where: and(eq(channelSyncLog.channelId, channelId), eq(channelSyncLog.productId, productId)),
		orderBy: (log, { asc }) => [asc(log.createdAt)],
	});
}

async function enable(deps: ChannelDeps, productId: string, channelId: string, enabled = true) {
	await deps.db
		.insert(productChannels)
		.values({ productId, channelId, enabled })
		.onConflictDoUpdate({ target: [productChannels.productId, productChannels.channelId], set: { enabled } });
}

async function sandboxProduct(deps: ChannelDeps, account: string, externalId: string) {
	return (await findSandboxItem<SandboxProduct>(deps.db, account, "product", externalId))?.data;
}

describe("the shop sync", () => {
	it("pushes a product the pipeline publishes to its enabled shop, then follows price edits, unpublishing and disabling", async () => {
		const deps = await channelDeps();
		const shop = await connectSandboxChannel(deps, { kind: "shop" });
		const pipeline = await testDeps({ productListeners: [productSyncListener(() => deps)] });
		const [created] = await createProducts(pipeline, [
			{ topic: "Shop sync sourdough", kind: "digital_kit", price_cents: 1900, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 },
		]);
		if (!created) throw new Error("not created");
		await enable(deps, created.id, shop.channel.id);
		expect(deps.queue.sent).toEqual([]);

		await drain(pipeline);
		const product = await deps.db.query.products.findFirst({ where: eq(products.id, created.id) });
		expect(product?.status).toBe("PUBLISHED");
		expect(deps.queue.sent).toEqual([{ kind: "sync_product", productId: created.id, channelId: shop.channel.id }]);

		const [message] = deps.queue.sent.splice(0);
		if (message?.kind !== "sync_product") throw new Error("no sync message");
		expect(await syncProductHandler.run(deps, message, 1)).toBe("done");
		const listing = await listingOf(shop.channel.id, created.id);
		expect(listing?.external_id).toMatch(/^sbp_/);
		const externalId = listing?.external_id ?? "";
		expect(await sandboxProduct(deps, shop.account, externalId)).toMatchObject({
			productId: created.id,
			name: product?.title,
			priceCents: 1900,
			currency: "usd",
			display: true,
			selling: true,
			stock: null,
			url: `http://localhost:8787/products/${product?.slug}`,
		});
		expect((await logOf(deps, shop.channel.id, created.id)).map((row) => [row.operation, row.outcome, row.externalId])).toEqual([
			["create_product", "succeeded", externalId],
		]);

		// Unchanged: a second sync makes no outside call.
		expect(await syncProductHandler.run(deps, message, 1)).toBe("done");
		expect((await logOf(deps, shop.channel.id, created.id)).at(-1)).toMatchObject({ operation: "update_product", outcome: "skipped" });

		// A price edit through the API reaches the shop through the real queue as a price update.
		const edited = await api(`/api/products/${created.id}`, { method: "PATCH", json: { price_cents: 2500 } });
		expect(edited.status).toBe(200);
		expect(((await edited.json()) as { product: { price_cents: number } }).product.price_cents).toBe(2500);
		await waitFor(async () => (await sandboxProduct(deps, shop.account, externalId))?.priceCents === 2500, 20_000, "price in the shop");
		expect(await waitFor(async () => (await logOf(deps, shop.channel.id, created.id)).find((row) => row.operation === "update_price"))).toMatchObject({
			outcome: "succeeded",
			externalId,
		});

		// A title edit pushes the whole product, and the storefront's texts follow.
		expect((await api(`/api/products/${created.id}`, { method: "PATCH", json: { title: "  새 제목  " } })).status).toBe(200);
		await waitFor(async () => (await sandboxProduct(deps, shop.account, externalId))?.name === "새 제목", 20_000, "title in the shop");
		const texts = JSON.parse((await deps.db.query.products.findFirst({ where: eq(products.id, created.id) }))?.texts ?? "{}");
		expect(texts.en.title).toBe("새 제목");

		// Unpublishing hides it in the shop (never deletes it).
		expect((await api(`/api/products/${created.id}/unpublish`, { method: "POST" })).status).toBe(200);
		await waitFor(async () => (await listingOf(shop.channel.id, created.id))?.hidden === 1, 20_000, "hidden listing");
		expect(await sandboxProduct(deps, shop.account, externalId)).toMatchObject({ display: false, selling: false });

		// Published again: shown again under the same id; then disabled for the shop: hidden again.
		expect((await api(`/api/products/${created.id}/publish`, { method: "POST" })).status).toBe(200);
		await waitFor(async () => (await sandboxProduct(deps, shop.account, externalId))?.display === true, 20_000, "shown again");
		const put = await api(`/api/products/${created.id}/channels`, { method: "PUT", json: { channels: [{ channel_id: shop.channel.id, enabled: false }] } });
		expect(put.status).toBe(200);
		const settings = (await put.json()) as { channels: { channel_id: string; enabled: boolean; listing: { external_id: string } | null }[] };
		expect(settings.channels.find((row) => row.channel_id === shop.channel.id)).toMatchObject({ enabled: false, listing: { external_id: externalId } });
		await waitFor(async () => (await sandboxProduct(deps, shop.account, externalId))?.selling === false, 20_000, "hidden after disabling");
		expect(await listSandboxItems(deps.db, shop.account, "product")).toHaveLength(1);
	}, 90_000);

	it("creates exactly one shop product when a create's answer was lost, and stores its id", async () => {
		let lose = true;
		const deps = await channelDeps((local) => ({
			...local,
			pushProduct: async (session, listing, externalId) => {
				const pushed = await local.pushProduct(session, listing, externalId);
				if (lose) {
					lose = false;
					throw new ChannelCallFailed("connection reset before the answer", true, null);
				}
				return pushed;
			},
		}));
		const shop = await connectSandboxChannel(deps, { kind: "shop" });
		const { product } = await publishedProduct("Shop sync lost answer");
		await enable(deps, product.id, shop.channel.id);
		const message = { kind: "sync_product", productId: product.id, channelId: shop.channel.id } as const;

		expect(await syncProductHandler.run(deps, message, 1)).toEqual({ retryInSeconds: 5 });
		expect((await listingOf(shop.channel.id, product.id))?.external_id).toBeNull();
		expect(await syncProductHandler.run(deps, message, 2)).toBe("done");

		const items = await listSandboxItems(deps.db, shop.account, "product");
		expect(items).toHaveLength(1);
		expect((await listingOf(shop.channel.id, product.id))?.external_id).toBe(items[0]?.id);
		expect((await logOf(deps, shop.channel.id, product.id)).map((row) => [row.operation, row.outcome, row.attempt])).toEqual([
			["create_product", "failed", 1],
			["create_product", "succeeded", 2],
		]);
	}, 60_000);

	it("retries a retryable failure after 5, 10, 20 and 40 seconds, then logs it failed; a refusal is not retried", async () => {
		let refuse: "retryable" | "final" = "retryable";
		const deps = await channelDeps((local) => ({
			...local,
			pushProduct: async () => {
				throw new ChannelCallFailed(
					refuse === "retryable" ? "503 service unavailable" : "the product name is too long",
					refuse === "retryable",
					refuse === "retryable" ? 503 : 422,
				);
			},
		}));
		const shop = await connectSandboxChannel(deps, { kind: "shop" });
		const { product } = await publishedProduct("Shop sync retries");
		await enable(deps, product.id, shop.channel.id);
		const message = { kind: "sync_product", productId: product.id, channelId: shop.channel.id } as const;

		const answers = [];
		for (let attempt = 1; attempt <= 5; attempt++) answers.push(await syncProductHandler.run(deps, message, attempt));
		expect(answers).toEqual([{ retryInSeconds: 5 }, { retryInSeconds: 10 }, { retryInSeconds: 20 }, { retryInSeconds: 40 }, "done"]);
		const rows = await logOf(deps, shop.channel.id, product.id);
		expect(rows.map((row) => [row.outcome, row.attempt])).toEqual([1, 2, 3, 4, 5].map((attempt) => ["failed", attempt]));
		expect(rows.at(-1)?.detail).toContain("gave up after 5 attempts");
		expect(rows.at(-1)?.detail).toContain("503 service unavailable");

		refuse = "final";
		expect(await syncProductHandler.run(deps, message, 1)).toBe("done");
		expect((await logOf(deps, shop.channel.id, product.id)).at(-1)).toMatchObject({ outcome: "failed", attempt: 1, detail: "the product name is too long" });

		// The queue gave up on a message: one more failed row, so nothing fails silently.
		await syncProductHandler.deadLettered(deps, message);
		expect((await logOf(deps, shop.channel.id, product.id)).at(-1)).toMatchObject({ outcome: "failed", detail: expect.stringContaining("dead-lettered") });
		expect(await listSandboxItems(deps.db, shop.account, "product")).toHaveLength(0);
	}, 60_000);

	it("makes no outside call on a channel that is not connected", async () => {
		let calls = 0;
		const deps = await channelDeps((local) => ({
			...local,
			pushProduct: async (...args) => {
				calls++;
				return local.pushProduct(...args);
			},
		}));
		const shop = await connectSandboxChannel(deps, { kind: "shop" });
		const { product } = await publishedProduct("Shop sync reauth");
		await enable(deps, product.id, shop.channel.id);
		await deps.db.update(channels).set({ status: "needs_reauth" }).where(eq(channels.id, shop.channel.id));

		const pipeline = await testDeps({ productListeners: [productSyncListener(() => deps)] });
		await editProduct(pipeline, product.id, { priceCents: 999 });
		// A shop that must be connected again is not queued by a change …
		expect(deps.queue.sent).toEqual([]);
		// … and a sync that reaches it anyway ("sync now", or queued before) calls nothing.
		expect(await syncProductHandler.run(deps, { kind: "sync_product", productId: product.id, channelId: shop.channel.id }, 1)).toBe("done");
		expect(calls).toBe(0);
		expect((await logOf(deps, shop.channel.id, product.id)).map((row) => [row.operation, row.outcome, row.detail])).toEqual([
			["create_product", "skipped", "channel needs_reauth"],
		]);
		expect(await deps.db.query.channelListings.findFirst({ where: eq(channelListings.productId, product.id) })).toMatchObject({ externalId: null });
	}, 60_000);
});

describe("the product edit and channel settings API", () => {
	it("validates edits strictly and changes nothing on a refusal; admin only", async () => {
		const { product } = await publishedProduct("Shop sync validation");
		const before = await env.DB.prepare("SELECT price_cents, title, description, texts, updated_at FROM products WHERE id = ?").bind(product.id).first();
		for (const body of [
			{},
			{ price_cents: -1 },
			{ price_cents: 1.5 },
			{ title: "" },
			{ title: "x".repeat(201) },
			{ description: "y".repeat(5001) },
			{ price_cents: 100, colour: "red" },
		]) {
			const res = await api(`/api/products/${product.id}`, { method: "PATCH", json: body });
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect(((await res.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
		}
		const anonymous = await api(`/api/products/${product.id}`, { method: "PATCH", json: { price_cents: 100 }, auth: null });
		expect(anonymous.status).toBe(401);
		expect(
			(await api(`/api/products/${product.id}`, { method: "PATCH", json: { price_cents: 100 }, auth: "wrong-key-0123456789abcdefghijklmnop" })).status,
		).toBe(401);
		expect(await env.DB.prepare("SELECT price_cents, title, description, texts, updated_at FROM products WHERE id = ?").bind(product.id).first()).toEqual(
			before,
		);
		expect((await api("/api/products/prd_00000000000000000000000000000000", { method: "PATCH", json: { price_cents: 100 } })).status).toBe(404);
		for (const path of [`/api/products/${product.id}/channels`, "/api/sync-log"]) expect((await api(path, { auth: null })).status).toBe(401);
	});

	it("lists every shop with the product's setting, refuses unknown channels, queues 'sync now', and pages the sync log", async () => {
		const deps = await channelDeps();
		const shop = await connectSandboxChannel(deps, { kind: "shop" });
		const video = await connectSandboxChannel(deps, { kind: "video" });
		const { product } = await publishedProduct("Shop sync settings");

		const listed = (await (await api(`/api/products/${product.id}/channels`)).json()) as { channels: { channel_id: string }[] };
		expect(listed.channels.find((row) => row.channel_id === shop.channel.id)).toEqual({
			channel_id: shop.channel.id,
			provider: "local",
			display_name: shop.channel.displayName,
			status: "connected",
			enabled: false,
			listing: null,
		});
		expect(listed.channels.some((row) => row.channel_id === video.channel.id)).toBe(false);

		const unknown = await api(`/api/products/${product.id}/channels`, { method: "PUT", json: { channels: [{ channel_id: video.channel.id, enabled: true }] } });
		expect(unknown.status).toBe(404);
		expect(await deps.db.query.productChannels.findMany({ where: eq(productChannels.productId, product.id) })).toEqual([]);
		expect((await api(`/api/products/${product.id}/channels`, { method: "PUT", json: { channels: [{ channel_id: "chn_x", enabled: true }] } })).status).toBe(
			400,
		);

		const on = await api(`/api/products/${product.id}/channels`, { method: "PUT", json: { channels: [{ channel_id: shop.channel.id, enabled: true }] } });
		expect(on.status).toBe(200);
		const externalId = await waitFor(async () => (await listingOf(shop.channel.id, product.id))?.external_id, 20_000, "pushed after enabling");
		const now = await api(`/api/products/${product.id}/channels/sync`, { method: "POST" });
		expect(now.status).toBe(202);
		expect(await now.json()).toEqual({ queued: 1 });
		await waitFor(async () => (await logOf(deps, shop.channel.id, product.id)).length >= 2, 20_000, "second sync logged");

		const page1 = (await (await api(`/api/sync-log?product_id=${product.id}&limit=1`)).json()) as {
			entries: { operation: string; outcome: string; external_id: string; channel_name: string }[];
			next_cursor: string;
		};
		expect(page1.entries).toHaveLength(1);
		expect(page1.entries[0]).toMatchObject({ operation: "update_product", outcome: "skipped", channel_name: shop.channel.displayName });
		const page2 = (await (await api(`/api/sync-log?product_id=${product.id}&limit=1&cursor=${page1.next_cursor}`)).json()) as typeof page1;
		expect(page2.entries[0]).toMatchObject({ operation: "create_product", outcome: "succeeded", external_id: externalId });
		const succeeded = (await (await api(`/api/sync-log?channel_id=${shop.channel.id}&outcome=succeeded`)).json()) as typeof page1;
		expect(succeeded.entries.map((entry) => entry.operation)).toEqual(["create_product"]);
		expect((await api("/api/sync-log?outcome=maybe")).status).toBe(400);
		expect((await api("/api/sync-log?cursor=nonsense")).status).toBe(400);
	}, 60_000);
});
