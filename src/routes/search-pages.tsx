import { Hono } from "hono";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { feedItemJson } from "../community/feed";
import { followState } from "../community/follows";
import { likedByViewer } from "../community/likes";
import { followingSection, SearchQuery, search } from "../community/search";
import { validate } from "../lib/validate";
import { SearchPage } from "../views/search/search-page";
import { renderPage } from "./render-page";

/**
 * `/search?q=&sort=&cursor=`: styles, artists and images found, and for a signed-in reader the
 * artists they follow with their newest work. A plain GET form: it works without JavaScript.
 */
export const searchPages = new Hono<AppEnv>().get("/", loadViewer, validate("query", SearchQuery), async (c) => {
	const { db } = c.var.deps;
	const query = c.req.valid("query");
	const viewer = c.var.viewer ?? null;
	const viewerId = viewer?.user?.id ?? null;
	const [results, followed] = await Promise.all([search(db, query), viewerId && !query.cursor ? followingSection(db, viewerId) : null]);
	const people = [...new Set([...results.artists.map((artist) => artist.id), ...results.images.map((row) => row.artist.id)])];
	const [liked, following] = await Promise.all([
		viewerId
			? likedByViewer(
					db,
					viewerId,
					results.images.map((row) => row.id),
				)
			: new Set<string>(),
		viewerId ? followState(db, viewerId, people) : new Set<string>(),
	]);
	const images = results.images.map((row) => ({ row, item: feedItemJson(row, liked.has(row.id)), following: following.has(row.artist.id) }));
	const next = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), sort: query.sort, ...(results.nextCursor ? { cursor: results.nextCursor } : {}) });
	return renderPage(
		c,
		<SearchPage
			viewer={viewer}
			query={query}
			styles={results.styles}
			artists={results.artists}
			following={following}
			images={images}
			nextPage={results.nextCursor ? `/search?${next}` : null}
			followed={followed}
		/>,
	);
});
