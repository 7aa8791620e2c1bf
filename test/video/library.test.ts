import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { assets, brandProfiles, projects, usageRecords, userPlans, videoTemplates } from "../../src/db/video-schema";
import { sha256Hex } from "../../src/lib/hash";
import { settleAssetJob } from "../../src/video/assets/generate";
import { brandForScript } from "../../src/video/brands/brands";
import { DEFAULT_TEMPLATE_ID } from "../../src/video/templates/built-in";
import { resolveTemplate } from "../../src/video/templates/templates";
import { gatewayRequests, IMAGE_BYTES, later, uploadImage } from "../support/generation-helpers";
import { gpuEventBody, postGpuEvent } from "../support/gpu-callbacks";
import { jobView, setGatewayJob } from "../support/gpu-helpers";
import { filesForm, solidPng } from "../support/image-fixtures";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

const db = () => getDb(env.DB);

async function json<T>(res: Response, status: number): Promise<T> {
	const text = await res.text();
	expect(res.status, text).toBe(status);
	return (text ? JSON.parse(text) : undefined) as T;
}

async function errorCode(res: Response): Promise<string> {
	return ((await res.json()) as { error: { code: string } }).error.code;
}

function upload(who: TestUser, form: FormData) {
	return userApi(who, "/api/assets", { method: "POST", body: form });
}

const TEMPLATE = {
	name: "세 가지 팁",
	description: "Hook, three tips, CTA",
	structure: {
		layout: "full-bleed",
		scenes: [
			{ section: "INTRO", role: "hook", duration_s: 3 },
			{ section: "MAIN", role: "point", duration_s: 8 },
			{ section: "MAIN", role: "point", duration_s: 8 },
			{ section: "OUTRO", role: "cta", duration_s: 6 },
		],
	},
};

describe("brand profiles", () => {
	it("creates, lists, reads, changes and deletes the owner's profiles; others get 404; bad fields are 400", async () => {
		const owner = await createTestUser();
		const other = await createTestUser();
		const created = await json<{ brand_profile: { id: string; avoid_phrases: string[]; voice: unknown; font: string } }>(
			await userApi(owner, "/api/brand-profiles", {
				method: "POST",
				json: {
					name: "동네 빵집",
					tone: "casual",
					primary_color: "#AA3300",
					accent_color: "#ffcc00",
					text_color: "#ffffff",
					font: "Noto Serif CJK KR",
					voice: { language: "ko", voice: "female", speed: 1.2 },
					target_audience: "20대 직장인",
					avoid_phrases: ["최고의", "무조건"],
				},
			}),
			201,
		);
		const id = created.brand_profile.id;
		expect(created.brand_profile).toMatchObject({
			font: "Noto Serif CJK KR",
			avoid_phrases: ["최고의", "무조건"],
			voice: { language: "ko", voice: "female", speed: 1.2 },
		});
		expect((await db().query.brandProfiles.findFirst({ where: eq(brandProfiles.id, id) }))?.primaryColor).toBe("#aa3300");

		const list = await json<{ brand_profiles: { id: string }[] }>(await userApi(owner, "/api/brand-profiles"), 200);
		expect(list.brand_profiles.map((b) => b.id)).toEqual([id]);
		expect((await json<{ brand_profiles: unknown[] }>(await userApi(other, "/api/brand-profiles"), 200)).brand_profiles).toEqual([]);

		for (const [method, json] of [
			["GET", undefined],
			["PATCH", { name: "남의 것" }],
			["DELETE", undefined],
		] as const) {
			const res = await userApi(other, `/api/brand-profiles/${id}`, { method, json });
			expect(res.status).toBe(404);
			expect(await errorCode(res)).toBe("NOT_FOUND");
		}
		await expect(brandForScript(db(), other.user.id, id)).rejects.toMatchObject({ status: 404 });
		expect((await brandForScript(db(), owner.user.id, id))?.tone).toBe("casual");
		expect(await brandForScript(db(), owner.user.id, null)).toBeNull();

		for (const bad of [
			{ name: "" },
			{ name: "x", primary_color: "red" },
			{ name: "x", font: "Comic Sans" },
			{ name: "x", voice: { language: "ja", voice: null, speed: 1 } },
			{ name: "x", voice: { language: "ko", voice: null, speed: 3 } },
			{ name: "x", avoid_phrases: Array.from({ length: 21 }, (_, i) => `p${i}`) },
			{ name: "x", target_audience: "a".repeat(201) },
		]) {
			const res = await userApi(owner, "/api/brand-profiles", { method: "POST", json: bad });
			expect(res.status, JSON.stringify(bad)).toBe(400);
			expect(await errorCode(res)).toBe("VALIDATION_FAILED");
		}
		expect(await db().query.brandProfiles.findMany({ where: eq(brandProfiles.userId, owner.user.id) })).toHaveLength(1);

		const changed = await json<{ brand_profile: { name: string; tone: string } }>(
			await userApi(owner, `/api/brand-profiles/${id}`, { method: "PATCH", json: { name: "동네 빵집 2호점", tone: "humorous" } }),
			200,
		);
		expect(changed.brand_profile).toMatchObject({ name: "동네 빵집 2호점", tone: "humorous" });
		expect((await userApi(owner, `/api/brand-profiles/${id}`, { method: "DELETE" })).status).toBe(204);
		expect(await db().query.brandProfiles.findFirst({ where: eq(brandProfiles.id, id) })).toBeUndefined();
		expect((await userApi(owner, `/api/brand-profiles/${id}`)).status).toBe(404);
	});
});

