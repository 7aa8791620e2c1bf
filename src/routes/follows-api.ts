import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import { publicUserView } from "../accounts/public-user";
import type { AppEnv } from "../app-env";
import { follow, listFollowers, listFollowing, unfollow } from "../community/follows";
import { validate } from "../lib/validate";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const CursorQuery = z.object({ cursor: z.string().max(200).optional() });

/**
 * `/api/users/:id/follow|followers|following` (API.md "Community"), mounted at `/api/users`
 * next to the profile API (src/routes/users-api.ts). Following is for signed-in users (CSRF
 * header); the lists are public, newest follow first.
 */
export const followsApi = new Hono<AppEnv>()
	.post("/:id/follow", requireUser, validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps;
		const { followerCount } = await follow(db, signedInUser(c).user, c.req.valid("param").id, now());
		return c.json({ following: true, follower_count: followerCount }, 201);
	})
	.delete("/:id/follow", requireUser, validate("param", IdParams), async (c) => {
		const { followerCount } = await unfollow(c.var.deps.db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.json({ following: false, follower_count: followerCount });
	})
	.get("/:id/followers", validate("param", IdParams), validate("query", CursorQuery), async (c) => {
		const page = await listFollowers(c.var.deps.db, c.req.valid("param").id, c.req.valid("query").cursor);
		return c.json({ users: page.users.map(publicUserView), next_cursor: page.nextCursor }, 200, { "Cache-Control": "no-store" });
	})
	.get("/:id/following", validate("param", IdParams), validate("query", CursorQuery), async (c) => {
		const page = await listFollowing(c.var.deps.db, c.req.valid("param").id, c.req.valid("query").cursor);
		return c.json({ users: page.users.map(publicUserView), next_cursor: page.nextCursor }, 200, { "Cache-Control": "no-store" });
	});
