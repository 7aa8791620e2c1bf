import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser, userPage } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import type { CommerceDeps } from "../commerce/deps";
import { errorMessage, log } from "../lib/log";
import { MAX_POLL, nextPollPath, pollDelaySeconds } from "../lib/poll-backoff";
import { validate } from "../lib/validate";
import { planOffers } from "../video/plans/catalog";
import { confirmPlanPurchase, createPlanPurchase, type PlanPurchase, userPlanPurchase } from "../video/plans/purchase";
import { usageBreakdown, usageView, userUsage } from "../video/usage/view";
import type { PlanNotice } from "../views/video/usage/usage-page";
import { UsagePage } from "../views/video/usage/usage-page";
import { PlanCheckoutBody } from "./plans-api";
import { renderPage } from "./render-page";

const UsageQuery = z.object({
	purchase: z.string().max(80).optional(),
	canceled: z.string().max(80).optional(),
	poll: z.coerce.number().int().min(0).max(MAX_POLL).default(0),
});

const BuyForm = z.object({ plan: PlanCheckoutBody.shape.plan });

/** What the page says about the purchase the browser came back from, confirming a pending one with the provider. */
async function planNotice(deps: CommerceDeps, userId: string, query: z.infer<typeof UsageQuery>): Promise<PlanNotice | undefined> {
	if (query.canceled) return { status: "canceled" };
	if (!query.purchase) return undefined;
	let purchase: PlanPurchase = await userPlanPurchase(deps.db, userId, query.purchase);
	if (purchase.status === "pending") {
		try {
			if (await confirmPlanPurchase(deps, purchase)) purchase = await userPlanPurchase(deps.db, userId, purchase.id);
		} catch (err) {
			log("warn", "plan purchase confirmation failed", { purchaseId: purchase.id, error: errorMessage(err) });
		}
	}
	const status = purchase.status === "paid" || purchase.status === "pending" || purchase.status === "refunded" ? purchase.status : "closed";
	return { status, plan: purchase.plan };
}

/** `/video/usage`: the plan, its usage and the plans to buy; `POST /video/usage/buy` goes to the provider's checkout. */
export const usagePages = new Hono<AppEnv>()
	.get("/", userPage, loadViewer, validate("query", UsageQuery), async (c) => {
		const { db, commerce, config, now } = c.var.deps;
		const { user, csrfToken } = signedInUser(c);
		const query = c.req.valid("query");
		const notice = await planNotice(commerce, user.id, query);
		const at = now();
		const { plan, usage } = await userUsage(db, user.id, at);
		const breakdown = await usageBreakdown(db, user.id, plan.periodStart, at);
		return renderPage(
			c,
			<UsagePage
				viewer={c.var.viewer}
				csrfToken={csrfToken}
				plan={plan}
				usage={usageView(plan, usage)}
				resources={breakdown.resources}
				months={breakdown.months}
				offers={planOffers(config.video)}
				currency={config.video.currency}
				notice={notice}
				refresh={
					query.purchase
						? { seconds: pollDelaySeconds(query.poll), url: nextPollPath(`/video/usage?purchase=${encodeURIComponent(query.purchase)}`, query.poll) }
						: undefined
				}
			/>,
		);
	})
	.post("/buy", requireUser, validate("form", BuyForm), async (c) => {
		const { commerce, config } = c.var.deps;
		const plan = c.req.valid("form").plan;
		const { checkoutUrl } = await createPlanPurchase(commerce, signedInUser(c).user, plan, {
			cents: config.video.planPrices[plan],
			currency: config.video.currency,
		});
		return c.redirect(checkoutUrl, 303);
	});
