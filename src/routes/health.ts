import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** Liveness: answers without touching storage, so it stays cheap for load balancers. */
export const health = new Hono<AppEnv>().get("/healthz", (c) => c.json({ ok: true }));
