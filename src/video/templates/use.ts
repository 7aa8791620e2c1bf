import type { z } from "zod";
import type { Db } from "../../db/client";
import { ProjectType } from "../../shared/video";
import { createProject, ProjectCreate } from "../projects/projects";
import type { ProjectRow } from "../projects/view";
import { countTemplateUse, viewableTemplate } from "./templates";

/** `POST /api/templates/:id/use`: the new project's settings, as `POST /api/projects` takes them (the template is the path's). */
export const TemplateUse = ProjectCreate.omit({ template_id: true, type: true }).extend({ type: ProjectType.default("shortform") });
export type TemplateUse = z.infer<typeof TemplateUse>;

/** Starts a draft project with the template (a built-in or the user's own; `404` otherwise) and counts the use of an own one. */
export async function useTemplate(db: Db, userId: string, templateId: string, input: TemplateUse, now: Date): Promise<ProjectRow> {
	await viewableTemplate(db, userId, templateId);
	const row = await createProject(db, userId, { ...input, template_id: templateId }, now);
	await countTemplateUse(db, userId, templateId);
	return row;
}
