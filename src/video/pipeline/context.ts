import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { brandProfiles } from "../../db/video-schema";
import type { BrandProfileRow } from "../brands/brands";
import type { ProjectRow, SceneRow } from "../projects/view";
import { builtInTemplate, DEFAULT_TEMPLATE_ID, type VideoTemplate } from "../templates/built-in";
import { resolveTemplate } from "../templates/templates";

export type { ProjectRow, SceneRow };
export type BrandRow = BrandProfileRow;

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
	try {
		template = await resolveTemplate(db, project.userId, project.templateId);
	} catch {
		// Keeps the default: the template was deleted after the project chose it.
	}
	return { project, brand, template };
}
