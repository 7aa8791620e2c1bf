import type { Locale } from "../../shared/locale";
import type { QaCheck } from "../../shared/qa";
import { detectDomain } from "../generators/template/topic-profile";
import { contentWords, type DomainVocabulary, domainVocabularies } from "./domain-vocabulary";
import { checklistItems, faqAnswers, type GuideChapterText, guideChapters, pagePromises } from "./guide-structure";
import type { ProductFileUnderTest } from "./qa1-checks";
import { check } from "./score";

/** What a paid guide holds at the least. */
export const MIN_CHAPTERS = 6;
export const MIN_CHAPTER_WORDS = 250;
export const MIN_CHECKLIST_ITEMS = 20;
export const MIN_FAQ_ANSWERS = 6;
/**
 * Distinct words of one other domain that make a sentence that domain's. Korean words carry
 * their particles, so two matches happen by chance more easily; three are asked for.
 */
const FOREIGN_WORDS = { en: 2, ko: 3 } as const;

const decoder = new TextDecoder();
const STOPWORDS = new Set(["with", "from", "your", "that", "this", "into", "about", "guide", "basics", "beginners", "complete", "practical"]);
/** Korean endings and particles stripped from a topic word before it is looked for ("프리랜서를" → "프리랜서"). */
const KO_SUFFIX = /(?:을|를|은|는|이|가|의|에|에서|로|으로|와|과|도|만)$/;
const KO_STOPWORDS = new Set(["위한", "위해", "대한", "관한", "초보자", "입문", "기초"]);

/**
 * The topic's own words as the gate looks for them: English words of 4+ letters cut to a stem
 * ("sourdough" → "sourd", so "baking"/"bake" share "bak…" only when long enough), Korean words
 * without their particle.
 */
export function topicStems(topic: string): string[] {
	const stems = new Set<string>();
	for (const raw of topic.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
		if (/[\uac00-\ud7a3]/.test(raw)) {
			const word = raw.length > 2 ? raw.replace(KO_SUFFIX, "") : raw;
			if (word && !KO_STOPWORDS.has(word)) stems.add(word);
		} else if (raw.length >= 4 && !STOPWORDS.has(raw)) {
			stems.add(raw.length > 5 ? raw.slice(0, raw.length - 2) : raw);
		}
	}
	return [...stems];
}

/**
 * Whether `text` names the topic (one of its stems) or speaks the domain's language: one of its
 * terms, or a word only its pack uses ("dough", "injury").
 */
function onTopic(text: string, stems: readonly string[], own: DomainVocabulary): boolean {
	const lower = text.toLowerCase();
	return (
		stems.some((stem) => lower.includes(stem)) ||
		own.terms.some((term) => lower.includes(term)) ||
		contentWords(lower).some((word) => own.distinctive.has(word))
	);
}

