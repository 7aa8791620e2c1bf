import { env } from "cloudflare:workers";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { brandProfiles, imageCache, projectScenes, projects } from "../../src/db/video-schema";
import { newId } from "../../src/lib/ids";
import { imageCacheObjectKey, projectFilesPrefix } from "../../src/video/pipeline/keys";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

/** The projects' CRUD and streams (API.md "Short videos"; src/routes/projects-api.ts). */

const db = () => getDb(env.DB);
const PROJECT_KEYS = ["aspect", "created_at", "duration_s", "id", "keyword", "status", "title", "type", "updated_at"];

async function json<T>(res: Response, status: number): Promise<T> {
	const text = await res.text();
	expect(res.status, text).toBe(status);
	return (text ? JSON.parse(text) : undefined) as T;
}

async function errorCode(res: Response, status: number): Promise<string> {
	return (await json<{ error: { code: string } }>(res, status)).error.code;
}

type Project = Record<string, unknown> & { id: string; status: string; video?: Record<string, unknown>; script?: string };

async function countProjects(userId: string): Promise<number> {
	const [row] = await db().select({ n: count() }).from(projects).where(eq(projects.userId, userId));
	return row?.n ?? 0;
}

async function putFile(key: string, bytes: Uint8Array, contentType: string) {
	await env.FILES.put(key, bytes, { httpMetadata: { contentType } });
}

const VIDEO_BYTES = new Uint8Array(Array.from({ length: 100 }, (_, i) => i));

/**
 * A finished project seeded straight in D1 and R2: script, two scenes with images, voice,
 * video, thumbnail and QA. `sharedKey`: a scene image also held by the image cache.
 */
async function seedReadyProject(who: TestUser, status: "ready" | "processing" = "ready") {
	const id = newId("proj");
	// As the pipeline lays them out: the project's files under its prefix, the cache's own copy apart.
	const base = projectFilesPrefix(id);
	const keys = {
		voice: `${base}voice-a.wav`,
		video: `${base}video-b.mp4`,
		thumbnail: `${base}thumbnail-c.jpg`,
		scene0: `${base}scene-0-d.png`,
		scene1: `${base}scene-1-e.png`,
		shared: imageCacheObjectKey(`ck-${id}`),
	};
	await putFile(keys.voice, new Uint8Array([82, 73, 70, 70, 1, 2, 3]), "audio/wav");
	await putFile(keys.video, VIDEO_BYTES, "video/mp4");
	await putFile(keys.thumbnail, new Uint8Array([0xff, 0xd8, 0xff, 1]), "image/jpeg");
	await putFile(keys.scene0, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1]), "image/png");
	await putFile(keys.scene1, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 2]), "image/png");
	await putFile(keys.shared, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 2]), "image/png");
	await db()
		.insert(projects)
		.values({
			id,
			userId: who.user.id,
			title: "라떼 아트",
			keyword: "홈카페 라떼",
			status,
			script: "[INTRO 0:00–0:03] 안녕하세요. [MAIN 0:03–0:25] 라떼 아트. [OUTRO 0:25–0:30] 구독!",
			scriptSource: "template",
			voiceR2Key: keys.voice,
			voiceSha256: "a".repeat(64),
			voiceSize: 7,
			voiceTimings: "{}",
			videoR2Key: keys.video,
			videoSha256: "b".repeat(64),
			videoSize: VIDEO_BYTES.length,
			videoDurationMs: 30_120,
			videoWidth: 1080,
			videoHeight: 1920,
			thumbnailR2Key: keys.thumbnail,
			thumbnailSha256: "c".repeat(64),
			thumbnailSize: 4,
			subtitlesSrt: "1\n00:00:00,000 --> 00:00:03,000\n안녕하세요.\n",
			qaReport: JSON.stringify({ passed: true, checks: [{ name: "duration", passed: true, detail: "30.1 s" }] }),
		});
	await db()
		.insert(projectScenes)
		.values([
			{
				projectId: id,
				position: 0,
				section: "INTRO",
				text: "안녕하세요.",
				imagePrompt: "latte",
				startMs: 0,
				endMs: 3000,
				imageR2Key: keys.scene0,
				imageSha256: "d".repeat(64),
				imageSize: 5,
			},
			{
				projectId: id,
				position: 1,
				section: "MAIN",
				text: "라떼 아트.",
				imagePrompt: "art",
				startMs: 3000,
				endMs: 30000,
				imageR2Key: keys.scene1,
				imageSha256: "e".repeat(64),
				imageSize: 5,
			},
		]);
	await db()
		.insert(imageCache)
		.values({ cacheKey: `ck-${id}`, userId: who.user.id, r2Key: keys.shared, sha256: "e".repeat(64), size: 5, costCents: 4 });
	return { id, keys };
}

