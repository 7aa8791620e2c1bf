import { and, count, desc, eq, ne, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { projectScenes, projects } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { deletePrefix } from "../../r2/delete-prefix";
import { VideoAspect } from "../../shared/gpu-jobs";
import { type PipelineStep, ProjectStatus, ProjectType } from "../../shared/video";
import { brandForScript } from "../brands/brands";
import { invalidateFrom } from "../pipeline/invalidate";
import { projectFilesPrefix } from "../pipeline/keys";
import { resolveTemplate } from "../templates/templates";
import type { ProjectRow, SceneRow } from "./view";

/** The bounds of a project's length (API.md: 15..60 s, default 30). */
export const PROJECT_DURATION = { min: 15, max: 60, default: 30 } as const;

const fields = {
	title: z.string().trim().min(1).max(120),
	keyword: z.string().trim().max(200),
	brand_profile_id: z.string().min(1).max(64).nullable(),
	template_id: z.string().min(1).max(64).nullable(),
	aspect: VideoAspect,
	duration_s: z.int().min(PROJECT_DURATION.min).max(PROJECT_DURATION.max),
	language: z.enum(["ko", "en"]),
};

/** `POST /api/projects` (API.md "Short videos"). */
export const ProjectCreate = z.strictObject({
	type: ProjectType,
	title: fields.title,
	keyword: fields.keyword.default(""),
	brand_profile_id: fields.brand_profile_id.optional(),
	template_id: fields.template_id.optional(),
	aspect: fields.aspect.default("9:16"),
	duration_s: fields.duration_s.default(PROJECT_DURATION.default),
	language: fields.language.default("ko"),
});
export type ProjectCreate = z.infer<typeof ProjectCreate>;

/** `PATCH /api/projects/:id`: any of the settings, and the script as the user wrote it. */
export const ProjectUpdate = z
	.strictObject({
		title: fields.title,
		keyword: fields.keyword,
		brand_profile_id: fields.brand_profile_id,
		template_id: fields.template_id,
		aspect: fields.aspect,
		duration_s: fields.duration_s,
		language: fields.language,
		script: z.string().trim().min(1).max(5000),
	})
	.partial();
export type ProjectUpdate = z.infer<typeof ProjectUpdate>;

/** `GET /api/projects?type=&status=&page=&limit=`. */
export const ProjectListQuery = z.object({
	type: ProjectType.optional(),
	status: ProjectStatus.optional(),
	page: z.coerce.number().int().min(1).max(10_000).default(1),
	limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

const notFound = () => new AppError(404, "NOT_FOUND", "No such project.");
const busy = () => new AppError(409, "CONFLICT", "The project is being generated; wait for the run to end.");

/** The user's project; another user's is `404` as if it did not exist. */
export async function ownProject(db: Db, userId: string, projectId: string): Promise<ProjectRow> {
	const row = await db.query.projects.findFirst({ where: and(eq(projects.id, projectId), eq(projects.userId, userId)) });
	if (!row) throw notFound();
	return row;
}

/** The project's scenes in order. */
export function projectScenesOf(db: Db, projectId: string): Promise<SceneRow[]> {
	return db.query.projectScenes.findMany({ where: eq(projectScenes.projectId, projectId), orderBy: [projectScenes.position] });
}

/** The brand and template must be the user's own (or a built-in template): `404` otherwise. */
async function checkLinks(db: Db, userId: string, input: { brand_profile_id?: string | null; template_id?: string | null }): Promise<void> {
	if (input.brand_profile_id) await brandForScript(db, userId, input.brand_profile_id);
	if (input.template_id) await resolveTemplate(db, userId, input.template_id);
}

export async function createProject(db: Db, userId: string, input: ProjectCreate, now: Date): Promise<ProjectRow> {
	await checkLinks(db, userId, input);
	const at = now.toISOString();
	const [row] = await db
		.insert(projects)
		.values({
			id: newId("proj"),
			userId,
			type: input.type,
			title: input.title,
			keyword: input.keyword,
			aspect: input.aspect,
			durationS: input.duration_s,
			language: input.language,
			brandProfileId: input.brand_profile_id ?? null,
			templateId: input.template_id ?? null,
			createdAt: at,
			updatedAt: at,
		})
		.returning();
	if (!row) throw new Error("The project was not stored.");
	return row;
}

/** The user's projects, newest first, one page of them, and how many match in all. */
export async function listProjects(db: Db, userId: string, query: ProjectListQuery): Promise<{ rows: ProjectRow[]; total: number }> {
	const conditions: SQL[] = [eq(projects.userId, userId)];
	if (query.type) conditions.push(eq(projects.type, query.type));
	if (query.status) conditions.push(eq(projects.status, query.status));
	const where = and(...conditions);
	const [rows, [totals]] = await Promise.all([
		db.query.projects.findMany({
			where,
			orderBy: [desc(projects.createdAt), desc(projects.id)],
			limit: query.limit,
			offset: (query.page - 1) * query.limit,
		}),
		db.select({ total: count() }).from(projects).where(where),
	]);
	return { rows, total: totals?.total ?? 0 };
}

/**
 * The earliest step whose output an edit makes stale, or null when none is: the script is
 * written from the keyword, brand, template, length and language (a script the user wrote is
 * kept when only the brand changes: its colours and voice are used from the voice step on);
 * the scene images follow the script and the aspect.
 */
export function staleFrom(row: ProjectRow, input: ProjectUpdate): PipelineStep | null {
	const changed = <K extends keyof ProjectUpdate>(key: K, current: unknown) => input[key] !== undefined && input[key] !== current;
	const scriptInputs =
		changed("keyword", row.keyword) || changed("template_id", row.templateId) || changed("duration_s", row.durationS) || changed("language", row.language);
	if (scriptInputs && input.script === undefined) return "script";
	if (changed("brand_profile_id", row.brandProfileId) && input.script === undefined && row.scriptSource !== "user") return "script";
	if (scriptInputs || changed("script", row.script) || changed("aspect", row.aspect)) return "images";
	if (changed("brand_profile_id", row.brandProfileId)) return "voice";
	return null;
}

/**
 * Applies an edit (refused `409` while a run works on the project). Outputs an edit makes stale
 * are cleared through the pipeline's `invalidateFrom` (and their R2 objects deleted when
 * nothing else uses them), so the next run makes them again; a
 * script sent here becomes the project's script, marked as the user's.
 */
export async function updateProject(
	deps: { db: Db; files: R2Bucket },
	userId: string,
	projectId: string,
	input: ProjectUpdate,
	now: Date,
): Promise<ProjectRow> {
	const { db, files } = deps;
	const row = await ownProject(db, userId, projectId);
	if (row.status === "processing") throw busy();
	await checkLinks(db, userId, input);
	const stale = staleFrom(row, input);
	// The cleared files are this project's own (content-addressed under its prefix): nothing else points at them.
	const cleared = stale ? await invalidateFrom(db, projectId, stale) : [];
	const [updated] = await db
		.update(projects)
		.set({
			...(input.title !== undefined && { title: input.title }),
			...(input.keyword !== undefined && { keyword: input.keyword }),
			...(input.brand_profile_id !== undefined && { brandProfileId: input.brand_profile_id }),
			...(input.template_id !== undefined && { templateId: input.template_id }),
			...(input.aspect !== undefined && { aspect: input.aspect }),
			...(input.duration_s !== undefined && { durationS: input.duration_s }),
			...(input.language !== undefined && { language: input.language }),
			...(input.script !== undefined && input.script !== row.script && { script: input.script, scriptSource: "user" as const }),
			// A project whose outputs went stale has no finished video any more: back to a draft.
			...(stale && row.status !== "published" && { status: "draft" as const }),
			updatedAt: now.toISOString(),
		})
		// The status is checked again here: a run may have started since the read above.
		.where(and(eq(projects.id, projectId), eq(projects.userId, userId), ne(projects.status, "processing")))
		.returning();
	if (!updated) throw busy();
	if (cleared.length > 0) await files.delete(cleared);
	return updated;
}

/**
 * Deletes the user's project (refused `409` while a run works on it): its row first (scenes and
 * runs go with it), then every file under its prefix (src/video/pipeline/keys.ts: the pipeline
 * keeps each project's files apart, and the image cache's own copies elsewhere). The row goes
 * first so a failed R2 call leaves a stray object, never a project pointing at nothing.
 */
export async function deleteProject(deps: { db: Db; files: R2Bucket }, userId: string, projectId: string): Promise<{ deletedObjects: number }> {
	const { db, files } = deps;
	const row = await ownProject(db, userId, projectId);
	if (row.status === "processing") throw busy();
	const deleted = await db
		.delete(projects)
		.where(and(eq(projects.id, projectId), eq(projects.userId, userId), ne(projects.status, "processing")))
		.returning({ id: projects.id });
	if (deleted.length === 0) throw busy();
	return { deletedObjects: await deletePrefix(files, projectFilesPrefix(projectId)) };
}