describe("templates", () => {
	it("lists built-ins and own; built-ins are read-only; own ones change; duplicate and use make a copy and a draft project", async () => {
		const owner = await createTestUser();
		const other = await createTestUser();
		const created = await json<{ template: { id: string; built_in: boolean; duration_s: number; scene_count: number } }>(
			await userApi(owner, "/api/templates", { method: "POST", json: TEMPLATE }),
			201,
		);
		expect(created.template).toMatchObject({ built_in: false, duration_s: 25, scene_count: 4 });
		const id = created.template.id;

		const list = await json<{ templates: { id: string; built_in: boolean }[] }>(await userApi(owner, "/api/templates"), 200);
		expect(list.templates.filter((t) => t.built_in).map((t) => t.id)).toContain(DEFAULT_TEMPLATE_ID);
		expect(list.templates.filter((t) => !t.built_in).map((t) => t.id)).toEqual([id]);
		expect((await json<{ templates: { built_in: boolean }[] }>(await userApi(other, "/api/templates"), 200)).templates.every((t) => t.built_in)).toBe(true);

		// Structure rules: 2–12 scenes, 15–60 s in all.
		const scenes = (n: number, d: number) => Array.from({ length: n }, () => ({ section: "MAIN", role: "point", duration_s: d }));
		for (const structure of [
			{ layout: "full-bleed", scenes: scenes(1, 20) },
			{ layout: "full-bleed", scenes: scenes(13, 2) },
			{ layout: "full-bleed", scenes: scenes(2, 5) },
			{ layout: "full-bleed", scenes: scenes(3, 25) },
			{ layout: "sideways", scenes: scenes(3, 6) },
		]) {
			const res = await userApi(owner, "/api/templates", { method: "POST", json: { name: "bad", structure } });
			expect(res.status).toBe(400);
			expect(await errorCode(res)).toBe("VALIDATION_FAILED");
		}

		// Built-ins: readable, not writable.
		for (const [method, json] of [
			["PATCH", { name: "mine now" }],
			["DELETE", undefined],
		] as const) {
			const res = await userApi(owner, `/api/templates/${DEFAULT_TEMPLATE_ID}`, { method, json });
			expect(res.status).toBe(403);
			expect(await errorCode(res)).toBe("FORBIDDEN");
		}
		// Another user's template is not there for them.
		for (const [method, path] of [
			["GET", ""],
			["PATCH", ""],
			["DELETE", ""],
			["POST", "/duplicate"],
			["POST", "/use"],
		] as const) {
			const res = await userApi(other, `/api/templates/${id}${path}`, {
				method,
				json: method === "GET" || method === "DELETE" ? undefined : method === "PATCH" ? { name: "x" } : { title: "x" },
			});
			expect(res.status, `${method} ${path}`).toBe(404);
		}
		await expect(resolveTemplate(db(), other.user.id, id)).rejects.toMatchObject({ status: 404 });
		expect((await resolveTemplate(db(), owner.user.id, id)).structure.scenes).toHaveLength(4);
		expect((await resolveTemplate(db(), owner.user.id, null)).id).toBe(DEFAULT_TEMPLATE_ID);
		await expect(resolveTemplate(db(), owner.user.id, "builtin-nope")).rejects.toMatchObject({ status: 404 });

		const patched = await json<{ template: { name: string } }>(
			await userApi(owner, `/api/templates/${id}`, { method: "PATCH", json: { name: "네 가지 팁" } }),
			200,
		);
		expect(patched.template.name).toBe("네 가지 팁");

		const copy = await json<{ template: { id: string; name: string; built_in: boolean } }>(
			await userApi(owner, `/api/templates/${DEFAULT_TEMPLATE_ID}/duplicate`, { method: "POST" }),
			201,
		);
		expect(copy.template).toMatchObject({ name: "Hook – points – call to action (copy)", built_in: false });
		expect((await userApi(owner, `/api/templates/${copy.template.id}`, { method: "PATCH", json: { description: "edited" } })).status).toBe(200);

		const used = await json<{ project: { id: string; status: string; title: string; aspect: string; duration_s: number } }>(
			await userApi(owner, `/api/templates/${id}/use`, { method: "POST", json: { title: "빵 고르는 법", keyword: "식빵", aspect: "1:1", duration_s: 20 } }),
			201,
		);
		expect(used.project).toMatchObject({ status: "draft", title: "빵 고르는 법", aspect: "1:1", duration_s: 20 });
		expect((await db().query.projects.findFirst({ where: eq(projects.id, used.project.id) }))?.templateId).toBe(id);
		expect((await db().query.videoTemplates.findFirst({ where: eq(videoTemplates.id, id) }))?.useCount).toBe(1);
		const badUse = await userApi(owner, `/api/templates/${id}/use`, { method: "POST", json: { title: "x", duration_s: 90 } });
		expect(badUse.status).toBe(400);
		expect((await db().query.videoTemplates.findFirst({ where: eq(videoTemplates.id, id) }))?.useCount).toBe(1);

		expect((await userApi(owner, `/api/templates/${id}`, { method: "DELETE" })).status).toBe(204);
		expect(await db().query.videoTemplates.findFirst({ where: eq(videoTemplates.id, id) })).toBeUndefined();
	});
});

