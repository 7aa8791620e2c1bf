import { Hono } from "hono";
import { z } from "zod";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { listSyncLog } from "../channels/sync/sync-log";
import { validate } from "../lib/validate";
import { SyncOutcome } from "../shared/channels";

const SyncLogQuery = z.strictObject({
	channel_id: z.string().min(1).max(64).optional(),
	product_id: z.string().min(1).max(64).optional(),
	outcome: SyncOutcome.optional(),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** `/api/sync-log`: every push to a shop and its outcome, newest first (issue 18). Admin only. */
export const syncLogApi = new Hono<AppEnv>().use(requireAdmin).get("/", validate("query", SyncLogQuery), async (c) => {
	const { channel_id, product_id, outcome, cursor, limit } = c.req.valid("query");
	return c.json(await listSyncLog(c.var.deps.db, { channelId: channel_id, productId: product_id, outcome, cursor, limit }));
});
