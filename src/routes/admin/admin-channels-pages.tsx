import { Hono } from "hono";
import type { AppEnv } from "../../app-env";

/** `/admin/channels`: the shop's connected shops (issue 18). */
export const adminChannelPages = new Hono<AppEnv>();
