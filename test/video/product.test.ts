import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { packages, products } from "../../src/db/schema";
import { projects } from "../../src/db/video-schema";
import { sha256Hex } from "../../src/lib/hash";
import { Mp4ProbeError, probeMp4 } from "../../src/lib/mp4-probe";
import { readZipDigests } from "../../src/lib/zip";
import { PackageManifest } from "../../src/shared/manifest";
import type { ProductView } from "../../src/shared/product";
import type { QaCheck } from "../../src/shared/qa";
import { publishProjectAsProduct } from "../../src/video/product/publish";
import { parseSrt } from "../../src/video/product/srt";
import { api, countRows, drain, type ErrorBody, PIPELINE_RUN_MS, PIPELINE_TEST_MS, productRow, testDeps, waitFor } from "../support/helpers";
import { adminCookie } from "../support/portrait-result-helpers";
import { createTestUser, userApi } from "../support/user-helpers";
import { KOREAN_SRT, SHOP_EMAIL, seedReadyProject, shopUser, VIDEO_FIXTURES } from "../support/video-product-helpers";

const db = getDb(env.DB);
const decoder = new TextDecoder();

async function qa1Reports(productId: string) {
	const { results } = await env.DB.prepare("SELECT * FROM qa_reports WHERE product_id = ? AND stage = 1 ORDER BY attempt")
		.bind(productId)
		.all<{ passed: number; score: number; checks: string }>();
	return results.map((row) => ({ ...row, checks: JSON.parse(row.checks) as QaCheck[] }));
}

async function projectRow(id: string) {
	return db.query.projects.findFirst({ where: eq(projects.id, id) });
}

/** A copy of `bytes` with the 32-bit big-endian `value` written at `offset`. */
function withU32(bytes: Uint8Array, offset: number, value: number): Uint8Array {
	const copy = bytes.slice();
	new DataView(copy.buffer).setUint32(offset, value);
	return copy;
}

describe("the MP4 probe", () => {
	it("reads ffmpeg's MP4: brand, duration, an H.264 video track with its size and an AAC audio track", () => {
		const info = probeMp4(VIDEO_FIXTURES.mp4);
		expect(info.brand).toBe("isom");
		expect(info.durationMs).toBeGreaterThanOrEqual(990);
		expect(info.durationMs).toBeLessThanOrEqual(1100);
		expect(info.tracks.map(({ kind, codec, width, height }) => ({ kind, codec, width, height }))).toEqual([
			{ kind: "video", codec: "avc1", width: 90, height: 160 },
			{ kind: "audio", codec: "mp4a", width: 0, height: 0 },
		]);
		expect(probeMp4(VIDEO_FIXTURES.silentMp4).tracks.map((track) => track.kind)).toEqual(["video"]);
	});

	it("ends every malformed input in a named error, never a hang or a read past the end", () => {
		const mp4 = VIDEO_FIXTURES.mp4;
		const cases: [string, Uint8Array, RegExp][] = [
			["empty", new Uint8Array(0), /too short/],
			["a JPEG", VIDEO_FIXTURES.thumbnail, /not an MP4|runs past|stray|smaller/],
			["truncated in the middle", mp4.slice(0, Math.floor(mp4.length / 2)), /runs past|truncated/],
			["ftyp's size below its header", withU32(mp4, 0, 4), /smaller than its header/],
			["ftyp's size past the end", withU32(mp4, 0, 0xfffffff0), /runs past/],
			["a 64-bit size out of range", withU32(withU32(mp4, 0, 1), 8, 0xffffffff), /out of range|runs past/],
			["random bytes", Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251), /not an MP4|runs past|stray|smaller/],
		];
		for (const [what, bytes, message] of cases) {
			let thrown: unknown = null;
			try {
				probeMp4(bytes);
			} catch (error) {
				thrown = error;
			}
			expect(thrown, what).toBeInstanceOf(Mp4ProbeError);
			expect((thrown as Error).message, what).toMatch(message);
		}
		// No moov at all: the ftyp box alone.
		const ftypSize = new DataView(mp4.buffer, mp4.byteOffset).getUint32(0);
		expect(() => probeMp4(mp4.slice(0, ftypSize))).toThrow(/no moov box/);
	});

	it("parses SRT strictly, naming the cue that is wrong", () => {
		const parsed = parseSrt(KOREAN_SRT);
		expect(parsed.ok && parsed.cues.map((cue) => [cue.startMs, cue.endMs])).toEqual([
			[0, 500],
			[500, 1000],
		]);
		expect(parseSrt("1\n00:00:02,000 --> 00:00:01,000\nbackwards\n")).toEqual({ ok: false, error: "cue 1: ends before it starts" });
		expect(parseSrt("1\n00:00:00,000 --> 00:00:01,000\nok\n\nx\n00:00:01,000 --> 00:00:02,000\nno number\n")).toMatchObject({ ok: false, error: /^cue 2:/ });
	});
});

