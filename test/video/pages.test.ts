import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { brandProfiles, projectRuns, projectScenes, projects } from "../../src/db/video-schema";
import { newId } from "../../src/lib/ids";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

/** The short-video pages in Korean (src/routes/video-pages.tsx): list, guided start, project page and their forms. */

const db = () => getDb(env.DB);
const KO = { "Accept-Language": "ko", Accept: "text/html" };

async function page(who: TestUser, path: string, status = 200): Promise<string> {
	const res = await userApi(who, path, { headers: KO });
	const html = await res.text();
	expect(res.status, html.slice(0, 500)).toBe(status);
	return html;
}

function form(who: TestUser, path: string, fields: Record<string, string>) {
	return userApi(who, path, { method: "POST", headers: KO, body: new URLSearchParams({ _csrf: who.csrf, ...fields }) });
}

async function seedProject(who: TestUser, values: Partial<typeof projects.$inferInsert> = {}) {
	const id = newId("proj");
	await db()
		.insert(projects)
		.values({ id, userId: who.user.id, title: "홈카페 라떼", keyword: "라떼 아트", ...values });
	return id;
}

describe("the projects list and the new-project form", () => {
	it("sends a signed-out browser to sign in; lists the user's projects in Korean with the header link, filters and pages", async () => {
		const signedOut = await userApi({ user: {} as TestUser["user"], cookie: "", csrf: "" }, "/video", { headers: KO });
		expect(signedOut.status).toBe(302);
		expect(signedOut.headers.get("Location")).toContain("/auth/login?return_to=%2Fvideo");

		const owner = await createTestUser();
		const other = await createTestUser();
		await seedProject(owner, { title: "초안 프로젝트", status: "draft" });
		await seedProject(owner, { title: "완성 프로젝트", status: "ready" });
		await seedProject(other, { title: "남의 프로젝트" });
		const html = await page(owner, "/video");
		expect(html).toContain('lang="ko"');
		expect(html).toContain('href="/video"');
		expect(html).toContain("숏폼 영상");
		expect(html).toContain("초안 프로젝트");
		expect(html).toContain("완성 프로젝트");
		expect(html).not.toContain("남의 프로젝트");
		expect(html).toContain('href="/video/brands"');
		expect(html).toContain('href="/video/start"');
		expect(html).toContain("새 프로젝트");
		// Pages of 20: the 21st project is on page 2.
		const many = await createTestUser();
		// One insert per row: D1 takes at most 100 bound variables a statement.
		const rows = Array.from({ length: 21 }, (_, i) => ({
			id: newId("proj"),
			userId: many.user.id,
			title: `목록 ${i + 1}번`,
			createdAt: `2026-02-01T00:00:${String(i).padStart(2, "0")}.000Z`,
		}));
		const [head, ...rest] = rows.map((row) => db().insert(projects).values(row));
		if (head) await db().batch([head, ...rest]);
		const first = await page(many, "/video");
		expect(first).toContain('href="/video?page=2"');
		expect(first).toContain("목록 21번");
		expect(first).not.toContain("목록 1번<");
		const second = await page(many, "/video?page=2");
		expect(second).toContain("목록 1번<");
		expect(second).not.toContain("목록 21번");
		const filtered = await page(owner, "/video?status=ready");
		expect(filtered).toContain("완성 프로젝트");
		expect(filtered).not.toContain("초안 프로젝트");
	});

	it("creates a project from the form (303 to its page) and shows a refusal on the list, storing nothing", async () => {
		const owner = await createTestUser();
		const refused = await form(owner, "/video/projects", {
			title: "짧은 영상",
			keyword: "제주",
			duration_s: "14",
			aspect: "9:16",
			language: "ko",
			brand_profile_id: "",
			template_id: "",
		});
		expect(refused.status).toBe(422);
		const refusedHtml = await refused.text();
		expect(refusedHtml).toContain('class="alert alert-error"');
		expect(refusedHtml).toContain('value="짧은 영상"');
		expect(await db().query.projects.findMany({ where: eq(projects.userId, owner.user.id) })).toEqual([]);

		const res = await form(owner, "/video/projects", {
			title: "짧은 영상",
			keyword: "제주",
			duration_s: "20",
			aspect: "16:9",
			language: "ko",
			brand_profile_id: "",
			template_id: "builtin-listicle",
		});
		expect(res.status).toBe(303);
		const rows = await db().query.projects.findMany({ where: eq(projects.userId, owner.user.id) });
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ title: "짧은 영상", keyword: "제주", durationS: 20, aspect: "16:9", templateId: "builtin-listicle" });
		expect(res.headers.get("Location")).toBe(`/video/projects/${rows[0]?.id}?notice=created`);
		// Without the CSRF field the form is refused and nothing is stored.
		const forged = await userApi({ ...owner, csrf: "not-the-token" }, "/video/projects", {
			method: "POST",
			headers: KO,
			body: new URLSearchParams({ title: "위조" }),
		});
		expect(forged.status).toBe(403);
		expect(await db().query.projects.findMany({ where: eq(projects.userId, owner.user.id) })).toHaveLength(1);
	});
});

