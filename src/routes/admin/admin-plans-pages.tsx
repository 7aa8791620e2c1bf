import { z } from "zod";
import { validate } from "../../lib/validate";
import { PlanName } from "../../shared/video";
import { setUserPlan, usersWithPlans } from "../../video/plans/admin";
import { usageView, userUsage } from "../../video/usage/view";
import { AdminPlansPage } from "../../views/video/usage/admin-plans";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, blank, IdParams, requireSession } from "./admin-shell";

const PageQuery = z.object({ saved: z.string().max(64).optional().catch(undefined), plan: PlanName.optional().catch(undefined) });
/** The date field gives a day: the plan runs to the end of it (UTC). */
const SetPlanForm = z.object({ plan: PlanName, expires_at: z.preprocess(blank, z.iso.date().optional()) });

/** Users shown at once: the ones with a plan first, then the newest. */
const ROWS = 50;

/** `/admin/plans`: users with their plan and usage this period, and setting a user's plan. */
export const adminPlansPages = adminRoutes()
	.use(requireSession)
	.get("/", validate("query", PageQuery), async (c) => {
		const { db, config, now } = c.var.deps;
		const at = now();
		const users = await usersWithPlans(db, ROWS);
		const rows = await Promise.all(
			users.map(async (user) => {
				const { plan, usage } = await userUsage(db, user.id, at);
				return { id: user.id, email: user.email, nickname: user.nickname, plan, usage: usageView(plan, usage) };
			}),
		);
		const { saved, plan } = c.req.valid("query");
		const savedUser = saved ? rows.find((row) => row.id === saved) : undefined;
		return renderPage(
			c,
			<AdminPlansPage
				rows={rows}
				currency={config.video.currency}
				viewer={adminViewer(c)}
				saved={savedUser && plan ? { user: savedUser.nickname ?? savedUser.id, plan } : null}
			/>,
		);
	})
	.post("/:id", validate("param", IdParams), validate("form", SetPlanForm), async (c) => {
		const { id } = c.req.valid("param");
		const form = c.req.valid("form");
		const expiresAt = form.expires_at ? new Date(`${form.expires_at}T23:59:59.999Z`).toISOString() : null;
		await setUserPlan(c.var.deps.db, id, form.plan, form.plan === "free" ? null : expiresAt, c.var.deps.now());
		return c.redirect(`/admin/plans?saved=${encodeURIComponent(id)}&plan=${form.plan}`, 303);
	});