describe("POST /api/projects/:id/publish-product", () => {
	it(
		"makes a short_video product of a ready shop video; the pipeline publishes a ZIP with the MP4, thumbnail, script and SRT",
		async () => {
			const shop = await shopUser();
			const project = await seedReadyProject(shop);
			const before = await countRows("products");

			const res = await api(`/api/projects/${project.id}/publish-product`, { method: "POST", json: { price_cents: 1500, title: "제주 여행 숏폼" } });
			expect(res.status).toBe(201);
			const { product } = (await res.json()) as { product: ProductView };
			expect(product).toMatchObject({ kind: "short_video", title: "제주 여행 숏폼", price_cents: 1500, currency: "usd", languages: ["ko"], status: "DRAFT" });
			expect(await countRows("products")).toBe(before + 1);
			expect((await projectRow(project.id))?.productId).toBe(product.id);

			const done = await waitFor(
				async () => {
					const row = await productRow(product.id);
					return row && ["PUBLISHED", "QA1_FAILED", "QA2_FAILED"].includes(row.status) ? row : null;
				},
				PIPELINE_RUN_MS,
				"the video product's pipeline",
			);
			expect(done.status, done.lastError ?? "").toBe("PUBLISHED");
			const [qa1] = await qa1Reports(product.id);
			expect(qa1?.passed).toBe(1);
			expect(qa1?.score).toBe(100);
			expect(qa1?.checks.map((check) => check.name)).toEqual(
				expect.arrayContaining(["video.container", "video.stream", "audio.stream", "video.duration", "video.resolution", "thumbnail.jpeg", "subtitles.srt"]),
			);
			expect(qa1?.checks.find((check) => check.name === "audio.stream")?.detail).toBe("video.mp4: audio track mp4a");

			const pkg = await db.query.packages.findFirst({ where: eq(packages.productId, product.id) });
			if (!pkg) throw new Error("no package");
			const object = await env.FILES.get(pkg.r2Key);
			if (!object) throw new Error("package missing from R2");
			const entries = await readZipDigests(object.body, () => true);
			expect(entries.map((entry) => entry.path).sort()).toEqual([
				"LICENSE.txt",
				"README.md",
				"index.html",
				"manifest.json",
				"script.txt",
				"subtitles.srt",
				"thumbnail.jpg",
				"video.mp4",
			]);
			const entry = (path: string) => {
				const found = entries.find((e) => e.path === path);
				if (!found?.body) throw new Error(`${path} not read`);
				return found;
			};
			expect(entry("video.mp4").sha256).toBe(await sha256Hex(VIDEO_FIXTURES.mp4));
			expect(entry("thumbnail.jpg").sha256).toBe(await sha256Hex(VIDEO_FIXTURES.thumbnail));
			expect(decoder.decode(entry("script.txt").body ?? undefined)).toBe(`${project.script}\n`);
			expect(decoder.decode(entry("subtitles.srt").body ?? undefined)).toBe(KOREAN_SRT);
			const manifest = PackageManifest.parse(JSON.parse(decoder.decode(entry("manifest.json").body ?? undefined)));
			for (const file of manifest.files) expect(entry(file.path).sha256, file.path).toBe(file.sha256);
			expect(decoder.decode(entry("LICENSE.txt").body ?? undefined)).toContain(await sha256Hex(VIDEO_FIXTURES.mp4));
			expect(decoder.decode(entry("README.md").body ?? undefined)).toContain("## 들어 있는 파일");

			// The store shows it, with the preview page (its cover inlined) in the sandbox.
			const page = await api(`/products/${done.slug}`, { auth: null, headers: { Accept: "text/html", Cookie: "lang=ko" } });
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain("제주 여행 숏폼");
			expect(html).toContain("숏폼 영상");
			const preview = await api(`/products/${done.slug}/preview/index.html`, { auth: null });
			expect(preview.status).toBe(200);
			expect(await preview.text()).toContain('<img src="data:image/jpeg;base64,');

			// Published once: a second request is refused and makes nothing.
			const again = await api(`/api/projects/${project.id}/publish-product`, { method: "POST", json: { price_cents: 900 } });
			expect(again.status).toBe(409);
			expect(((await again.json()) as ErrorBody).error.code).toBe("CONFLICT");
			expect(await countRows("products")).toBe(before + 1);
		},
		PIPELINE_TEST_MS,
	);

	it("refuses a project that is not ready (409), a customer's video (403), non-admins (401) and an unknown project (404), storing nothing", async () => {
		const shop = await shopUser();
		const processing = await seedReadyProject(shop, { status: "processing" });
		const customer = await createTestUser({ name: "고객" });
		const customers = await seedReadyProject(customer);
		const before = await countRows("products");

		const notReady = await api(`/api/projects/${processing.id}/publish-product`, { method: "POST", json: { price_cents: 900 } });
		expect(notReady.status).toBe(409);
		expect(((await notReady.json()) as ErrorBody).error.message).toContain("processing");

		const foreign = await api(`/api/projects/${customers.id}/publish-product`, { method: "POST", json: { price_cents: 900 } });
		expect(foreign.status).toBe(403);
		expect(((await foreign.json()) as ErrorBody).error.code).toBe("FORBIDDEN");

		// The project's own owner, signed in as a user, is not an admin.
		const asUser = await userApi(shop, `/api/projects/${processing.id}/publish-product`, { method: "POST", json: { price_cents: 900 } });
		expect(asUser.status).toBe(401);
		const wrongKey = await api(`/api/projects/${processing.id}/publish-product`, { method: "POST", json: { price_cents: 900 }, auth: "not-the-key" });
		expect(wrongKey.status).toBe(401);

		const unknown = await api("/api/projects/prj_nope/publish-product", { method: "POST", json: { price_cents: 900 } });
		expect(unknown.status).toBe(404);
		const badBody = await api(`/api/projects/${processing.id}/publish-product`, { method: "POST", json: { price_cents: -1 } });
		expect(badBody.status).toBe(400);

		expect(await countRows("products")).toBe(before);
		expect((await projectRow(processing.id))?.productId).toBeNull();
		expect((await projectRow(customers.id))?.productId).toBeNull();
		expect(SHOP_EMAIL).toBe("admin@example.com");
	});

	it("fails QA1 on an MP4 without an audio track, the report naming it, and packages nothing", async () => {
		const shop = await shopUser();
		const project = await seedReadyProject(shop, { mp4: VIDEO_FIXTURES.silentMp4 });
		const deps = await testDeps();
		const product = await publishProjectAsProduct(deps, project.id, { price_cents: 900, currency: "usd" }, new Set([SHOP_EMAIL]));
		await drain(deps);
		const row = await productRow(product.id);
		expect(row?.status).toBe("QA1_FAILED");
		expect(row?.lastError).toContain("audio.stream (video.mp4: no audio track)");
		const [report] = await qa1Reports(product.id);
		expect(report?.passed).toBe(0);
		expect(report?.checks.find((check) => check.name === "audio.stream")).toMatchObject({ passed: false, required: true, detail: "video.mp4: no audio track" });
		expect(report?.checks.find((check) => check.name === "video.stream")?.passed).toBe(true);
		expect(await db.query.packages.findFirst({ where: eq(packages.productId, product.id) })).toBeUndefined();
		expect((await db.query.products.findFirst({ where: eq(products.id, product.id) }))?.kind).toBe("short_video");
	});
});

