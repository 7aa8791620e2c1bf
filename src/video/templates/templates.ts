import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { videoTemplates } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { TemplateStructure } from "../../shared/video";
import { BUILT_IN_TEMPLATES, builtInTemplate, DEFAULT_TEMPLATE_ID, type VideoTemplate } from "./built-in";

export type VideoTemplateRow = typeof videoTemplates.$inferSelect;

/** A template's structure as a user may write it: 2–12 scenes whose durations add up to 15–60 seconds. */
export const UserTemplateStructure = TemplateStructure.refine(
	(structure) => {
		const total = structure.scenes.reduce((sum, scene) => sum + scene.duration_s, 0);
		return total >= 15 && total <= 60;
	},
	{ message: "The scenes' durations must add up to 15–60 seconds.", path: ["scenes"] },
);

/** The OpenAPI document's example structure: a hook, three tips, a call to action (25 s). */
const EXAMPLE_STRUCTURE: TemplateStructure = {
	layout: "full-bleed",
	scenes: [
		{ section: "INTRO", role: "hook", duration_s: 3 },
		{ section: "MAIN", role: "point", duration_s: 6 },
		{ section: "MAIN", role: "point", duration_s: 6 },
		{ section: "MAIN", role: "point", duration_s: 5 },
		{ section: "OUTRO", role: "cta", duration_s: 5 },
	],
};

/** `POST /api/templates`. */
export const TemplateCreate = z
	.strictObject({
		name: z.string().trim().min(1).max(80),
		description: z.string().trim().max(300).default(""),
		structure: UserTemplateStructure,
	})
	.meta({ example: { name: "세 가지 팁", description: "훅, 팁 세 가지, 행동 유도", structure: EXAMPLE_STRUCTURE } });
export type TemplateCreate = z.infer<typeof TemplateCreate>;

/** `PATCH /api/templates/:id`. */
export const TemplateUpdate = z
	.strictObject({
		name: z.string().trim().min(1).max(80).optional(),
		description: z.string().trim().max(300).optional(),
		structure: UserTemplateStructure.optional(),
	})
	.meta({ example: { name: "네 가지 팁", structure: EXAMPLE_STRUCTURE } });
export type TemplateUpdate = z.infer<typeof TemplateUpdate>;

/** A stored structure; one that no longer parses (a schema change) falls back to the default's. */
function storedStructure(json: string): TemplateStructure {
	const parsed = TemplateStructure.safeParse(JSON.parse(json));
	return parsed.success ? parsed.data : (builtInTemplate(DEFAULT_TEMPLATE_ID) as VideoTemplate).structure;
}

/** A user's template as the pipeline and the pages use it. */
export function templateOfRow(row: VideoTemplateRow): VideoTemplate & { useCount: number; createdAt: string; updatedAt: string } {
	return {
		id: row.id,
		name: row.name,
		description: row.description,
		builtIn: false,
		structure: storedStructure(row.structure),
		useCount: row.useCount,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
	};
}

/** The API's template shape. */
export function templateView(template: ListedTemplate) {
	const durationS = template.structure.scenes.reduce((sum, scene) => sum + scene.duration_s, 0);
	return {
		id: template.id,
		name: template.name,
		description: template.description,
		built_in: template.builtIn,
		structure: template.structure,
		scene_count: template.structure.scenes.length,
		duration_s: Math.round(durationS * 10) / 10,
		use_count: template.useCount ?? null,
		created_at: template.createdAt ?? null,
		updated_at: template.updatedAt ?? null,
	};
}
export type TemplateView = ReturnType<typeof templateView>;

const notFound = () => new AppError(404, "NOT_FOUND", "No such template.");
const readOnly = () => new AppError(403, "FORBIDDEN", "Built-in templates are read-only: duplicate one to change it.");

/** A template in a list: an own one carries its use count and times. */
export type ListedTemplate = VideoTemplate & { useCount?: number; createdAt?: string; updatedAt?: string };

