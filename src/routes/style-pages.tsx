import { type Context, Hono } from "hono";
import { z } from "zod";
import { artistPage, requireArtist, requireUser, signedInUser } from "../accounts/guards";
import { currentUser } from "../accounts/sessions";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { getDb } from "../db/client";
import { generationDepsFromEnv, queueGeneration } from "../generation/queue";
import { mintProgressToken } from "../gpu/progress-token";
import { gpuSubmitDepsFromEnv } from "../gpu/submit";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { ImageAspect } from "../shared/gpu-jobs";
import { styleLimitPerArtist } from "../styles/config";
import { createStyle } from "../styles/create-style";
import { deleteStyle } from "../styles/delete-style";
import { listMarketplace, MarketplaceQuery, sampleGallery } from "../styles/marketplace";
import { formFields, parseInput, requestForm } from "../styles/parse-input";
import { readSignature, setSignature } from "../styles/signature";
import { startTraining } from "../styles/start-training";
import { CreateStyleInput, UpdateStyleInput } from "../styles/style-input";
import { artistStyles, ownStyle, trainingJob, visibleStyle } from "../styles/style-queries";
import { ownerStyleJson, publicStyleJson, styleImageJson } from "../styles/style-view";
import { addTrainingImages, filesOfField, listTrainingImages, removeTrainingImage } from "../styles/training-images";
import { updateStyle } from "../styles/update-style";
import { MarketplacePage } from "../views/styles/marketplace-page";
import { StudioPage } from "../views/styles/studio-page";
import { StyleEditorPage, type StyleFormValues } from "../views/styles/style-editor-page";
import { StylePage } from "../views/styles/style-page";

const SlugParams = z.object({ slug: z.string().min(1).max(100) });
const IdParams = z.object({ id: z.string().min(1).max(64) });
const ImageParams = z.object({ id: z.string().min(1).max(64), imageId: z.string().min(1).max(64) });
const EditorQuery = z.object({ done: z.enum(["created", "saved", "signature", "images", "image-removed", "training"]).optional() });
const GenerateForm = z.object({ prompt: z.string().max(20_000).default(""), aspect: ImageAspect.catch("1:1") });

/** What the editor says after a successful post (Post/Redirect/Get). */
const DONE_NOTICES: Record<NonNullable<z.infer<typeof EditorQuery>["done"]>, string> = {
	created: "Style created. Next: your signature and 10 or more training images.",
	saved: "Details saved.",
	signature: "Signature uploaded.",
	images: "Training images added.",
	"image-removed": "Training image removed.",
	training: "Training started.",
};

type PageContext = Context<AppEnv>;

function styleDeps(env: Env) {
	return { db: getDb(env.DB), files: env.FILES, now: new Date() };
}

function editorUrl(styleId: string, done?: keyof typeof DONE_NOTICES): string {
	return `/studio/styles/${encodeURIComponent(styleId)}${done ? `?done=${done}` : ""}`;
}

/** The editor of one of the artist's styles, with an error or a notice. */
async function renderEditor(
	c: PageContext,
	styleId: string,
	options: { error?: string; notice?: string; form?: StyleFormValues; status?: 200 | 400 | 402 | 403 | 404 | 409 | 413 | 422 | 429 | 503 } = {},
) {
	const { user: artist, csrfToken } = signedInUser(c);
	const deps = styleDeps(c.env);
	const style = await ownStyle(deps.db, styleId, artist.id);
	const [job, images] = await Promise.all([trainingJob(deps.db, style), listTrainingImages(deps.db, style.id)]);
	const progressToken =
		style.status === "training" ? await mintProgressToken(c.env.DOWNLOAD_TOKEN_SECRET, { type: "user", id: artist.id }, deps.now) : undefined;
	return c.html(
		<StyleEditorPage
			csrfToken={csrfToken}
			style={ownerStyleJson(style, artist.name, job)}
			images={images.map(styleImageJson)}
			progressToken={progressToken}
			form={options.form}
			error={options.error}
			notice={options.notice}
			viewer={c.var.viewer}
		/>,
		options.status ?? 200,
	);
}

