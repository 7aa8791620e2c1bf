import { hash32 } from "../../../shared/prng";
import { type AngleId, chooseAngle } from "./angles";
import { DOMAINS, type DomainId, type DomainPack, GENERIC_DOMAIN } from "./domains";
import { cleanText } from "./escape";
import { ALL_LANGUAGES, type KitLanguage } from "./lang";

/** How experienced the topic says its reader is. */
export type Level = "beginner" | "intermediate" | "advanced" | "general";

/** What the generator understood about a topic; it drives every choice of content and look. */
export type TopicProfile = {
	/** The topic as given, cleaned of control characters. */
	topic: string;
	title: string;
	/** The topic reduced to a noun phrase that reads well mid-sentence ("sourdough baking"). */
	subject: string;
	/** Plural noun phrase for the reader ("beginners", "bakeries", "home cooks"). */
	audience: string;
	/** True when the topic itself named the audience ("... for bakeries"). */
	audienceFromTopic: boolean;
	level: Level;
	/** Meaningful words of the topic in their display case, at most five. */
	keywords: string[];
	domain: DomainPack;
	/** False when no domain fitted the topic's head and the generic pack writes around the topic's own words. */
	domainConfident: boolean;
	/** The kit's format (beginner's guide, workbook, lesson plans …), read from the title's format word. */
	angle: AngleId;
	generation: number;
	/** PRNG seed for this topic, title and generation. */
	seed: number;
};

const STOPWORDS = new Set(
	"a an and the or of for to in on at by with from into your my our their its how what why when who is are be can do does guide ultimate complete essential practical simple quick easy tips tricks kit plan beginner beginners 101 intro introduction basics advanced intermediate expert starter way ways best using use about vs versus more less step steps".split(
		" ",
	),
);

const COMMON_TITLE_WORDS = new Set(
	"home healthy easy simple quick better smart modern everyday weekly daily personal small first new tips plan plans guide basics".split(" "),
);

/** Endings a keyword may take and still match ("bake" → "baker", "bakery", "baking"). */
const SUFFIX =
	/^(?:s|es|ed|e|r|rs|er|ers|ing|ings|ning|ner|ners|ting|ted|ling|ler|lers|led|y|ry|ies|ery|eries|ment|ments|or|ors|ist|ists|ation|ations|al|ic|ics|n)?$/;

const BEGINNER =
	/\b(?:beginners?|beginner'?s|newbies?|novices?|dummies|starters?|getting started|intro(?:duction)?|basics|101|first[- ]time|from scratch|absolute)\b/i;
const ADVANCED = /\b(?:advanced|experts?|pros|mastery|master(?:ing|class)?|deep[- ]dive|professional level)\b/i;
const INTERMEDIATE = /\b(?:intermediate|next level|level up|beyond the basics|improvers?)\b/i;

/** Openers that carry no meaning; `verb` marks those followed by a verb ("how to bake ..."). */
const LEADING_FILLERS: readonly { pattern: RegExp; verb: boolean }[] = [
	{ pattern: /^(?:the|a|an)\s+/i, verb: false },
	{ pattern: /^(?:ultimate|complete|essential|practical|simple|quick|easy|definitive|beginner'?s?|beginners'?)\s+/i, verb: false },
	{ pattern: /^(?:guide|handbook|introduction|intro|crash course)\s+(?:to|for|on)\s+/i, verb: false },
	{ pattern: /^(?:the\s+)?basics\s+of\s+/i, verb: false },
	{ pattern: /^getting\s+started\s+(?:with|in)\s+/i, verb: false },
	{ pattern: /^(?:learn(?:ing)?\s+)?how\s+to\s+/i, verb: true },
	{ pattern: /^learn(?:ing)?\s+to\s+/i, verb: true },
];

const NOT_AUDIENCES = new Set(
	"results profits sales days weeks months years hours minutes dollars euros pounds beginners' less business fitness success".split(" "),
);

const HANGUL = /\p{Script=Hangul}/u;

/** Level words of Korean topics ("초보자를 위한 …", "중급 …", "고급 …"). */
const BEGINNER_KO = /초보|입문|처음|첫걸음|기초부터|누구나/;
const ADVANCED_KO = /고급|심화|전문가|마스터|숙련/;
const INTERMEDIATE_KO = /중급|한 단계 더|레벨 ?업|기초 그다음/;

/**
 * Hangul detection words of every language's packs by domain. Korean writes particles straight
 * after nouns ("빵을", "빵굽기"), so these match as substrings of the topic, not as whole words.
 */
const HANGUL_KEYWORDS: ReadonlyMap<DomainId, readonly (readonly [string, number])[]> = (() => {
	const map = new Map<DomainId, [string, number][]>();
	for (const language of ALL_LANGUAGES) {
		for (const pack of language.domains) {
			const entries = map.get(pack.id) ?? [];
			for (const [key, weight] of Object.entries(pack.keywords)) if (HANGUL.test(key)) entries.push([key.replace(/\s+/g, ""), weight]);
			map.set(pack.id, entries);
		}
	}
	return map;
})();

function hangulScore(id: DomainId, text: string): number {
	if (!HANGUL.test(text)) return 0;
	const compact = text.replace(/\s+/g, "");
	let score = 0;
	for (const [key, weight] of HANGUL_KEYWORDS.get(id) ?? []) if (compact.includes(key)) score += weight;
	return score;
}

/** Splits text into lowercase word tokens, keeping inner joiners such as "e-commerce" or "node.js". */
function tokenize(text: string): string[] {
	return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-.'+#][\p{L}\p{N}+#]+)*/gu) ?? []).map((token) => token.replace(/'s$/, ""));
}

