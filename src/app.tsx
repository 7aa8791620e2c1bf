import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { AppEnv } from "./app-env";
import { AppError, toAppError } from "./lib/errors";
import { errorMessage, log } from "./lib/log";
import { accountApi } from "./routes/account-api";
import { accountPages } from "./routes/account-pages";
import { adminAnalyticsPages } from "./routes/admin/admin-analytics-pages";
import { adminArtistPages } from "./routes/admin/admin-artists-pages";
import { adminChannelPages } from "./routes/admin/admin-channels-pages";
import { adminDownloadPages } from "./routes/admin/admin-downloads-pages";
import { adminEarningsPages } from "./routes/admin/admin-earnings-pages";
import { adminGrantPages } from "./routes/admin/admin-grants-pages";
import { adminHomePages } from "./routes/admin/admin-home-pages";
import { adminLoginPages } from "./routes/admin/admin-login-pages";
import { adminOrderPages } from "./routes/admin/admin-orders-pages";
import { adminPlansPages } from "./routes/admin/admin-plans-pages";
import { adminPortraitPages } from "./routes/admin/admin-portraits-pages";
import { adminProductPages } from "./routes/admin/admin-products-pages";
import { adminSyncPages } from "./routes/admin/admin-sync-pages";
import { adminVideoPages } from "./routes/admin/admin-videos-pages";
import { adminPlansApi } from "./routes/admin-plans-api";
import { analyticsApi } from "./routes/analytics-api";
import { analyticsPages } from "./routes/analytics-pages";
import { artistApplicationsApi, myArtistApplicationApi } from "./routes/artist-applications-api";
import { assetsApi } from "./routes/assets-api";
import { authPages } from "./routes/auth-pages";
import { benchBaseline } from "./routes/bench-baseline";
import { benchCommunity } from "./routes/bench-community";
import { benchPortraits } from "./routes/bench-portraits";
import { limitBodies } from "./routes/body-limits";
import { brandsApi } from "./routes/brands-api";
import { catalogApi } from "./routes/catalog-api";
import { catalogPages } from "./routes/catalog-pages";
import { channelOauthPages } from "./routes/channel-oauth-pages";
import { channelPages } from "./routes/channel-pages";
import { channelsApi } from "./routes/channels-api";
import { checkoutApi } from "./routes/checkout-api";
import { checkoutPages } from "./routes/checkout-pages";
import { commentsApi, generationCommentsApi } from "./routes/comments-api";
import { communityForms } from "./routes/community-forms";
import { creditsApi } from "./routes/credits-api";
import { creditsPages } from "./routes/credits-pages";
import { downloadLogApi } from "./routes/download-log-api";
import { downloadPages } from "./routes/download-pages";
import { earningsApi } from "./routes/earnings-api";
import { earningsPages } from "./routes/earnings-pages";
import { renderError } from "./routes/error-response";
import { feedApi } from "./routes/feed-api";
import { feedPages } from "./routes/feed-pages";
import { fileSessions } from "./routes/file-sessions";
import { followsApi } from "./routes/follows-api";
import { generationPages } from "./routes/generation-pages";
import { generationsApi } from "./routes/generations-api";
import { gpuInternalApi } from "./routes/gpu-internal-api";
import { gpuJobsApi } from "./routes/gpu-jobs-api";
import { grantsApi } from "./routes/grants-api";
import { healthApi } from "./routes/health-api";
import { legalPages } from "./routes/legal-pages";
import { libraryPages } from "./routes/library-pages";
import { likesApi } from "./routes/likes-api";
import { localPayPages } from "./routes/local-pay-pages";
import { i18nMiddleware } from "./routes/locale";
import { meApi } from "./routes/me-api";
import { mePages } from "./routes/me-pages";
import { notificationsApi } from "./routes/notifications-api";
import { notificationsPages } from "./routes/notifications-pages";
import { openApiApi } from "./routes/openapi-api";
import { orderPages } from "./routes/order-pages";
import { ordersApi } from "./routes/orders-api";
import { overviewApi } from "./routes/overview-api";
import { generationRefundApi, payoutsApi } from "./routes/payouts-api";
import { plansApi } from "./routes/plans-api";
import { portonePayPages } from "./routes/portone-pay-pages";
import { portraitJobsApi } from "./routes/portrait-jobs-api";
import { portraitPages } from "./routes/portrait-pages";
import { portraitResultsApi, recordPortraitApiTiming } from "./routes/portrait-results-api";
import { portraitsApi } from "./routes/portraits-api";
import { productChannelsApi } from "./routes/product-channels-api";
import { productPages } from "./routes/product-pages";
import { productsApi } from "./routes/products-api";
import { profileApi } from "./routes/profile-api";
import { progressApi } from "./routes/progress-api";
import { projectProductApi } from "./routes/project-product-api";
import { projectRunsApi } from "./routes/project-runs-api";
import { projectsApi } from "./routes/projects-api";
import { resultPages } from "./routes/result-pages";
import { sandboxPages } from "./routes/sandbox-pages";
import { schedulePages } from "./routes/schedule-pages";
import { schedulesApi } from "./routes/schedules-api";
import { searchApi } from "./routes/search-api";
import { searchPages } from "./routes/search-pages";
import { securityHeaders } from "./routes/security-headers";
import { studioPacksPages } from "./routes/studio-packs-pages";
import { studioPages } from "./routes/studio-pages";
import { styleGenerationsApi } from "./routes/style-generations-api";
import { stylePacksApi } from "./routes/style-packs-api";
import { stylePages } from "./routes/style-pages";
import { stylesApi } from "./routes/styles-api";
import { syncLogApi } from "./routes/sync-log-api";
import { templatesApi } from "./routes/templates-api";
import { usageApi } from "./routes/usage-api";
import { usagePages } from "./routes/usage-pages";
import { userPages } from "./routes/user-pages";
import { usersApi } from "./routes/users-api";
import { videoPages } from "./routes/video-pages";
import { webhooksApi } from "./routes/webhooks-api";
import { buildDeps, configOf } from "./wiring";