/** An expected failure of a form post, shown on the page it came from; anything else goes to the error handler. */
function formError(err: unknown): { message: string; status: 400 | 402 | 403 | 404 | 409 | 413 | 422 | 429 | 503 } | null {
	if (!(err instanceof AppError) || (err.status >= 500 && err.status !== 503)) return null;
	const status = ([400, 402, 403, 404, 409, 413, 422, 429, 503] as const).find((s) => s === err.status) ?? 400;
	return { message: err.message, status };
}

/** The details form's fields as typed, to show them again after an error. */
function formValues(fields: Record<string, string | string[]>): StyleFormValues {
	const text = (key: string) => {
		const value = fields[key];
		return Array.isArray(value) ? value.join(", ") : (value ?? "");
	};
	return { title: text("title"), description: text("description"), tags: text("tags"), price_credits: text("price_credits") };
}

/**
 * The style pages: the marketplace and each style's page with its generate form (anyone; the
 * form needs a session), and the artist's studio, where every form posts, redirects (303) and
 * shows its outcome, so nothing needs JavaScript.
 */
export const stylePages = new Hono<AppEnv>()
	.get("/styles", loadViewer, validate("query", MarketplaceQuery), async (c) => {
		const query = c.req.valid("query");
		const page = await listMarketplace(getDb(c.env.DB), query);
		const next = page.nextCursor
			? new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.tag ? { tag: query.tag } : {}), sort: query.sort, cursor: page.nextCursor })
			: null;
		return c.html(<MarketplacePage styles={page.styles} query={query} nextPage={next ? `/styles?${next}` : null} viewer={c.var.viewer} />);
	})
	.get("/styles/:slug", loadViewer, validate("param", SlugParams), async (c) => {
		return renderStylePage(c, c.req.valid("param").slug);
	})
	.post("/styles/:slug/generate", requireUser, loadViewer, validate("param", SlugParams), validate("form", GenerateForm), async (c) => {
		const db = getDb(c.env.DB);
		const user = c.var.user;
		if (!user) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
		const { style } = await visibleStyle(db, { slug: c.req.valid("param").slug }, user.id);
		const form = c.req.valid("form");
		try {
			const generation = await queueGeneration(generationDepsFromEnv(c.env, db), user, style.id, form);
			return c.redirect(`/generations/${encodeURIComponent(generation.id)}`, 303);
		} catch (err) {
			const problem = formError(err);
			if (!problem) throw err;
			return renderStylePage(c, style.slug, { prompt: form.prompt, aspect: form.aspect, error: problem.message }, problem.status);
		}
	})
	.get("/studio", artistPage, loadViewer, async (c) => {
		const { user: artist } = signedInUser(c);
		const styles = await artistStyles(getDb(c.env.DB), artist.id);
		return c.html(<StudioPage styles={styles} limit={styleLimitPerArtist(c.env)} viewer={c.var.viewer} />);
	})
	.get("/studio/styles/new", artistPage, loadViewer, async (c) => {
		return c.html(<StyleEditorPage csrfToken={signedInUser(c).csrfToken} viewer={c.var.viewer} />);
	})
	.post("/studio/styles", requireUser, requireArtist, loadViewer, async (c) => {
		const fields = formFields(await requestForm(c.req.raw));
		const { user: artist, csrfToken } = signedInUser(c);
		try {
			const deps = styleDeps(c.env);
			const style = await createStyle(deps.db, artist.id, parseInput(CreateStyleInput, fields), styleLimitPerArtist(c.env), deps.now);
			return c.redirect(editorUrl(style.id, "created"), 303);
		} catch (err) {
			const problem = formError(err);
			if (!problem) throw err;
			return c.html(<StyleEditorPage csrfToken={csrfToken} form={formValues(fields)} error={problem.message} viewer={c.var.viewer} />, problem.status);
		}
	})
	.get("/studio/styles/:id", artistPage, loadViewer, validate("param", IdParams), validate("query", EditorQuery), async (c) => {
		const done = c.req.valid("query").done;
		return renderEditor(c, c.req.valid("param").id, done ? { notice: DONE_NOTICES[done] } : {});
	})
	.post("/studio/styles/:id", requireUser, requireArtist, loadViewer, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		const fields = formFields(await requestForm(c.req.raw));
		try {
			await updateStyle(styleDeps(c.env), id, signedInUser(c).user.id, parseInput(UpdateStyleInput, fields));
			return c.redirect(editorUrl(id, "saved"), 303);
		} catch (err) {
			const problem = formError(err);
			if (!problem || problem.status === 404) throw err;
			return renderEditor(c, id, { error: problem.message, form: formValues(fields), status: problem.status });
		}
	})
	.get("/studio/styles/:id/signature", artistPage, validate("param", IdParams), async (c) => {
		const signature = await readSignature(styleDeps(c.env), c.req.valid("param").id, signedInUser(c).user.id);
		return c.body(signature.body, 200, { "Content-Type": signature.contentType, "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300" });
	})
	.post("/studio/styles/:id/signature", requireUser, requireArtist, loadViewer, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		return studioAction(c, id, "signature", async () => {
			const [file] = await filesOfField(await requestForm(c.req.raw), "signature");
			await setSignature(styleDeps(c.env), id, signedInUser(c).user.id, file);
		});
	})
	.post("/studio/styles/:id/images", requireUser, requireArtist, loadViewer, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		return studioAction(c, id, "images", async () => {
			const files = await filesOfField(await requestForm(c.req.raw), "images");
			await addTrainingImages(styleDeps(c.env), id, signedInUser(c).user.id, files);
		});
	})
	.post("/studio/styles/:id/images/:imageId/delete", requireUser, requireArtist, loadViewer, validate("param", ImageParams), async (c) => {
		const { id, imageId } = c.req.valid("param");
		return studioAction(c, id, "image-removed", () => removeTrainingImage(styleDeps(c.env), id, signedInUser(c).user.id, imageId));
	})
	.post("/studio/styles/:id/train", requireUser, requireArtist, loadViewer, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		return studioAction(c, id, "training", async () => {
			const deps = styleDeps(c.env);
			await startTraining({ ...gpuSubmitDepsFromEnv(c.env, deps.db), files: deps.files, now: deps.now }, id, signedInUser(c).user.id);
		});
	})
	.post("/studio/styles/:id/delete", requireUser, requireArtist, loadViewer, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		try {
			await deleteStyle(styleDeps(c.env), id, signedInUser(c).user.id);
			return c.redirect("/studio", 303);
		} catch (err) {
			const problem = formError(err);
			if (!problem || problem.status === 404) throw err;
			return renderEditor(c, id, { error: problem.message, status: problem.status });
		}
	});

