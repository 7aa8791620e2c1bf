import { type Context, Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import { currentUser } from "../accounts/sessions";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { queueGeneration } from "../generation/queue";
import { mintProgressToken } from "../gpu/progress-token";
import { validate } from "../lib/validate";
import { ImageAspect } from "../shared/gpu-jobs";
import { listMarketplace, MarketplaceQuery, sampleGallery } from "../styles/marketplace";
import { visibleStyle } from "../styles/style-queries";
import { publicStyleJson } from "../styles/style-view";
import { MarketplacePage } from "../views/styles/marketplace-page";
import { StylePage } from "../views/styles/style-page";
import { type FormErrorStatus, formError } from "./form-error";
import { renderPage } from "./render-page";

const SlugParams = z.object({ slug: z.string().min(1).max(100) });
const GenerateForm = z.object({ prompt: z.string().max(20_000).default(""), aspect: ImageAspect.catch("1:1") });

/** A style's page for whoever is looking (trained styles for all, the artist's own in any status). */
async function renderStylePage(
	c: Context<AppEnv>,
	slug: string,
	form?: { prompt: string; aspect: ImageAspect; error?: string },
	status: 200 | FormErrorStatus = 200,
) {
	const { db, keys, now } = c.var.deps;
	const signedIn = await currentUser(c, db, now());
	const { style, artistName } = await visibleStyle(db, { slug }, signedIn?.user.id);
	const gallery = await sampleGallery(db, style.id);
	const user = signedIn
		? {
				csrfToken: signedIn.session.csrfToken,
				progressToken: await mintProgressToken(keys.progress, { type: "user", id: signedIn.user.id }, now()),
				credits: signedIn.user.creditBalance,
			}
		: null;
	if (signedIn) c.header("Cache-Control", "private, no-store");
	return renderPage(
		c,
		<StylePage
			style={publicStyleJson(style, artistName)}
			gallery={gallery}
			viewer={{ user, isOwner: signedIn?.user.id === style.artistId }}
			form={form}
			headerViewer={c.var.viewer}
		/>,
		status,
	);
}

/** `/styles`: the marketplace, and each style's page with its generate form (anyone; the form needs a session). */
export const stylePages = new Hono<AppEnv>()
	.get("/", loadViewer, validate("query", MarketplaceQuery), async (c) => {
		const query = c.req.valid("query");
		const page = await listMarketplace(c.var.deps.db, query);
		const next = page.nextCursor
			? new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.tag ? { tag: query.tag } : {}), sort: query.sort, cursor: page.nextCursor })
			: null;
		return renderPage(c, <MarketplacePage styles={page.styles} query={query} nextPage={next ? `/styles?${next}` : null} viewer={c.var.viewer} />);
	})
	.get("/:slug", loadViewer, validate("param", SlugParams), async (c) => renderStylePage(c, c.req.valid("param").slug))
	.post("/:slug/generate", requireUser, loadViewer, validate("param", SlugParams), validate("form", GenerateForm), async (c) => {
		const { db, generation: deps } = c.var.deps;
		const { user } = signedInUser(c);
		const { style } = await visibleStyle(db, { slug: c.req.valid("param").slug }, user.id);
		const form = c.req.valid("form");
		try {
			const generation = await queueGeneration(deps, user, style.id, form);
			return c.redirect(`/generations/${encodeURIComponent(generation.id)}`, 303);
		} catch (err) {
			const problem = formError(err, c.var.i18n);
			if (!problem) throw err;
			return renderStylePage(c, style.slug, { prompt: form.prompt, aspect: form.aspect, error: problem.message }, problem.status);
		}
	});
