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
	| "generic";

/** Which illustration the hero SVG draws. */
export type MotifId = DomainId;

/** Heading typeface mood; the stylesheet maps it to a font stack. */
export type FontMood = "serif" | "sans" | "rounded" | "geometric" | "mono";

/** One feature card. Text may contain `{subject}`, `{Subject}`, `{audience}` and `{Audience}`. */
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
