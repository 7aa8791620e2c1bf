import type { AngleBank } from "../angle-bank/types";
import type { DomainPack, FaqEntry } from "../domains/types";
import type { Level } from "../topic-profile";

/**
 * Domain-independent phrase banks of one language: lists of interchangeable variants the seeded
 * generator picks from. Placeholders: {subject} {Subject} {audience} {Audience} {outcome}
 * {outcomeB} {domain} {chapters} {items}, with `{name:PARTICLE}` in Korean (see domains/types.ts).
 */
export type ContentBank = {
	SUBTITLES: readonly string[];
	LEVEL_LABELS: Readonly<Record<Level, string>>;
	FEATURE_HEADINGS: readonly string[];
	FEATURE_INTROS: readonly string[];
	INSIDE_HEADINGS: readonly string[];
	INSIDE_INTROS: readonly string[];
	GUIDE_BLURBS: readonly string[];
	CHECKLIST_BLURBS: readonly string[];
	README_BLURBS: readonly string[];
	STEP_HEADINGS: readonly string[];
	STEPS: readonly (readonly { title: string; body: string }[])[];
	AUDIENCE_HEADINGS: readonly string[];
	AUDIENCE_ITEMS: readonly string[];
	CTA_HEADINGS: readonly string[];
	CTA_BODIES: readonly string[];
	CTA_BUTTONS: readonly string[];
	FAQ_HEADINGS: readonly string[];
	LEVEL_FAQS: Readonly<Record<Level, FaqEntry>>;
	KIT_FAQS: readonly FaqEntry[];
	GUIDE_INTROS: readonly string[];
	GUIDE_LEVEL_NOTES: Readonly<Record<Level, string>>;
	GUIDE_CLOSINGS: readonly string[];
	CHECKLIST_INTROS: readonly string[];
	START_ITEMS: readonly string[];
	REVIEW_ITEMS: readonly string[];
	DESCRIPTIONS: readonly string[];
};

/**
 * The 30-day plan's four weeks; `terms` are three domain terms, `firstGroup` the first domain
 * checklist heading, `variant` (seeded, 0 by default) picks the wording so kits of one topic word it differently.
 */
export type PlanText = (terms: { a: string; b: string; c: string }, firstGroup: string, variant?: number) => { title: string; body: string }[];

/** Fixed wording of the kit's files and landing page (everything that is not a phrase bank or a pack). */
export type KitUi = {
	/** BCP 47 tag for `<html lang>`. */
	htmlLang: string;
	defaults: { topic: string; subjectOfSymbols: string; outcome: string; outcomeB: string; terms: readonly [string, string, string] };
	checklistStart: string;
	checklistReview: string;
	plan: PlanText;
	fileLabels: { guide: string; checklist: string; readme: string };
	heroPoints: (chapters: string, items: number) => string[];
	landing: {
		getStarted: string;
		readFaq: string;
		statChapters: string;
		statItems: string;
		statAnswers: string;
		whatYouGet: string;
		topicsCovered: string;
		theKit: string;
		gettingStarted: string;
		whoFor: string;
		openChecklist: string;
		faq: string;
		skipToContent: string;
		pageSections: string;
		features: string;
		kitFiles: string;
		guide: string;
		checklist: string;
		readMe: string;
		license: string;
		backToTop: string;
		/** The part of `<title>` after the product title. */
		titleSuffix: (domainLabel: string) => string;
		/** The footer line under the title; arguments are already HTML-escaped. */
		footer: (domainLabel: string, subject: string) => string;
	};
	/** Hero illustration alt text; `description` is the motif's English description. */
	heroAlt: (subject: string, description: string) => string;
	/** Markdown of the guide's fixed parts; arguments are already Markdown-escaped. */
	guide: {
		planTitle: string;
		tagline: (subject: string, audience: string) => string;
		howToUse: string;
		theChapters: string;
		tryThis: string;
		/** The plan chapter's opening; `subject` is already Markdown-escaped. */
		planIntro: (subject: string) => string;
		keepGoing: string;
		/** One week of the plan as a list item. */
		week: (title: string, body: string) => string;
	};
	checklist: (args: { title: string; intro: string; count: number; sections: number; groups: string; subject: string }) => string;
	readme: (args: {
		title: string;
		description: string;
		chapterCount: number;
		subject: string;
		checklistCount: number;
		topic: string;
		domainLabel: string;
		audience: string;
		levelLabel: string;
		keywords: string;
		generation: number;
	}) => string;
	license: (name: string) => string;
};

/** Everything the template generator writes in one language: phrase banks, fixed wording and domain packs. */
export type KitLanguage = {
	bank: ContentBank;
	ui: KitUi;
	/** Sentence pools and angle blocks of the guide's chapters. */
	angles: AngleBank;
	/** Specific domains in tie-break order (earlier wins an equal score). */
	domains: readonly DomainPack[];
	generic: DomainPack;
};
