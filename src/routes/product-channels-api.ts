import { Hono } from "hono";
import { z } from "zod";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { productChannelSettings, setProductChannels, syncProductNow } from "../channels/sync/settings";
import { validate } from "../lib/validate";
import { editProduct } from "../pipeline/edit-product";
import { productView } from "../pipeline/views";

const ProductParams = z.object({ id: z.string().min(1).max(64) });

/** `PATCH /api/products/:id`: the price and the primary language's words; at least one of them. */
const EditProductRequest = z
	.strictObject({
		price_cents: z.int().min(0).max(100_000_000).optional(),
		title: z.string().trim().min(1).max(200).optional(),
		description: z.string().trim().max(5000).optional(),
	})
	.refine((body) => body.price_cents !== undefined || body.title !== undefined || body.description !== undefined, {
		message: "give at least one of price_cents, title, description",
	});

const ChannelSettingsRequest = z
	.strictObject({
		channels: z.array(z.strictObject({ channel_id: z.string().regex(/^chn_[0-9a-f]{32}$/), enabled: z.boolean() })).max(100),
	})
	.meta({ example: { channels: [{ channel_id: "chn_2f6c0a8e5b7d4d1e9f613c2b1a0d9e77", enabled: true }] } });

/** `/api/products/:id` edits and `/api/products/:id/channels`: which shops carry a product, and syncing it (issue 18). Admin only. */
export const productChannelsApi = new Hono<AppEnv>()
	.use(requireAdmin)
	.patch("/:id", validate("param", ProductParams), validate("json", EditProductRequest), async (c) => {
		const body = c.req.valid("json");
		const product = await editProduct(c.var.deps.pipeline, c.req.valid("param").id, {
			priceCents: body.price_cents,
			title: body.title,
			description: body.description,
		});
		return c.json({ product: productView(product) });
	})
	.get("/:id/channels", validate("param", ProductParams), async (c) =>
		c.json({ channels: await productChannelSettings(c.var.deps.channels, c.req.valid("param").id) }),
	)
	.put("/:id/channels", validate("param", ProductParams), validate("json", ChannelSettingsRequest), async (c) => {
		const wanted = c.req.valid("json").channels.map((entry) => ({ channelId: entry.channel_id, enabled: entry.enabled }));
		return c.json({ channels: await setProductChannels(c.var.deps.channels, c.req.valid("param").id, wanted) });
	})
	.post("/:id/channels/sync", validate("param", ProductParams), async (c) => {
		const queued = await syncProductNow(c.var.deps.channels, c.req.valid("param").id);
		return c.json({ queued }, 202);
	});
