import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";
import { planOffers } from "../video/plans/catalog";
import { createPlanPurchase, planPurchaseView, userPlanPurchase } from "../video/plans/purchase";
import { usageView, userUsage } from "../video/usage/view";

export const PlanCheckoutBody = z.strictObject({ plan: z.enum(["basic", "standard", "professional"]) });
const PurchaseParams = z.object({ id: z.string().min(1).max(80) });

/**
 * `/api/plans`: the plans on sale (public), and buying one (signed in): `POST /api/plans/checkout
 * {plan}` → `201 {purchase, checkout_url}` through the payment providers (a 30-day pass, or a
 * monthly subscription where the provider is Stripe); `GET /api/plans/purchases/:id` follows it.
 */
export const plansApi = new Hono<AppEnv>()
	.get("/", (c) => c.json({ plans: planOffers(c.var.deps.config.video) }))
	.post("/checkout", requireUser, validate("json", PlanCheckoutBody), async (c) => {
		const { commerce, config } = c.var.deps;
		const plan = c.req.valid("json").plan;
		const { purchase, checkoutUrl } = await createPlanPurchase(commerce, signedInUser(c).user, plan, {
			cents: config.video.planPrices[plan],
			currency: config.video.currency,
		});
		return c.json({ purchase: planPurchaseView(purchase), checkout_url: checkoutUrl }, 201);
	})
	.get("/purchases/:id", requireUser, validate("param", PurchaseParams), async (c) => {
		const { db, now } = c.var.deps;
		const { user } = signedInUser(c);
		const purchase = await userPlanPurchase(db, user.id, c.req.valid("param").id);
		const { plan, usage } = await userUsage(db, user.id, now());
		return c.json({ purchase: planPurchaseView(purchase), usage: usageView(plan, usage) }, 200, { "Cache-Control": "no-store" });
	});
