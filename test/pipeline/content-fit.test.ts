import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { createProducts } from "../../src/pipeline/create-product";
import { digitalKitKind } from "../../src/pipeline/digital-kit";
import { templateGenerator } from "../../src/pipeline/generators/template";
import { business } from "../../src/pipeline/generators/template/domains/business";
import { business as koBusiness } from "../../src/pipeline/generators/template/domains/ko/business";
import type { GenerateInput, ProductGenerator } from "../../src/pipeline/generators/types";
import { productKindRegistry } from "../../src/pipeline/kinds";
import { contentFitChecks } from "../../src/pipeline/qa/content-fit";
import { judgeContent } from "../../src/pipeline/qa/llm-judge";
import type { ProductFileUnderTest } from "../../src/pipeline/qa/qa1-checks";
import { check, scoreChecks } from "../../src/pipeline/qa/score";
import { jaccard, paragraphShingles } from "../../src/pipeline/qa/similarity";
import type { QaCheck } from "../../src/shared/qa";
import { paidGuideGenerator } from "../support/content-fit-kits";
import { api, drain, productRow, testDeps } from "../support/helpers";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

async function kitFiles(generator: ProductGenerator, topic: string, language: "en" | "ko" = "en"): Promise<ProductFileUnderTest[]> {
	const kit = await generator.generate({ productId: "prd_x", kind: "digital_kit", topic, title: topic, language, generation: 1, feedback: [] });
	return kit.files.map((file) => ({ path: file.path, size: file.body.byteLength, sha256: "", body: file.body, actualSha256: "" }));
}

function edit(files: ProductFileUnderTest[], path: string, change: (text: string) => string): ProductFileUnderTest[] {
	return files.map((file) => (file.path === path && file.body ? { ...file, body: encoder.encode(change(decoder.decode(file.body))) } : file));
}

const named = (checks: QaCheck[], name: string) => checks.find((c) => c.name === name);

async function makeProducts(topic: string, generator: ProductGenerator, count = 1, llm: Parameters<typeof digitalKitKind>[0] = null) {
	const base = await testDeps({ generator });
	const kinds = llm
		? productKindRegistry(base.kinds.all().map((kind) => (kind.kind === "digital_kit" ? { ...digitalKitKind(llm), generator: () => generator } : kind)))
		: base.kinds;
	const deps = { ...base, kinds };
	const request = { topic, kind: "digital_kit" as const, price_cents: 900, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 };
	const created = await createProducts(
		deps,
		Array.from({ length: count }, () => request),
	);
	return { deps, ids: created.map((product) => product.id) };
}

async function qa1Reports(id: string) {
	const { results } = await env.DB.prepare(
		"SELECT attempt, passed, dimensions, checks, judge FROM qa_reports WHERE product_id = ? AND stage = 1 ORDER BY attempt",
	)
		.bind(id)
		.all<{ attempt: number; passed: number; dimensions: string; checks: string; judge: string | null }>();
	return results.map((row) => ({ ...row, dimensions: JSON.parse(row.dimensions) as Record<string, number>, checks: JSON.parse(row.checks) as QaCheck[] }));
}

async function guideOf(id: string): Promise<string> {
	const row = await env.DB.prepare(
		"SELECT f.r2_key AS key FROM product_files f JOIN products p ON p.id = f.product_id AND p.version = f.version AND p.generation_count = f.generation WHERE f.product_id = ? AND f.path = 'guide.md'",
	)
		.bind(id)
		.first<{ key: string }>();
	const object = row ? await env.FILES.get(row.key) : null;
	if (!object) throw new Error(`no guide.md for ${id}`);
	return object.text();
}