describe("asset library", () => {
	it("uploads several files typed by their bytes, filters, renames, moves, streams to the owner only and deletes the R2 object", async () => {
		const owner = await createTestUser();
		const other = await createTestUser();
		const png = await solidPng(64, 64, { seed: 7 });
		const wav = new Uint8Array([...new TextEncoder().encode("RIFF"), 36, 0, 0, 0, ...new TextEncoder().encode("WAVEfmt "), 16, 0, 0, 0]);
		const res = await upload(
			owner,
			filesForm(
				"files",
				[
					{ name: "clip.mp4", bytes: png, type: "video/mp4" },
					{ name: "jingle.wav", bytes: wav },
				],
				{ folder: "brand/logos", tags: "Logo, 메인" },
			),
		);
		const body = await json<{ assets: { id: string; content_type: string; type: string; tags: string[]; folder: string; sha256: string }[] }>(res, 201);
		expect(body.assets.map((a) => [a.content_type, a.folder, a.tags])).toEqual([
			["image/png", "brand/logos", ["logo", "메인"]],
			["audio/wav", "brand/logos", ["logo", "메인"]],
		]);
		const [image, audio] = body.assets as [(typeof body.assets)[0], (typeof body.assets)[0]];
		const imageRow = await db().query.assets.findFirst({ where: eq(assets.id, image.id) });
		expect(imageRow?.r2Key).toBe(`assets/${owner.user.id}/${image.sha256}.png`);
		expect(await env.FILES.head(imageRow?.r2Key ?? "")).not.toBeNull();

		const listed = await json<{ assets: { id: string }[]; total: number; folders: string[] }>(await userApi(owner, "/api/assets?type=image"), 200);
		expect(listed).toMatchObject({ total: 1, folders: ["brand/logos"] });
		expect(listed.assets.map((a) => a.id)).toEqual([image.id]);
		expect((await json<{ total: number }>(await userApi(owner, "/api/assets?tag=logo&folder=brand/logos"), 200)).total).toBe(2);
		expect((await json<{ total: number }>(await userApi(owner, "/api/assets?q=jingle"), 200)).total).toBe(1);
		expect((await json<{ total: number }>(await userApi(other, "/api/assets"), 200)).total).toBe(0);

		const file = await userApi(owner, `/api/assets/${image.id}/file`);
		expect(file.status).toBe(200);
		expect(file.headers.get("Content-Type")).toBe("image/png");
		expect(new Uint8Array(await file.arrayBuffer()).byteLength).toBe(imageRow?.size);
		expect((await userApi(owner, `/api/assets/${image.id}/file`, { headers: { Range: "bytes=0-3" } })).status).toBe(206);
		for (const [method, path] of [
			["GET", "/file"],
			["GET", ""],
			["PATCH", ""],
			["DELETE", ""],
		] as const) {
			const r = await userApi(other, `/api/assets/${image.id}${path}`, { method, json: method === "PATCH" ? { name: "mine" } : undefined });
			expect(r.status, `${method} ${path}`).toBe(404);
		}

		const moved = await json<{ asset: { name: string; folder: string; tags: string[] } }>(
			await userApi(owner, `/api/assets/${audio.id}`, { method: "PATCH", json: { name: "징글.wav", folder: "audio", tags: ["intro"] } }),
			200,
		);
		expect(moved.asset).toEqual(expect.objectContaining({ name: "징글.wav", folder: "audio", tags: ["intro"] }));
		expect((await userApi(owner, `/api/assets/${audio.id}`, { method: "PATCH", json: { folder: "../../etc" } })).status).toBe(400);

		expect((await userApi(owner, `/api/assets/${image.id}`, { method: "DELETE" })).status).toBe(204);
		expect(await db().query.assets.findFirst({ where: eq(assets.id, image.id) })).toBeUndefined();
		expect(await env.FILES.head(imageRow?.r2Key ?? "")).toBeNull();
	});

	it("refuses what is not a library file, and uploads past the plan's storage, storing nothing", async () => {
		const owner = await createTestUser();
		const text = await upload(
			owner,
			filesForm("files", [{ name: "notes.png", bytes: new TextEncoder().encode("just some text, not an image"), type: "image/png" }]),
		);
		expect(text.status).toBe(400);
		expect(await errorCode(text)).toBe("VALIDATION_FAILED");
		expect((await upload(owner, filesForm("files", []))).status).toBe(422);
		expect(await db().query.assets.findMany({ where: eq(assets.userId, owner.user.id) })).toEqual([]);

		// The free plan keeps 1 GB: a seeded row leaves less room than the upload needs.
		await db()
			.insert(assets)
			.values({
				id: `asset_${"0".repeat(24)}${owner.user.id.slice(-8)}`,
				userId: owner.user.id,
				name: "big.mp4",
				contentType: "video/mp4",
				size: 1024 ** 3 - 100,
				sha256: "f".repeat(64),
				r2Key: `assets/${owner.user.id}/big.mp4`,
				source: "upload",
			});
		const png = await solidPng(32, 32, { seed: 3 });
		const refused = await upload(owner, filesForm("files", [{ name: "a.png", bytes: png }]));
		expect(refused.status).toBe(402);
		expect(await errorCode(refused)).toBe("PLAN_LIMIT_REACHED");
		// The limit is named in the reader's language too.
		const inKorean = await userApi(owner, "/api/assets", {
			method: "POST",
			body: filesForm("files", [{ name: "a.png", bytes: png }]),
			headers: { "Accept-Language": "ko" },
		});
		expect(((await inKorean.json()) as { error: { message: string } }).error.message).toBe(
			"요금제의 저장 공간 한도에 도달했습니다. 계속하려면 요금제를 올려 주세요.",
		);
		expect(await db().query.assets.findMany({ where: eq(assets.userId, owner.user.id) })).toHaveLength(1);
		expect((await env.FILES.list({ prefix: `assets/${owner.user.id}/` })).objects).toEqual([]);

		// A bigger plan makes room.
		await db().insert(userPlans).values({ userId: owner.user.id, plan: "basic", source: "admin", periodStart: new Date().toISOString(), expiresAt: null });
		expect((await upload(owner, filesForm("files", [{ name: "a.png", bytes: png }]))).status).toBe(201);
	});

	it("generates an image into the library through the GPU gateway: a usage row, then the asset when the job succeeds", async () => {
		const owner = await createTestUser();
		const res = await userApi(owner, "/api/assets/generate", {
			method: "POST",
			json: { prompt: "따뜻한 빵집 진열대", aspect: "9:16", folder: "generated", tags: ["bakery"] },
		});
		const body = await json<{ status: string; asset_id: string; job_id: string }>(res, 202);
		const submitted = (await gatewayRequests()).find((r) => r.idempotency_key === `asset:${body.asset_id}`);
		expect(submitted?.body).toMatchObject({
			kind: "image.generate",
			input: { prompt: "따뜻한 빵집 진열대", aspect: "9:16" },
			owner: { type: "video_asset", id: owner.user.id },
		});
		const usage = await db().query.usageRecords.findMany({ where: eq(usageRecords.userId, owner.user.id) });
		expect(usage.map((u) => [u.resource, u.costCents, u.dedupeKey])).toEqual([["image.generate", 4, `asset:${body.asset_id}`]]);
		expect(await db().query.assets.findFirst({ where: eq(assets.id, body.asset_id) })).toBeUndefined();

		const artifact = await uploadImage(body.job_id);
		await setGatewayJob(
			jobView({
				id: body.job_id,
				kind: "image.generate",
				owner: { type: "video_asset", id: owner.user.id },
				status: "succeeded",
				artifacts: [artifact],
				updated_at: later(),
			}),
		);
		expect((await postGpuEvent(gpuEventBody(body.job_id, "job.succeeded", { status: "succeeded" }))).status).toBe(200);
		const row = await db().query.assets.findFirst({ where: eq(assets.id, body.asset_id) });
		expect(row).toMatchObject({
			source: "generated",
			folder: "generated",
			contentType: "image/png",
			sha256: await sha256Hex(IMAGE_BYTES),
			r2Key: `assets/${owner.user.id}/${artifact.sha256}.png`,
		});
		expect(JSON.parse(row?.tags ?? "[]")).toEqual(["bakery"]);
		// Settled again: one asset, one usage row.
		const mirror = await db().query.gpuJobs.findFirst({ where: (j, { eq: is }) => is(j.id, body.job_id) });
		if (mirror) await settleAssetJob({ db: db(), files: env.FILES, now: new Date() }, mirror);
		expect(await db().query.assets.findMany({ where: eq(assets.userId, owner.user.id) })).toHaveLength(1);
		expect(await db().query.usageRecords.findMany({ where: eq(usageRecords.userId, owner.user.id) })).toHaveLength(1);

		// A failed job gives its price back.
		const second = await json<{ asset_id: string; job_id: string }>(
			await userApi(owner, "/api/assets/generate", { method: "POST", json: { prompt: "빵", aspect: "1:1" } }),
			202,
		);
		await setGatewayJob(
			jobView({ id: second.job_id, kind: "image.generate", owner: { type: "video_asset", id: owner.user.id }, status: "failed", updated_at: later() }),
		);
		expect((await postGpuEvent(gpuEventBody(second.job_id, "job.failed", { status: "failed" }))).status).toBe(200);
		expect(await db().query.usageRecords.findMany({ where: eq(usageRecords.userId, owner.user.id) })).toHaveLength(1);
		expect(await db().query.assets.findFirst({ where: eq(assets.id, second.asset_id) })).toBeUndefined();

		// Over the cost cap: 402 before anything is submitted or recorded.
		const poor = await createTestUser();
		await db()
			.insert(usageRecords)
			.values({ id: `use_${poor.user.id}`, userId: poor.user.id, resource: "llm.text", quantity: 1, costCents: 499, dedupeKey: `seed:${poor.user.id}` });
		const before = (await gatewayRequests()).length;
		const capped = await userApi(poor, "/api/assets/generate", { method: "POST", json: { prompt: "빵", aspect: "1:1" } });
		expect(capped.status).toBe(402);
		expect(await errorCode(capped)).toBe("PLAN_LIMIT_REACHED");
		expect((await gatewayRequests()).length).toBe(before);
		expect(await db().query.usageRecords.findMany({ where: eq(usageRecords.userId, poor.user.id) })).toHaveLength(1);
	});
});

