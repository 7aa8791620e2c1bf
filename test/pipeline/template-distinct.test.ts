import { describe, expect, it } from "vitest";
import { ANGLE_TITLE_NAMES, ANGLES } from "../../src/pipeline/generators/template/angles";
import { renderChecklist } from "../../src/pipeline/generators/template/checklist";
import type { DomainId } from "../../src/pipeline/generators/template/domains";
import { renderGuide } from "../../src/pipeline/generators/template/guide";
import { buildKitContent, type KitContent } from "../../src/pipeline/generators/template/kit-content";
import { kitLanguage } from "../../src/pipeline/generators/template/lang";
import { profileTopic } from "../../src/pipeline/generators/template/topic-profile";
import { MAX_SIMILARITY, paragraphShingles, jaccard as ruleJaccard } from "../../src/pipeline/qa/similarity";
import type { Locale } from "../../src/shared/locale";
import { createRng } from "../../src/shared/prng";

/** Topics of each domain; products cycle through them, the angles and the generations. */
const EN_TOPICS: Readonly<Record<DomainId, readonly string[]>> = {
	cooking: ["sourdough baking", "meal prep for programmers", "pasta cooking techniques", "baking cakes and cookies"],
	fitness: ["marathon training", "strength training after forty", "mobility workouts for runners", "kettlebell training at home"],
	finance: ["personal finance for freelancers", "retirement savings with index funds", "budgeting for young families", "paying off credit card debt"],
	programming: ["TypeScript testing strategies", "Kubernetes cost optimization", "Python data pipelines", "refactoring legacy JavaScript code"],
	marketing: ["newsletter growth", "Instagram marketing for local cafes", "email marketing funnels", "SEO content marketing"],
	travel: ["backpacking Southeast Asia", "road trip planning", "budget travel in Japan", "family travel itineraries"],
	gardening: ["container gardening on a balcony", "vegetable garden planning", "composting at home", "growing tomatoes from seed"],
	photography: ["street photography at night", "portrait photography", "landscape photography composition", "product photography lighting"],
	productivity: ["deep work for remote teams", "time management for teachers", "weekly planning habits", "focus and habit tracking"],
	education: ["teaching fractions with games", "learning Spanish vocabulary", "homeschool lesson planning", "exam study techniques"],
	design: ["logo design fundamentals", "UX writing for mobile apps", "typography for web design", "brand identity design"],
	business: ["launching an Etsy shop", "pricing your consulting services", "starting a small business", "running a coffee shop business"],
	art: ["watercolor basics for kids", "urban sketching in ink", "acrylic painting techniques", "drawing portraits with pencil"],
	generic: ["medieval castle architecture", "beekeeping regulations in Norway", "history of lighthouse keeping", "antique clock restoration"],
};

const KO_TOPICS: Readonly<Partial<Record<DomainId, readonly string[]>>> = {
	finance: ["프리랜서를 위한 개인 재무 관리", "주부를 위한 주식 투자 첫걸음", "사회초년생 재테크와 예산 관리", "신용카드 빚 갚기"],
	art: ["아이를 위한 수채화 기초", "어반스케치 시작하기", "아크릴화 그리기 기법", "연필 인물화 드로잉"],
	cooking: ["초보자를 위한 사워도우 빵 굽기", "개발자를 위한 집밥 밀프렙", "집에서 김치 담그기", "자취생 한 그릇 요리"],
};

type Kit = { guide: string; checklist: string; content: KitContent; domain: DomainId };

/** One kit through the generator's own functions (no pipeline), as the template generator builds it. */
function kit(topic: string, angleIndex: number, generation: number, locale: Locale): Kit {
	const language = kitLanguage(locale);
	const angle = ANGLES[angleIndex % ANGLES.length] ?? "starter";
	const profile = profileTopic(topic, `${topic} ${ANGLE_TITLE_NAMES[angle][locale]}`, generation, language);
	const content = buildKitContent(profile, createRng(profile.seed).fork("content"), false, language);
	return { guide: renderGuide(content, language.ui), checklist: renderChecklist(content, language.ui), content, domain: profile.domain.id };
}

/**
 * Twenty kits of a domain: four topics in each of five formats, as a seller's catalogue in one
 * domain grows. One topic has six formats (the batch test below); a seventh product on the same
 * topic and format repeats a format's frame and may be refused, which is the rule doing its job.
 */
function twenty(topics: readonly string[], locale: Locale): Kit[] {
	return Array.from({ length: 20 }, (_, i) => kit(topics[i % topics.length] ?? "", Math.floor(i / topics.length), 1, locale));
}

