import { z } from "zod";
import { listDownloads } from "../../commerce/admin-orders";
import { validate } from "../../lib/validate";
import { DownloadsPage } from "../../views/admin/downloads";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, blank, requireSession } from "./admin-shell";

const DOWNLOAD_LOG_LIMIT = 200;
const DownloadsQuery = z.object({ order_id: z.preprocess(blank, z.string().trim().max(64).optional()) });

/** `/admin/downloads`: the download log, allowed and denied, optionally of one order. */
export const adminDownloadPages = adminRoutes()
	.use(requireSession)
	.get("/", validate("query", DownloadsQuery), async (c) => {
		const orderId = c.req.valid("query").order_id;
		const { downloads } = await listDownloads(c.var.deps.db, orderId, DOWNLOAD_LOG_LIMIT);
		return renderPage(c, <DownloadsPage downloads={downloads} orderId={orderId} viewer={adminViewer(c)} limit={DOWNLOAD_LOG_LIMIT} />);
	});