describe("library pages", () => {
	/** A page or form request as the user's Korean browser makes it. */
	function page(who: TestUser, path: string, init: RequestInit = {}) {
		return userApi({ ...who, cookie: `${who.cookie}; lang=ko` }, path, init);
	}
	function form(who: TestUser, path: string, fields: Record<string, string>) {
		return page(who, path, {
			method: "POST",
			headers: { "Content-Type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
		});
	}

	it("render in Korean, and their forms create, use and refuse without JavaScript", async () => {
		const who = await createTestUser();
		for (const [path, heading] of [
			["/video/brands", "브랜드 프로필"],
			["/video/templates", "템플릿"],
			["/video/assets", "에셋 라이브러리"],
		] as const) {
			const res = await page(who, path);
			const html = await res.text();
			expect(res.status, path).toBe(200);
			expect(html).toContain('<html lang="ko"');
			expect(html).toContain(heading);
			expect(html).not.toContain("video:library.");
			expect(html).toContain(`name="_csrf" value="${who.csrf}"`);
		}
		expect(await (await page(who, "/video/templates")).text()).toContain("훅 – 핵심 포인트 – 행동 유도");
		expect(await (await page(who, "/video/assets")).text()).toMatch(/저장 공간: [^<]+ 중 [^<]+ 사용/);

		// A brand through the form; a bad colour comes back to the page with its code.
		const created = await form(who, "/video/brands", {
			name: "빵집",
			tone: "casual",
			primary_color: "#112233",
			accent_color: "#445566",
			text_color: "#ffffff",
			font: "Noto Sans CJK KR",
			voice_language: "ko",
			voice: "",
			voice_speed: "1",
			target_audience: "",
			avoid_phrases: "최고\n무조건",
		});
		expect(created.status).toBe(303);
		const brand = await db().query.brandProfiles.findFirst({ where: eq(brandProfiles.userId, who.user.id) });
		expect(brand).toMatchObject({ name: "빵집", voice: null });
		expect(JSON.parse(brand?.avoidPhrases ?? "[]")).toEqual(["최고", "무조건"]);
		const brands = await (await page(who, created.headers.get("Location") ?? "")).text();
		expect(brands).toContain("브랜드 프로필을 저장했습니다.");
		const refused = await form(who, "/video/brands", { name: "x", primary_color: "red" });
		expect(refused.status).toBe(303);
		expect(await (await page(who, refused.headers.get("Location") ?? "")).text()).toContain('data-error-code="VALIDATION_FAILED"');
		expect(await db().query.brandProfiles.findMany({ where: eq(brandProfiles.userId, who.user.id) })).toHaveLength(1);

		// A template from scene lines, then a video with it: the new project's page.
		expect((await form(who, "/video/templates", { name: "내 템플릿", layout: "framed", scenes: "INTRO hook 4\nMAIN point 10\nOUTRO cta 6" })).status).toBe(303);
		const own = await db().query.videoTemplates.findFirst({ where: eq(videoTemplates.userId, who.user.id) });
		expect(JSON.parse(own?.structure ?? "{}").scenes).toHaveLength(3);
		const used = await form(who, `/video/templates/${DEFAULT_TEMPLATE_ID}/use`, { title: "첫 영상", keyword: "빵", aspect: "9:16", duration_s: "30" });
		expect(used.status).toBe(303);
		const project = await db().query.projects.findFirst({ where: eq(projects.userId, who.user.id) });
		expect(used.headers.get("Location")).toBe(`/video/projects/${project?.id}`);
		expect(project).toMatchObject({ title: "첫 영상", templateId: DEFAULT_TEMPLATE_ID, status: "draft" });
		const readOnly = await form(who, `/video/templates/${DEFAULT_TEMPLATE_ID}/delete`, {});
		expect(await (await page(who, readOnly.headers.get("Location") ?? "")).text()).toContain('data-error-code="FORBIDDEN"');

		// Several files through the multipart form.
		const upload = filesForm(
			"files",
			[
				{ name: "a.png", bytes: await solidPng(16, 16, { seed: 1 }) },
				{ name: "b.png", bytes: await solidPng(16, 16, { seed: 2 }) },
			],
			{ _csrf: who.csrf, folder: "로고", tags: "brand" },
		);
		const uploaded = await page(who, "/video/assets/upload", { method: "POST", body: upload });
		expect(uploaded.status).toBe(303);
		expect(await db().query.assets.findMany({ where: eq(assets.userId, who.user.id) })).toHaveLength(2);
		const library = await (await page(who, uploaded.headers.get("Location") ?? "")).text();
		expect(library).toContain("파일 2개를 추가했습니다.");
		expect(library).toContain("#brand");
	});
});
