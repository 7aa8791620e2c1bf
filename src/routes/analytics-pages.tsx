import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `/video/analytics`: a user's channel and video numbers, with charts and insights (issue 18). */
export const analyticsPages = new Hono<AppEnv>();
