import { Hono } from "hono";
import type { AppEnv } from "../../app-env";

/** `/admin/analytics`: the shops' and channels' numbers for the admins (issue 18). */
export const adminAnalyticsPages = new Hono<AppEnv>();
