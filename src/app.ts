import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { AppEnv } from "./app-env";
import { AppError, errorBody } from "./lib/errors";
import { errorMessage, log } from "./lib/log";
import { health } from "./routes/health";
import { products } from "./routes/products";

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
		path: c.req.path,
		status: c.res.status,
		durationMs: Date.now() - started,
	});
});

app.route("/", health);
app.route("/api/products", products);

app.notFound((c) => c.json(errorBody("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`, c.var.requestId), 404));

app.onError((err, c) => {
	const id = c.var.requestId;
	if (err instanceof AppError) {
		return c.json(errorBody(err.code, err.message, id), err.status, err.headers);
	}
	if (err instanceof HTTPException && err.status < 500) {
		// Hono raises these for malformed bodies (e.g. invalid JSON) before any handler runs.
		const code = err.status === 401 ? "UNAUTHORIZED" : err.status === 404 ? "NOT_FOUND" : "VALIDATION_FAILED";
		return c.json(errorBody(code, err.message || "The request could not be read.", id), err.status);
	}
	log("error", "unhandled error", { requestId: id, route: c.req.routePath, error: errorMessage(err), stack: err instanceof Error ? err.stack : undefined });
	return c.json(errorBody("INTERNAL", "Something went wrong on our side. Quote the request id when reporting it.", id), 500);
});