const normalize = (text: string): string => text.replace(/\s+/g, " ").trim();

function paragraphs(text: string): Set<string> {
	return new Set(
		text
			.split(/\n\s*\n/)
			.map(normalize)
			.filter((p) => p !== ""),
	);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	let shared = 0;
	for (const item of a) if (b.has(item)) shared++;
	return shared / (a.size + b.size - shared);
}

/**
 * The largest similarity over every pair of kits, measured as QA1's distinctness rule measures it
 * (src/pipeline/qa/similarity.ts: the language's paragraph shingles, exact Jaccard rather than the
 * MinHash estimate), so "twenty distinct kits" means twenty the rule would not refuse.
 */
function worstPair(kits: readonly Kit[], locale: Locale): number {
	const sets = kits.map((k) => paragraphShingles(k.guide, locale));
	let worst = 0;
	for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) worst = Math.max(worst, ruleJaccard(sets[i] ?? [], sets[j] ?? []));
	return worst;
}

/** Numbered chapters of guide.md except the closing 30-day plan, as heading plus body. */
function chapters(guide: string): string[] {
	const numbered = guide.split(/^## /m).filter((section) => /^\d+\. /.test(section));
	return numbered.slice(0, -1);
}

const words = (text: string): number => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

describe("twenty distinct kits per domain", () => {
	it.each(Object.entries(EN_TOPICS))("English %s: no pair the QA1 distinctness rule would refuse", (domain, topics) => {
		const kits = twenty(topics, "en");
		expect(new Set(kits.map((k) => k.domain))).toEqual(new Set([domain]));
		expect(worstPair(kits, "en")).toBeLessThanOrEqual(MAX_SIMILARITY);
	});

	it.each(Object.entries(KO_TOPICS))("Korean %s: no pair the QA1 distinctness rule would refuse", (domain, topics) => {
		const kits = twenty(topics ?? [], "ko");
		expect(new Set(kits.map((k) => k.domain))).toEqual(new Set([domain]));
		expect(worstPair(kits, "ko")).toBeLessThanOrEqual(MAX_SIMILARITY);
	});
});

describe("a batch on one topic is distinct products", () => {
	it.each([
		["watercolor basics for kids", "en"],
		["personal finance for freelancers", "en"],
		["아이를 위한 수채화 기초", "ko"],
	] as const)("%s (%s): every pair of a six-product batch shares ≤ 1/3 of paragraphs and of shingles", (topic, locale) => {
		const batch = ANGLES.map((_, i) => kit(topic, i, 1, locale));
		// Each product has its own format, visible in its chapter headings.
		const headings = batch.map((k) => k.content.chapters.map((c) => c.title).join("|"));
		expect(new Set(headings).size).toBe(batch.length);
		for (let i = 0; i < batch.length; i++) {
			for (let j = i + 1; j < batch.length; j++) {
				const a = batch[i] as Kit;
				const b = batch[j] as Kit;
				expect(jaccard(paragraphs(a.guide), paragraphs(b.guide))).toBeLessThanOrEqual(1 / 3);
				expect(ruleJaccard(paragraphShingles(a.guide, locale), paragraphShingles(b.guide, locale))).toBeLessThanOrEqual(MAX_SIMILARITY);
			}
		}
	});
});

describe("the structure of a paid guide", () => {
	const samples: [string, Locale][] = [
		...Object.values(EN_TOPICS).map((topics): [string, Locale] => [topics[0] ?? "", "en"]),
		...Object.values(KO_TOPICS).map((topics): [string, Locale] => [topics?.[0] ?? "", "ko"]),
		["고대 이집트 상형문자 읽기", "ko"],
	];
	it.each(samples)("%s (%s): 6+ chapters of 250+ words, 20+ checklist items, 6+ FAQ answers, in every angle", (topic, locale) => {
		for (let angle = 0; angle < ANGLES.length; angle++) {
			const k = kit(topic, angle, 1, locale);
			const body = chapters(k.guide);
			expect(body.length).toBeGreaterThanOrEqual(6);
			for (const chapter of body) expect(words(chapter)).toBeGreaterThanOrEqual(250);
			expect((k.checklist.match(/^- \[ \] /gm) ?? []).length).toBeGreaterThanOrEqual(20);
			expect(k.content.faqs.filter((faq) => faq.answer.trim() !== "").length).toBeGreaterThanOrEqual(6);
		}
	});
});
