import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";
import { projectView } from "../video/projects/view";
import {
	createTemplate,
	deleteTemplate,
	duplicateTemplate,
	listTemplates,
	TemplateCreate,
	TemplateUpdate,
	templateView,
	updateTemplate,
	viewableTemplate,
} from "../video/templates/templates";
import { TemplateUse, useTemplate } from "../video/templates/use";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const NO_STORE = { "Cache-Control": "no-store" };

/**
 * `/api/templates` (docs/video.md "Library"): the built-in templates (read-only: `403`) and the
 * signed-in user's own (anyone else's: `404`); duplicate any of them into an own copy, or use
 * one: a new draft project with it (`201 {project}`).
 */
export const templatesApi = new Hono<AppEnv>()
	.get("/", requireUser, async (c) => {
		const templates = await listTemplates(c.var.deps.video.db, signedInUser(c).user.id);
		return c.json({ templates: templates.map(templateView) }, 200, NO_STORE);
	})
	.post("/", requireUser, validate("json", TemplateCreate), async (c) => {
		const { db, now } = c.var.deps.video;
		const template = await createTemplate(db, signedInUser(c).user.id, c.req.valid("json"), now());
		return c.json({ template: templateView(template) }, 201);
	})
	.get("/:id", requireUser, validate("param", IdParams), async (c) => {
		const template = await viewableTemplate(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.json({ template: templateView(template) }, 200, NO_STORE);
	})
	.patch("/:id", requireUser, validate("param", IdParams), validate("json", TemplateUpdate), async (c) => {
		const { db, now } = c.var.deps.video;
		const template = await updateTemplate(db, signedInUser(c).user.id, c.req.valid("param").id, c.req.valid("json"), now());
		return c.json({ template: templateView(template) });
	})
	.delete("/:id", requireUser, validate("param", IdParams), async (c) => {
		await deleteTemplate(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.body(null, 204);
	})
	.post("/:id/duplicate", requireUser, validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps.video;
		const template = await duplicateTemplate(db, signedInUser(c).user.id, c.req.valid("param").id, now());
		return c.json({ template: templateView(template) }, 201);
	})
	.post("/:id/use", requireUser, validate("param", IdParams), validate("json", TemplateUse), async (c) => {
		const { db, now } = c.var.deps.video;
		const row = await useTemplate(db, signedInUser(c).user.id, c.req.valid("param").id, c.req.valid("json"), now());
		return c.json({ project: projectView(row) }, 201);
	});
