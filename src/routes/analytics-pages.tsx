import { Hono } from "hono";
import { signedInUser, userPage } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { userInsights } from "../channels/analytics/insights";
import { videoOverview } from "../channels/analytics/video-queries";
import { AnalyticsPage } from "../views/channels/analytics/analytics-page";
import { renderPage } from "./render-page";

/** `/video/analytics`: a user's channel and video numbers, with charts and insights (issue 18). */
export const analyticsPages = new Hono<AppEnv>().get("/", userPage, loadViewer, async (c) => {
	const { db, now } = c.var.deps;
	const userId = signedInUser(c).user.id;
	const [overview, insights] = await Promise.all([videoOverview(db, userId, now()), userInsights(db, userId, now())]);
	return renderPage(
		c,
		<AnalyticsPage viewer={c.var.viewer} channels={overview.channels} totals={overview.totals} topVideos={overview.top_videos} insights={insights} />,
	);
});