describe("the project page", () => {
	it("shows a ready project: player, voice preview, scenes with regenerate-one, script editor, QA and the history of runs", async () => {
		const owner = await createTestUser();
		const other = await createTestUser();
		const id = await seedProject(owner, {
			status: "ready",
			script: "[INTRO 0:00–0:03] 안녕하세요.",
			scriptSource: "llm",
			voiceR2Key: "k/voice.wav",
			videoR2Key: "k/video.mp4",
			videoDurationMs: 30_000,
			videoWidth: 1080,
			videoHeight: 1920,
			thumbnailR2Key: "k/thumb.jpg",
			qaReport: JSON.stringify({ passed: false, checks: [{ name: "duration", passed: false, detail: "24.0 s" }] }),
		});
		await db()
			.insert(projectScenes)
			.values({ projectId: id, position: 0, section: "INTRO", text: "안녕하세요.", imagePrompt: "a cafe", startMs: 0, endMs: 3000, imageR2Key: "k/s0.png" });
		await db()
			.insert(projectRuns)
			.values({
				id: newId("vjob"),
				projectId: id,
				userId: owner.user.id,
				scope: "all",
				status: "failed",
				firstStep: "script",
				currentStep: "voice",
				progress: 50,
				reusedSteps: '["script"]',
				errorStep: "voice",
				errorCode: "GENERATION_FAILED",
				errorMessage: "espeak-ng failed",
				costCents: 6,
			});
		const html = await page(owner, `/video/projects/${id}`);
		expect(html).toContain(`<video controls="" playsinline="" preload="metadata" src="/api/projects/${id}/video"`);
		expect(html).toContain(`poster="/api/projects/${id}/thumbnail"`);
		expect(html).toContain(`src="/api/projects/${id}/voice"`);
		expect(html).toContain(`src="/api/projects/${id}/captions.vtt"`);
		expect(html).toContain(`src="/api/projects/${id}/scenes/0/image"`);
		expect(html).toContain(`action="/video/projects/${id}/scenes/0/regenerate"`);
		expect(html).toContain(`action="/video/projects/${id}/generate/all"`);
		expect(html).toContain(`action="/video/projects/${id}/generate/compose"`);
		expect(html).toContain("전체 생성");
		expect(html).toContain("AI가 작성");
		expect(html).toContain('data-qa-check="duration"');
		expect(html).toContain('data-error-code="GENERATION_FAILED"');
		expect(html).toContain("espeak-ng failed");
		expect(html).toContain("실행 기록");
		// No run at work: no live progress.
		expect(html).not.toContain("data-video-progress");
		await page(other, `/video/projects/${id}`, 404);
	});

	it("shows live progress of an open run (token, status URL, script) and disables the forms", async () => {
		const owner = await createTestUser();
		const id = await seedProject(owner, { status: "processing" });
		const runId = newId("vjob");
		await db().insert(projectRuns).values({
			id: runId,
			projectId: id,
			userId: owner.user.id,
			scope: "all",
			status: "processing",
			firstStep: "script",
			currentStep: "images",
			progress: 37,
		});
		const html = await page(owner, `/video/projects/${id}`);
		expect(html).toContain("data-video-progress");
		expect(html).toContain(`data-status-url="/api/projects/${id}/generation-status/${runId}"`);
		expect(html).toMatch(/data-progress-token="[\w-]+\.[\w-]+\.[\w-]+"/);
		expect(html).toContain('value="37"');
		expect(html).toContain("장면 이미지 만드는 중 · 37%");
		expect(html).toContain('src="/js/live-progress.js"');
		// Saving the script while a run works is refused on the page, and nothing changes.
		const refused = await form(owner, `/video/projects/${id}/script`, { script: "[INTRO 0:00–0:03] 새 대본." });
		expect(refused.status).toBe(409);
		expect((await db().query.projects.findFirst({ where: eq(projects.id, id) }))?.script).toBeNull();
	});

	it("saves the script and settings from its forms, and deletes the project", async () => {
		const owner = await createTestUser();
		const id = await seedProject(owner, { status: "ready", script: "[INTRO 0:00–0:03] 옛 대본.", scriptSource: "template", videoR2Key: "gone/video.mp4" });
		const saved = await form(owner, `/video/projects/${id}/script`, { script: "[INTRO 0:00–0:03] 새 대본." });
		expect(saved.status).toBe(303);
		expect(saved.headers.get("Location")).toBe(`/video/projects/${id}?notice=scriptSaved`);
		expect(await db().query.projects.findFirst({ where: eq(projects.id, id) })).toMatchObject({
			script: "[INTRO 0:00–0:03] 새 대본.",
			scriptSource: "user",
			videoR2Key: null,
			status: "draft",
		});
		const notice = await page(owner, `/video/projects/${id}?notice=scriptSaved`);
		expect(notice).toContain("대본을 저장했습니다");

		const settings = await form(owner, `/video/projects/${id}/settings`, {
			title: "새 제목",
			keyword: "라떼 아트",
			aspect: "9:16",
			duration_s: "30",
			brand_profile_id: "",
			template_id: "builtin-hook-points-cta",
		});
		expect(settings.status).toBe(303);
		// The default template chosen again is no change: the user's script stays.
		expect(await db().query.projects.findFirst({ where: eq(projects.id, id) })).toMatchObject({ title: "새 제목", templateId: null, scriptSource: "user" });

		const deleted = await form(owner, `/video/projects/${id}/delete`, {});
		expect(deleted.status).toBe(303);
		expect(deleted.headers.get("Location")).toBe("/video?notice=deleted");
		expect(await db().query.projects.findFirst({ where: eq(projects.id, id) })).toBeUndefined();
	});
	it("starts one step and regenerates one scene's image from the page's forms; a refusal (409: a run is open) is shown on the page", async () => {
		const owner = await createTestUser();
		const id = await seedProject(owner, {
			status: "ready",
			script: "[INTRO 0:00–0:03] 안녕하세요. [MAIN 0:03–0:25] 본문. [OUTRO 0:25–0:30] 끝.",
			scriptSource: "template",
		});
		await db()
			.insert(projectScenes)
			.values({ projectId: id, position: 0, section: "INTRO", text: "안녕하세요.", imagePrompt: "a cafe", startMs: 0, endMs: 3000 });
		const regenerated = await form(owner, `/video/projects/${id}/scenes/0/regenerate`, {});
		expect(regenerated.status, await regenerated.clone().text()).toBe(303);
		expect(regenerated.headers.get("Location")).toBe(`/video/projects/${id}?notice=sceneStarted`);
		const runs = await db().query.projectRuns.findMany({ where: eq(projectRuns.projectId, id) });
		expect(runs).toHaveLength(1);
		expect(runs[0]?.scope).toBe("images");
		const refused = await form(owner, `/video/projects/${id}/generate/voice`, {});
		expect(refused.status).toBe(409);
		expect(await refused.text()).toContain('class="alert alert-error"');
		expect(await db().query.projectRuns.findMany({ where: eq(projectRuns.projectId, id) })).toHaveLength(1);
	});
});

