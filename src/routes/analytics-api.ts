import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { userInsights } from "../channels/analytics/insights";
import { shopsAnalytics } from "../channels/analytics/shop-queries";
import { channelAnalytics, projectAnalytics, videoOverview } from "../channels/analytics/video-queries";
import { validate } from "../lib/validate";

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Personal figures: never kept by a shared cache. */
const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * `/api/analytics` (docs/channels.md "Analytics"): the signed-in user's video channels —
 * `GET /overview` (every channel's latest numbers and series, totals, top videos, insights),
 * `GET /project/:id` (one of their projects on each channel), `GET /channel/:id` (one of their
 * channels and its videos); another user's project or channel is `404`. `GET /shops` (admins):
 * each shop's orders and revenue, per window and per product.
 */
export const analyticsApi = new Hono<AppEnv>()
	.get("/overview", requireUser, async (c) => {
		const { db, now } = c.var.deps;
		const userId = signedInUser(c).user.id;
		const [overview, insights] = await Promise.all([videoOverview(db, userId, now()), userInsights(db, userId, now())]);
		return c.json({ ...overview, insights }, 200, PRIVATE);
	})
	.get("/project/:id", requireUser, validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps;
		return c.json(await projectAnalytics(db, signedInUser(c).user.id, c.req.valid("param").id, now()), 200, PRIVATE);
	})
	.get("/channel/:id", requireUser, validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps;
		return c.json(await channelAnalytics(db, signedInUser(c).user.id, c.req.valid("param").id, now()), 200, PRIVATE);
	})
	.get("/shops", requireAdmin, async (c) => {
		const { db, now } = c.var.deps;
		return c.json(await shopsAnalytics(db, now()), 200, { "Cache-Control": "no-store" });
	});
