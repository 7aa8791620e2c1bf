import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser, userPage } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { mediaToolsStatus } from "../gpu/media-tools";
import { validate } from "../lib/validate";
import { RunScope } from "../shared/video";
import { parseInput } from "../styles/parse-input";
import { BrandCreate, brandForScript, createBrand, listBrands } from "../video/brands/brands";
import { projectProgressToken } from "../video/pipeline/progress";
import { regenerateScene } from "../video/pipeline/regenerate-scene";
import { listRuns, OPEN_RUN_STATUSES, runView } from "../video/pipeline/runs";
import { startRun } from "../video/pipeline/start-run";
import {
	createProject,
	deleteProject,
	listProjects,
	ownProject,
	ProjectCreate,
	ProjectUpdate,
	projectScenesOf,
	updateProject,
} from "../video/projects/projects";
import { projectDetailView, projectView } from "../video/projects/view";
import { DEFAULT_TEMPLATE_ID } from "../video/templates/built-in";
import { listTemplates, resolveTemplate } from "../video/templates/templates";
import type { Choice } from "../views/video/projects/list-page";
import { ProjectsListPage } from "../views/video/projects/list-page";
import { OnboardingPage, type TemplateChoice } from "../views/video/projects/onboarding-page";
import { PROJECT_NOTICES, type ProjectNotice } from "../views/video/projects/parts";
import { ProjectPage } from "../views/video/projects/project-page";
import { type FormErrorStatus, formError } from "./form-error";
import { renderPage } from "./render-page";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const SceneParams = IdParams.extend({ position: z.coerce.number().int().min(0).max(99) });
const ScopeParams = IdParams.extend({ scope: RunScope });
const Notice = z.enum(PROJECT_NOTICES).optional().catch(undefined);
const ListQuery = z.object({
	status: z.enum(["draft", "processing", "ready", "published", "failed"]).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
	notice: Notice,
});
const StartQuery = z.object({ brand: z.string().min(1).max(64).optional(), template: z.string().min(1).max(64).optional() });
/** Form fields as typed; the rules are the API's ({@link ProjectCreate}, {@link ProjectUpdate}). */
const Text = (max: number) => z.string().max(max).default("");
const ProjectForm = z.object({
	title: Text(200),
	keyword: Text(300),
	aspect: Text(10),
	duration_s: Text(10),
	language: Text(5),
	brand_profile_id: Text(64),
	template_id: Text(64),
});
const ScriptForm = z.object({ script: Text(10_000) });
const BrandForm = z.object({ name: Text(100), tone: Text(20), text_color: Text(20), accent_color: Text(20), target_audience: Text(300) });
const StartForm = z.object({ keyword: Text(300), title: Text(200), duration_s: Text(10), brand_profile_id: Text(64), template_id: Text(64) });

type Ctx = Context<AppEnv>;
type Problem = { message: string; status: FormErrorStatus };

/** A form's number field: a number when it is one, else the text (so the schema names it). */
function numberField(value: string): number | string | undefined {
	if (value.trim() === "") return undefined;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : value;
}

/** Whether the gateway has ffmpeg, espeak-ng and the CJK font: the pages say what to install instead of failing. */
function mediaTools(c: Ctx) {
	return mediaToolsStatus({ url: c.var.deps.config.gpuGateway.url });
}

/** The user's brands and templates (built-ins first) as the forms offer them. */
async function choices(c: Ctx, userId: string): Promise<{ brands: Choice[]; templates: TemplateChoice[] }> {
	const { db } = c.var.deps.video;
	const [brands, templates] = await Promise.all([listBrands(db, userId), listTemplates(db, userId)]);
	return {
		brands: brands.map((brand) => ({ id: brand.id, name: brand.name })),
		templates: templates.map((template) => ({
			id: template.id,
			name: template.name,
			description: template.description,
			sceneCount: template.structure.scenes.length,
		})),
	};
}

/** Runs a form's work; an expected refusal comes back as the message to show, anything else is thrown. */
async function attempt<T>(c: Ctx, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; problem: Problem }> {
	try {
		return { ok: true, value: await work() };
	} catch (err) {
		const problem = formError(err, c.var.i18n);
		if (!problem) throw err;
		return { ok: false, problem };
	}
}

/** The projects list, with a notice or the new-project form's refusal. */
async function showList(
	c: Ctx,
	options: { status?: z.infer<typeof ListQuery>["status"]; page?: number; notice?: ProjectNotice; problem?: Problem; values?: Record<string, string> },
) {
	const { db } = c.var.deps.video;
	const { user, csrfToken } = signedInUser(c);
	const page = options.page ?? 1;
	const limit = 20;
	const [{ rows, total }, picks, tools] = await Promise.all([
		listProjects(db, user.id, { status: options.status, page, limit }),
		choices(c, user.id),
		mediaTools(c),
	]);
	return renderPage(
		c,
		<ProjectsListPage
			viewer={c.var.viewer}
			csrfToken={csrfToken}
			projects={rows.map(projectView)}
			total={total}
			page={page}
			limit={limit}
			status={options.status}
			brands={picks.brands}
			templates={picks.templates}
			mediaTools={tools}
			notice={options.notice}
			error={options.problem?.message}
			values={options.values}
		/>,
		options.problem?.status ?? 200,
	);
}

