import { Hono } from "hono";
import { requireAdmin } from "../admin/admin-auth";
import { adminOverview } from "../admin/overview";
import type { AppEnv } from "../app-env";

/** `GET /api/overview` (admin): the dashboard's figures. */
export const overviewApi = new Hono<AppEnv>().use(requireAdmin).get("/", async (c) => c.json(await adminOverview(c.var.deps.db, c.var.deps.now())));
