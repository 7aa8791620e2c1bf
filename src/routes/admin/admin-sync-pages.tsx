import { z } from "zod";
import { productShopsPageData, syncLogChannels } from "../../channels/sync/page-data";
import { setProductChannels, syncProductNow } from "../../channels/sync/settings";
import { listSyncLog } from "../../channels/sync/sync-log";
import { parseMajorAmount } from "../../lib/money";
import { validate } from "../../lib/validate";
import { editProduct } from "../../pipeline/edit-product";
import { SyncOutcome } from "../../shared/channels";
import { PRODUCT_SHOPS_NOTICES, ProductShopsPage } from "../../views/channels/sync/product-shops-page";
import { SyncLogPage } from "../../views/channels/sync/sync-log-page";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, blank, IdParams, noticeQuery, PAGE_SIZE, requireSession } from "./admin-shell";

const SyncLogQuery = z.object({
	channel_id: z.preprocess(blank, z.string().trim().max(64).optional()),
	product_id: z.preprocess(blank, z.string().trim().max(64).optional()),
	outcome: z.preprocess(blank, SyncOutcome.optional()),
	cursor: z.preprocess(blank, z.string().max(200).optional()),
});
const ShopsQuery = noticeQuery(PRODUCT_SHOPS_NOTICES).extend({ queued: z.coerce.number().int().min(0).max(1000).optional().catch(undefined) });
const ToggleParams = IdParams.extend({ channelId: z.string().regex(/^chn_[0-9a-f]{32}$/) });
const EditForm = z.object({
	price: z.string().max(20),
	title: z.string().trim().min(1).max(200),
	description: z.string().max(5000),
});
const ToggleForm = z.object({ enabled: z.enum(["true", "false"]).transform((value) => value === "true") });

/** Mounted at `/admin`: `/admin/sync-log` and `/admin/products/:id/channels` (issue 18). */
export const adminSyncPages = adminRoutes()
	.use("/sync-log", requireSession)
	.use("/products/:id/channels/*", requireSession)
	.use("/products/:id/channels", requireSession)
	.get("/sync-log", validate("query", SyncLogQuery), async (c) => {
		const { channel_id, product_id, outcome, cursor } = c.req.valid("query");
		const { db } = c.var.deps;
		const [page, shops] = await Promise.all([
			listSyncLog(db, { channelId: channel_id, productId: product_id, outcome, cursor, limit: PAGE_SIZE }),
			syncLogChannels(db),
		]);
		return renderPage(
			c,
			<SyncLogPage
				viewer={adminViewer(c)}
				entries={page.entries}
				nextCursor={page.next_cursor}
				filters={{ channel_id, product_id, outcome, cursor }}
				shops={shops}
			/>,
		);
	})
	.get("/products/:id/channels", validate("param", IdParams), validate("query", ShopsQuery), async (c) => {
		const { done, queued } = c.req.valid("query");
		const data = await productShopsPageData(c.var.deps.db, c.req.valid("param").id);
		return renderPage(c, <ProductShopsPage viewer={adminViewer(c)} data={data} notice={done} queued={queued} />);
	})
	.post("/products/:id/channels/sync", validate("param", IdParams), async (c) => {
		const { id } = c.req.valid("param");
		const queued = await syncProductNow(c.var.deps.channels, id);
		const notice = queued > 0 ? `done=queued&queued=${queued}` : "done=none";
		return c.redirect(`/admin/products/${encodeURIComponent(id)}/channels?${notice}`, 303);
	})
	.post("/products/:id/channels/details", validate("param", IdParams), validate("form", EditForm), async (c) => {
		const { id } = c.req.valid("param");
		const form = c.req.valid("form");
		const { pipeline } = c.var.deps;
		const product = await productShopsPageData(pipeline.db, id);
		// The price is typed in the product's currency's major unit; a malformed one is shown back on the form.
		const priceCents = parseMajorAmount(form.price, product.product.currency);
		if (priceCents === null) return c.redirect(`/admin/products/${encodeURIComponent(id)}/channels?done=price`, 303);
		await editProduct(pipeline, id, { priceCents, title: form.title, description: form.description });
		return c.redirect(`/admin/products/${encodeURIComponent(id)}/channels?done=edited`, 303);
	})
	.post("/products/:id/channels/:channelId", validate("param", ToggleParams), validate("form", ToggleForm), async (c) => {
		const { id, channelId } = c.req.valid("param");
		await setProductChannels(c.var.deps.channels, id, [{ channelId, enabled: c.req.valid("form").enabled }]);
		return c.redirect(`/admin/products/${encodeURIComponent(id)}/channels?done=saved`, 303);
	});
