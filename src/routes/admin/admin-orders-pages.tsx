import { z } from "zod";
import { reissueLinks } from "../../admin/actions";
import { refundOrder } from "../../admin/refunds";
import { adminOrderDetail, listOrders } from "../../commerce/admin-orders";
import { newId } from "../../lib/ids";
import { validate } from "../../lib/validate";
import { OrderStatus } from "../../shared/commerce";
import { ORDER_NOTICES, OrderDetailPage } from "../../views/admin/order-detail";
import { OrdersPage } from "../../views/admin/orders";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, blank, IdParams, noticeQuery, PAGE_SIZE, requireSession } from "./admin-shell";

const OrdersQuery = z.object({
	status: z.preprocess(blank, OrderStatus.optional()),
	cursor: z.preprocess(blank, z.string().max(200).optional()),
});
const RefundForm = z.object({
	confirm: z.literal("yes", { error: "tick the box to confirm the refund" }),
	// The key the page's form was rendered with: the same form sent twice refunds once.
	request_key: z.preprocess(
		blank,
		z
			.string()
			.regex(/^[\w-]{1,100}$/)
			.optional(),
	),
});

/** `/admin/orders`: the orders table, each order with its grants and downloads, and reissuing links or refunding. */
export const adminOrderPages = adminRoutes()
	.use(requireSession)
	.get("/", validate("query", OrdersQuery), async (c) => {
		const { status, cursor } = c.req.valid("query");
		const page = await listOrders(c.var.deps.db, { status, cursor, limit: PAGE_SIZE });
		return renderPage(c, <OrdersPage orders={page.orders} nextCursor={page.next_cursor} filters={{ status, cursor }} viewer={adminViewer(c)} />);
	})
	.get("/:id", validate("param", IdParams), validate("query", noticeQuery(ORDER_NOTICES)), async (c) => {
		const { order } = await adminOrderDetail(c.var.deps.db, c.req.valid("param").id);
		return renderPage(c, <OrderDetailPage order={order} viewer={adminViewer(c)} notice={c.req.valid("query").done} refundRequestKey={newId("rfk")} />);
	})
	.post("/:id/reissue", validate("param", IdParams), async (c) => {
		const { id } = c.req.valid("param");
		await reissueLinks(c.var.deps.commerce, id);
		return c.redirect(`/admin/orders/${encodeURIComponent(id)}?done=reissued`, 303);
	})
	.post("/:id/refund", validate("param", IdParams), validate("form", RefundForm), async (c) => {
		const { id } = c.req.valid("param");
		await refundOrder(c.var.deps.commerce, id, undefined, c.req.valid("form").request_key);
		return c.redirect(`/admin/orders/${encodeURIComponent(id)}?done=refunded`, 303);
	});
