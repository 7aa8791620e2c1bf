import { Hono } from "hono";
import { z } from "zod";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";
import { PlanName } from "../shared/video";
import { setUserPlan } from "../video/plans/admin";
import { usageView, userUsage } from "../video/usage/view";

export const SetPlanBody = z.strictObject({ plan: PlanName, expires_at: z.iso.datetime().nullable().optional() });
const UserParams = z.object({ id: z.string().min(1).max(64) });

/**
 * `/api/admin/users/:id/plan` (admin API key or admin session): `GET` a user's plan and usage,
 * `PUT {plan, expires_at?}` sets it (an admin plan; `free` removes any plan).
 */
export const adminPlansApi = new Hono<AppEnv>()
	.use(requireAdmin)
	.get("/:id/plan", validate("param", UserParams), async (c) => {
		const { db, now } = c.var.deps;
		const { plan, usage } = await userUsage(db, c.req.valid("param").id, now());
		return c.json({ user_id: c.req.valid("param").id, source: plan.source, expires_at: plan.expiresAt, usage: usageView(plan, usage) });
	})
	.put("/:id/plan", validate("param", UserParams), validate("json", SetPlanBody), async (c) => {
		const { db, now } = c.var.deps;
		const userId = c.req.valid("param").id;
		const body = c.req.valid("json");
		const at = now();
		const expiresAt = body.expires_at ? new Date(body.expires_at).toISOString() : null;
		await setUserPlan(db, userId, body.plan, expiresAt, at);
		const { plan, usage } = await userUsage(db, userId, at);
		return c.json({ user_id: userId, source: plan.source, expires_at: plan.expiresAt, usage: usageView(plan, usage) });
	});
