import { z } from "zod";
import { validate } from "../../lib/validate";
import { portraitsOverview } from "../../portraits/admin-overview";
import { PORTRAIT_PERIODS, type PortraitPeriod, PortraitsAdminPage } from "../../views/admin/portraits";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, blank, requireSession } from "./admin-shell";

const PERIOD_MS: Record<PortraitPeriod, number> = { "24h": 24 * 3_600_000, "7d": 7 * 24 * 3_600_000, "30d": 30 * 24 * 3_600_000 };
const PortraitsQuery = z.object({ period: z.preprocess(blank, z.enum(PORTRAIT_PERIODS).optional().catch(undefined)) });

/** `/admin/portraits`: the portrait line's operations page (issue 15, "Operations"). */
export const adminPortraitPages = adminRoutes()
	.use(requireSession)
	.get("/", validate("query", PortraitsQuery), async (c) => {
		const period = c.req.valid("query").period ?? "24h";
		const now = c.var.deps.now();
		const overview = await portraitsOverview(c.var.deps.db, new Date(now.getTime() - PERIOD_MS[period]), new Date(now.getTime() + 1), now);
		return renderPage(c, <PortraitsAdminPage overview={overview} period={period} viewer={adminViewer(c)} />);
	});
