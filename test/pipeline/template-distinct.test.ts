import { describe, expect, it } from "vitest";
import { ANGLE_TITLE_NAMES, ANGLES } from "../../src/pipeline/generators/template/angles";
import { renderChecklist } from "../../src/pipeline/generators/template/checklist";
import type { DomainId } from "../../src/pipeline/generators/template/domains";
import { renderGuide } from "../../src/pipeline/generators/template/guide";
import { buildKitContent, type KitContent } from "../../src/pipeline/generators/template/kit-content";
import { kitLanguage } from "../../src/pipeline/generators/template/lang";
import { profileTopic } from "../../src/pipeline/generators/template/topic-profile";
import type { Locale } from "../../src/shared/locale";
import { createRng } from "../../src/shared/prng";

/** Topics of each domain; products cycle through them, the angles and the generations. */
const EN_TOPICS: Readonly<Record<DomainId, readonly string[]>> = {
	cooking: ["sourdough baking", "meal prep for programmers"],
	fitness: ["marathon training", "strength training after forty"],
	finance: ["personal finance for freelancers", "retirement savings with index funds"],
	programming: ["TypeScript testing strategies", "Kubernetes cost optimization"],
	marketing: ["newsletter growth", "Instagram marketing for local cafes"],
	travel: ["backpacking Southeast Asia", "road trip planning"],
	gardening: ["container gardening on a balcony", "vegetable garden planning"],
	photography: ["street photography at night", "portrait photography"],
	productivity: ["deep work for remote teams", "time management for teachers"],
	education: ["teaching fractions with games", "learning Spanish vocabulary"],
	design: ["logo design fundamentals", "UX writing for mobile apps"],
	business: ["launching an Etsy shop", "pricing your consulting services"],
	art: ["watercolor basics for kids", "urban sketching in ink"],
	generic: ["medieval castle architecture", "beekeeping regulations in Norway"],
};

const KO_TOPICS: Readonly<Partial<Record<DomainId, readonly string[]>>> = {
	finance: ["프리랜서를 위한 개인 재무 관리", "주부를 위한 주식 투자 첫걸음"],
	art: ["아이를 위한 수채화 기초", "어반스케치 시작하기"],
	cooking: ["초보자를 위한 사워도우 빵 굽기", "개발자를 위한 집밥 밀프렙"],
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

/** Twenty kits of a domain: topics, angles and generations in turn. */
function twenty(topics: readonly string[], locale: Locale): Kit[] {
	return Array.from({ length: 20 }, (_, i) => kit(topics[i % topics.length] ?? "", i, 1 + Math.floor(i / ANGLES.length), locale));
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

function shingles(text: string): Set<string> {
	const words = normalize(text).toLowerCase().split(" ");
	const set = new Set<string>();
	for (let i = 0; i + 5 <= words.length; i++) set.add(words.slice(i, i + 5).join(" "));
	return set;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	let shared = 0;
	for (const item of a) if (b.has(item)) shared++;
	return shared / (a.size + b.size - shared);
}

/** The largest shingle Jaccard over every pair of kits. */
function worstPair(kits: readonly Kit[]): number {
	const sets = kits.map((k) => shingles(k.guide));
	let worst = 0;
	for (let i = 0; i < sets.length; i++)
		for (let j = i + 1; j < sets.length; j++) worst = Math.max(worst, jaccard(sets[i] as Set<string>, sets[j] as Set<string>));
	return worst;
}

/** Numbered chapters of guide.md except the closing 30-day plan, as heading plus body. */
function chapters(guide: string): string[] {
	const numbered = guide.split(/^## /m).filter((section) => /^\d+\. /.test(section));
	return numbered.slice(0, -1);
}

const words = (text: string): number => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

describe("twenty distinct kits per domain", () => {
	it.each(Object.entries(EN_TOPICS))("English %s: every pair's guide shingle Jaccard ≤ 0.33", (domain, topics) => {
		const kits = twenty(topics, "en");
		expect(new Set(kits.map((k) => k.domain))).toEqual(new Set([domain]));
		expect(worstPair(kits)).toBeLessThanOrEqual(0.33);
	});

	it.each(Object.entries(KO_TOPICS))("Korean %s: every pair's guide shingle Jaccard ≤ 0.33", (domain, topics) => {
		const kits = twenty(topics ?? [], "ko");
		expect(new Set(kits.map((k) => k.domain))).toEqual(new Set([domain]));
		expect(worstPair(kits)).toBeLessThanOrEqual(0.33);
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
				expect(jaccard(shingles(a.guide), shingles(b.guide))).toBeLessThanOrEqual(0.33);
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
