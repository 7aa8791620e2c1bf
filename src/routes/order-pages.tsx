import { Hono } from "hono";
import { z } from "zod";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { orderByKey, orderPageUrl } from "../commerce/order-key";
import { buyerOrderView } from "../commerce/order-view";
import { confirmCheckout } from "../commerce/webhook";
import { errorMessage, log } from "../lib/log";
import { MAX_POLL, nextPollPath, pollDelaySeconds } from "../lib/poll-backoff";
import { validate } from "../lib/validate";
import { OrderPage } from "../views/order";
import { renderPage } from "./render-page";

const OrderParams = z.object({ id: z.string().min(1).max(64) });
const OrderPageQuery = z.object({
	key: z.string().min(1).max(200),
	thanks: z.string().optional(),
	session_id: z.string().max(200).optional(),
	// How often a pending page has reloaded itself: its next reload waits longer (5 s up to 60 s).
	poll: z.coerce.number().int().min(0).max(MAX_POLL).default(0),
});

/** `/orders/:id?key=`: the buyer's order page with fresh download links (the thank-you page too). */
export const orderPages = new Hono<AppEnv>()
	.get("/:id", loadViewer, validate("param", OrderParams), validate("query", OrderPageQuery), async (c) => {
		const { commerce } = c.var.deps;
		const { key, thanks, poll } = c.req.valid("query");
		let order = await orderByKey(commerce.db, c.req.valid("param").id, key);
		if (order.status === "PENDING" || order.status === "PAID") {
			// The buyer may arrive before the webhook: ask the provider, fulfil through the same code.
			try {
				if (await confirmCheckout(commerce, order)) order = await orderByKey(commerce.db, order.id, key);
			} catch (err) {
				log("warn", "checkout confirmation failed", { orderId: order.id, error: errorMessage(err) });
			}
		}
		const view = await buyerOrderView(commerce, order);
		const pageUrl = orderPageUrl(commerce.config.baseUrl, order.id, key);
		c.header("Cache-Control", "no-store");
		return renderPage(
			c,
			<OrderPage
				order={view.order}
				thankYou={thanks !== undefined}
				orderUrl={pageUrl}
				refreshSeconds={order.status === "PENDING" ? pollDelaySeconds(poll) : undefined}
				refreshUrl={nextPollPath(`/orders/${order.id}?key=${encodeURIComponent(key)}${thanks !== undefined ? "&thanks=1" : ""}`, poll)}
				linksAction={`/orders/${order.id}/links?key=${encodeURIComponent(key)}`}
				viewer={c.var.viewer}
			/>,
		);
	})
	.post("/:id/links", validate("param", OrderParams), validate("query", OrderPageQuery), async (c) => {
		// Links are minted fresh on every view of the order page; this just shows it again.
		const { key } = c.req.valid("query");
		const order = await orderByKey(c.var.deps.db, c.req.valid("param").id, key);
		return c.redirect(`/orders/${order.id}?key=${encodeURIComponent(key)}`, 303);
	});
