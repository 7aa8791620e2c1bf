import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `/sandbox`: the local provider's authorization page, sandbox shop and sandbox channel (issue 18). */
export const sandboxPages = new Hono<AppEnv>();
