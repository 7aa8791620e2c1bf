import { env } from "cloudflare:workers";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { createProducts } from "../../src/pipeline/create-product";
import { filesOfVersion, languageVersions } from "../../src/pipeline/language-versions";
import type { ProductView } from "../../src/shared/product";
import type { QaReportView } from "../../src/shared/qa";
import { api, drain, testDeps } from "../support/helpers";

type Detail = { product: ProductView; qa_reports: QaReportView[]; package: { r2_key?: string } | null };
const SETTINGS = { kind: "digital_kit" as const, price_cents: 9900, currency: "krw", download_limit: 3, link_ttl_seconds: 3600 };
const decoder = new TextDecoder();
const hangulShare = (text: string) => {
	const letters = text.replace(/<[^>]+>/g, " ").match(/[A-Za-z가-힣]/g) ?? [];
	return letters.filter((ch) => /[가-힣]/.test(ch)).length / Math.max(1, letters.length);
};

describe("language versions in one package", () => {
	it("puts the primary language at the root and each further one in its folder", () => {
		expect(languageVersions("ko,en")).toEqual([
			{ language: "ko", folder: "" },
			{ language: "en", folder: "en/" },
		]);
		const files = [{ path: "index.html" }, { path: "guide.md" }, { path: "en/index.html" }, { path: "en/guide.md" }];
		expect(filesOfVersion(files, "ko", "ko,en").map((f) => f.path)).toEqual(["index.html", "guide.md"]);
		expect(filesOfVersion(files, "en", "ko,en").map((f) => f.path)).toEqual(["index.html", "guide.md"]);
		expect(filesOfVersion(files, "en", "en").map((f) => f.path)).toEqual(files.map((f) => f.path));
	});

	it("makes a Korean and English product: both versions generated, each passing QA1 on its own, one package, shown in the reader's language", async () => {
		const deps = await testDeps();
		const [created] = await createProducts(deps, [{ ...SETTINGS, topic: "초보자를 위한 사워도우 빵 굽기", languages: ["ko", "en"] }]);
		if (!created) throw new Error("not created");
		await drain(deps);
		const detail = (await (await api(`/api/products/${created.id}`)).json()) as Detail;
		expect(detail.product.status).toBe("PUBLISHED");

		// QA1 checked both versions, each in its language.
		const qa1 = detail.qa_reports.find((report) => report.stage === 1);
		const names = qa1?.checks.map((check) => check.name) ?? [];
		expect(names).toContain("content.language");
		expect(names).toContain("en/content.language");
		expect(names).toContain("en/landing.present");
		expect(qa1?.checks.filter((check) => !check.passed && check.required)).toEqual([]);

		// Stored texts per language; the primary title stays the product's.
		const row = await env.DB.prepare("SELECT title, texts FROM products WHERE id = ?").bind(created.id).first<{ title: string; texts: string }>();
		const texts = JSON.parse(row?.texts ?? "{}") as Record<string, { title: string; description: string }>;
		expect(texts.ko?.title).toBe(row?.title);
		expect(texts.ko?.title).toMatch(/스타터 키트$/);
		expect(texts.en?.title).toMatch(/Starter Kit$/);
		expect(hangulShare(texts.ko?.description ?? "")).toBeGreaterThan(0.5);
		expect(texts.en?.description).not.toMatch(/[가-힣]{3,}.*[가-힣]{3,}.*[가-힣]{3,}/);

		// The package holds both versions: Korean at the root, English in en/.
		const pkg = await env.DB.prepare("SELECT r2_key FROM packages WHERE product_id = ? ORDER BY version DESC").bind(created.id).first<{ r2_key: string }>();
		const zip = await env.FILES.get(pkg?.r2_key ?? "");
		const entries = unzipSync(new Uint8Array(await (zip as R2ObjectBody).arrayBuffer()));
		const korean = decoder.decode(entries["index.html"]);
		const english = decoder.decode(entries["en/index.html"]);
		expect(korean).toContain('<html lang="ko"');
		expect(english).toContain('<html lang="en"');
		expect(hangulShare(decoder.decode(entries["guide.md"]))).toBeGreaterThan(0.6);
		expect(hangulShare(decoder.decode(entries["en/guide.md"]))).toBeLessThan(0.2);
		expect(Object.keys(entries)).toEqual(expect.arrayContaining(["README.md", "LICENSE.md", "en/README.md", "en/LICENSE.md", "manifest.json"]));

		// The storefront shows the reader's version: title, description and preview.
		type Catalog = { products: { id: string; title: string; language: string; languages: string[]; version_folder: string }[] };
		const inEnglish = (await (await api("/api/catalog", { auth: null, headers: { "Accept-Language": "en" } })).json()) as Catalog;
		const inKorean = (await (await api("/api/catalog", { auth: null, headers: { "Accept-Language": "ko" } })).json()) as Catalog;
		expect(inEnglish.products.find((p) => p.id === created.id)).toMatchObject({
			title: texts.en?.title,
			language: "en",
			languages: ["ko", "en"],
			version_folder: "en/",
		});
		expect(inKorean.products.find((p) => p.id === created.id)).toMatchObject({ title: texts.ko?.title, language: "ko", version_folder: "" });
		const slug = encodeURIComponent(created.slug);
		const page = await (await api(`/products/${slug}`, { auth: null, headers: { Cookie: "lang=en" } })).text();
		expect(page).toContain(texts.en?.title ?? "-");
		expect(page).toContain(`/products/${slug}/preview/en/index.html`);
		const preview = await api(`/products/${slug}/preview/en/index.html`, { auth: null });
		expect(preview.status).toBe(200);
		expect(await preview.text()).toContain('<html lang="en"');
		// A language the product lacks shows its primary version.
		const koreanPage = await (await api(`/products/${slug}`, { auth: null, headers: { Cookie: "lang=ko" } })).text();
		expect(koreanPage).toContain(`/products/${slug}/preview/index.html`);
	});
});
