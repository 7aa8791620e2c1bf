import { type Context, Hono } from "hono";
import { z } from "zod";
import { artistPage, requireArtist, requireUser, signedInUser } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { mintProgressToken } from "../gpu/progress-token";
import { validate } from "../lib/validate";
import { createStyle } from "../styles/create-style";
import { deleteStyle } from "../styles/delete-style";
import { formFields, parseInput, requestForm } from "../styles/parse-input";
import { readSignature, setSignature } from "../styles/signature";
import { startTraining } from "../styles/start-training";
import { CreateStyleInput, UpdateStyleInput } from "../styles/style-input";
import { artistStyles, ownStyle, trainingJob } from "../styles/style-queries";
import { ownerStyleJson, styleImageJson } from "../styles/style-view";
import { addTrainingImages, filesOfField, listTrainingImages, removeTrainingImage } from "../styles/training-images";
import { updateStyle } from "../styles/update-style";
import { StudioPage } from "../views/styles/studio-page";
import { StyleEditorPage, type StyleFormValues } from "../views/styles/style-editor-page";
import { type FormErrorStatus, formError } from "./form-error";
import { renderPage } from "./render-page";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ImageParams = z.object({ id: z.string().min(1).max(64), imageId: z.string().min(1).max(64) });
const EditorQuery = z.object({ done: z.enum(["created", "saved", "signature", "images", "image-removed", "training"]).optional() });

/** The catalogue key of what the editor says after a successful post (Post/Redirect/Get). */
const DONE_NOTICES = {
	created: "styles:editor.done.created",
	saved: "styles:editor.done.saved",
	signature: "styles:editor.done.signature",
	images: "styles:editor.done.images",
	"image-removed": "styles:editor.done.imageRemoved",
	training: "styles:editor.done.training",
} as const satisfies Record<NonNullable<z.infer<typeof EditorQuery>["done"]>, string>;

type PageContext = Context<AppEnv>;

function editorUrl(styleId: string, done?: keyof typeof DONE_NOTICES): string {
	return `/studio/styles/${encodeURIComponent(styleId)}${done ? `?done=${done}` : ""}`;
}