async function exists(key: string): Promise<boolean> {
	return (await env.FILES.head(key)) !== null;
}

describe("projects: create, list, read", () => {
	it("creates a project with the API.md shape and defaults; refuses bad fields (400) and others' brands (404) storing nothing", async () => {
		const owner = await createTestUser();
		const other = await createTestUser();
		const created = await json<{ project: Project }>(
			await userApi(owner, "/api/projects", { method: "POST", json: { type: "shortform", title: "첫 영상", keyword: "제주 여행" } }),
			201,
		);
		expect(Object.keys(created.project).sort()).toEqual(PROJECT_KEYS);
		expect(created.project).toMatchObject({ type: "shortform", title: "첫 영상", keyword: "제주 여행", status: "draft", aspect: "9:16", duration_s: 30 });
		const stored = await db().query.projects.findFirst({ where: eq(projects.id, created.project.id) });
		expect(stored).toMatchObject({ userId: owner.user.id, aspect: "9:16", durationS: 30, templateId: null, brandProfileId: null });

		const before = await countProjects(owner.user.id);
		for (const body of [
			{ type: "shortform", title: "x", duration_s: 14 },
			{ type: "shortform", title: "x", duration_s: 61 },
			{ type: "shortform", title: "x", aspect: "4:3" },
			{ title: "no type" },
			{ type: "shortform", title: "" },
			{ type: "shortform", title: "x", extra: 1 },
		]) {
			expect(await errorCode(await userApi(owner, "/api/projects", { method: "POST", json: body }), 400)).toBe("VALIDATION_FAILED");
		}
		const brandId = newId("brand");
		await db().insert(brandProfiles).values({
			id: brandId,
			userId: other.user.id,
			name: "남의 브랜드",
			tone: "casual",
			primaryColor: "#000000",
			accentColor: "#111111",
			textColor: "#ffffff",
			font: "Noto Sans CJK KR",
		});
		expect(
			await errorCode(await userApi(owner, "/api/projects", { method: "POST", json: { type: "shortform", title: "x", brand_profile_id: brandId } }), 404),
		).toBe("NOT_FOUND");
		expect(
			await errorCode(await userApi(owner, "/api/projects", { method: "POST", json: { type: "shortform", title: "x", template_id: "tpl_nope" } }), 404),
		).toBe("NOT_FOUND");
		expect(await countProjects(owner.user.id)).toBe(before);

		const withTemplate = await json<{ project: Project }>(
			await userApi(owner, "/api/projects", {
				method: "POST",
				json: { type: "shortform", title: "리스트", template_id: "builtin-listicle", aspect: "1:1", duration_s: 60 },
			}),
			201,
		);
		expect(withTemplate.project).toMatchObject({ aspect: "1:1", duration_s: 60 });
		expect((await db().query.projects.findFirst({ where: eq(projects.id, withTemplate.project.id) }))?.templateId).toBe("builtin-listicle");
		// Signed out: 401.
		const anonymous = await userApi({ ...owner, cookie: "" }, "/api/projects");
		expect(anonymous.status).toBe(401);
	});

	it("lists the owner's projects newest first with filters and pages; reads one; others get 404", async () => {
		const owner = await createTestUser();
		const other = await createTestUser();
		const ids: string[] = [];
		for (const [i, status] of (["draft", "ready", "failed"] as const).entries()) {
			const id = newId("proj");
			ids.push(id);
			await db()
				.insert(projects)
				.values({ id, userId: owner.user.id, title: `p${i}`, status, createdAt: `2026-01-0${i + 1}T00:00:00.000Z` });
		}
		const all = await json<{ projects: Project[]; total: number; page: number; limit: number }>(await userApi(owner, "/api/projects"), 200);
		expect(Object.keys(all).sort()).toEqual(["limit", "page", "projects", "total"]);
		expect(all).toMatchObject({ total: 3, page: 1, limit: 20 });
		expect(all.projects.map((p) => p.id)).toEqual([...ids].reverse());
		const page2 = await json<{ projects: Project[]; total: number }>(await userApi(owner, "/api/projects?limit=2&page=2"), 200);
		expect(page2.total).toBe(3);
		expect(page2.projects.map((p) => p.id)).toEqual([ids[0]]);
		const ready = await json<{ projects: Project[]; total: number }>(await userApi(owner, "/api/projects?status=ready&type=shortform"), 200);
		expect(ready.projects.map((p) => p.id)).toEqual([ids[1]]);
		expect(ready.total).toBe(1);
		expect(await errorCode(await userApi(owner, "/api/projects?limit=101"), 400)).toBe("VALIDATION_FAILED");
		expect(await errorCode(await userApi(owner, "/api/projects?status=done"), 400)).toBe("VALIDATION_FAILED");
		expect((await json<{ total: number }>(await userApi(other, "/api/projects"), 200)).total).toBe(0);

		const one = await json<{ project: Project }>(await userApi(owner, `/api/projects/${ids[1]}`), 200);
		expect(Object.keys(one.project).sort()).toEqual(PROJECT_KEYS);
		expect(await errorCode(await userApi(other, `/api/projects/${ids[1]}`), 404)).toBe("NOT_FOUND");
	});

	it("shows script and video once made, and the detail view with scenes, voice and QA", async () => {
		const owner = await createTestUser();
		const { id } = await seedReadyProject(owner);
		const { project } = await json<{ project: Project }>(await userApi(owner, `/api/projects/${id}`), 200);
		expect(Object.keys(project).sort()).toEqual([...PROJECT_KEYS, "script", "video"].sort());
		expect(project.video).toEqual({
			url: `/api/projects/${id}/video`,
			thumbnail_url: `/api/projects/${id}/thumbnail`,
			duration_s: 30.12,
			width: 1080,
			height: 1920,
		});
		const detail = await json<{ project: Project & { scenes: { image_url: string | null }[]; voice_url: string; qa: { passed: boolean } } }>(
			await userApi(owner, `/api/projects/${id}?detail=1`),
			200,
		);
		expect(detail.project.scenes.map((s) => s.image_url)).toEqual([`/api/projects/${id}/scenes/0/image`, `/api/projects/${id}/scenes/1/image`]);
		expect(detail.project.voice_url).toBe(`/api/projects/${id}/voice`);
		expect(detail.project.qa.passed).toBe(true);
	});
});

