import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { packages, products } from "../db/schema";
import { AppError } from "../lib/errors";

/**
 * The benchmarks' own routes exist only when BENCH_BASELINE is "enabled" (set by the benchmark's
 * own local stack, never in wrangler.toml) and only for loopback requests; anywhere else they
 * answer exactly like a missing route.
 */
export const benchOnly = createMiddleware<AppEnv>(async (c, next) => {
	const host = new URL(c.req.url).hostname;
	if (!c.var.deps.config.benchBaseline || !["127.0.0.1", "localhost"].includes(host))
		throw new AppError(404, "NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`);
	await next();
});

/**
 * The baseline of `bench/download`: the same package bytes from R2 with no checks at all, so
 * the benchmark can price the signed download path against it in the same run.
 */
export const benchBaseline = new Hono<AppEnv>().use(benchOnly).get("/raw/:productId", async (c) => {
	const { db, files } = c.var.deps;
	const [row] = await db
		.select({ r2Key: packages.r2Key, sha256: packages.sha256 })
		.from(packages)
		.innerJoin(products, and(eq(products.id, packages.productId), eq(products.version, packages.version)))
		.where(eq(packages.productId, c.req.param("productId")));
	const object = row ? await files.get(row.r2Key) : null;
	if (!row || !object) throw new AppError(404, "NOT_FOUND", "No such package.");
	return c.body(object.body, 200, { "Content-Type": "application/zip", "Content-Length": String(object.size), ETag: `"${row.sha256}"` });
});
