import { z } from "zod";
import { decidePayout, listPayouts } from "../../earnings/payouts";
import { refundGeneration } from "../../earnings/refund";
import { earningsByArtist } from "../../earnings/report";
import { validate } from "../../lib/validate";
import { PayoutStatus } from "../../shared/community";
import { AdminEarningsPage, EARNINGS_NOTICES } from "../../views/earnings/admin-earnings";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, blank, IdParams, noticeQuery, requireSession } from "./admin-shell";

const PageQuery = noticeQuery(EARNINGS_NOTICES).extend({ status: z.preprocess(blank, PayoutStatus.optional()).catch(undefined) });
const DecisionParams = IdParams.extend({ decision: z.enum(["paid", "reject"]) });
const RefundForm = z.object({ generation_id: z.string().trim().min(1).max(64) });

/** `/admin/earnings`: artists' earnings, payout requests (mark paid, reject), and refunding a completed generation. */
export const adminEarningsPages = adminRoutes()
	.use(requireSession)
	.get("/", validate("query", PageQuery), async (c) => {
		const { db, config, now } = c.var.deps;
		const { status, done } = c.req.valid("query");
		const [artists, payouts] = await Promise.all([earningsByArtist(db, now()), listPayouts(db, status)]);
		return renderPage(
			c,
			<AdminEarningsPage
				artists={artists}
				payouts={payouts}
				status={status}
				sharePercent={config.earnings.artistSharePercent}
				viewer={adminViewer(c)}
				notice={done}
			/>,
		);
	})
	.post("/payouts/:id/:decision{paid|reject}", validate("param", DecisionParams), async (c) => {
		const { id, decision } = c.req.valid("param");
		const done = decision === "paid" ? "paid" : "rejected";
		await decidePayout(c.var.deps.db, id, done, adminViewer(c).subject, c.var.deps.now());
		return c.redirect(`/admin/earnings?done=${done}#payouts`, 303);
	})
	.post("/refund", validate("form", RefundForm), async (c) => {
		await refundGeneration(c.var.deps.db, c.req.valid("form").generation_id, c.var.deps.now());
		return c.redirect("/admin/earnings?done=refunded", 303);
	});
