import { shopsAnalytics } from "../../channels/analytics/shop-queries";
import { AdminAnalyticsPage } from "../../views/channels/analytics/admin-analytics";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, requireSession } from "./admin-shell";

/** `/admin/analytics`: the shops' orders and revenue for the admins, per day and per product (issue 18). */
export const adminAnalyticsPages = adminRoutes()
	.use(requireSession)
	.get("/", async (c) => {
		const { db, now } = c.var.deps;
		const at = now();
		const { shops } = await shopsAnalytics(db, at);
		return renderPage(c, <AdminAnalyticsPage viewer={adminViewer(c)} shops={shops} now={at} />);
	});
