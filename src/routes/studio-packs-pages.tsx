import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { artistPage, requireArtist, requireUser, signedInUser } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { localizedErrorMessage } from "../i18n/error-message";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { CreateStylePackRequest, StylePackLicense } from "../shared/style-packs";
import { createStylePack, ownStyleForPacks } from "../style-packs/create";
import { listStylePacks, packableGenerations } from "../style-packs/list";
import type { PackFormValues } from "../views/style-packs/pack-form";
import { StylePacksPage } from "../views/style-packs/packs-page";
import { renderPage } from "./render-page";

const StyleParams = z.object({ id: z.string().min(1).max(64) });
const PacksPageQuery = z.object({ created: z.string().max(64).optional() });
/** The form as posted: loose here, checked against the API's own schema in the handler. */
const PackFormFields = z.object({
	title: z.string().max(1000).default(""),
	description: z.string().max(10_000).default(""),
	price: z.string().max(32).default(""),
	license: z.string().max(32).optional(),
	generation_ids: z.union([z.string().max(64), z.array(z.string().max(64)).max(200)]).optional(),
});

/** "19" or "19.99" dollars in cents; null when it is not a price. */
function dollarsToCents(text: string): number | null {
	const match = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim());
	return match ? Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) : null;
}

/** Renders the packs page of one of the artist's styles, with the form (refilled after an error). */
async function renderPacksPage(
	c: Context<AppEnv>,
	styleId: string,
	extra: { error?: string; values?: PackFormValues; createdId?: string; status?: 200 | 400 | 409 | 422 },
) {
	const { user, csrfToken } = signedInUser(c);
	const { db } = c.var.deps;
	const style = await ownStyleForPacks(db, styleId, user.id);
	const [packs, generations] = await Promise.all([listStylePacks(db, style.id), packableGenerations(db, style.id, user.id)]);
	return renderPage(
		c,
		<StylePacksPage
			style={style}
			packs={packs}
			createdId={extra.createdId}
			viewer={c.var.viewer}
			form={{ csrfToken, generations, imageUrl: (id) => `/generations/${encodeURIComponent(id)}/image`, error: extra.error, values: extra.values }}
		/>,
		extra.status ?? 200,
	);
}

/**
 * `/studio/styles/:id/packs`: the artist's studio page of a style's packs with the plain-form
 * "Publish a style pack" (post, then redirect).
 */
export const studioPacksPages = new Hono<AppEnv>()
	.get("/", artistPage, loadViewer, validate("param", StyleParams), validate("query", PacksPageQuery), async (c) => {
		return renderPacksPage(c, c.req.valid("param").id, { createdId: c.req.valid("query").created });
	})
	.post("/", requireUser, requireArtist, loadViewer, validate("param", StyleParams), validate("form", PackFormFields), async (c) => {
		const styleId = c.req.valid("param").id;
		const form = c.req.valid("form");
		const ids = form.generation_ids === undefined ? [] : Array.isArray(form.generation_ids) ? form.generation_ids : [form.generation_ids];
		const license = StylePackLicense.safeParse(form.license);
		const values: PackFormValues = {
			title: form.title,
			description: form.description,
			price: form.price,
			license: license.success ? license.data : undefined,
			generation_ids: ids,
		};
		const cents = dollarsToCents(form.price);
		if (cents === null) return renderPacksPage(c, styleId, { error: c.var.i18n.t("styles:packs.form.priceError"), values, status: 400 });
		const request = CreateStylePackRequest.safeParse({
			title: form.title,
			description: form.description,
			generation_ids: ids,
			price_cents: cents,
			license: license.success ? license.data : undefined,
			// The pack is written in the language the artist reads the studio in.
			language: c.var.i18n.locale,
		});
		if (!request.success) {
			// Worded like the API's validation errors, in the reader's language (zod's own Korean in Korean).
			const refusal = new AppError(
				400,
				"VALIDATION_FAILED",
				request.error.issues.map((issue) => `${issue.path.join(".") || "form"}: ${issue.message}`).join("; "),
			);
			refusal.validation = { target: "form", issues: request.error.issues };
			return renderPacksPage(c, styleId, { error: localizedErrorMessage(refusal, c.var.i18n), values, status: 400 });
		}
		try {
			const product = await createStylePack(c.var.deps.pipeline, signedInUser(c).user.id, styleId, request.data);
			// No #fragment: Chromium takes the page's meta refresh to a URL with one as a same-page jump, and it would never reload.
			return c.redirect(`/studio/styles/${encodeURIComponent(styleId)}/packs?created=${encodeURIComponent(product.id)}`, 303);
		} catch (err) {
			// Refusals the artist can fix are shown on the form; anything else is the usual error page.
			if (err instanceof AppError && (err.status === 409 || err.status === 422)) {
				return renderPacksPage(c, styleId, { error: localizedErrorMessage(err, c.var.i18n), values, status: err.status });
			}
			throw err;
		}
	});
