import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `/api/schedules` (issue 18). */
export const schedulesApi = new Hono<AppEnv>();
