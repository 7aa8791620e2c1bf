import { describe, expect, it } from "vitest";
import { templateGenerator } from "../../src/pipeline/generators/template";
import type { DomainPack } from "../../src/pipeline/generators/template/domains/types";
import { kitLanguage } from "../../src/pipeline/generators/template/lang";
import { capitalize, fill } from "../../src/pipeline/generators/template/text";
import { profileTopic } from "../../src/pipeline/generators/template/topic-profile";
import type { GeneratedProduct, GenerateInput } from "../../src/pipeline/generators/types";
import type { Locale } from "../../src/shared/locale";

const decoder = new TextDecoder();

function input(topic: string, title: string, language: Locale): GenerateInput {
	return { productId: "p-topic-fit", kind: "digital_kit", topic, title, language, generation: 1, feedback: [] };
}

function text(product: GeneratedProduct, path: string): string {
	const file = product.files.find((f) => f.path === path);
	if (!file) throw new Error(`no ${path}`);
	return decoder.decode(file.body);
}

/** Shop-front words of the small-business pack and its hero, which a finance kit must not show. */
const SHOP_WORDS = [
	/shop ?front/i,
	/storefront/i,
	/opening hours/i,
	/signage/i,
	/open sign/i,
	/\bOPEN\b/,
	/awning/i,
	/ideal customer/i,
	/small business/i,
	/영업시간/,
	/간판/,
	/(?<!\p{L})가게/u,
	/매장/,
];

describe("personal finance for freelancers is a finance kit", () => {
	it.each([
		["personal finance for freelancers", "Personal Finance for Freelancers Starter Kit", "en"],
		["personal finance for freelancers", "Personal Finance for Freelancers Starter Kit", "ko"],
		["프리랜서를 위한 개인 재무 관리", "프리랜서를 위한 개인 재무 관리 스타터 키트", "ko"],
		["프리랜서를 위한 개인 재무 관리", "프리랜서를 위한 개인 재무 관리 스타터 키트", "en"],
	] as const)("%s (%s): finance words, no shop vocabulary in page, guide, checklist or hero", async (topic, title, language) => {
		const product = await templateGenerator.generate(input(topic, title, language));
		const files = ["index.html", "guide.md", "checklist.md", "assets/hero.svg"].map((path) => [path, text(product, path)] as const);
		for (const [path, body] of files) for (const word of SHOP_WORDS) expect(body, `${path} ${word}`).not.toMatch(word);
		const pack = kitLanguage(language).domains.find((domain) => domain.id === "finance");
		expect(text(product, "index.html")).toContain(pack?.label.replace("&", "&amp;"));
		// The hero draws the finance motif, not the shop front.
		expect(text(product, "assets/hero.svg")).not.toContain("shopfront");
		const guide = text(product, "guide.md");
		const financeWords = language === "en" ? /budget|savings|emergency fund|net worth/i : /예산|저축|비상금|순자산/;
		expect(guide).toMatch(financeWords);
	});
});

/** Every whole sentence of a pack, filled the way a kit fills it, four words or longer. */
function packSentences(pack: DomainPack, vars: Record<string, string>): string[] {
	const texts = [
		...pack.features.flatMap((f) => [f.title, f.body]),
		...pack.faqs.flatMap((f) => [f.question, f.answer]),
		...pack.chapters.flatMap((c) => [c.title, ...c.paragraphs, ...c.tips]),
		...pack.checklist.flatMap((g) => g.items),
		...pack.outcomes,
	];
	return texts
		.map((t) => fill(t, vars))
		.flatMap((t) => t.split(/(?<=[.!?])\s+/))
		.map((s) => s.trim())
		.filter((s) => s.split(/\s+/).length >= 4);
}

describe("a topic no domain fits", () => {
	it.each([
		["medieval castle architecture", "Medieval Castle Architecture Starter Kit", "en", ["castle", "architecture"]],
		["beekeeping regulations in Norway", "Beekeeping Regulations in Norway Field Guide", "en", ["beekeeping", "regulations"]],
		["고대 이집트 상형문자 읽기", "고대 이집트 상형문자 읽기 프로젝트 워크북", "ko", ["상형문자"]],
	] as const)("%s (%s): built around its own words, no sentence of any specific pack", async (topic, title, language, ownWords) => {
		const kitLang = kitLanguage(language);
		const profile = profileTopic(topic, title, 1, kitLang);
		expect(profile.domain.id).toBe("generic");
		expect(profile.domainConfident).toBe(false);
		const product = await templateGenerator.generate(input(topic, title, language));
		const guide = text(product, "guide.md");
		const chapters = guide.split(/^## /m).filter((section) => /^\d+\. /.test(section));
		expect(chapters.length).toBeGreaterThanOrEqual(7);
		for (const chapter of chapters) for (const word of ownWords) expect(chapter.toLowerCase(), chapter.slice(0, 60)).toContain(word);
		const vars = { subject: profile.subject, Subject: capitalize(profile.subject), audience: profile.audience, Audience: capitalize(profile.audience) };
		const kitText = ["index.html", "guide.md", "checklist.md"].map((path) => text(product, path)).join("\n");
		const foreign = kitLang.domains.flatMap((pack) => packSentences(pack, vars)).filter((sentence) => kitText.includes(sentence));
		expect(foreign).toEqual([]);
	});
});
