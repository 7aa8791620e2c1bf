import { Hono } from "hono";
import { z } from "zod";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { generationView, listPublicGenerations } from "../generation/queries";
import { validate } from "../lib/validate";
import { FeedPage } from "../views/feed";
import { renderPage } from "./render-page";

const PageQuery = z.object({ cursor: z.string().max(200).optional() });
/** Generations per page. */
const PAGE_SIZE = 24;

/** `GET /feed`: the public feed of generated images, newest first. */
export const feedPages = new Hono<AppEnv>().get("/", loadViewer, validate("query", PageQuery), async (c) => {
	const page = await listPublicGenerations(c.var.deps.db, { cursor: c.req.valid("query").cursor, limit: PAGE_SIZE });
	c.header("Cache-Control", "public, max-age=30");
	return renderPage(
		c,
		<FeedPage
			viewer={c.var.viewer}
			generations={page.items.map(generationView)}
			nextPage={page.nextCursor ? `/feed?cursor=${encodeURIComponent(page.nextCursor)}` : null}
		/>,
	);
});