/** The project page, with a notice or the refusal of the form just posted. */
async function showProject(c: Ctx, projectId: string, options: { notice?: ProjectNotice; problem?: Problem } = {}) {
	const { video } = c.var.deps;
	const { user, csrfToken } = signedInUser(c);
	const row = await ownProject(video.db, user.id, projectId);
	const [scenes, runs, picks, tools] = await Promise.all([
		projectScenesOf(video.db, row.id),
		listRuns(video.db, row.id, 20),
		choices(c, user.id),
		mediaTools(c),
	]);
	const views = runs.map(runView);
	const openRun = views.find((run) => (OPEN_RUN_STATUSES as readonly string[]).includes(run.status)) ?? null;
	const progressToken = openRun ? await projectProgressToken(video, row.id) : undefined;
	return renderPage(
		c,
		<ProjectPage
			viewer={c.var.viewer}
			csrfToken={csrfToken}
			project={projectDetailView(row, scenes)}
			runs={views}
			openRun={openRun}
			progressToken={progressToken}
			mediaTools={tools}
			brands={picks.brands}
			templates={picks.templates}
			currency={video.config.currency}
			notice={options.notice}
			error={options.problem?.message}
		/>,
		options.problem?.status ?? 200,
	);
}

/** The guided start at its step: the brand, then the template, then the keyword. */
async function showStart(c: Ctx, query: z.infer<typeof StartQuery>, options: { problem?: Problem; values?: Record<string, string> } = {}) {
	const { db } = c.var.deps.video;
	const { user, csrfToken } = signedInUser(c);
	const [picks, tools] = await Promise.all([choices(c, user.id), mediaTools(c)]);
	// A brand or template that is not the user's is `404`, as everywhere else.
	const brandRow = query.brand && query.brand !== "none" ? await brandForScript(db, user.id, query.brand) : null;
	const template = query.template ? await resolveTemplate(db, user.id, query.template) : null;
	const step = query.brand === undefined ? "brand" : template === null ? "template" : "video";
	return renderPage(
		c,
		<OnboardingPage
			viewer={c.var.viewer}
			csrfToken={csrfToken}
			step={step}
			brands={picks.brands}
			templates={picks.templates}
			brand={brandRow ? { id: brandRow.id, name: brandRow.name } : null}
			template={template ? { id: template.id, name: template.name, description: template.description, sceneCount: template.structure.scenes.length } : null}
			mediaTools={tools}
			error={options.problem?.message}
			values={options.values}
		/>,
		options.problem?.status ?? 200,
	);
}

function projectPath(id: string, notice?: ProjectNotice): string {
	return `/video/projects/${encodeURIComponent(id)}${notice ? `?notice=${notice}` : ""}`;
}

/**
 * The short-video pages (docs/video.md "Projects and pages"): `/video` (the projects list),
 * `/video/start` (the guided start) and `/video/projects/:id` (the project page), in Korean and
 * English. Every action is a plain form (`_csrf`, checked by `requireUser`) calling the same
 * functions as the JSON API: the projects' (src/video/projects) and the pipeline's `startRun`
 * and `regenerateScene`; success redirects with a notice (303), a refusal shows the page again
 * with the message in the reader's language.
 */