/** A naive singular, good enough to match keyword stems ("bakeries" → "bakery"). */
function singular(word: string): string {
	if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
	if (/(?:ses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
	if (word.length > 3 && word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
	return word;
}

/** Words this far into a topic's head count a third: long heads drift into side details ("... on a budget"). */
const HEAD_WORDS = 6;

/**
 * The confidence rule: a domain is chosen only when the topic's HEAD scores at least this much
 * for it, that is one strong keyword (weight 2 or more) or two weak ones. Below it the topic is
 * too loosely related to any domain, and the generic pack, written around the topic's own words,
 * reads better than another domain's advice.
 */
const MIN_SCORE = 2;

function keywordMatches(key: string, words: readonly string[]): boolean {
	if (key.includes(" ")) {
		const phrase = ` ${words.join(" ")} `;
		return phrase.includes(` ${key} `) || ` ${words.map(singular).join(" ")} `.includes(` ${key} `);
	}
	return words.some((word) => [word, singular(word)].some((form) => form.startsWith(key) && SUFFIX.test(form.slice(key.length))));
}

/** A topic cut into what it is about (head) and who it is for (audience, possibly empty). */
export type TopicParts = { head: string; audience: string };

/**
 * Splits a topic at its audience marker: "personal finance for freelancers" → head "personal
 * finance", audience "freelancers"; "프리랜서를 위한 개인 재무 관리" → head "개인 재무 관리",
 * audience "프리랜서". A topic without a marker is all head.
 */
export function topicParts(topic: string): TopicParts {
	const korean = topic.match(/^(.+?)\s*(?:을|를)\s*위한\s*(.+)$/u);
	if (korean?.[1] && korean[2]) return { head: korean[2].trim(), audience: korean[1].trim() };
	const english = topic.match(/^(.+?)\s+for\s+(.+)$/iu);
	if (english?.[1] && english[2]) return { head: english[1].trim(), audience: english[2].trim() };
	return { head: topic.trim(), audience: "" };
}

/** How strongly a piece of a topic speaks for a domain: English keywords by position, plus Hangul substrings. */
function partScore(domain: DomainPack, text: string): number {
	if (text === "") return 0;
	const words = tokenize(text);
	const front = words.slice(0, HEAD_WORDS);
	let score = 0;
	for (const [key, weight] of Object.entries(domain.keywords)) {
		const lower = key.toLowerCase();
		if (keywordMatches(lower, front)) score += weight;
		else if (keywordMatches(lower, words)) score += weight / 3;
	}
	return score + hangulScore(domain.id, text);
}

/** The domain a topic was matched to, with the head score that chose it. */
export type DomainMatch = { domain: DomainPack; headScore: number; audienceScore: number; confident: boolean };

/**
 * Scores every domain on the topic's head (the subject before "for …" / "…을 위한") and picks the
 * best; the audience's score only breaks ties between equal head scores, so "meal prep for
 * programmers" is cooking and "personal finance for freelancers" is finance. A best head score
 * under {@link MIN_SCORE} is not confident and gives the generic pack. The result is the English
 * pack; the caller swaps in the pack of the kit's language by id.
 */
export function matchDomain(topic: string): DomainMatch {
	const { head, audience } = topicParts(topic);
	let best: DomainMatch = { domain: GENERIC_DOMAIN, headScore: 0, audienceScore: 0, confident: false };
	for (const domain of DOMAINS) {
		const headScore = partScore(domain, head);
		const audienceScore = partScore(domain, audience);
		if (headScore > best.headScore || (headScore === best.headScore && headScore > 0 && audienceScore > best.audienceScore)) {
			best = { domain, headScore, audienceScore, confident: false };
		}
	}
	if (best.headScore < MIN_SCORE) return { domain: GENERIC_DOMAIN, headScore: best.headScore, audienceScore: 0, confident: false };
	return { ...best, confident: true };
}

/** The pack of {@link matchDomain}. */
export function detectDomain(topic: string): DomainPack {
	return matchDomain(topic).domain;
}

/** Proper nouns the domains know, by lowercase form, so "kubernetes" is written "Kubernetes". */
const PROPER_NOUNS: ReadonlyMap<string, string> = new Map(
	DOMAINS.flatMap((domain) => Object.keys(domain.keywords))
		.filter((key) => key !== key.toLowerCase() && !key.includes(" "))
		.map((key) => [key.toLowerCase(), key]),
);

const COMMON_WORDS: ReadonlySet<string> = new Set([
	...STOPWORDS,
	...COMMON_TITLE_WORDS,
	...DOMAINS.flatMap((domain) => Object.keys(domain.keywords).flatMap((key) => (key === key.toLowerCase() ? key.split(" ") : []))),
]);

/**
 * Rewrites a phrase so it reads naturally mid-sentence: common words that were capitalised only
 * because the topic was typed in Title Case are lowered, known proper nouns get their capitals.
 */
function naturalCase(phrase: string): string {
	return phrase
		.split(" ")
		.map((word) => {
			const lower = word.toLowerCase();
			const proper = PROPER_NOUNS.get(lower);
			if (proper && word === lower) return proper;
			const isTitleCase = /^\p{Lu}[\p{Ll}'-]*$/u.test(word);
			if (isTitleCase && (COMMON_WORDS.has(lower) || COMMON_WORDS.has(singular(lower)))) return lower;
			return word;
		})
		.join(" ");
}

/** "train" → "training", "bake" → "baking", "run" → "running" (for "how to ..." topics). */
function gerund(verb: string): string {
	const lower = verb.toLowerCase();
	if (lower.endsWith("ing")) return verb;
	if (lower.endsWith("ie")) return `${verb.slice(0, -2)}ying`;
	if (lower.endsWith("e") && !lower.endsWith("ee") && lower.length > 2) return `${verb.slice(0, -1)}ing`;
	if (/^[^aeiou]*[aeiou][bdgklmnprtvz]$/.test(lower)) return `${verb}${verb.slice(-1)}ing`;
	return `${verb}ing`;
}

type SubjectParts = { subject: string; audience: string | null };

/** Openers of Korean topics that only advertise ("쉽게 배우는 …", "왕초보 …"). */
const KO_LEADING = /^(?:(?:왕)?초보자?(?:용|의)?|입문자?용?|쉽게 배우는|처음 (?:시작|배우)하는|한 번에 끝내는|누구나 할 수 있는|완벽한?|실전)\s+/;
/** Format words at the end of Korean topics ("… 가이드", "… 입문"), which would double up in sentences. */
const KO_TRAILING = /(?:\s*(?:완벽|완전|실전|기초|입문|가이드|안내서|키트|체크리스트|플랜|계획|강좌|강의|튜토리얼|핸드북|정복|첫걸음|101|A to Z))+$/;

/** Korean counterpart of {@link splitTopic}: "초보자를 위한 사워도우 빵 굽기" → subject "사워도우 빵 굽기", audience "초보자". */
function splitKoreanTopic(topic: string, fallbackSubject: string): SubjectParts {
	let subject = topic.replace(/[\s.!?;:,]+$/, "");
	let audience: string | null = null;
	const forMatch = subject.match(/^(.+?)(?:을|를)\s*위한\s+(.+)$/u) ?? subject.match(/^(.+?)\s*(?:을|를)\s*위한\s*(.+)$/u);
	if (forMatch?.[1] && forMatch[2]) {
		audience = forMatch[1].trim();
		subject = forMatch[2].trim();
	}
	for (let round = 0; round < 3; round++) subject = subject.replace(KO_LEADING, "");
	const trimmed = subject.replace(KO_TRAILING, "").trim();
	if (trimmed.length >= 2) subject = trimmed;
	return { subject: /[\p{L}\p{N}]/u.test(subject) ? subject : fallbackSubject, audience };
}

/** Reduces a topic to its subject and, when named, its audience. */
function splitTopic(topic: string, fallbackSubject: string): SubjectParts {
	let subject = topic.replace(/[\s.!?;:,]+$/, "");
	let audience: string | null = null;

	const decade = subject.match(/^(.*\S)\s+(?:in|for)\s+(?:your|their)\s+(\d0'?s)$/i);
	if (decade?.[1] && decade[2]) {
		subject = decade[1];
		audience = `people in their ${decade[2].replace("'", "")}`;
	}

	const forMatch = subject.match(/^(.*\S)\s+for\s+([\p{L}][\p{L}\p{N}' -]{1,40})$/iu);
	if (!audience && forMatch?.[1] && forMatch[2]) {
		const tail = forMatch[2].trim();
		const words = tail.split(/\s+/);
		const last = (words[words.length - 1] ?? "").toLowerCase();
		const startsWithArticle = /^(?:a|an|the|your|my|our|one|two|three|every|all|any)\b/i.test(tail);
		const plural = /s$/.test(last) && !/(?:ss|is|us)$/.test(last);
		if (words.length <= 4 && !startsWithArticle && plural && !NOT_AUDIENCES.has(last)) {
			subject = forMatch[1];
			audience = /dummies/i.test(tail) ? "beginners" : tail.toLowerCase();
		}
	}

	const original = subject;
	for (let round = 0; round < 4; round++) {
		const before = subject;
		for (const filler of LEADING_FILLERS) {
			const match = subject.match(filler.pattern);
			if (!match) continue;
			subject = subject.slice(match[0].length);
			if (filler.verb) {
				const [verb = "", ...rest] = subject.split(" ");
				if (verb) subject = [gerund(verb), ...rest].join(" ");
			}
		}
		if (subject === before) break;
	}
	// "Learn Spanish" reads better as "learning Spanish" inside sentences.
	subject = subject.replace(/^learn\s+/i, "learning ");
	// Trailing format words would double up in sentences ("every good marathon training plan plan").
	const trimmed = subject
		.replace(/(?:\s+(?:plans?|guides?|tips|tricks|checklists?|kits?|courses?|tutorials?|handbooks?|basics|essentials|101|made easy|for beginners))+$/i, "")
		.trim();
	if (trimmed.length >= 2) subject = trimmed;
	const chosen = subject.length >= 2 ? subject : original;
	// A topic of only symbols gives nothing to write about; a neutral phrase keeps sentences readable.
	return { subject: /[\p{L}\p{N}]/u.test(chosen) ? chosen : fallbackSubject, audience };
}

function detectLevel(topic: string, audience: string | null): Level {
	if (BEGINNER.test(topic) || (audience !== null && BEGINNER.test(audience))) return "beginner";
	if (ADVANCED.test(topic)) return "advanced";
	if (INTERMEDIATE.test(topic)) return "intermediate";
	if (BEGINNER_KO.test(topic)) return "beginner";
	if (ADVANCED_KO.test(topic)) return "advanced";
	if (INTERMEDIATE_KO.test(topic)) return "intermediate";
	return "general";
}

/** Korean keywords: the subject's words without trailing particles, two syllables or more. */
function extractKoreanKeywords(subject: string, domain: DomainPack): string[] {
	const words = subject
		.split(/\s+/)
		// A word ending in 는 is a verb modifier ("배우는") or a topic particle: neither makes a keyword.
		.filter((word) => !word.endsWith("는"))
		.map((word) => word.replace(/(?:을|를|은|의|와|과|에서|에|으로|로|도)$/u, ""))
		.filter((word) => [...word].length >= 2);
	const keywords = [...new Set(words)].slice(0, 5);
	return keywords.length > 0 ? keywords : domain.terms.slice(0, 3);
}

function extractKeywords(subject: string, domain: DomainPack): string[] {
	const seen = new Set<string>();
	const keywords: string[] = [];
	for (const word of subject.match(/[\p{L}\p{N}]+(?:[-.'+#][\p{L}\p{N}+#]+)*/gu) ?? []) {
		const lower = word.toLowerCase();
		if (STOPWORDS.has(lower) || seen.has(lower)) continue;
		const acronym = /^\p{Lu}{2,}$/u.test(word);
		if (!/\p{L}/u.test(lower)) continue;
		if (lower.length < 3 && !/\d/.test(lower) && !acronym && !PROPER_NOUNS.has(lower)) continue;
		seen.add(lower);
		keywords.push(word);
		if (keywords.length === 5) break;
	}
	return keywords.length > 0 ? keywords : domain.terms.slice(0, 3);
}

/**
 * The reader named by a topic, in the kit's language: a Korean audience stays in a Korean kit and
 * an English one in an English kit; across languages the pack's own audience reads better,
 * except that beginners are still called beginners.
 */
function audienceFor(named: string | null, level: Level, domain: DomainPack, language: KitLanguage): string {
	if (named === null) return domain.audience;
	const namedIsKorean = HANGUL.test(named);
	const kitIsKorean = language.ui.htmlLang === "ko";
	if (namedIsKorean === kitIsKorean) return named;
	if (level === "beginner") return kitIsKorean ? "초보자" : "beginners";
	return domain.audience;
}

/**
 * Derives the profile of a topic: its subject, audience, level, keywords and domain, plus the
 * seed. The seed mixes in the title so products made in a batch on one topic still differ.
 * A Korean topic is read with Korean rules whatever the kit's language, and the domain pack is
 * the one of `language` with the detected id. `product` (the product's id) varies the seed.
 */
export function profileTopic(rawTopic: string, rawTitle: string, generation: number, language: KitLanguage, product = ""): TopicProfile {
	const topic = cleanText(rawTopic) || language.ui.defaults.topic;
	const title = cleanText(rawTitle) || topic;
	const korean = HANGUL.test(topic);
	const parts = korean ? splitKoreanTopic(topic, language.ui.defaults.subjectOfSymbols) : splitTopic(topic, language.ui.defaults.subjectOfSymbols);
	const subject = korean ? parts.subject : naturalCase(parts.subject);
	const match = matchDomain(topic);
	const domain = language.domains.find((pack) => pack.id === match.domain.id) ?? language.generic;
	// The product's id joins the seed, so two products with one title (a batch longer than the angles) still differ.
	const seed = hash32(`${topic}\u0001${title}\u0001${generation}${product === "" ? "" : `\u0001${product}`}`);
	const level = detectLevel(topic, parts.audience);
	const audience = audienceFor(parts.audience, level, domain, language);
	return {
		topic,
		title,
		subject,
		audience,
		audienceFromTopic: parts.audience !== null,
		level,
		keywords: korean ? extractKoreanKeywords(subject, domain) : extractKeywords(subject, domain),
		domain,
		domainConfident: match.confident,
		angle: chooseAngle(title, seed),
		generation,
		seed,
	};
}