describe("projects: edit and delete", () => {
	it("PATCH changes settings; a new script clears the later outputs and their unshared R2 objects; 409 while processing; others 404", async () => {
		const owner = await createTestUser();
		const other = await createTestUser();
		const { id, keys } = await seedReadyProject(owner);
		const renamed = await json<{ project: Project }>(await userApi(owner, `/api/projects/${id}`, { method: "PATCH", json: { title: "새 제목" } }), 200);
		expect(renamed.project).toMatchObject({ title: "새 제목", status: "ready" });
		expect(renamed.project.video).toBeDefined();
		expect(await errorCode(await userApi(owner, `/api/projects/${id}`, { method: "PATCH", json: { duration_s: 14 } }), 400)).toBe("VALIDATION_FAILED");
		expect(await errorCode(await userApi(other, `/api/projects/${id}`, { method: "PATCH", json: { title: "x" } }), 404)).toBe("NOT_FOUND");

		const script = "[INTRO 0:00–0:03] 새 대본. [MAIN 0:03–0:25] 본문. [OUTRO 0:25–0:30] 끝.";
		const edited = await json<{ project: Project }>(await userApi(owner, `/api/projects/${id}`, { method: "PATCH", json: { script } }), 200);
		expect(edited.project).toMatchObject({ script, status: "draft" });
		expect(edited.project.video).toBeUndefined();
		const row = await db().query.projects.findFirst({ where: eq(projects.id, id) });
		expect(row).toMatchObject({ script, scriptSource: "user", voiceR2Key: null, videoR2Key: null, thumbnailR2Key: null, qaReport: null, subtitlesSrt: null });
		expect(await db().query.projectScenes.findMany({ where: eq(projectScenes.projectId, id) })).toEqual([]);
		expect(await exists(keys.voice)).toBe(false);
		expect(await exists(keys.video)).toBe(false);
		expect(await exists(keys.thumbnail)).toBe(false);
		expect(await exists(keys.scene0)).toBe(false);
		expect(await exists(keys.scene1)).toBe(false);
		// The image cache keeps its own copy: other projects reuse it.
		expect(await exists(keys.shared)).toBe(true);

		const busy = await seedReadyProject(owner, "processing");
		expect(await errorCode(await userApi(owner, `/api/projects/${busy.id}`, { method: "PATCH", json: { script } }), 409)).toBe("CONFLICT");
		const unchanged = await db().query.projects.findFirst({ where: eq(projects.id, busy.id) });
		expect(unchanged?.scriptSource).toBe("template");
		expect(await exists(busy.keys.video)).toBe(true);
	});

	it("changing the aspect clears the images; changing the length clears the script too", async () => {
		const owner = await createTestUser();
		const a = await seedReadyProject(owner);
		await json(await userApi(owner, `/api/projects/${a.id}`, { method: "PATCH", json: { aspect: "16:9" } }), 200);
		const rowA = await db().query.projects.findFirst({ where: eq(projects.id, a.id) });
		expect(rowA).toMatchObject({ aspect: "16:9", videoR2Key: null });
		expect(rowA?.script).not.toBeNull();
		expect(await db().query.projectScenes.findMany({ where: eq(projectScenes.projectId, a.id) })).toEqual([]);
		const b = await seedReadyProject(owner);
		await json(await userApi(owner, `/api/projects/${b.id}`, { method: "PATCH", json: { duration_s: 45 } }), 200);
		expect(await db().query.projects.findFirst({ where: eq(projects.id, b.id) })).toMatchObject({
			durationS: 45,
			script: null,
			scriptSource: null,
			voiceR2Key: null,
		});
	});

	it("DELETE removes the rows and the project's own R2 objects (not the cache's); 409 while processing; others 404", async () => {
		const owner = await createTestUser();
		const other = await createTestUser();
		const { id, keys } = await seedReadyProject(owner);
		expect(await errorCode(await userApi(other, `/api/projects/${id}`, { method: "DELETE" }), 404)).toBe("NOT_FOUND");
		expect(await exists(keys.video)).toBe(true);
		const res = await userApi(owner, `/api/projects/${id}`, { method: "DELETE" });
		expect(res.status).toBe(204);
		expect(await db().query.projects.findFirst({ where: eq(projects.id, id) })).toBeUndefined();
		expect(await db().query.projectScenes.findMany({ where: eq(projectScenes.projectId, id) })).toEqual([]);
		for (const key of [keys.voice, keys.video, keys.thumbnail, keys.scene0, keys.scene1]) expect(await exists(key)).toBe(false);
		expect(await exists(keys.shared)).toBe(true);
		expect(await errorCode(await userApi(owner, `/api/projects/${id}`), 404)).toBe("NOT_FOUND");

		const busy = await seedReadyProject(owner, "processing");
		expect(await errorCode(await userApi(owner, `/api/projects/${busy.id}`, { method: "DELETE" }), 409)).toBe("CONFLICT");
		expect(await db().query.projects.findFirst({ where: eq(projects.id, busy.id) })).toBeDefined();
		expect(await exists(busy.keys.video)).toBe(true);
	});
});

