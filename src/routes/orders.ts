import { Hono } from "hono";
import { z } from "zod";
import { refundOrder, reissueLinks, revokeGrant } from "../admin/actions";
import { adminOverview } from "../admin/overview";
import type { AppEnv } from "../app-env";
import { adminOrderDetail, listDownloads, listOrders } from "../commerce/admin-orders";
import { commerceDeps } from "../commerce/deps";
import { orderByKey } from "../commerce/order-key";
import { buyerOrderView, PAID_STATUSES } from "../commerce/order-view";
import { getDb } from "../db/client";
import { requireAdmin } from "../lib/admin-auth";
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
const DownloadsQuery = z.strictObject({
	order_id: z.string().min(1).max(64).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * `/api/orders`: the buyer's routes (authorised by the order key) and the admin's (by the admin
 * key). `GET /api/orders/:id` serves both: with `?key=` it is the buyer's view.
 */
export const ordersApi = new Hono<AppEnv>()
	.get("/:id", validate("param", OrderParams), validate("query", BuyerOrAdminQuery), async (c, next) => {
		const { key } = c.req.valid("query");
		if (key === undefined) return next();
		const deps = await commerceDeps(c.env);
		return c.json(await buyerOrderView(deps, await orderByKey(deps.db, c.req.valid("param").id, key)));
	})
	.post("/:id/links", validate("param", OrderParams), validate("query", OrderKeyQuery), async (c) => {
		const deps = await commerceDeps(c.env);
		const order = await orderByKey(deps.db, c.req.valid("param").id, c.req.valid("query").key);
		if (!PAID_STATUSES.has(order.status)) {
			throw new AppError(402, "ORDER_NOT_PAID", `This order is ${order.status.toLowerCase()}: there is nothing to download yet.`);
		}
		return c.json(await buyerOrderView(deps, order));
	})
	.use(requireAdmin)
	.get("/", validate("query", ListOrdersQuery), async (c) => c.json(await listOrders((await commerceDeps(c.env)).db, c.req.valid("query"))))
	.get("/:id", validate("param", OrderParams), async (c) => c.json(await adminOrderDetail((await commerceDeps(c.env)).db, c.req.valid("param").id)))
	.post("/:id/refund", validate("param", OrderParams), validate("json", RefundBody.optional()), async (c) => {
		const deps = await commerceDeps(c.env);
		const refund = await refundOrder(deps, c.req.valid("param").id, c.req.valid("json")?.amount_cents);
		return c.json({ refund, ...(await adminOrderDetail(deps.db, c.req.valid("param").id)) });
	})
	.post("/:id/reissue", validate("param", OrderParams), async (c) => {
		const deps = await commerceDeps(c.env);
		await reissueLinks(deps, c.req.valid("param").id);
		return c.json(await adminOrderDetail(deps.db, c.req.valid("param").id));
	});

/** `POST /api/grants/:id/revoke` (admin). */
export const grantsApi = new Hono<AppEnv>().use(requireAdmin).post("/:id/revoke", validate("param", OrderParams), async (c) => {
	const grant = await revokeGrant(await commerceDeps(c.env), c.req.valid("param").id);
	return c.json({ grant: { id: grant.id, status: grant.status, order_id: grant.orderId } });
});

/** `GET /api/overview` (admin): the dashboard's figures. */
export const overviewApi = new Hono<AppEnv>().use(requireAdmin).get("/", async (c) => c.json(await adminOverview(getDb(c.env.DB), new Date())));

/** `GET /api/downloads?order_id=`: the download log (admin). */
export const downloadsApi = new Hono<AppEnv>().use(requireAdmin).get("/", validate("query", DownloadsQuery), async (c) => {
	const { order_id, limit } = c.req.valid("query");
	return c.json(await listDownloads((await commerceDeps(c.env)).db, order_id, limit));
});
