import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser, userPage } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { AppError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rate-limit";
import { formFields, parseInput, requestForm } from "../styles/parse-input";
import { filesOfField } from "../styles/training-images";
import { AssetQuery, AssetUpdate, AssetUploadFields, assetView, deleteAsset, listAssets, updateAsset, uploadAssets } from "../video/assets/assets";
import { AssetGenerate, generateAsset, pendingAssetJobs } from "../video/assets/generate";
import { BrandCreate, brandView, createBrand, deleteBrand, listBrands, updateBrand } from "../video/brands/brands";
import { currentPlan } from "../video/plans";
import { createTemplate, deleteTemplate, duplicateTemplate, listTemplates, TemplateCreate, templateView, updateTemplate } from "../video/templates/templates";
import { TemplateUse, useTemplate } from "../video/templates/use";
import { storageBytesOf } from "../video/usage/meter";
import { AssetsPage } from "../views/video/library/assets-page";
import { BrandsPage } from "../views/video/library/brands-page";
import type { LibraryNotice } from "../views/video/library/notice";
import { TemplatesPage } from "../views/video/library/templates-page";
import { renderPage } from "./render-page";

/** The messages a form's redirect may name (`?done=`): nothing else is looked up. */
const DONE = [
	"brands.created",
	"brands.deleted",
	"templates.saved",
	"templates.duplicated",
	"templates.deleted",
	"assets.uploaded",
	"assets.generating",
	"assets.saved",
	"assets.deleted",
] as const;

const NoticeQuery = z.object({
	done: z.enum(DONE).optional(),
	count: z.coerce.number().int().min(0).max(1000).optional(),
	error: z
		.string()
		.regex(/^[A-Z_]{2,40}$/)
		.optional(),
	detail: z.string().max(400).optional(),
});

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** The notice of a page from its query (after a form's redirect). */
function noticeOf(c: Context<AppEnv>): LibraryNotice {
	const parsed = NoticeQuery.safeParse(c.req.query());
	if (!parsed.success) return {};
	const { done, count, error, detail } = parsed.data;
	if (error) return { error: { code: error, detail: detail ?? "" } };
	if (!done) return {};
	const t = c.var.i18n.t;
	return { done: t(`video:library.${done}` as "video:library.save", { count: count ?? 0 }) };
}

/** Back to `path` saying what happened (303, so a reload does not post again). */
function back(c: Context<AppEnv>, path: string, done: (typeof DONE)[number], count?: number) {
	const params = new URLSearchParams({ done });
	if (count !== undefined) params.set("count", String(count));
	return c.redirect(`${path}?${params}`, 303);
}

/**
 * Runs a form's action; a refusal (a bad field, a plan's limit, another user's id) comes back
 * to the page as its error code and message instead of an error page, so the form is one step away.
 */
async function formAction(c: Context<AppEnv>, path: string, action: () => Promise<Response>): Promise<Response> {
	try {
		return await action();
	} catch (err) {
		if (!(err instanceof AppError) || (err.status >= 500 && err.code !== "GPU_GATEWAY_UNAVAILABLE")) throw err;
		const params = new URLSearchParams({ error: err.code, detail: err.message.slice(0, 400) });
		return c.redirect(`${path}?${params}`, 303);
	}
}

/** The brand form's flat fields as `BrandCreate`'s shape. */
function brandInput(fields: Record<string, string | string[]>) {
	const one = (name: string) => {
		const value = fields[name];
		return Array.isArray(value) ? value[0] : value;
	};
	const speed = one("voice_speed");
	return parseInput(BrandCreate, {
		name: one("name") ?? "",
		tone: one("tone"),
		primary_color: one("primary_color"),
		accent_color: one("accent_color"),
		text_color: one("text_color"),
		font: one("font"),
		voice: { language: one("voice_language") ?? "ko", voice: one("voice") || null, speed: speed ? Number(speed) : 1 },
		target_audience: one("target_audience") ?? "",
		avoid_phrases: (one("avoid_phrases") ?? "")
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter((line) => line !== ""),
	});
}

/** The template form's fields (scene lines `SECTION role seconds`) as `TemplateCreate`'s shape. */
function templateInput(fields: Record<string, string | string[]>) {
	const one = (name: string) => {
		const value = fields[name];
		return Array.isArray(value) ? value[0] : value;
	};
	const scenes = (one("scenes") ?? "")
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== "")
		.map((line) => {
			const [section = "", role = "", seconds = ""] = line.split(/\s+/);
			return { section: section.toUpperCase(), role: role.toLowerCase(), duration_s: Number(seconds) };
		});
	return parseInput(TemplateCreate, {
		name: one("name") ?? "",
		description: one("description") ?? "",
		structure: { layout: one("layout"), scenes },
	});
}

async function formOf(c: Context<AppEnv>) {
	return formFields(await requestForm(c.req.raw));
}

/** The assets page's filters from its query: empty fields and "all folders" are no filter; anything unreadable is the first page. */
function assetQueryOf(c: Context<AppEnv>): AssetQuery {
	const raw: Record<string, string> = {};
	for (const [key, value] of Object.entries(c.req.query())) {
		if (key === "folder" ? value !== "__all" : value !== "") raw[key] = value;
	}
	const parsed = AssetQuery.safeParse(raw);
	return parsed.success ? parsed.data : AssetQuery.parse({});
}

/**
 * The library's pages (mounted at `/video`): `/video/brands`, `/video/templates`, `/video/assets`,
 * each with forms that post back and redirect (CSRF field on every form; no JavaScript needed).
 * A template's "use" goes on to the new project's page.
 */
export const libraryPages = new Hono<AppEnv>()
	.get("/brands", userPage, loadViewer, async (c) => {
		const { user, csrfToken } = signedInUser(c);
		const brands = await listBrands(c.var.deps.video.db, user.id);
		return renderPage(c, <BrandsPage viewer={c.var.viewer} csrfToken={csrfToken} brands={brands.map(brandView)} notice={noticeOf(c)} />);
	})
	.post("/brands", requireUser, (c) =>
		formAction(c, "/video/brands", async () => {
			const { db, now } = c.var.deps.video;
			await createBrand(db, signedInUser(c).user.id, brandInput(await formOf(c)), now());
			return back(c, "/video/brands", "brands.created");
		}),
	)
	.post("/brands/:id", requireUser, (c) =>
		formAction(c, "/video/brands", async () => {
			const { db, now } = c.var.deps.video;
			const id = parseInput(IdParams, c.req.param()).id;
			await updateBrand(db, signedInUser(c).user.id, id, brandInput(await formOf(c)), now());
			return back(c, "/video/brands", "brands.created");
		}),
	)
	.post("/brands/:id/delete", requireUser, (c) =>
		formAction(c, "/video/brands", async () => {
			await deleteBrand(c.var.deps.video.db, signedInUser(c).user.id, parseInput(IdParams, c.req.param()).id);
			return back(c, "/video/brands", "brands.deleted");
		}),
	)
	.get("/templates", userPage, loadViewer, async (c) => {
		const { user, csrfToken } = signedInUser(c);
		const templates = await listTemplates(c.var.deps.video.db, user.id);
		return renderPage(c, <TemplatesPage viewer={c.var.viewer} csrfToken={csrfToken} templates={templates.map(templateView)} notice={noticeOf(c)} />);
	})
	.post("/templates", requireUser, (c) =>
		formAction(c, "/video/templates", async () => {
			const { db, now } = c.var.deps.video;
			await createTemplate(db, signedInUser(c).user.id, templateInput(await formOf(c)), now());
			return back(c, "/video/templates", "templates.saved");
		}),
	)
	.post("/templates/:id", requireUser, (c) =>
		formAction(c, "/video/templates", async () => {
			const { db, now } = c.var.deps.video;
			await updateTemplate(db, signedInUser(c).user.id, parseInput(IdParams, c.req.param()).id, templateInput(await formOf(c)), now());
			return back(c, "/video/templates", "templates.saved");
		}),
	)
	.post("/templates/:id/delete", requireUser, (c) =>
		formAction(c, "/video/templates", async () => {
			await deleteTemplate(c.var.deps.video.db, signedInUser(c).user.id, parseInput(IdParams, c.req.param()).id);
			return back(c, "/video/templates", "templates.deleted");
		}),
	)
	.post("/templates/:id/duplicate", requireUser, (c) =>
		formAction(c, "/video/templates", async () => {
			const { db, now } = c.var.deps.video;
			await duplicateTemplate(db, signedInUser(c).user.id, parseInput(IdParams, c.req.param()).id, now());
			return back(c, "/video/templates", "templates.duplicated");
		}),
	)
	.post("/templates/:id/use", requireUser, (c) =>
		formAction(c, "/video/templates", async () => {
			const { db, now } = c.var.deps.video;
			const fields = await formOf(c);
			const input = parseInput(TemplateUse, { ...fields, ...(typeof fields.duration_s === "string" && { duration_s: Number(fields.duration_s) }) });
			const row = await useTemplate(db, signedInUser(c).user.id, parseInput(IdParams, c.req.param()).id, input, now());
			return c.redirect(`/video/projects/${encodeURIComponent(row.id)}`, 303);
		}),
	)
	.get("/assets", userPage, loadViewer, async (c) => {
		const { user, csrfToken } = signedInUser(c);
		const { db, now } = c.var.deps.video;
		const query = assetQueryOf(c);
		const [page, plan, used, pending] = await Promise.all([
			listAssets(db, user.id, query),
			currentPlan(db, user.id, now()),
			storageBytesOf(db, user.id),
			pendingAssetJobs(db, user.id),
		]);
		return renderPage(
			c,
			<AssetsPage
				viewer={c.var.viewer}
				csrfToken={csrfToken}
				assets={page.assets.map(assetView)}
				total={page.total}
				folders={page.folders}
				query={query}
				storage={{ used, limit: plan.limits.storageBytes }}
				pending={pending}
				notice={noticeOf(c)}
			/>,
		);
	})
	.post("/assets/upload", requireUser, (c) =>
		formAction(c, "/video/assets", async () => {
			const form = await requestForm(c.req.raw);
			const fields = parseInput(AssetUploadFields, formFields(form));
			const { db, files, now } = c.var.deps.video;
			const rows = await uploadAssets({ db, files, now }, signedInUser(c).user.id, await filesOfField(form, "files"), fields);
			return back(c, "/video/assets", "assets.uploaded", rows.length);
		}),
	)
	.post("/assets/generate", requireUser, (c) =>
		formAction(c, "/video/assets", async () => {
			const video = c.var.deps.video;
			const { user } = signedInUser(c);
			const input = parseInput(AssetGenerate, await formOf(c));
			await enforceRateLimit(video.limiter, `video:${user.id}`, video.config.rateLimit, video.now().getTime());
			await generateAsset({ db: video.db, files: video.files, gpu: video.gpu, prices: video.config.prices, now: video.now }, user.id, input);
			return back(c, "/video/assets", "assets.generating");
		}),
	)
	.post("/assets/:id", requireUser, (c) =>
		formAction(c, "/video/assets", async () => {
			const { db, now } = c.var.deps.video;
			const input = parseInput(AssetUpdate, await formOf(c));
			await updateAsset(db, signedInUser(c).user.id, parseInput(IdParams, c.req.param()).id, input, now());
			return back(c, "/video/assets", "assets.saved");
		}),
	)
	.post("/assets/:id/delete", requireUser, (c) =>
		formAction(c, "/video/assets", async () => {
			await deleteAsset(c.var.deps.video, signedInUser(c).user.id, parseInput(IdParams, c.req.param()).id);
			return back(c, "/video/assets", "assets.deleted");
		}),
	);