describe("projects: the owner's streams", () => {
	it("streams the MP4 with Range (200, 206, 416, 304), the thumbnail, voice, captions and scene images; 404 to others and before they exist", async () => {
		const owner = await createTestUser();
		const other = await createTestUser();
		const { id } = await seedReadyProject(owner);
		const whole = await userApi(owner, `/api/projects/${id}/video`);
		expect(whole.status).toBe(200);
		expect(whole.headers.get("Content-Type")).toBe("video/mp4");
		expect(whole.headers.get("Accept-Ranges")).toBe("bytes");
		expect(whole.headers.get("ETag")).toBe(`"${"b".repeat(64)}"`);
		expect(new Uint8Array(await whole.arrayBuffer())).toEqual(VIDEO_BYTES);

		const part = await userApi(owner, `/api/projects/${id}/video`, { headers: { Range: "bytes=10-19" } });
		expect(part.status).toBe(206);
		expect(part.headers.get("Content-Range")).toBe("bytes 10-19/100");
		expect(part.headers.get("Content-Length")).toBe("10");
		expect(new Uint8Array(await part.arrayBuffer())).toEqual(VIDEO_BYTES.slice(10, 20));
		const tail = await userApi(owner, `/api/projects/${id}/video`, { headers: { Range: "bytes=-5" } });
		expect(tail.status).toBe(206);
		expect(new Uint8Array(await tail.arrayBuffer())).toEqual(VIDEO_BYTES.slice(95));
		const past = await userApi(owner, `/api/projects/${id}/video`, { headers: { Range: "bytes=100-" } });
		expect(past.status).toBe(416);
		expect(past.headers.get("Content-Range")).toBe("bytes */100");
		expect(await errorCode(past, 416)).toBe("RANGE_NOT_SATISFIABLE");
		const cached = await userApi(owner, `/api/projects/${id}/video`, { headers: { "If-None-Match": `"${"b".repeat(64)}"` } });
		expect(cached.status).toBe(304);
		const head = await userApi(owner, `/api/projects/${id}/video`, { method: "HEAD" });
		expect(head.status).toBe(200);
		expect(head.headers.get("Content-Length")).toBe("100");

		const thumb = await userApi(owner, `/api/projects/${id}/thumbnail`);
		expect(thumb.status).toBe(200);
		expect(thumb.headers.get("Content-Type")).toBe("image/jpeg");
		await thumb.arrayBuffer();
		const voice = await userApi(owner, `/api/projects/${id}/voice`);
		expect(voice.headers.get("Content-Type")).toBe("audio/wav");
		expect((await voice.arrayBuffer()).byteLength).toBe(7);
		const image = await userApi(owner, `/api/projects/${id}/scenes/0/image`);
		expect(image.status).toBe(200);
		expect(image.headers.get("Content-Type")).toBe("image/png");
		await image.arrayBuffer();
		const captions = await userApi(owner, `/api/projects/${id}/captions.vtt`);
		expect(captions.headers.get("Content-Type")).toContain("text/vtt");
		expect(await captions.text()).toBe("WEBVTT\n\n1\n00:00:00.000 --> 00:00:03.000\n안녕하세요.\n");

		for (const path of ["video", "thumbnail", "voice", "scenes/0/image", "captions.vtt"]) {
			expect(await errorCode(await userApi(other, `/api/projects/${id}/${path}`), 404)).toBe("NOT_FOUND");
		}
		expect(await errorCode(await userApi(owner, `/api/projects/${id}/scenes/7/image`), 404)).toBe("NOT_FOUND");
		const draft = await json<{ project: Project }>(
			await userApi(owner, "/api/projects", { method: "POST", json: { type: "shortform", title: "빈 프로젝트" } }),
			201,
		);
		for (const path of ["video", "thumbnail", "voice"]) {
			expect(await errorCode(await userApi(owner, `/api/projects/${draft.project.id}/${path}`), 404)).toBe("NOT_FOUND");
		}
	});
});
