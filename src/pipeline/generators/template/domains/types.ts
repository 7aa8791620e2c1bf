/** The subject areas the template generator writes specific content for. */
export type DomainId =
	| "cooking"
	| "fitness"
	| "finance"
	| "programming"
	| "marketing"
	| "travel"
	| "gardening"
	| "photography"
	| "productivity"
	| "education"
	| "design"
	| "business"
	| "art"
	| "generic";

/** Which illustration the hero SVG draws. */
export type MotifId = DomainId;

/** Heading typeface mood; the stylesheet maps it to a font stack. */
export type FontMood = "serif" | "sans" | "rounded" | "geometric" | "mono";

/**
 * One feature card. Text may contain `{subject}`, `{Subject}`, `{audience}` and `{Audience}`.
 *
 * Placeholders (all pack text, every language):
 * - `{subject}` / `{audience}`: the topic's subject or reader, as written. `{Subject}` and
 *   `{Audience}` capitalise the first letter (no effect on Hangul).
 * - `{name:PARTICLE}` (Korean packs): the value followed by a Korean particle chosen by whether
 *   the value's last syllable has a final consonant (받침). Write either form of the pair; the
 *   generator picks the right one:
 *   `{subject:은}` gives "빵 굽기는" or "사워도우 빵은"; `{subject:이}` (이/가); `{subject:을}` (을/를);
 *   `{subject:과}` (과/와); `{subject:으로}` (으로/로, and 로 after ㄹ: 요리로);
 *   `{subject:이나}` (이나/나); `{subject:이라}` (이라/라, e.g. `{subject:이라는}`);
 *   `{subject:이에요}` (이에요/예요). A longer particle that starts with one of these keeps its
 *   tail (`{subject:으로는}`, `{subject:과의}`). Any other particle (`에`, `에서`, `도`, `의`, `만`,
 *   `까지`) is appended unchanged, so `{subject:에}` is safe. Never write a particle right after a
 *   bare `{subject}`: the value is user input and its last sound is unknown to the pack.
 *   Non-Hangul endings (Latin, digits) are read as Korean would (Python→을, Java→를, 3→을).
 * Implemented in `template/josa.ts`; filled by `fill` in `template/text.ts`.
 */
export type FeatureIdea = { title: string; body: string };

/** One FAQ entry (same placeholders as features). */
export type FaqEntry = { question: string; answer: string };

/** One guide chapter: a heading, explanatory paragraphs and short practical tips. */
export type GuideChapter = { title: string; paragraphs: readonly string[]; tips: readonly string[] };

/** A heading of the checklist and its items. */
export type ChecklistGroup = { title: string; items: readonly string[] };

/**
 * Everything the generator knows about one domain. Content is plain text with placeholders;
 * the renderers escape it for HTML, SVG or Markdown.
 */
export type DomainPack = {
	id: DomainId;
	/** Human label, e.g. "Cooking & baking". */
	label: string;
	/**
	 * Detection words and their weights. Matched against topic words (a key of 4+ letters also
	 * matches words it starts, e.g. "bake" matches "bakery"); keys with a space match phrases.
	 * Capitalised keys are proper nouns, which keeps their case when the topic is reworded.
	 */
	keywords: Readonly<Record<string, number>>;
	/** Who the kit is for when the topic does not say, as a plural noun phrase. */
	audience: string;
	/** Base hues (degrees) the palette starts from. */
	hues: readonly number[];
	/** Whether a dark page suits the domain (the seed still decides). */
	prefersDark: boolean;
	fonts: readonly FontMood[];
	/** Domain vocabulary shown as "topics covered" chips and used in the 30-day plan. */
	terms: readonly string[];
	/** Outcomes a buyer wants, as verb phrases ("bake bread you are proud of"). */
	outcomes: readonly string[];
	features: readonly FeatureIdea[];
	faqs: readonly FaqEntry[];
	chapters: readonly GuideChapter[];
	checklist: readonly ChecklistGroup[];
};
