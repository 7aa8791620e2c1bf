import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `/api/channels`: connect (OAuth start), list, disconnect (issue 18, docs/channels.md). */
export const channelsApi = new Hono<AppEnv>();
