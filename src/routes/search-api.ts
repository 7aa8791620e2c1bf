import { Hono } from "hono";
import { currentUser } from "../accounts/sessions";
import type { AppEnv } from "../app-env";
import { likedByViewer } from "../community/likes";
import { SearchQuery, search, searchJson } from "../community/search";
import { validate } from "../lib/validate";

/**
 * `GET /api/search?q=&sort=recent|popular&cursor=` → `{styles, artists, images, next_cursor}`
 * (API.md "Community"); `cursor` pages the images. Signed in, images carry `liked_by_me`.
 */
export const searchApi = new Hono<AppEnv>().get("/", validate("query", SearchQuery), async (c) => {
	const { db, now } = c.var.deps;
	const [viewer, results] = await Promise.all([currentUser(c, db, now()), search(db, c.req.valid("query"))]);
	const liked = viewer
		? await likedByViewer(
				db,
				viewer.user.id,
				results.images.map((image) => image.id),
			)
		: null;
	return c.json(searchJson(results, liked), 200, { "Cache-Control": "no-store" });
});
