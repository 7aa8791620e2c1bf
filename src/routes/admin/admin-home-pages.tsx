import { adminOverview } from "../../admin/overview";
import { endAdminSession } from "../../admin/sessions";
import { AppError } from "../../lib/errors";
import { OverviewPage } from "../../views/admin/overview";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, requireSession } from "./admin-shell";

/** `/admin`: the overview, signing out, and the dashboard's own 404 for paths it does not have (after the session check). */
export const adminHomePages = adminRoutes()
	.use(requireSession)
	.get("/", async (c) => renderPage(c, <OverviewPage overview={await adminOverview(c.var.deps.db, c.var.deps.now())} viewer={adminViewer(c)} />))
	.post("/logout", async (c) => {
		await endAdminSession(c, c.var.deps.db, c.var.deps.now());
		return c.redirect("/admin/login", 303);
	})
	.all("*", () => {
		throw new AppError(404, "NOT_FOUND", "There is no dashboard page here.");
	});