/**
 * The Worker's HTTP app, and its URL map: global middleware (request id, access log, the
 * dependencies from the composition root), then one sub-app per resource at its own prefix,
 * then the one error handler.
 */
export const app = new Hono<AppEnv & { Bindings: Env }>();

app.use(
	requestId({
		// Accept a caller's id only when it is short and plain, so it is safe to log.
		generator: () => crypto.randomUUID(),
		limitLength: 64,
	}),
);

app.use(async (c, next) => {
	const started = Date.now();
	await next();
	log(c.res.status >= 500 ? "error" : "info", "request", {
		requestId: c.var.requestId,
		method: c.req.method,
		route: c.req.routePath,
		// Paths can carry secrets (download tokens, order keys in the query): log the route's shape only.
		status: c.res.status,
		durationMs: Date.now() - started,
		...idsInPath(c.req.path),
	});
});

// Outside everything else, so error pages and refusals carry them too.
app.use(securityHeaders);

// Before anything reads a body, and before the dependencies are built: an oversized request costs nothing.
app.use(limitBodies);

app.use(async (c, next) => {
	const config = configOf(c.env);
	// Fail closed and say so once in the log (configOf names the variable): never serve half-configured.
	if (!config.ok) throw new AppError(503, "CONFIG_INVALID", "This deployment's configuration is invalid; its log names the variable to fix.");
	c.set("deps", await buildDeps(c.env, config.config, { fetchApp: async (request) => app.fetch(request, c.env) }));
	await next();
});

// Every response (pages, mails queued by the request, API error messages) speaks the reader's language.
app.use(i18nMiddleware);

