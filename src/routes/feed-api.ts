import { Hono } from "hono";
import { z } from "zod";
import { currentUser } from "../accounts/sessions";
import type { AppEnv } from "../app-env";
import { FEED_MAX_LIMIT, feedItemJson, listFeed } from "../community/feed";
import { likedByViewer } from "../community/likes";
import { validate } from "../lib/validate";

const FeedQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(FEED_MAX_LIMIT).default(24) });

/**
 * `GET /api/feed`: public, completed images newest first, `{items, next_cursor}` (API.md
 * "Community"). The session is optional: a signed-in reader also gets `liked_by_me` on each item.
 */
export const feedApi = new Hono<AppEnv>().get("/", validate("query", FeedQuery), async (c) => {
	const { db, now } = c.var.deps;
	const [viewer, page] = await Promise.all([currentUser(c, db, now()), listFeed(db, c.req.valid("query"))]);
	const liked = viewer
		? await likedByViewer(
				db,
				viewer.user.id,
				page.items.map((item) => item.id),
			)
		: null;
	return c.json({ items: page.items.map((item) => feedItemJson(item, liked ? liked.has(item.id) : undefined)), next_cursor: page.nextCursor }, 200, {
		"Cache-Control": "no-store",
	});
});