/** The editor of one of the artist's styles, with an error or a notice. */
async function renderEditor(
	c: PageContext,
	styleId: string,
	options: { error?: string; notice?: string; form?: StyleFormValues; status?: 200 | FormErrorStatus } = {},
) {
	const { user: artist, csrfToken } = signedInUser(c);
	const { db, keys, now } = c.var.deps;
	const style = await ownStyle(db, styleId, artist.id);
	const [job, images] = await Promise.all([trainingJob(db, style), listTrainingImages(db, style.id)]);
	const progressToken = style.status === "training" ? await mintProgressToken(keys.progress, { type: "user", id: artist.id }, now()) : undefined;
	return renderPage(
		c,
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

/** The details form's fields as typed, to show them again after an error. */
function formValues(fields: Record<string, string | string[]>): StyleFormValues {
	const text = (key: string) => {
		const value = fields[key];
		return Array.isArray(value) ? value.join(", ") : (value ?? "");
	};
	return { title: text("title"), description: text("description"), tags: text("tags"), price_credits: text("price_credits") };
}

/** Runs one studio form's action, then redirects to the editor (303), or shows the editor with the error. */
async function studioAction(c: PageContext, styleId: string, done: keyof typeof DONE_NOTICES, action: () => Promise<unknown>) {
	try {
		await action();
		return c.redirect(editorUrl(styleId, done), 303);
	} catch (err) {
		const problem = formError(err, c.var.i18n);
		if (!problem || problem.status === 404) throw err;
		return renderEditor(c, styleId, { error: problem.message, status: problem.status });
	}
}

/**
 * `/studio`: the artist's studio, where every form posts, redirects (303) and shows its
 * outcome, so nothing needs JavaScript.
 */
export const studioPages = new Hono<AppEnv>()
	.get("/", artistPage, loadViewer, async (c) => {
		const { user: artist } = signedInUser(c);
		const styles = await artistStyles(c.var.deps.db, artist.id);
		return renderPage(c, <StudioPage styles={styles} limit={c.var.deps.config.styleLimitPerArtist} viewer={c.var.viewer} />);
	})
	.get("/styles/new", artistPage, loadViewer, async (c) => {
		return renderPage(c, <StyleEditorPage csrfToken={signedInUser(c).csrfToken} viewer={c.var.viewer} />);
	})
	.post("/styles", requireUser, requireArtist, loadViewer, async (c) => {
		const fields = formFields(await requestForm(c.req.raw));
		const { user: artist, csrfToken } = signedInUser(c);
		try {
			const { styles: deps, config } = c.var.deps;
			const style = await createStyle(deps.db, artist.id, parseInput(CreateStyleInput, fields), config.styleLimitPerArtist, deps.now());
			return c.redirect(editorUrl(style.id, "created"), 303);
		} catch (err) {
			const problem = formError(err, c.var.i18n);
			if (!problem) throw err;
			return renderPage(c, <StyleEditorPage csrfToken={csrfToken} form={formValues(fields)} error={problem.message} viewer={c.var.viewer} />, problem.status);
		}
	})
	.get("/styles/:id", artistPage, loadViewer, validate("param", IdParams), validate("query", EditorQuery), async (c) => {
		const done = c.req.valid("query").done;
		return renderEditor(c, c.req.valid("param").id, done ? { notice: c.var.i18n.t(DONE_NOTICES[done]) } : {});
	})
	.post("/styles/:id", requireUser, requireArtist, loadViewer, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		const fields = formFields(await requestForm(c.req.raw));
		try {
			await updateStyle(c.var.deps.styles, id, signedInUser(c).user.id, parseInput(UpdateStyleInput, fields));
			return c.redirect(editorUrl(id, "saved"), 303);
		} catch (err) {
			const problem = formError(err, c.var.i18n);
			if (!problem || problem.status === 404) throw err;
			return renderEditor(c, id, { error: problem.message, form: formValues(fields), status: problem.status });
		}
	})
	.get("/styles/:id/signature", artistPage, validate("param", IdParams), async (c) => {
		const signature = await readSignature(c.var.deps.styles, c.req.valid("param").id, signedInUser(c).user.id);
		return c.body(signature.body, 200, { "Content-Type": signature.contentType, "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300" });
	})
	.post("/styles/:id/signature", requireUser, requireArtist, loadViewer, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		return studioAction(c, id, "signature", async () => {
			const [file] = await filesOfField(await requestForm(c.req.raw), "signature");
			await setSignature(c.var.deps.styles, id, signedInUser(c).user.id, file);
		});
	})
	.post("/styles/:id/images", requireUser, requireArtist, loadViewer, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		return studioAction(c, id, "images", async () => {
			const files = await filesOfField(await requestForm(c.req.raw), "images");
			await addTrainingImages(c.var.deps.styles, id, signedInUser(c).user.id, files);
		});
	})
	.post("/styles/:id/images/:imageId/delete", requireUser, requireArtist, loadViewer, validate("param", ImageParams), async (c) => {
		const { id, imageId } = c.req.valid("param");
		return studioAction(c, id, "image-removed", () => removeTrainingImage(c.var.deps.styles, id, signedInUser(c).user.id, imageId));
	})
	.post("/styles/:id/train", requireUser, requireArtist, loadViewer, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		return studioAction(c, id, "training", () => startTraining(c.var.deps.gpu, id, signedInUser(c).user.id));
	})
	.post("/styles/:id/delete", requireUser, requireArtist, loadViewer, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		try {
			await deleteStyle(c.var.deps.styles, id, signedInUser(c).user.id);
			return c.redirect("/studio", 303);
		} catch (err) {
			const problem = formError(err, c.var.i18n);
			if (!problem || problem.status === 404) throw err;
			return renderEditor(c, id, { error: problem.message, status: problem.status });
		}
	});
