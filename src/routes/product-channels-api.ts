import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `/api/products/:id/channels` and `PATCH /api/products/:id` (issue 18). */
export const productChannelsApi = new Hono<AppEnv>();
