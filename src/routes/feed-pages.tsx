import { Hono } from "hono";
import { z } from "zod";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { listComments } from "../community/comments";
import { feedDetail, feedItemJson, listFeed, moderates } from "../community/feed";
import { followState } from "../community/follows";
import { likedByViewer } from "../community/likes";
import { validate } from "../lib/validate";
import { FeedDetailPage, FeedPage, FeedPageFragment } from "../views/feed";
import { FeedDetail } from "../views/feed/feed-detail";
import { renderPage } from "./render-page";

/** `?partial=1`: the fragment public/js/feed.js asks for (the next cards, or the modal's content), not a whole page. */
const Partial = z.literal("1").optional();
const FeedQuery = z.object({ cursor: z.string().max(200).optional(), partial: Partial });
const DetailQuery = z.object({ comments: z.string().max(300).optional(), partial: Partial });
const IdParams = z.object({ id: z.string().min(1).max(64) });
/** Cards per page. */
const PAGE_SIZE = 24;

/** Signed out, the feed is the same for everyone: shared caches may keep it briefly (loadViewer makes a signed-in page private). */
const PUBLIC_CACHE = { "Cache-Control": "public, max-age=30" };

/**
 * `/feed`: public images newest first, with a plain "More" link over the cursor; and
 * `/feed/:id`, one image with its comments (404 for anything not public).
 */
export const feedPages = new Hono<AppEnv>()
	.get("/", loadViewer, validate("query", FeedQuery), async (c) => {
		const { db } = c.var.deps;
		const query = c.req.valid("query");
		const viewer = c.var.viewer ?? null;
		const viewerId = viewer?.user?.id ?? null;
		const page = await listFeed(db, { cursor: query.cursor, limit: PAGE_SIZE });
		const [liked, following] = await Promise.all([
			viewerId
				? likedByViewer(
						db,
						viewerId,
						page.items.map((row) => row.id),
					)
				: new Set<string>(),
			viewerId ? followState(db, viewerId, [...new Set(page.items.map((row) => row.artist.id))]) : new Set<string>(),
		]);
		const entries = page.items.map((row) => ({ row, item: feedItemJson(row, liked.has(row.id)), following: following.has(row.artist.id) }));
		const nextPage = page.nextCursor ? `/feed?cursor=${encodeURIComponent(page.nextCursor)}` : null;
		const props = { viewer, entries, nextPage };
		return renderPage(c, query.partial ? <FeedPageFragment {...props} /> : <FeedPage {...props} />, 200, PUBLIC_CACHE);
	})
	.get("/:id", loadViewer, validate("param", IdParams), validate("query", DetailQuery), async (c) => {
		const { db } = c.var.deps;
		const { id } = c.req.valid("param");
		const query = c.req.valid("query");
		const viewer = c.var.viewer ?? null;
		const viewerId = viewer?.user?.id ?? null;
		const row = await feedDetail(db, id);
		const canModerate = moderates(row, viewerId);
		const [liked, following, thread] = await Promise.all([
			viewerId ? likedByViewer(db, viewerId, [row.id]) : new Set<string>(),
			viewerId ? followState(db, viewerId, [row.artist.id]) : new Set<string>(),
			listComments(db, row.id, viewerId, query.comments, { moderator: canModerate }),
		]);
		const props = {
			viewer,
			row,
			liked: liked.has(row.id),
			following: following.has(row.artist.id),
			comments: thread.comments,
			commentsNextPage: thread.nextCursor ? `/feed/${encodeURIComponent(row.id)}?comments=${encodeURIComponent(thread.nextCursor)}#comments` : null,
			canModerate,
		};
		return renderPage(c, query.partial ? <FeedDetail {...props} /> : <FeedDetailPage {...props} />, 200, PUBLIC_CACHE);
	});
