import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { brandProfiles, projectScenes, projects, videoTemplates } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { TemplateStructure } from "../../shared/video";
import { builtInTemplate, DEFAULT_TEMPLATE_ID, type VideoTemplate } from "../templates/built-in";

export type ProjectRow = typeof projects.$inferSelect;
export type BrandRow = typeof brandProfiles.$inferSelect;
export type SceneRow = typeof projectScenes.$inferSelect;

/** The user's project, or 404 (someone else's project answers exactly like a missing one). */
export async function ownedProject(db: Db, userId: string, projectId: string): Promise<ProjectRow> {
	const row = await db.query.projects.findFirst({ where: and(eq(projects.id, projectId), eq(projects.userId, userId)) });
	if (!row) throw new AppError(404, "NOT_FOUND", "No such project.");
	return row;
}

/** The user's brand profile, or 404 when it is not theirs. */
export async function ownedBrand(db: Db, userId: string, brandId: string): Promise<BrandRow> {
	const row = await db.query.brandProfiles.findFirst({ where: and(eq(brandProfiles.id, brandId), eq(brandProfiles.userId, userId)) });
	if (!row) throw new AppError(404, "NOT_FOUND", "No such brand profile.");
	return row;
}

/** A built-in template, or one of the user's own; 404 otherwise. */
export async function ownedTemplate(db: Db, userId: string, templateId: string): Promise<VideoTemplate> {
	const builtIn = builtInTemplate(templateId);
	if (builtIn) return builtIn;
	const row = await db.query.videoTemplates.findFirst({ where: and(eq(videoTemplates.id, templateId), eq(videoTemplates.userId, userId)) });
	const structure = row ? TemplateStructure.safeParse(JSON.parse(row.structure)) : null;
	if (!row || !structure?.success) throw new AppError(404, "NOT_FOUND", "No such template.");
	return { id: row.id, name: row.name, description: row.description, builtIn: false, structure: structure.data };
}

/** What the steps read of a project: the row, its brand (null when none or deleted) and its template (the default when none). */
export type RunContext = { project: ProjectRow; brand: BrandRow | null; template: VideoTemplate };

/**
 * The project's brand and template as the steps use them. A template deleted since the project
 * chose it falls back to the default one rather than stalling the run.
 */
export async function runContext(db: Db, project: ProjectRow): Promise<RunContext> {
	const brand = project.brandProfileId
		? ((await db.query.brandProfiles.findFirst({ where: and(eq(brandProfiles.id, project.brandProfileId), eq(brandProfiles.userId, project.userId)) })) ?? null)
		: null;
	let template = builtInTemplate(DEFAULT_TEMPLATE_ID) as VideoTemplate;
	if (project.templateId) {
		try {
			template = await ownedTemplate(db, project.userId, project.templateId);
		} catch {
			// Keeps the default: the template was deleted after the project chose it.
		}
	}
	return { project, brand, template };
}

/** The project's scenes in order. */
export async function scenesOf(db: Db, projectId: string): Promise<SceneRow[]> {
	return db.query.projectScenes.findMany({ where: eq(projectScenes.projectId, projectId), orderBy: (scene, { asc }) => [asc(scene.position)] });
}
