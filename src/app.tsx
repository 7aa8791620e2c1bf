import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./app-env";
import { AppError, type ErrorCode, errorBody } from "./lib/errors";
import { errorMessage, log } from "./lib/log";
import { account } from "./routes/account";
import { adminPages } from "./routes/admin-pages";
import { artistApplicationsApi, myArtistApplicationApi } from "./routes/artist-applications";
import { auth, meApi } from "./routes/auth";
import { benchBaseline } from "./routes/bench-baseline";
import { creditsApi } from "./routes/credits-api";
import { downloads } from "./routes/downloads";
import { generationsApi, styleGenerationsApi } from "./routes/generations-api";
import { gpu } from "./routes/gpu";
import { gpuJobsApi } from "./routes/gpu-jobs-api";
import { health } from "./routes/health";
import { localPay } from "./routes/local-pay";
import { notificationsApi } from "./routes/notifications-api";
import { downloadsApi, grantsApi, ordersApi, overviewApi } from "./routes/orders";
import { products } from "./routes/products";
import { progress } from "./routes/progress";
import { storefront } from "./routes/storefront";
import { storefrontApi } from "./routes/storefront-api";
import { stylePacksApi } from "./routes/style-packs-api";
import { stylePacksPages } from "./routes/style-packs-pages";
import { stylePages } from "./routes/style-pages";
import { stylesApi } from "./routes/styles-api";
import { userPages } from "./routes/user-pages";
import { webhooks } from "./routes/webhooks";
import { ERROR_TITLES, ErrorPage } from "./views/error-page";

/** The Worker's HTTP app: global middleware, the error envelope, and one sub-app per resource. */
export const app = new Hono<AppEnv>();

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

app.route("/", health);
app.route("/api/products", products);
app.route("/api/orders", ordersApi);
app.route("/api/downloads", downloadsApi);
app.route("/api/grants", grantsApi);
app.route("/api/overview", overviewApi);
app.route("/api/gpu/jobs", gpuJobsApi);
app.route("/api/progress", progress);
app.route("/api/credits", creditsApi);
app.route("/api/generations", generationsApi);
app.route("/api/notifications", notificationsApi);
app.route("/api", styleGenerationsApi);
app.route("/api/me/artist-application", myArtistApplicationApi);
app.route("/api/me", meApi);
app.route("/api/artist-applications", artistApplicationsApi);
app.route("/api/styles", stylesApi);
app.route("/api/styles", stylePacksApi);
app.route("/api", storefrontApi);
app.route("/webhooks", webhooks);
app.route("/internal/gpu", gpu);
app.route("/local-pay", localPay);
app.route("/", downloads);
app.route("/__bench", benchBaseline);
app.route("/auth", auth);
app.route("/account", account);
app.route("/admin", adminPages);
app.route("/", userPages);
app.route("/", stylePacksPages);
app.route("/", stylePages);
app.route("/", storefront);

/** Product and order ids named in a path (their prefixes make them recognisable), for the logs. */
function idsInPath(path: string): { productId?: string; orderId?: string } {
	const productId = /\b(prd_[0-9a-f]{32})\b/.exec(path)?.[1];
	const orderId = /\b(ord_[0-9a-f]{32})\b/.exec(path)?.[1];
	return { ...(productId ? { productId } : {}), ...(orderId ? { orderId } : {}) };
}

/** Pages get errors as HTML pages; API routes, webhooks and scripts get the JSON envelope. */
function wantsHtml(c: Context<AppEnv>): boolean {
	return !/^\/(api|webhooks|internal|healthz)(\/|$)/.test(c.req.path) && (c.req.header("Accept") ?? "").includes("text/html");
}

/** Renders an error in the contract's shape: the JSON envelope, or its HTML page with the same status. */
function renderError(c: Context<AppEnv>, status: ContentfulStatusCode, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
	const requestId = c.var.requestId;
	if (wantsHtml(c)) {
		return c.html(
			<ErrorPage status={status} code={code} title={ERROR_TITLES[code] ?? "Something went wrong"} message={message} requestId={requestId} />,
			status,
			headers,
		);
	}
	return c.json(errorBody(code, message, requestId), status, headers);
}

app.notFound((c) => renderError(c, 404, "NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`));

app.onError((err, c) => {
	if (err instanceof AppError) return renderError(c, err.status, err.code, err.message, err.headers);
	if (err instanceof HTTPException && err.status < 500) {
		// Hono raises these for malformed bodies (e.g. invalid JSON) before any handler runs.
		const code = err.status === 401 ? "UNAUTHORIZED" : err.status === 404 ? "NOT_FOUND" : "VALIDATION_FAILED";
		return renderError(c, err.status, code, err.message || "The request could not be read.");
	}
	log("error", "unhandled error", {
		requestId: c.var.requestId,
		route: c.req.routePath,
		error: errorMessage(err),
		stack: err instanceof Error ? err.stack : undefined,
	});
	return renderError(c, 500, "INTERNAL", "Something went wrong on our side. Quote the request id when reporting it.");
});
