import type { AngleId } from "../angles";

/**
 * The resource a body line consumes: the next checklist item of the kit, the next tip of the
 * chapter, the next feature idea, the next domain term, a reflection question, or nothing.
 */
export type BodySource = "item" | "tip" | "feature" | "term" | "question" | "none";

/**
 * One line of an angle's block in every chapter: variants (one is picked per chapter) with the
 * placeholders {item} {tip} {featureTitle} {featureBody} {term} {question} {day} {n} {title}
 * {subject} {audience} {outcome}, plus everything of the domain packs (see domains/types.ts).
 */
export type BodyLine = { source: BodySource; frames: readonly string[] };

/** What makes one angle read like its own product. */
export type AngleText = {
	/** Chapter headings (the guide numbers them); {title} is the source chapter's title, {day}-{dayEnd} its days. */
	chapterTitles: readonly string[];
	/** A paragraph added to the guide's introduction that says what kind of product this is. */
	intros: readonly string[];
	/** The angle's own block, as lines; a new paragraph starts at every `break` index. */
	body: readonly BodyLine[];
	/** Line indexes that start a new paragraph of the block. */
	breaks: readonly number[];
};

/**
 * Sentence pools shared by every angle of one language. Each sentence carries chapter-varying
 * placeholders ({title}, {term}, {termB}) every few words, so two kits reuse a frame's words
 * only when they also put it on the same chapter with the same term.
 */
export type AngleBank = {
	/** A chapter's first sentence; every variant names {subject} and {title}. */
	openers: readonly string[];
	/** The second sentence, tying the chapter to {term}, {termB} or {outcome}. */
	links: readonly string[];
	/** A chapter's last sentence. */
	closers: readonly string[];
	/**
	 * Practice plans that top a chapter up to its minimum length. Their words between
	 * placeholders are few ({term} {termB} {termC} {title} and minutes {mA} {mB} {mC}), so each
	 * kit's drills read as its own plan rather than a shared paragraph.
	 */
	drills: readonly string[];
	/** General advice, used only when the drills are not enough. */
	fillers: readonly string[];
	/** Reflection questions for {question}. */
	questions: readonly string[];
	angles: Readonly<Record<AngleId, AngleText>>;
};
