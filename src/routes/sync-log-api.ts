import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `/api/sync-log`: every push to a shop and its outcome (issue 18). */
export const syncLogApi = new Hono<AppEnv>();
