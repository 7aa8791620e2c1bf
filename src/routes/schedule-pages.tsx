import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `/video/schedules`: the schedule calendar and list (issue 18). */
export const schedulePages = new Hono<AppEnv>();