/** Runs one studio form's action, then redirects to the editor (303), or shows the editor with the error. */
async function studioAction(c: PageContext, styleId: string, done: keyof typeof DONE_NOTICES, action: () => Promise<unknown>) {
	try {
		await action();
		return c.redirect(editorUrl(styleId, done), 303);
	} catch (err) {
		const problem = formError(err);
		if (!problem || problem.status === 404) throw err;
		return renderEditor(c, styleId, { error: problem.message, status: problem.status });
	}
}

/** A style's page for whoever is looking (trained styles for all, the artist's own in any status). */
async function renderStylePage(
	c: PageContext,
	slug: string,
	form?: { prompt: string; aspect: ImageAspect; error?: string },
	status: 200 | 400 | 402 | 403 | 404 | 409 | 413 | 422 | 429 | 503 = 200,
) {
	const db = getDb(c.env.DB);
	const now = new Date();
	const signedIn = await currentUser(c, db, now);
	const { style, artistName } = await visibleStyle(db, { slug }, signedIn?.user.id);
	const gallery = await sampleGallery(db, style.id);
	const user = signedIn
		? {
				csrfToken: signedIn.session.csrfToken,
				progressToken: await mintProgressToken(c.env.DOWNLOAD_TOKEN_SECRET, { type: "user", id: signedIn.user.id }, now),
				credits: signedIn.user.creditBalance,
			}
		: null;
	if (signedIn) c.header("Cache-Control", "private, no-store");
	return c.html(
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
