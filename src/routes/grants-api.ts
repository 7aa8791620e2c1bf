import { Hono } from "hono";
import { z } from "zod";
import { revokeGrant } from "../admin/actions";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";

const GrantParams = z.object({ id: z.string().min(1).max(64) });

/** `/api/grants` (admin): `POST /api/grants/:id/revoke`. */
export const grantsApi = new Hono<AppEnv>().use(requireAdmin).post("/:id/revoke", validate("param", GrantParams), async (c) => {
	const grant = await revokeGrant(c.var.deps.commerce, c.req.valid("param").id);
	return c.json({ grant: { id: grant.id, status: grant.status, order_id: grant.orderId } });
});
