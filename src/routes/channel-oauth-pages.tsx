import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `/channels`: the OAuth callbacks of channel providers (issue 18). */
export const channelOauthPages = new Hono<AppEnv>();