/** The built-ins, then the user's own templates (newest first). */
export async function listTemplates(db: Db, userId: string): Promise<ListedTemplate[]> {
	const own = await db.query.videoTemplates.findMany({
		where: eq(videoTemplates.userId, userId),
		orderBy: [desc(videoTemplates.createdAt), desc(videoTemplates.id)],
	});
	return [...BUILT_IN_TEMPLATES, ...own.map(templateOfRow)];
}

async function ownTemplateRow(db: Db, userId: string, templateId: string): Promise<VideoTemplateRow | undefined> {
	return db.query.videoTemplates.findFirst({ where: and(eq(videoTemplates.id, templateId), eq(videoTemplates.userId, userId)) });
}

/**
 * The template a project uses: the default built-in when it names none, a built-in by id, or
 * the user's own; anything else (unknown, another user's) is `404 NOT_FOUND`.
 */
export async function resolveTemplate(db: Db, userId: string, templateId: string | null): Promise<VideoTemplate> {
	const builtIn = builtInTemplate(templateId ?? DEFAULT_TEMPLATE_ID);
	if (builtIn) return builtIn;
	const row = templateId === null ? undefined : await ownTemplateRow(db, userId, templateId);
	if (!row) throw notFound();
	return templateOfRow(row);
}

/** One template for its viewer: a built-in, or their own (with its use count). */
export async function viewableTemplate(db: Db, userId: string, templateId: string) {
	const builtIn = builtInTemplate(templateId);
	if (builtIn) return builtIn;
	const row = await ownTemplateRow(db, userId, templateId);
	if (!row) throw notFound();
	return templateOfRow(row);
}

export async function createTemplate(db: Db, userId: string, input: TemplateCreate, now: Date) {
	const at = now.toISOString();
	const [row] = await db
		.insert(videoTemplates)
		.values({
			id: newId("vtpl"),
			userId,
			name: input.name,
			description: input.description,
			structure: JSON.stringify(input.structure),
			createdAt: at,
			updatedAt: at,
		})
		.returning();
	if (!row) throw new Error("The template was not stored.");
	return templateOfRow(row);
}

export async function updateTemplate(db: Db, userId: string, templateId: string, input: TemplateUpdate, now: Date) {
	if (builtInTemplate(templateId)) throw readOnly();
	const [row] = await db
		.update(videoTemplates)
		.set({
			...(input.name !== undefined && { name: input.name }),
			...(input.description !== undefined && { description: input.description }),
			...(input.structure !== undefined && { structure: JSON.stringify(input.structure) }),
			updatedAt: now.toISOString(),
		})
		.where(and(eq(videoTemplates.id, templateId), eq(videoTemplates.userId, userId)))
		.returning();
	if (!row) throw notFound();
	return templateOfRow(row);
}

/** Deletes the user's template; projects that named it fall back to the default when they run. */
export async function deleteTemplate(db: Db, userId: string, templateId: string): Promise<void> {
	if (builtInTemplate(templateId)) throw readOnly();
	const deleted = await db
		.delete(videoTemplates)
		.where(and(eq(videoTemplates.id, templateId), eq(videoTemplates.userId, userId)))
		.returning({ id: videoTemplates.id });
	if (deleted.length === 0) throw notFound();
}

/** A copy of a built-in or an own template, as a new own one named "… (copy)". */
export async function duplicateTemplate(db: Db, userId: string, templateId: string, now: Date) {
	const source = await viewableTemplate(db, userId, templateId);
	const suffix = " (copy)";
	const name = `${source.name.slice(0, 80 - suffix.length)}${suffix}`;
	return createTemplate(db, userId, { name, description: source.description, structure: source.structure }, now);
}

/** Counts one use of an own template (built-ins are not counted: they are not rows). */
export async function countTemplateUse(db: Db, userId: string, templateId: string): Promise<void> {
	if (builtInTemplate(templateId)) return;
	await db
		.update(videoTemplates)
		.set({ useCount: sql`${videoTemplates.useCount} + 1` })
		.where(and(eq(videoTemplates.id, templateId), eq(videoTemplates.userId, userId)));
}
