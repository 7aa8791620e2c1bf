import { Hono } from "hono";
import { z } from "zod";
import { reissueLinks } from "../admin/actions";
import { requireAdmin } from "../admin/admin-auth";
import { refundOrder } from "../admin/refunds";
import type { AppEnv } from "../app-env";
import { adminOrderDetail, listOrders } from "../commerce/admin-orders";
import { orderByKey } from "../commerce/order-key";
import { buyerOrderView, PAID_STATUSES } from "../commerce/order-view";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { OrderStatus } from "../shared/commerce";

const OrderParams = z.object({ id: z.string().min(1).max(64) });
const OrderKeyQuery = z.object({ key: z.string().min(1).max(200) });
const BuyerOrAdminQuery = z.object({ key: z.string().min(1).max(200).optional() });
const ListOrdersQuery = z.strictObject({
	status: OrderStatus.optional(),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(50),
});
const RefundBody = z.strictObject({ amount_cents: z.int().min(1).optional() });
/** A refund request's own key: a retry with the same key refunds once; without one every request is a new refund. */
const RefundHeaders = z.object({
	"idempotency-key": z
		.string()
		.regex(/^[\x21-\x7e]{1,255}$/, "1 to 255 printable characters")
		.optional(),
});

/**
 * `/api/orders`: the buyer's routes (authorised by the order key) and the admin's (by the admin
 * key). `GET /api/orders/:id` serves both: with `?key=` it is the buyer's view.
 */
export const ordersApi = new Hono<AppEnv>()
	.get("/:id", validate("param", OrderParams), validate("query", BuyerOrAdminQuery), async (c, next) => {
		const { key } = c.req.valid("query");
		if (key === undefined) return next();
		const { commerce } = c.var.deps;
		return c.json(await buyerOrderView(commerce, await orderByKey(commerce.db, c.req.valid("param").id, key)));
	})
	.post("/:id/links", validate("param", OrderParams), validate("query", OrderKeyQuery), async (c) => {
		const { commerce } = c.var.deps;
		const order = await orderByKey(commerce.db, c.req.valid("param").id, c.req.valid("query").key);
		if (!PAID_STATUSES.has(order.status)) {
			throw new AppError(402, "ORDER_NOT_PAID", `This order is ${order.status.toLowerCase()}: there is nothing to download yet.`);
		}
		return c.json(await buyerOrderView(commerce, order));
	})
	.use(requireAdmin)
	.get("/", validate("query", ListOrdersQuery), async (c) => c.json(await listOrders(c.var.deps.db, c.req.valid("query"))))
	.get("/:id", validate("param", OrderParams), async (c) => c.json(await adminOrderDetail(c.var.deps.db, c.req.valid("param").id)))
	.post("/:id/refund", validate("param", OrderParams), validate("header", RefundHeaders), validate("json", RefundBody.optional()), async (c) => {
		const { commerce } = c.var.deps;
		const refund = await refundOrder(commerce, c.req.valid("param").id, c.req.valid("json")?.amount_cents, c.req.valid("header")["idempotency-key"]);
		return c.json({ refund, ...(await adminOrderDetail(commerce.db, c.req.valid("param").id)) });
	})
	.post("/:id/reissue", validate("param", OrderParams), async (c) => {
		const { commerce } = c.var.deps;
		await reissueLinks(commerce, c.req.valid("param").id);
		return c.json(await adminOrderDetail(commerce.db, c.req.valid("param").id));
	});
