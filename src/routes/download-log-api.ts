import { Hono } from "hono";
import { z } from "zod";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { listDownloads } from "../commerce/admin-orders";
import { validate } from "../lib/validate";

const DownloadsQuery = z.strictObject({
	order_id: z.string().min(1).max(64).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** `GET /api/downloads?order_id=` (admin): the download log, allowed and denied attempts alike. */
export const downloadLogApi = new Hono<AppEnv>().use(requireAdmin).get("/", validate("query", DownloadsQuery), async (c) => {
	const { order_id, limit } = c.req.valid("query");
	return c.json(await listDownloads(c.var.deps.db, order_id, limit));
});