export const videoPages = new Hono<AppEnv>()
	.get("/", userPage, loadViewer, validate("query", ListQuery), async (c) => {
		const query = c.req.valid("query");
		return showList(c, { status: query.status, page: query.page, notice: query.notice });
	})
	.post("/projects", requireUser, loadViewer, validate("form", ProjectForm), async (c) => {
		const { db, now } = c.var.deps.video;
		const form = c.req.valid("form");
		const result = await attempt(c, () =>
			createProject(
				db,
				signedInUser(c).user.id,
				parseInput(ProjectCreate, {
					type: "shortform",
					title: form.title,
					keyword: form.keyword,
					aspect: form.aspect || undefined,
					duration_s: numberField(form.duration_s),
					language: form.language || undefined,
					brand_profile_id: form.brand_profile_id || null,
					template_id: form.template_id || null,
				}),
				now(),
			),
		);
		if (!result.ok) return showList(c, { problem: result.problem, values: form });
		return c.redirect(projectPath(result.value.id, "created"), 303);
	})
	.get("/start", userPage, loadViewer, validate("query", StartQuery), async (c) => showStart(c, c.req.valid("query")))
	.post("/start/brand", requireUser, loadViewer, validate("form", BrandForm), async (c) => {
		const { db, now } = c.var.deps.video;
		const form = c.req.valid("form");
		const result = await attempt(c, () =>
			createBrand(
				db,
				signedInUser(c).user.id,
				parseInput(BrandCreate, {
					name: form.name,
					tone: form.tone || undefined,
					text_color: form.text_color || undefined,
					accent_color: form.accent_color || undefined,
					target_audience: form.target_audience,
				}),
				now(),
			),
		);
		if (!result.ok) return showStart(c, {}, { problem: result.problem, values: form });
		return c.redirect(`/video/start?brand=${encodeURIComponent(result.value.id)}`, 303);
	})
	.post("/start/video", requireUser, loadViewer, validate("form", StartForm), async (c) => {
		const { video } = c.var.deps;
		const userId = signedInUser(c).user.id;
		const form = c.req.valid("form");
		const query = { brand: form.brand_profile_id || "none", template: form.template_id || DEFAULT_TEMPLATE_ID };
		const keyword = form.keyword.trim();
		const created = await attempt(c, () =>
			createProject(
				video.db,
				userId,
				parseInput(ProjectCreate, {
					type: "shortform",
					title: (form.title.trim() || keyword).slice(0, 120),
					keyword,
					duration_s: numberField(form.duration_s),
					brand_profile_id: form.brand_profile_id || null,
					template_id: form.template_id || null,
				}),
				video.now(),
			),
		);
		if (!created.ok) return showStart(c, query, { problem: created.problem, values: form });
		// The project exists from here on: a refused run (plan limit, rate limit) is told on its page.
		const started = await attempt(c, () => startRun(video, userId, created.value.id, "all"));
		if (!started.ok) return showProject(c, created.value.id, { problem: started.problem });
		return c.redirect(projectPath(created.value.id, "started"), 303);
	})
	.get("/projects/:id", userPage, loadViewer, validate("param", IdParams), validate("query", z.object({ notice: Notice })), async (c) =>
		showProject(c, c.req.valid("param").id, { notice: c.req.valid("query").notice }),
	)
	.post("/projects/:id/settings", requireUser, loadViewer, validate("param", IdParams), validate("form", ProjectForm), async (c) => {
		const { video } = c.var.deps;
		const userId = signedInUser(c).user.id;
		const { id } = c.req.valid("param");
		const form = c.req.valid("form");
		const result = await attempt(c, async () => {
			const row = await ownProject(video.db, userId, id);
			// The form shows the default template for a project without one: choosing it again is no change.
			const templateId = form.template_id && form.template_id !== (row.templateId ?? DEFAULT_TEMPLATE_ID) ? form.template_id : undefined;
			const input = parseInput(ProjectUpdate, {
				title: form.title,
				keyword: form.keyword,
				aspect: form.aspect || undefined,
				duration_s: numberField(form.duration_s),
				brand_profile_id: form.brand_profile_id || null,
				template_id: templateId,
			});
			return updateProject(video, userId, id, input, video.now());
		});
		if (!result.ok) return showProject(c, id, { problem: result.problem });
		return c.redirect(projectPath(id, "saved"), 303);
	})
	.post("/projects/:id/script", requireUser, loadViewer, validate("param", IdParams), validate("form", ScriptForm), async (c) => {
		const { video } = c.var.deps;
		const { id } = c.req.valid("param");
		const script = c.req.valid("form").script;
		const result = await attempt(c, () => updateProject(video, signedInUser(c).user.id, id, parseInput(ProjectUpdate, { script }), video.now()));
		if (!result.ok) return showProject(c, id, { problem: result.problem });
		return c.redirect(projectPath(id, "scriptSaved"), 303);
	})
	.post("/projects/:id/generate/:scope", requireUser, loadViewer, validate("param", ScopeParams), async (c) => {
		const { video } = c.var.deps;
		const { id, scope } = c.req.valid("param");
		const result = await attempt(c, () => startRun(video, signedInUser(c).user.id, id, scope));
		if (!result.ok) return showProject(c, id, { problem: result.problem });
		return c.redirect(projectPath(id, "started"), 303);
	})
	.post("/projects/:id/scenes/:position/regenerate", requireUser, loadViewer, validate("param", SceneParams), async (c) => {
		const { video } = c.var.deps;
		const { id, position } = c.req.valid("param");
		const result = await attempt(c, () => regenerateScene(video, signedInUser(c).user.id, id, position));
		if (!result.ok) return showProject(c, id, { problem: result.problem });
		return c.redirect(projectPath(id, "sceneStarted"), 303);
	})
	.post("/projects/:id/delete", requireUser, loadViewer, validate("param", IdParams), async (c) => {
		const { id } = c.req.valid("param");
		const result = await attempt(c, () => deleteProject(c.var.deps.video, signedInUser(c).user.id, id));
		if (!result.ok) return showProject(c, id, { problem: result.problem });
		return c.redirect("/video?notice=deleted", 303);
	});
