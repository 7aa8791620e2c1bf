import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/hash";
import { templateGenerator } from "../../src/pipeline/generators/template";
import type { GeneratedProduct, GenerateInput } from "../../src/pipeline/generators/types";
import { qa1Checks } from "../../src/pipeline/qa/qa1-checks";
import { scoreChecks } from "../../src/pipeline/qa/score";

const decoder = new TextDecoder();

function input(topic: string, title: string, language: GenerateInput["language"], generation = 1): GenerateInput {
	return { productId: "p-template-korean", kind: "digital_kit", topic, title, language, generation, feedback: [] };
}

function text(product: GeneratedProduct, path: string): string {
	const file = product.files.find((f) => f.path === path);
	if (!file) throw new Error(`no ${path}`);
	return decoder.decode(file.body);
}

/** What a reader sees: markup, attributes and Markdown code spans removed. */
function visible(path: string, body: string): string {
	const withoutMarkup = path.endsWith(".md") ? body.replace(/`[^`]*`/g, " ") : body.replace(/<style[\s\S]*?<\/style>/g, " ").replace(/<[^>]*>/g, " ");
	return withoutMarkup.replace(/&[a-z#0-9]+;/gi, " ");
}

function hangulShare(textOnly: string): number {
	const hangul = (textOnly.match(/\p{Script=Hangul}/gu) ?? []).length;
	const latin = (textOnly.match(/[A-Za-z]/g) ?? []).length;
	return hangul / Math.max(1, hangul + latin);
}

/** Sentences and labels of the English banks, renderers and packs that must never reach a Korean kit. */
const ENGLISH_STRINGS = [
	"Get started",
	"What you get",
	"Topics covered",
	"Before you start",
	"Review after 30 days",
	"Works offline",
	"Try this",
	"How to use this guide",
	"Your first 30 days",
	"License for",
	"What you may do",
	"Back to top",
	"Illustration for",
	"Cooking & baking",
	"Set up your kitchen",
	"Kitchen setup",
	"Frequently asked questions",
];

const TOPIC = "초보자를 위한 사워도우 빵 굽기";
const TITLE = "사워도우 빵 굽기 스타터 키트";

describe("template generator in Korean", () => {
	it("writes every file of a Korean cooking kit in Korean", async () => {
		const product = await templateGenerator.generate(input(TOPIC, TITLE, "ko"));
		const html = text(product, "index.html");
		expect(html).toContain('<html lang="ko">');
		expect(html).toContain("요리·베이킹");
		expect(product.description).toContain("사워도우 빵 굽기");
		for (const path of ["index.html", "guide.md", "checklist.md", "README.md", "LICENSE.md", "assets/hero.svg"]) {
			const seen = visible(path, text(product, path));
			expect(hangulShare(seen), path).toBeGreaterThanOrEqual(0.6);
			for (const english of ENGLISH_STRINGS) expect(seen, `${path}: ${english}`).not.toContain(english);
			// No English sentence at all: never three English words in a row.
			expect(seen.match(/\b[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}\b/g), path).toBeNull();
		}
		expect(hangulShare(product.description)).toBeGreaterThanOrEqual(0.6);
	});

	it("understands the Korean topic: subject, audience, level and domain", async () => {
		const product = await templateGenerator.generate(input(TOPIC, TITLE, "ko"));
		const guide = text(product, "guide.md");
		expect(guide).toContain("*초보자를 위한 사워도우 빵 굽기 실전 가이드*");
		// Particles agree with the subject: 굽기 ends in a vowel.
		expect(guide).not.toMatch(/사워도우 빵 굽기(?:을|은|이|과)[ ,.]/);
		expect(text(product, "index.html")).toContain("초보자도 쉽게");
		expect(text(product, "README.md")).toContain("- 대상: 초보자 (초보자도 쉽게)");
		expect(text(product, "LICENSE.md")).toContain(`# "${TITLE}" 라이선스`);
	});

	it("is deterministic and passes the landing-page QA rules", async () => {
		const first = await templateGenerator.generate(input(TOPIC, TITLE, "ko"));
		const second = await templateGenerator.generate(input(TOPIC, TITLE, "ko"));
		expect(second.description).toBe(first.description);
		expect(second.files.map((f) => [f.path, decoder.decode(f.body)])).toEqual(first.files.map((f) => [f.path, decoder.decode(f.body)]));

		const files = await Promise.all(
			first.files.map(async (f) => {
				const sha256 = await sha256Hex(f.body);
				return { path: f.path, size: f.body.byteLength, sha256, body: f.body, actualSha256: sha256 };
			}),
		);
		const verdict = scoreChecks(await qa1Checks(files, TOPIC, "ko"), 80);
		expect(verdict.checks.filter((c) => !c.passed)).toEqual([]);
		expect(verdict.passed).toBe(true);
	});

	it("writes Korean for an English topic and English for a Korean topic", async () => {
		const ko = await templateGenerator.generate(input("Sourdough baking for beginners", "Sourdough Starter Kit", "ko"));
		const koGuide = text(ko, "guide.md");
		expect(koGuide).toContain("*초보자를 위한 sourdough baking 실전 가이드*");
		expect(text(ko, "index.html")).toContain('<html lang="ko">');
		const en = await templateGenerator.generate(input(TOPIC, TITLE, "en"));
		expect(text(en, "index.html")).toContain('<html lang="en">');
		expect(text(en, "guide.md")).toContain("*A practical guide to 사워도우 빵 굽기 for beginners.*");
		expect(text(en, "index.html")).toContain("Cooking &amp; baking");
	});

	it("builds English kits deterministically: the same input gives the same bytes, another generation other bytes", async () => {
		// The pinned digests of the generator before Korean existed went with issue 14 (head-weighted
		// domains, angles, longer chapters); what must hold is that a kit's bytes depend on its input only.
		const digest = async (topic: string, generation: number): Promise<string> => {
			const product = await templateGenerator.generate(input(topic, `${topic} Kit`, "en", generation));
			const parts = [new TextEncoder().encode(product.description), ...product.files.flatMap((f) => [new TextEncoder().encode(f.path), f.body])];
			const joined = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
			let offset = 0;
			for (const part of parts) {
				joined.set(part, offset);
				offset += part.byteLength;
			}
			return sha256Hex(joined);
		};
		for (const [topic, generation] of [
			["Sourdough baking for beginners", 1],
			["Learn Kubernetes", 2],
			["!!!", 1],
		] as const) {
			expect(await digest(topic, generation), topic).toBe(await digest(topic, generation));
			expect(await digest(topic, generation + 1), topic).not.toBe(await digest(topic, generation));
		}
	});
});
