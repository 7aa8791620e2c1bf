import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `/api/analytics` (issue 18). */
export const analyticsApi = new Hono<AppEnv>();
