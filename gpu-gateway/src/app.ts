import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, GatewayDeps } from "./app-env.ts";
import { verifyGatewayToken } from "./auth.ts";
import { AppError } from "./errors.ts";
import { jobsRoutes } from "./routes/jobs.ts";
import { providersRoutes } from "./routes/providers.ts";

/** Builds the gateway's HTTP app over its dependencies. */
export function createApp(deps: GatewayDeps): Hono<AppEnv> {
	const app = new Hono<AppEnv>();
	app.use(async (c, next) => {
		c.set("deps", deps);
		await next();
	});
	// Open, like the rest of /healthz: it names tools, never paths or settings. The Worker's pages read it.
	app.get("/healthz", (c) => c.json({ ok: true, media: deps.media }));
	// Mounted before the bearer check: providers cannot mint our tokens; each delivery is signature-verified instead.
	app.route("/v1/providers", providersRoutes);
	app.use("/v1/*", async (c, next) => {
		const header = c.req.header("authorization") ?? "";
		const token = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
		const refusal = token ? verifyGatewayToken(deps.secret, token, Math.floor(deps.now() / 1000)) : "missing bearer token";
		if (refusal) throw new AppError(401, "UNAUTHORIZED", refusal);
		await next();
	});
	app.get("/v1/backends", (c) => c.json({ backends: deps.backends.map((b) => ({ name: b.name, kinds: b.kinds })) }));
	app.route("/v1/jobs", jobsRoutes);
	app.notFound((c) => c.json({ error: { code: "NOT_FOUND", message: "no such route" } }, 404));
	app.onError((err, c) => {
		if (err instanceof AppError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
		// Hono raises these for malformed JSON bodies and the like: the client's fault.
		if (err instanceof HTTPException && err.status < 500) return c.json({ error: { code: "BAD_REQUEST", message: err.message } }, 400);
		console.error(JSON.stringify({ level: "error", path: c.req.path, message: err.message, stack: err.stack }));
		return c.json({ error: { code: "INTERNAL", message: "internal error" } }, 500);
	});
	return app;
}
