import { describe, expect, inject, it } from "vitest";
import { createProducts } from "../../src/pipeline/create-product";
import { digitalKitKind } from "../../src/pipeline/digital-kit";
import { llmGenerator } from "../../src/pipeline/generators/llm";
import { configWith, problemsWith } from "../support/config";
import { fakeKit } from "../support/fakes/llm-product";
import { api, drain, productRow, testDeps } from "../support/helpers";

const FAKE_KEY = "sk-fake-llm-key";
const input = { productId: "prd_x", kind: "digital_kit" as const, title: "Urban Beekeeping Starter Kit", language: "en" as const, generation: 1, feedback: [] };

describe("the OpenAI-compatible generator", () => {
	it("is chosen when LLM_BASE_URL and LLM_API_KEY are set, the templates otherwise", async () => {
		const deps = await testDeps();
		const kitGenerator = (vars: Record<string, string>) => digitalKitKind(configWith(vars).llm).generator(deps);
		expect(kitGenerator({ LLM_BASE_URL: "http://x/v1", LLM_API_KEY: "k", LLM_MODEL: "m" }).name).toBe("llm:m");
		expect(kitGenerator({}).name).not.toMatch(/^llm/);
		expect(problemsWith({ LLM_BASE_URL: "http://x/v1" })).toEqual([expect.objectContaining({ variable: "LLM_API_KEY" })]);
	});

	it("asks for the kit's content as JSON and renders the files from it with the template renderers", async () => {
		const generator = llmGenerator({ baseUrl: inject("llmUrl"), apiKey: FAKE_KEY, model: "gpt-test" });
		const product = await generator.generate({ ...input, topic: "urban beekeeping" });
		const answer = fakeKit("urban beekeeping", "en");
		expect(product.writer).toBe("llm:gpt-test");
		expect(product.description).toBe(answer.description);
		expect(product.files.map((f) => f.path)).toEqual([
			"index.html",
			"assets/styles.css",
			"assets/hero.svg",
			"guide.md",
			"checklist.md",
			"README.md",
			"LICENSE.md",
		]);
		expect(product.files[0]?.contentType).toBe("text/html; charset=utf-8");
		const text = (path: string) => new TextDecoder().decode(product.files.find((f) => f.path === path)?.body);
		const html = text("index.html");
		const guide = text("guide.md");
		expect(html).toContain('<html lang="en">');
		expect(html).toContain(`<h1 id="hero-heading">${input.title}</h1>`);
		expect(html).toContain(answer.subtitle);
		// Every chapter of the answer is a numbered chapter of the guide, with its paragraphs and bullets;
		// the first six are the landing page's feature cards.
		answer.chapters.forEach((chapter, i) => {
			expect(guide).toContain(`## ${i + 1}. ${chapter.heading}`);
			expect(guide).toContain(chapter.paragraphs[1]);
			expect(guide).toContain(`- ${chapter.bullets[0]}`);
		});
		for (const chapter of answer.chapters.slice(0, 6)) expect(html).toContain(`<h3>${chapter.heading}</h3>`);
		for (const entry of answer.faq) expect(html).toContain(`<summary>${entry.question}</summary>`);
		const checklist = text("checklist.md");
		for (const item of answer.checklist.flatMap((group) => group.items)) expect(checklist).toContain(`- [ ] ${item}`);
		// The page promises what the guide holds: the model's chapters plus the 30-day plan, and its checklist count.
		expect(text("README.md")).toContain(String(answer.chapters.length + 1));
		expect(html).toContain(String(answer.checklist.reduce((n, group) => n + group.items.length, 0)));
		// The model wrote no markup: the page's only links are the renderers' own.
		expect(html).not.toMatch(/href="(?!#|assets\/|guide\.md|checklist\.md|README\.md|LICENSE\.md)/);
	});

	it("rejects an answer that does not fit the structure, saying what is wrong", async () => {
		const generator = llmGenerator({ baseUrl: inject("llmUrl"), apiKey: FAKE_KEY, model: "gpt-test" });
		const error = await generator.generate({ ...input, topic: "urban beekeeping schema-invalid" }).then(
			() => null,
			(reason: Error) => reason,
		);
		expect(error?.message).toMatch(/^LLM answer does not fit the kit structure: /);
		expect(error?.message).toContain("chapters: Too small");
		expect(error?.message).toContain("checklist: 5 checklist items, at least 20 expected");
	});

	it("takes the benchmark's padded answer, a guide of about 1 MB", async () => {
		const generator = llmGenerator({ baseUrl: inject("llmUrl"), apiKey: FAKE_KEY, model: "gpt-test" });
		const product = await generator.generate({ ...input, topic: "bench-1mb download kit" });
		const guide = product.files.find((f) => f.path === "guide.md");
		expect(guide?.body.byteLength).toBeGreaterThan(1_200_000);
	});

	it("reports the endpoint's errors: bad key, outage", async () => {
		const wrongKey = llmGenerator({ baseUrl: inject("llmUrl"), apiKey: "sk-wrong", model: "gpt-test" });
		await expect(wrongKey.generate({ ...input, topic: "urban beekeeping" })).rejects.toThrow(/answered 401.*Incorrect API key/);
		const generator = llmGenerator({ baseUrl: inject("llmUrl"), apiKey: FAKE_KEY, model: "gpt-test" });
		await expect(generator.generate({ ...input, topic: "llm-down" })).rejects.toThrow(/answered 503/);
	});

	it("drives the whole pipeline to PUBLISHED, and a flawed answer to QA1_FAILED with feedback sent back", async () => {
		const generator = llmGenerator({ baseUrl: inject("llmUrl"), apiKey: FAKE_KEY, model: "gpt-test" });
		const deps = await testDeps({ generator });
		const [good, flawed] = await createProducts(deps, [
			{ topic: "urban beekeeping", kind: "digital_kit", price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 },
			{ topic: "llm no-faq kit", kind: "digital_kit", price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 },
		]);
		await drain(deps);
		expect((await productRow(good?.id ?? ""))?.status).toBe("PUBLISHED");
		const failed = await productRow(flawed?.id ?? "");
		expect(failed?.status).toBe("QA1_FAILED");
		expect(failed?.lastError).toContain("section.faq");
	});

	it("writes a Korean product when asked for Korean, which QA1 passes; English labelled Korean fails QA1 with the language reason", async () => {
		const generator = llmGenerator({ baseUrl: inject("llmUrl"), apiKey: FAKE_KEY, model: "gpt-test" });
		const direct = await generator.generate({ ...input, title: "도시 양봉 스타터 키트", topic: "도시 양봉 입문", language: "ko" });
		const answer = fakeKit("도시 양봉 입문", "ko");
		expect(direct.description).toBe(answer.description);
		expect(new TextDecoder().decode(direct.files[0]?.body)).toContain('<html lang="ko">');
		const guide = new TextDecoder().decode(direct.files.find((f) => f.path === "guide.md")?.body);
		for (const [i, chapter] of answer.chapters.entries()) expect(guide).toContain(`## ${i + 1}. ${chapter.heading}`);

		const deps = await testDeps({ generator });
		const settings = {
			kind: "digital_kit" as const,
			price_cents: 9900,
			currency: "krw",
			download_limit: 5,
			link_ttl_seconds: 3600,
			languages: ["ko" as const],
		};
		const [korean, mislabelled] = await createProducts(deps, [
			{ ...settings, topic: "도시 양봉 입문" },
			{ ...settings, topic: "도시 양봉 wrong-language" },
		]);
		await drain(deps);
		expect((await productRow(korean?.id ?? ""))?.status).toBe("PUBLISHED");
		const failed = await productRow(mislabelled?.id ?? "");
		expect(failed?.status).toBe("QA1_FAILED");
		expect(failed?.lastError).toContain("content.language");
		type Detail = { qa_reports: { stage: number; checks: { name: string; passed: boolean; detail: string }[] }[] };
		const detail = (await (await api(`/api/products/${mislabelled?.id}`)).json()) as Detail;
		const check = detail.qa_reports.find((report) => report.stage === 1)?.checks.find((c) => c.name === "content.language");
		expect(check?.passed).toBe(false);
		expect(check?.detail).toMatch(/Korean|Hangul/i);
	});
});