describe("content_fit: what the kit says", () => {
	it("fails a kit with another domain's chapter, naming the chapter and the domain", async () => {
		const topic = "sourdough baking for beginners";
		const good = contentFitChecks(await kitFiles(paidGuideGenerator(), topic), topic, "en");
		expect(named(good, "content.other_domain")).toMatchObject({ passed: true });
		expect(good.filter((c) => c.name.startsWith("content.topic.chapter_")).every((c) => c.passed)).toBe(true);

		const pasted = contentFitChecks(await kitFiles(paidGuideGenerator({ paste: { chapter: 3, from: business } }), topic), topic, "en");
		const otherDomain = named(pasted, "content.other_domain");
		expect(otherDomain).toMatchObject({ passed: false, required: true, dimension: "content_fit" });
		expect(otherDomain?.detail).toMatch(/^chapter 3 "[^"]+" has a business sentence/);
		expect(otherDomain?.detail).not.toMatch(/chapter [124-9] /);
	});

	it("finds another domain's chapter in a Korean kit too", async () => {
		const topic = "사워도우 빵 굽기";
		const good = contentFitChecks(await kitFiles(paidGuideGenerator(), topic, "ko"), topic, "ko");
		expect(good.filter((c) => !c.passed && (c.required || c.name.startsWith("content.topic.chapter"))).map((c) => c.name)).toEqual([]);
		const pasted = contentFitChecks(await kitFiles(paidGuideGenerator({ paste: { chapter: 4, from: koBusiness } }), topic, "ko"), topic, "ko");
		expect(named(pasted, "content.other_domain")).toMatchObject({ passed: false, detail: expect.stringMatching(/^chapter 4 "[^"]+" has a business sentence/) });
	});

	it("requires 6 chapters of 250+ words, 20 checklist items, 6 FAQ answers and what the page promises", async () => {
		const topic = "vegetable gardening on a balcony";
		const files = await kitFiles(paidGuideGenerator(), topic);
		const full = contentFitChecks(files, topic, "en");
		for (const name of ["content.chapters", "content.checklist", "content.faq", "content.promises"])
			expect(named(full, name)).toMatchObject({ passed: true, required: true });

		// Every chapter after the first cut to two words: one long chapter is left.
		const short = edit(files, "guide.md", (text) => text.replace(/^(## ([2-9]|1\d)\. .*\n)[\s\S]*?(?=^## )/gm, "$1\nToo short.\n\n"));
		expect(named(contentFitChecks(short, topic, "en"), "content.chapters")).toMatchObject({
			passed: false,
			detail: expect.stringMatching(/^1 chapters of 250\+ words, at least 6 expected \(chapter 2 has 2 words, chapter 3 has 2 words/),
		});

		const fewItems = edit(files, "checklist.md", (text) =>
			text
				.split("\n")
				.filter((line, i, lines) => !line.startsWith("- [ ]") || lines.slice(0, i).filter((l) => l.startsWith("- [ ]")).length < 12)
				.join("\n"),
		);
		const itemChecks = contentFitChecks(fewItems, topic, "en");
		expect(named(itemChecks, "content.checklist")).toMatchObject({ passed: false, detail: "12 checklist items, at least 20 expected" });
		// The page still says "a 26-item checklist": holding less than promised is its own failure.
		expect(named(itemChecks, "content.promises")?.detail).toMatch(/the page promises \d+ checklist items, the checklist has 12/);

		const fewFaqs = edit(files, "index.html", (text) => text.replace(/<details>[\s\S]*?<\/details>/, "").replace(/<details>[\s\S]*?<\/details>/, ""));
		expect(named(contentFitChecks(fewFaqs, topic, "en"), "content.faq")).toMatchObject({ passed: false, detail: "4 FAQ answers, at least 6 expected" });
	});

	it("fails the gate when content_fit is below the threshold, whatever the mean", () => {
		const others = ["functional", "structural", "technical", "productization"].map((dimension) =>
			check(`${dimension}.ok`, dimension as QaCheck["dimension"], true, "fine"),
		);
		const content = [check("a", "content_fit", true, "ok"), check("b", "content_fit", false, "off topic"), check("c", "content_fit", false, "off topic")];
		const verdict = scoreChecks([...others, ...content], 80);
		expect(verdict.dimensions).toEqual({ functional: 100, structural: 100, technical: 100, productization: 100, content_fit: 33 });
		expect(verdict.score).toBe(87);
		expect(verdict.passed).toBe(false);
		expect(scoreChecks([...others, content[0] as QaCheck], 80)).toMatchObject({ passed: true, score: 100 });
	});

	it("regenerates a product with another domain's chapter, then stops at QA1_FAILED with the reason", async () => {
		const calls: GenerateInput[] = [];
		const { deps, ids } = await makeProducts("marathon training plan", paidGuideGenerator({ paste: { chapter: 2, from: business } }, calls));
		await drain(deps);
		const id = ids[0] as string;
		const row = await productRow(id);
		expect(row?.status).toBe("QA1_FAILED");
		expect(calls.map((call) => call.generation)).toEqual([1, 2, 3]);
		expect(calls[1]?.feedback.some((line) => line.startsWith("content.other_domain: chapter 2 "))).toBe(true);
		expect(row?.lastError).toMatch(/content\.other_domain \(chapter 2 "[^"]+" has a business sentence/);
		const reports = await qa1Reports(id);
		expect(reports.map((report) => report.passed)).toEqual([0, 0, 0]);
		expect(Object.keys(reports[0]?.dimensions ?? {})).toEqual(["functional", "structural", "technical", "productization", "content_fit"]);
		const signatures = await env.DB.prepare("SELECT COUNT(*) AS n FROM content_signatures WHERE product_id = ?").bind(id).first<{ n: number }>();
		expect(signatures?.n).toBe(0);
	});

	it("fails the second of two near-identical products, naming the first", async () => {
		const topic = "homemade pasta from scratch";
		const first = await makeProducts(topic, paidGuideGenerator({ seed: "same", frozen: true }));
		await drain(first.deps);
		const firstId = first.ids[0] as string;
		expect((await productRow(firstId))?.status).toBe("PUBLISHED");
		const stored = await env.DB.prepare("SELECT language, generation, length(signature) AS chars, shingles FROM content_signatures WHERE product_id = ?")
			.bind(firstId)
			.all();
		expect(stored.results).toEqual([{ language: "en", generation: 1, chars: 1024, shingles: expect.any(Number) }]);

		const calls: GenerateInput[] = [];
		const second = await makeProducts(topic, paidGuideGenerator({ seed: "same", frozen: true }, calls));
		await drain(second.deps);
		const secondId = second.ids[0] as string;
		const row = await productRow(secondId);
		// Regenerated with the reason as feedback, but the generator writes the same kit again.
		expect(row?.status).toBe("QA1_FAILED");
		expect(calls.map((call) => call.generation)).toEqual([1, 2, 3]);
		expect(calls[1]?.feedback.some((line) => line.startsWith(`content.distinct: shares more than a third of its paragraphs with ${firstId}`))).toBe(true);
		const reports = await qa1Reports(secondId);
		expect(reports).toHaveLength(3);
		for (const report of reports) {
			const distinct = named(report.checks, "content.distinct");
			expect(distinct).toMatchObject({ passed: false, required: true });
			expect(distinct?.detail).toMatch(new RegExp(`${firstId} "[^"]+" \\(100% estimated shingle overlap\\)`));
		}
		expect(row?.lastError).toContain("content.distinct");
		const secondSignatures = await env.DB.prepare("SELECT COUNT(*) AS n FROM content_signatures WHERE product_id = ?").bind(secondId).first<{ n: number }>();
		expect(secondSignatures?.n).toBe(0);
		// The first product's own QA1 run again (a redelivery) still passes: its own row is excluded.
		const again = await qa1Reports(firstId);
		expect(named(again[0]?.checks ?? [], "content.distinct")?.passed).toBe(true);
	});

	it("with an LLM configured, stores the judge's answer with the report and turns low scores into deductions", async () => {
		const llm = { baseUrl: inject("llmUrl"), apiKey: "sk-fake-llm-key", model: "gpt-test" };
		const good = await makeProducts("indoor herb garden care", paidGuideGenerator(), 1, llm);
		await drain(good.deps);
		const goodId = good.ids[0] as string;
		expect((await productRow(goodId))?.status).toBe("PUBLISHED");
		const [report] = await qa1Reports(goodId);
		const judge = JSON.parse(report?.judge ?? "null") as { en: { fit: { score: number; reasons: string[] } } };
		expect(judge.en.fit).toEqual({ score: 9, reasons: [expect.stringMatching(/^All \d+ chapters stay on "indoor herb garden care"/)] });
		expect(named(report?.checks ?? [], "judge.fit")).toMatchObject({ passed: true, dimension: "content_fit" });

		const low = await makeProducts("judge-low landscape photography at dawn", paidGuideGenerator(), 1, llm);
		await drain(low.deps);
		const [lowReport] = await qa1Reports(low.ids[0] as string);
		expect(named(lowReport?.checks ?? [], "judge.fit")).toMatchObject({
			passed: false,
			detail: expect.stringMatching(/^LLM judge fit 3\/10 \(7 needed\): Most of the/),
		});
		expect(named(lowReport?.checks ?? [], "judge.usefulness")?.passed).toBe(false);
		expect(named(lowReport?.checks ?? [], "judge.accuracy")?.passed).toBe(true);

		// The API's QA report carries the judge's answer (a key added to API.md's QaReport).
		const detail = (await (await api(`/api/products/${goodId}`)).json()) as { qa_reports: { stage: number; judge: unknown }[] };
		expect(detail.qa_reports.find((r) => r.stage === 1)?.judge).toEqual(judge);
		expect(detail.qa_reports.find((r) => r.stage === 2)?.judge).toBeNull();
	});

	it("rejects a judge answer outside the rubric, so the stage is retried", async () => {
		const llm = { baseUrl: inject("llmUrl"), apiKey: "sk-fake-llm-key", model: "gpt-test" };
		const input = { topic: "judge-invalid knitting", language: "en" as const, guide: "## 1. Cast on\n\nKnit.", checklist: "- [ ] Knit", faq: "" };
		await expect(judgeContent(llm, input)).rejects.toThrow(/^LLM judge: the answer does not match the rubric \(fit, accuracy, usefulness\)/);
		await expect(judgeContent({ ...llm, apiKey: "sk-wrong" }, input)).rejects.toThrow("LLM judge answered 401");
	});

	it("publishes a batch of 3 on one topic as 3 products sharing at most a third of their paragraphs", async () => {
		const { deps, ids } = await makeProducts("watercolor basics for kids", templateGenerator, 3);
		await drain(deps, 200);
		const rows = await Promise.all(ids.map((id) => productRow(id)));
		expect(rows.map((row) => [row?.status, row?.lastError ?? null])).toEqual(ids.map(() => ["PUBLISHED", null]));
		const shingles = await Promise.all(ids.map(async (id) => paragraphShingles(await guideOf(id), "en")));
		for (let i = 0; i < shingles.length; i++)
			for (let j = i + 1; j < shingles.length; j++) expect(jaccard(shingles[i] as string[], shingles[j] as string[])).toBeLessThanOrEqual(1 / 3);
	});
});