// The portrait API's request durations, for the p95 alert on /admin/portraits (refusals included).
app.use("/api/portraits/*", recordPortraitApiTiming);

// Health and machine-to-machine.
app.route("/healthz", healthApi);
app.route("/", openApiApi(app));
app.route("/webhooks", webhooksApi);
app.route("/internal/gpu", gpuInternalApi);
app.route("/__bench/portraits", benchPortraits);
app.route("/__bench/community", benchCommunity);
app.route("/__bench", benchBaseline);

// Admin JSON API.
app.route("/api/products", productsApi);
// Per-product shop settings and the product edits shops follow (issue 18).
app.route("/api/products", productChannelsApi);
app.route("/api/orders", ordersApi);
app.route("/api/downloads", downloadLogApi);
app.route("/api/grants", grantsApi);
app.route("/api/overview", overviewApi);
app.route("/api/gpu/jobs", gpuJobsApi);
app.route("/api/artist-applications", artistApplicationsApi);
app.route("/api/portrait-jobs", portraitJobsApi);
app.route("/api/payouts", payoutsApi);
// Publishing a ready video project as a product (admin), before the user routes at /api/projects; its guard is on its one route.
app.route("/api/projects", projectProductApi);
// Setting a user's short-video plan (API.md "Short videos"); no user routes live under /api/admin.
app.route("/api/admin/users", adminPlansApi);

// Storefront and user JSON API.
app.route("/api/catalog", catalogApi);
app.route("/api/checkout", checkoutApi);
app.route("/api/me/artist-application", myArtistApplicationApi);
// Artists' earnings and payout requests (GET /api/me/earnings, GET|POST /api/me/payouts): guards on its routes only.
app.route("/api/me", earningsApi);
// The signed-in user's profile (PATCH /api/me/profile, PUT|DELETE /api/me/avatar), next to GET /api/me.
app.route("/api/me", profileApi);
// Account rights (POST /api/me/deactivate, DELETE /api/me).
app.route("/api/me", accountApi);
app.route("/api/me", meApi);
// Follows and the follower lists (API.md "Community"), at the users prefix with the profile API.
app.route("/api/users", followsApi);
app.route("/api/users", usersApi);
app.route("/api/credits", creditsApi);
// Short videos' library: brand profiles, templates and the asset library (docs/video.md "Library").
app.route("/api/brand-profiles", brandsApi);
app.route("/api/templates", templatesApi);
app.route("/api/assets", assetsApi);
// Short videos: the plan, its usage, and buying a plan.
// Channels (issue 18, docs/channels.md).
app.route("/api/channels", channelsApi);
app.route("/api/sync-log", syncLogApi);
app.route("/api/schedules", schedulesApi);
app.route("/api/analytics", analyticsApi);
app.route("/api/usage", usageApi);
app.route("/api/plans", plansApi);
app.route("/api/notifications", notificationsApi);
app.route("/api/progress", progressApi);
app.route("/api/feed", feedApi);
// The admin's refund of a completed generation, before the user routes at this prefix so their user guards never run for it.
app.route("/api/generations", generationRefundApi);
app.route("/api/search", searchApi);
// Likes and comments of public images (API.md "Community"), next to the generations API at its prefix.
app.route("/api/generations", likesApi);
app.route("/api/generations", generationCommentsApi);
app.route("/api/generations", generationsApi);
app.route("/api/comments", commentsApi);
app.route("/api/styles/:id/generations", styleGenerationsApi);
app.route("/api/styles/:id/packs", stylePacksApi);
app.route("/api/styles", stylesApi);
// The portrait line's result side (verify, result, survey), next to its flow API at the same prefix.
app.route("/api/portraits", portraitResultsApi);
// The paid portrait line: a job, its payment, phone and photo steps (API.md "Portraits").
app.route("/api/portraits", portraitsApi);
// Short videos (API.md "Short videos"): the pipeline's routes (project-runs-api) go before this one; then the projects' CRUD and streams.
app.route("/api/projects", projectRunsApi);
app.route("/api/projects", projectsApi);

