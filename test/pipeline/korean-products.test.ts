import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { products } from "../../src/db/schema";
import { createProducts } from "../../src/pipeline/create-product";
import { angleForIndex } from "../../src/pipeline/generators/template/angles";
import { productTitle } from "../../src/pipeline/titles";
import type { ProductView } from "../../src/shared/product";
import type { QaReportView } from "../../src/shared/qa";
import { api, drain, testDeps } from "../support/helpers";

const SETTINGS = { kind: "digital_kit" as const, price_cents: 1900, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 };
const HANGUL_SLUG = /^[a-z0-9\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e]+(?:-[a-z0-9\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e]+)*$/u;

describe("Korean products: titles and slugs", () => {
	it("gives two Korean-only topics Korean titles and distinct Hangul slugs", async () => {
		const deps = await testDeps();
		const topics = ["초보자를 위한 사워도우 빵 굽기", "베란다에서 방울토마토 키우기"];
		const created = await createProducts(
			deps,
			topics.map((topic) => ({ ...SETTINGS, topic, languages: ["ko" as const] })),
		);
		expect(created.map((p) => p.title)).toEqual(topics.map((topic) => `${topic} 스타터 키트`));
		expect(created.map((p) => p.slug)).toEqual(["초보자를-위한-사워도우-빵-굽기-스타터-키트", "베란다에서-방울토마토-키우기-스타터-키트"]);
		for (const p of created) expect(p.languages).toBe("ko");
	});

	it("creates 30 products of one Korean topic: the angles' titles in turn, distinct stable slugs, no error", async () => {
		const deps = await testDeps();
		const topic = "주말 등산 준비";
		const created = await createProducts(
			deps,
			Array.from({ length: 30 }, () => ({ ...SETTINGS, topic, languages: ["ko" as const] })),
		);
		expect(created).toHaveLength(30);
		expect(created.map((p) => p.title)).toEqual(Array.from({ length: 30 }, (_, i) => productTitle(topic, "ko", angleForIndex(i))));
		expect(new Set(created.map((p) => p.slug)).size).toBe(30);
		for (const p of created) expect(p.slug).toMatch(HANGUL_SLUG);
		// Stable: what was written is what is stored, and later creations do not touch it.
		const first = created[0];
		if (!first) throw new Error("none created");
		const stored = await deps.db.query.products.findFirst({ where: eq(products.id, first.id) });
		expect(stored?.slug).toBe(first.slug);
	});

	it("falls back to p-<id part> for a title with no usable characters", async () => {
		const deps = await testDeps();
		const [created] = await createProducts(deps, [{ ...SETTINGS, topic: "★★★ 🍞🍞", languages: ["en"] }]);
		expect(created?.slug).toMatch(/^starter-kit/);
		const [again] = await createProducts(deps, [{ ...SETTINGS, topic: "★★★ 🍞🍞", languages: ["en"] }]);
		expect(again?.slug).not.toBe(created?.slug);
		expect(again?.title).toBe(created?.title);
	});
});

describe("POST /api/products with languages", () => {
	it("stores and shows the languages, primary first, with the title in the primary language", async () => {
		const res = await api("/api/products", { method: "POST", json: { topic: "여행 사진 잘 찍는 법", languages: ["ko", "en"] } });
		expect(res.status).toBe(201);
		const { product } = (await res.json()) as { product: ProductView };
		expect(product.languages).toEqual(["ko", "en"]);
		expect(product.title).toBe("여행 사진 잘 찍는 법 스타터 키트");
		const row = await env.DB.prepare("SELECT languages, slug FROM products WHERE id = ?").bind(product.id).first<{ languages: string; slug: string }>();
		expect(row).toEqual({ languages: "ko,en", slug: product.slug });
	});

	it("defaults to English and refuses repeated or unknown languages", async () => {
		const res = await api("/api/products", { method: "POST", json: { topic: "home espresso dialing in" } });
		expect(res.status).toBe(201);
		expect(((await res.json()) as { product: ProductView }).product.languages).toEqual(["en"]);
		for (const languages of [["ko", "ko"], ["fr"], []]) {
			const refused = await api("/api/products", { method: "POST", json: { topic: "home espresso dialing in", languages } });
			expect(refused.status).toBe(400);
		}
	});

	it("finds Korean products by a Hangul query, NFC or decomposed", async () => {
		const created = await api("/api/products", { method: "POST", json: { topic: "제주도 올레길 걷기 100%_완주", languages: ["ko"] } });
		const { product } = (await created.json()) as { product: ProductView };
		for (const q of ["올레길", "올레길".normalize("NFD"), "100%_완주"]) {
			const res = await api(`/api/products?q=${encodeURIComponent(q)}`);
			expect(res.status).toBe(200);
			const { products: found } = (await res.json()) as { products: ProductView[] };
			expect(found.map((p) => p.id)).toContain(product.id);
		}
		const none = await api(`/api/products?q=${encodeURIComponent("100%_없음")}`);
		expect(((await none.json()) as { products: ProductView[] }).products.map((p) => p.id)).not.toContain(product.id);
	});
});

type Detail = { product: ProductView; qa_reports: QaReportView[]; files: { path: string }[] };

describe("Korean products through the pipeline", () => {
	it("makes a Korean-only product whose files are Korean and pass QA1, reachable by its percent-encoded slug", async () => {
		const deps = await testDeps();
		const [created] = await createProducts(deps, [{ ...SETTINGS, topic: "초보자를 위한 사워도우 빵 굽기", languages: ["ko"] }]);
		if (!created) throw new Error("not created");
		await drain(deps);
		const detail = (await (await api(`/api/products/${created.id}`)).json()) as Detail;
		const qa1 = detail.qa_reports.find((report) => report.stage === 1);
		const language = qa1?.checks.find((check) => check.name === "content.language");
		expect(language, JSON.stringify(qa1?.checks.filter((c) => !c.passed))).toMatchObject({ passed: true });
		expect(detail.product.status).toBe("PUBLISHED");
		const page = await api(`/products/${encodeURIComponent(created.slug)}`, { auth: null });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(created.title);
	});
});
