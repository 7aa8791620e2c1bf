import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `/video/channels`: a user's video channels (issue 18). */
export const channelPages = new Hono<AppEnv>();