describe("the guided start", () => {
	it("creates a brand, chooses a template and makes the first video: the project exists and its whole run has started", async () => {
		const owner = await createTestUser();
		const first = await page(owner, "/video/start");
		expect(first).toContain('data-onboarding-step="brand"');
		expect(first).toContain("브랜드 프로필");

		const refused = await form(owner, "/video/start/brand", { name: "", tone: "casual" });
		expect(refused.status).toBe(422);
		expect(await db().query.brandProfiles.findMany({ where: eq(brandProfiles.userId, owner.user.id) })).toEqual([]);

		const created = await form(owner, "/video/start/brand", {
			name: "동네 카페",
			tone: "casual",
			text_color: "#ffffff",
			accent_color: "#ff6600",
			target_audience: "20대",
		});
		expect(created.status).toBe(303);
		const [brand] = await db().query.brandProfiles.findMany({ where: eq(brandProfiles.userId, owner.user.id) });
		expect(brand).toMatchObject({ name: "동네 카페", tone: "casual", accentColor: "#ff6600" });
		expect(created.headers.get("Location")).toBe(`/video/start?brand=${brand?.id}`);

		const templates = await page(owner, `/video/start?brand=${brand?.id}`);
		expect(templates).toContain('data-onboarding-step="template"');
		expect(templates).toContain("리스트형");
		expect(templates).toContain(`/video/start?brand=${brand?.id}&amp;template=builtin-listicle`);

		const last = await page(owner, `/video/start?brand=${brand?.id}&template=builtin-listicle`);
		expect(last).toContain('data-onboarding-step="video"');
		expect(last).toContain("동네 카페");
		expect(last).toContain('<select id="start-duration" name="duration_s">');

		const made = await form(owner, "/video/start/video", {
			keyword: "제주 카페 투어",
			title: "",
			duration_s: "15",
			brand_profile_id: brand?.id ?? "",
			template_id: "builtin-listicle",
		});
		expect(made.status, await made.clone().text()).toBe(303);
		const [project] = await db().query.projects.findMany({ where: eq(projects.userId, owner.user.id) });
		expect(project).toMatchObject({
			title: "제주 카페 투어",
			keyword: "제주 카페 투어",
			durationS: 15,
			brandProfileId: brand?.id,
			templateId: "builtin-listicle",
		});
		expect(made.headers.get("Location")).toBe(`/video/projects/${project?.id}?notice=started`);
		const runs = await db().query.projectRuns.findMany({ where: eq(projectRuns.projectId, project?.id ?? "") });
		expect(runs).toHaveLength(1);
		expect(runs[0]?.scope).toBe("all");
		const projectPage = await page(owner, `/video/projects/${project?.id}?notice=started`);
		expect(projectPage).toContain("생성을 시작했습니다");
		expect(projectPage).toContain("data-video-progress");

		// Someone else's brand in the URL is a 404, as everywhere.
		const stranger = await createTestUser();
		await page(stranger, `/video/start?brand=${brand?.id}`, 404);
	});
});
