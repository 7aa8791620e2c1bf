import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { like, unlike } from "../community/likes";
import { validate } from "../lib/validate";

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** `/api/generations/:id/like` (API.md "Community"): like and unlike a public image. */
export const likesApi = new Hono<AppEnv>()
	// Guards per route, not `.use`: this sub-app shares the `/api/generations` prefix with public routes.
	.post("/:id/like", requireUser, validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps;
		const { likeCount } = await like(db, signedInUser(c).user, c.req.valid("param").id, now());
		return c.json({ like_count: likeCount }, 201);
	})
	.delete("/:id/like", requireUser, validate("param", IdParams), async (c) => {
		const { likeCount } = await unlike(c.var.deps.db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.json({ like_count: likeCount });
	});
