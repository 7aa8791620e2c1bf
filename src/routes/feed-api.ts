import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { generationView, listPublicGenerations } from "../generation/queries";
import { validate } from "../lib/validate";
import { PageQuery } from "./generations-api";

/** `GET /api/feed`: public, completed generations, newest first. */
export const feedApi = new Hono<AppEnv>().get("/", validate("query", PageQuery), async (c) => {
	const { items, nextCursor } = await listPublicGenerations(c.var.deps.db, c.req.valid("query"));
	return c.json({ generations: items.map(generationView), next_cursor: nextCursor }, 200, { "Cache-Control": "no-store" });
});
