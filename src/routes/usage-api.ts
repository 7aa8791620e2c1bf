import { Hono } from "hono";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { usageBreakdown, usageView, userUsage } from "../video/usage/view";

/**
 * `/api/usage`: the signed-in user's plan and what they used of it this period (API.md "Short
 * videos", exactly those fields; `null` limits are unlimited), and `GET /api/usage/breakdown`:
 * per resource this period and the cost per month of the last six months, in PLAN_CURRENCY.
 */
export const usageApi = new Hono<AppEnv>()
	.use(requireUser)
	.get("/", async (c) => {
		const { db, now } = c.var.deps;
		const { plan, usage } = await userUsage(db, signedInUser(c).user.id, now());
		return c.json(usageView(plan, usage), 200, { "Cache-Control": "no-store" });
	})
	.get("/breakdown", async (c) => {
		const { db, now, config } = c.var.deps;
		const at = now();
		const { plan } = await userUsage(db, signedInUser(c).user.id, at);
		const breakdown = await usageBreakdown(db, signedInUser(c).user.id, plan.periodStart, at);
		return c.json({ ...breakdown, currency: config.video.currency }, 200, { "Cache-Control": "no-store" });
	});
