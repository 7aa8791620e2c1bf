import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** `GET /healthz`: the Worker answers, and its configuration parsed (else 503 CONFIG_INVALID before this). */
export const healthApi = new Hono<AppEnv>().get("/", (c) => c.json({ ok: true }));
