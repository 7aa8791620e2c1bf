import { Hono } from "hono";
import type { AppEnv } from "../../app-env";

/** Mounted at `/admin`: `/admin/sync-log` and `/admin/products/:id/channels` (issue 18). */
export const adminSyncPages = new Hono<AppEnv>();