/** Sentences of a text: split after . ! ? and at line breaks. */
function sentences(text: string): string[] {
	return text
		.split(/(?<=[.!?])\s+|\n+/)
		.map((sentence) => sentence.replace(/^[-*+#\d.)\s[\]]+/, "").trim())
		.filter((sentence) => sentence.length > 0);
}

/**
 * The other domain a sentence belongs to, or null: at least two words only that domain's pack
 * writes, none of the product's own domain and none of the topic's words. Topic words never
 * count against it ("meal prep for programmers" may say "programmers").
 */
function foreignDomain(
	sentence: string,
	stems: readonly string[],
	own: DomainVocabulary,
	others: readonly DomainVocabulary[],
	language: Locale,
): { id: string; words: string[] } | null {
	const words = new Set(contentWords(sentence).filter((word) => !stems.some((stem) => word.includes(stem))));
	if ([...words].some((word) => own.distinctive.has(word))) return null;
	for (const other of others) {
		const hits = [...words].filter((word) => other.distinctive.has(word));
		if (hits.length >= FOREIGN_WORDS[language]) return { id: other.id, words: hits };
	}
	return null;
}

/** The product's domain vocabulary and the others', by the same detection the template generator uses. */
function vocabularyFor(topic: string, language: Locale): { own: DomainVocabulary; others: DomainVocabulary[] } {
	const all = domainVocabularies(language);
	const id = detectDomain(topic).id;
	const own = all.find((vocabulary) => vocabulary.id === id) ?? (all[all.length - 1] as DomainVocabulary);
	// The generic pack writes about no subject of its own, so its words mark no sentence as foreign.
	return { own, others: all.filter((vocabulary) => vocabulary !== own && vocabulary.id !== "generic") };
}

/**
 * The content_fit checks of one language version that need nothing but its files: the topic in
 * every chapter and FAQ answer, no sentence of another domain, and the length and structure of a
 * paid guide, never less than the page promises. Each failing check says where and why.
 */
export function contentFitChecks(files: readonly ProductFileUnderTest[], topic: string, language: Locale): QaCheck[] {
	const text = (path: string) => {
		const body = files.find((file) => file.path === path)?.body;
		return body ? decoder.decode(body) : null;
	};
	const guide = text("guide.md");
	const checklist = text("checklist.md");
	const page = text("index.html") ?? "";
	const chapters = guide ? guideChapters(guide) : [];
	const items = checklist ? checklistItems(checklist) : [];
	const faqs = faqAnswers(page);
	const stems = topicStems(topic);
	const { own, others } = vocabularyFor(topic, language);
	const checks: QaCheck[] = [];

	for (const chapter of chapters) {
		const fits = onTopic(`${chapter.title} ${chapter.body}`, stems, own);
		checks.push(
			check(
				`content.topic.chapter_${chapter.number}`,
				"content_fit",
				fits,
				fits
					? `chapter ${chapter.number} "${chapter.title}" is about the topic`
					: `chapter ${chapter.number} "${chapter.title}" names neither the topic (${stems.join(", ") || "no words"}) nor a ${own.id} term`,
			),
		);
	}
	faqs.forEach((faq, i) => {
		const fits = onTopic(`${faq.question} ${faq.answer}`, stems, own);
		checks.push(
			check(
				`content.topic.faq_${i + 1}`,
				"content_fit",
				fits,
				fits ? `FAQ answer ${i + 1} is about the topic` : `FAQ answer ${i + 1} ("${faq.question}") names neither the topic nor a ${own.id} term`,
			),
		);
	});

	checks.push(otherDomainCheck(chapters, faqs, items, stems, own, others, language));
	checks.push(...structureChecks(guide, chapters, checklist, items, faqs, page));
	return checks;
}

function otherDomainCheck(
	chapters: readonly GuideChapterText[],
	faqs: readonly { question: string; answer: string }[],
	items: readonly string[],
	stems: readonly string[],
	own: DomainVocabulary,
	others: readonly DomainVocabulary[],
	language: Locale,
): QaCheck {
	const places: [string, string][] = [
		...chapters.map((chapter): [string, string] => [`chapter ${chapter.number} "${chapter.title}"`, `${chapter.title}\n${chapter.body}`]),
		...faqs.map((faq, i): [string, string] => [`FAQ answer ${i + 1}`, `${faq.question}\n${faq.answer}`]),
		...items.map((item, i): [string, string] => [`checklist item ${i + 1}`, item]),
	];
	const problems: string[] = [];
	for (const [place, body] of places) {
		for (const sentence of sentences(body)) {
			const foreign = foreignDomain(sentence, stems, own, others, language);
			if (!foreign) continue;
			problems.push(`${place} has a ${foreign.id} sentence (${foreign.words.slice(0, 4).join(", ")}): "${sentence.slice(0, 80)}"`);
			break;
		}
	}
	return check(
		"content.other_domain",
		"content_fit",
		problems.length === 0,
		problems.length === 0 ? `no sentence belongs to another domain than ${own.id}` : problems.join("; "),
		true,
	);
}

function structureChecks(
	guide: string | null,
	chapters: readonly GuideChapterText[],
	checklist: string | null,
	items: readonly string[],
	faqs: readonly unknown[],
	page: string,
): QaCheck[] {
	const long = chapters.filter((chapter) => chapter.words >= MIN_CHAPTER_WORDS);
	const short = chapters.filter((chapter) => chapter.words < MIN_CHAPTER_WORDS).map((chapter) => `chapter ${chapter.number} has ${chapter.words} words`);
	const promised = pagePromises(page);
	const shortfalls = [
		chapters.length < promised.chapters ? `the page promises ${promised.chapters} chapters, the guide has ${chapters.length}` : "",
		items.length < promised.checklistItems ? `the page promises ${promised.checklistItems} checklist items, the checklist has ${items.length}` : "",
		faqs.length < promised.faqs ? `the page promises ${promised.faqs} questions, the FAQ answers ${faqs.length}` : "",
	].filter(Boolean);
	return [
		check(
			"content.chapters",
			"content_fit",
			long.length >= MIN_CHAPTERS,
			guide === null
				? "no guide.md"
				: `${long.length} chapters of ${MIN_CHAPTER_WORDS}+ words, at least ${MIN_CHAPTERS} expected${short.length ? ` (${short.join(", ")})` : ""}`,
			true,
		),
		check(
			"content.checklist",
			"content_fit",
			items.length >= MIN_CHECKLIST_ITEMS,
			checklist === null ? "no checklist.md" : `${items.length} checklist items, at least ${MIN_CHECKLIST_ITEMS} expected`,
			true,
		),
		check("content.faq", "content_fit", faqs.length >= MIN_FAQ_ANSWERS, `${faqs.length} FAQ answers, at least ${MIN_FAQ_ANSWERS} expected`, true),
		check(
			"content.promises",
			"content_fit",
			shortfalls.length === 0,
			shortfalls.length === 0 ? "the kit holds at least what its page promises" : shortfalls.join("; "),
			true,
		),
	];
}