describe("/admin/videos", () => {
	it("lists the shop's ready videos (not customers') and publishes one with its button", async () => {
		const shop = await shopUser();
		const project = await seedReadyProject(shop, { title: "버튼으로 출시할 영상" });
		const customer = await createTestUser();
		const customers = await seedReadyProject(customer, { title: "고객의 영상" });
		const cookie = await adminCookie();

		const page = await api("/admin/videos", { auth: null, headers: { Accept: "text/html", Cookie: `lang=ko; ${cookie}` } });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain("판매할 영상");
		expect(html).toContain("버튼으로 출시할 영상");
		expect(html).not.toContain(customers.id);
		expect(html).toContain(`action="/admin/videos/${project.id}/publish"`);
		const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
		if (!csrf) throw new Error("no CSRF field");

		const before = await countRows("products");
		const form = (fields: Record<string, string>) =>
			api(`/admin/videos/${project.id}/publish`, {
				method: "POST",
				auth: null,
				headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787" },
				body: new URLSearchParams(fields).toString(),
			});
		expect((await form({ price: "12.50", title: "버튼 영상" })).status).toBe(403);
		expect(await countRows("products")).toBe(before);
		const sent = await form({ _csrf: csrf, price: "12.50", title: "버튼 영상" });
		expect(sent.status).toBe(303);
		const linked = await projectRow(project.id);
		expect(sent.headers.get("Location")).toBe(`/admin/products/${linked?.productId}`);
		const product = await productRow(linked?.productId ?? "");
		expect(product).toMatchObject({ kind: "short_video", title: "버튼 영상", priceCents: 1250 });
	});
});
