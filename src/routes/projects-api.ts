import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import {
	createProject,
	deleteProject,
	listProjects,
	ownProject,
	ProjectCreate,
	ProjectListQuery,
	ProjectUpdate,
	projectScenesOf,
	updateProject,
} from "../video/projects/projects";
import { type StoredFile, streamStoredFile } from "../video/projects/stream";
import { projectDetailView, projectView, srtToVtt } from "../video/projects/view";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const SceneParams = IdParams.extend({ position: z.coerce.number().int().min(0).max(99) });
/** `?detail=1`: the project with its scenes, voice preview, script source and QA report (the project page's data). */
const DetailQuery = z.object({ detail: z.enum(["0", "1"]).optional() });

const NO_STORE = { "Cache-Control": "no-store" };
const missing = (what: string) => new AppError(404, "NOT_FOUND", `The project has no ${what} yet.`);

/** Streams one of the owner's files; a file not made yet is `404`. */
function stream(c: Context<AppEnv>, file: StoredFile | null, what: string) {
	if (!file) throw missing(what);
	return streamStoredFile(c.var.deps.video.files, file, c.req.raw);
}

/**
 * `/api/projects` (API.md "Short videos"): the signed-in user's projects (CRUD, filters and
 * pages) and the streams of what their runs made: the MP4 (Range), the thumbnail, the voice
 * (WAV preview) and each scene's image, to the owner only (anyone else: `404`). The pipeline's
 * routes (`/:id/generate-*`, status, runs) are src/routes/project-runs-api.ts, mounted first;
 * the guard is on each route, not `use`d, so it never runs a second time on theirs.
 */
export const projectsApi = new Hono<AppEnv>()
	.get("/", requireUser, validate("query", ProjectListQuery), async (c) => {
		const query = c.req.valid("query");
		const { rows, total } = await listProjects(c.var.deps.video.db, signedInUser(c).user.id, query);
		return c.json({ projects: rows.map(projectView), total, page: query.page, limit: query.limit }, 200, NO_STORE);
	})
	.post("/", requireUser, validate("json", ProjectCreate), async (c) => {
		const { db, now } = c.var.deps.video;
		const row = await createProject(db, signedInUser(c).user.id, c.req.valid("json"), now());
		return c.json({ project: projectView(row) }, 201);
	})
	.get("/:id", requireUser, validate("param", IdParams), validate("query", DetailQuery), async (c) => {
		const { db } = c.var.deps.video;
		const row = await ownProject(db, signedInUser(c).user.id, c.req.valid("param").id);
		if (c.req.valid("query").detail !== "1") return c.json({ project: projectView(row) }, 200, NO_STORE);
		return c.json({ project: projectDetailView(row, await projectScenesOf(db, row.id)) }, 200, NO_STORE);
	})
	.patch("/:id", requireUser, validate("param", IdParams), validate("json", ProjectUpdate), async (c) => {
		const { video } = c.var.deps;
		const row = await updateProject(video, signedInUser(c).user.id, c.req.valid("param").id, c.req.valid("json"), video.now());
		return c.json({ project: projectView(row) });
	})
	.delete("/:id", requireUser, validate("param", IdParams), async (c) => {
		await deleteProject(c.var.deps.video, signedInUser(c).user.id, c.req.valid("param").id);
		return c.body(null, 204);
	})
	.on(["GET", "HEAD"], "/:id/video", requireUser, validate("param", IdParams), async (c) => {
		const row = await ownProject(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("param").id);
		const file = row.videoR2Key ? { key: row.videoR2Key, sha256: row.videoSha256, size: row.videoSize, contentType: "video/mp4" } : null;
		return stream(c, file, "video");
	})
	.on(["GET", "HEAD"], "/:id/thumbnail", requireUser, validate("param", IdParams), async (c) => {
		const row = await ownProject(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("param").id);
		const file = row.thumbnailR2Key ? { key: row.thumbnailR2Key, sha256: row.thumbnailSha256, size: row.thumbnailSize, contentType: "image/jpeg" } : null;
		return stream(c, file, "thumbnail");
	})
	.on(["GET", "HEAD"], "/:id/voice", requireUser, validate("param", IdParams), async (c) => {
		const row = await ownProject(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("param").id);
		const file = row.voiceR2Key ? { key: row.voiceR2Key, sha256: row.voiceSha256, size: row.voiceSize, contentType: "audio/wav" } : null;
		return stream(c, file, "voice");
	})
	.get("/:id/captions.vtt", requireUser, validate("param", IdParams), async (c) => {
		const row = await ownProject(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.body(srtToVtt(row.subtitlesSrt), 200, { "Content-Type": "text/vtt; charset=utf-8", "Cache-Control": "private, no-cache" });
	})
	.on(["GET", "HEAD"], "/:id/scenes/:position/image", requireUser, validate("param", SceneParams), async (c) => {
		const { db, files } = c.var.deps.video;
		const { id, position } = c.req.valid("param");
		const row = await ownProject(db, signedInUser(c).user.id, id);
		const scene = (await projectScenesOf(db, row.id)).find((s) => s.position === position);
		if (!scene?.imageR2Key) throw missing("image for this scene");
		// Images come from the generator or the cache in PNG or JPEG; R2 kept the type they were stored with.
		const head = await files.head(scene.imageR2Key);
		if (!head) throw missing("image for this scene");
		const contentType = head.httpMetadata?.contentType?.startsWith("image/") ? head.httpMetadata.contentType : "image/png";
		return stream(c, { key: scene.imageR2Key, sha256: scene.imageSha256, size: scene.imageSize ?? head.size, contentType }, "image for this scene");
	});
