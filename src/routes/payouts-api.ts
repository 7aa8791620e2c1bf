import { Hono } from "hono";
import { z } from "zod";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { decidePayout, listPayouts, payoutView } from "../earnings/payouts";
import { refundGeneration } from "../earnings/refund";
import { validate } from "../lib/validate";
import { PayoutStatus } from "../shared/community";
import { adminName } from "./artist-applications-api";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ListQuery = z.object({ status: PayoutStatus.optional() });

/** `/api/payouts` (admin key or dashboard session): artists' payout requests, and marking one paid or rejecting it (deciding twice: `409 CONFLICT`). */
export const payoutsApi = new Hono<AppEnv>()
	.use(requireAdmin)
	.get("/", validate("query", ListQuery), async (c) => {
		return c.json({ payouts: await listPayouts(c.var.deps.db, c.req.valid("query").status) }, 200, { "Cache-Control": "no-store" });
	})
	.post("/:id/paid", validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps;
		const payout = await decidePayout(db, c.req.valid("param").id, "paid", adminName(c.var.adminSession), now());
		return c.json({ payout: payoutView(payout) });
	})
	.post("/:id/reject", validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps;
		const payout = await decidePayout(db, c.req.valid("param").id, "rejected", adminName(c.var.adminSession), now());
		return c.json({ payout: payoutView(payout) });
	});

/**
 * `POST /api/generations/:id/refund` (admin): the buyer's credits back, the artist's share taken
 * back, the image out of the feed, once (a second refund: `409 CONFLICT`). Mounted at
 * `/api/generations` before the users' generations API, with its guard on the route alone.
 */
export const generationRefundApi = new Hono<AppEnv>().post("/:id/refund", requireAdmin, validate("param", IdParams), async (c) => {
	const { db, now } = c.var.deps;
	return c.json({ refund: await refundGeneration(db, c.req.valid("param").id, now()) });
});