// Buyers' pages: the store, checkout, orders and downloads.
app.route("/products", productPages);
app.route("/checkout", checkoutPages);
app.route("/orders", orderPages);
app.route("/local-pay", localPayPages);
app.route("/pay", portonePayPages);
app.route("/download", downloadPages);
// The paid portrait line ("Find My Rizz"): landing, the job's steps, the photo upload.
app.route("/portraits", portraitPages);
app.route("/files", fileSessions);
// The portrait result page (the SMS link) and its Worker-served images.
app.route("/result", resultPages);

// Signed-in users' pages.
app.route("/auth", authPages);
// OAuth callbacks of channel providers, and the local provider's in-app shop and channel.
app.route("/channels", channelOauthPages);
app.route("/sandbox", sandboxPages);
app.route("/account", accountPages);
app.route("/credits", creditsPages);
// Short videos: the usage and plan page (before the line's other pages at /video).
app.route("/video/usage", usagePages);
app.route("/video/channels", channelPages);
app.route("/video/schedules", schedulePages);
app.route("/video/analytics", analyticsPages);
// Short videos' library: brand profiles, templates, assets (/video/brands|templates|assets), before the line's other pages at /video.
app.route("/video", libraryPages);
// Short videos: the projects list, the guided start and the project page (after the line's other /video/* pages).
app.route("/video", videoPages);
// The earnings tab's payout form (POST /me/payouts).
app.route("/me/payouts", earningsPages);
app.route("/me", mePages);
// Public profiles, their follower lists and avatars.
app.route("/users", userPages);
app.route("/notifications", notificationsPages);
app.route("/feed", feedPages);
app.route("/search", searchPages);
// The no-JavaScript forms of follows, likes and comments.
app.route("/community", communityForms);
app.route("/generations", generationPages);
app.route("/styles", stylePages);
app.route("/studio/styles/:id/packs", studioPacksPages);
app.route("/studio", studioPages);

// The admin dashboard; its home last, as it answers unknown /admin paths.
app.route("/admin/login", adminLoginPages);
// `/admin/sync-log` and `/admin/products/:id/channels`, before the products' own pages.
app.route("/admin", adminSyncPages);
app.route("/admin/products", adminProductPages);
app.route("/admin/orders", adminOrderPages);
app.route("/admin/grants", adminGrantPages);
app.route("/admin/downloads", adminDownloadPages);
app.route("/admin/artists", adminArtistPages);
app.route("/admin/portraits", adminPortraitPages);
app.route("/admin/earnings", adminEarningsPages);
app.route("/admin/plans", adminPlansPages);
app.route("/admin/videos", adminVideoPages);
app.route("/admin/channels", adminChannelPages);
app.route("/admin/analytics", adminAnalyticsPages);
app.route("/admin", adminHomePages);

// The footer's terms of service and privacy policy.
app.route("/", legalPages);

// The catalog is the home page.
app.route("/", catalogPages);

app.notFound((c) => renderError(c, new AppError(404, "NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`)));

app.onError((err, c) => {
	const error = toAppError(err);
	if (error.unexpected) {
		log("error", "unhandled error", {
			requestId: c.var.requestId,
			route: c.req.routePath,
			error: errorMessage(err),
			stack: err instanceof Error ? err.stack : undefined,
		});
	}
	return renderError(c, error);
});

/** Product and order ids named in a path (their prefixes make them recognisable), for the logs. */
function idsInPath(path: string): { productId?: string; orderId?: string } {
	const productId = /\b(prd_[0-9a-f]{32})\b/.exec(path)?.[1];
	const orderId = /\b(ord_[0-9a-f]{32})\b/.exec(path)?.[1];
	return { ...(productId ? { productId } : {}), ...(orderId ? { orderId } : {}) };
}
