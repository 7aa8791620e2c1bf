import type { Rng } from "../../shared/prng";
import type { LlmKit } from "./llm-kit";
import type { KitContent, KitFileInfo } from "./template/kit-content";
import type { KitLanguage } from "./template/lang";
import { capitalize, fill, type TextVars, truncate } from "./template/text";
import type { TopicProfile } from "./template/topic-profile";

/** How many chapters the landing page shows as feature cards. */
const FEATURE_CARDS = 6;

/** The first sentence of a paragraph (Latin or Korean full stop), shortened for a card. */
function firstSentence(paragraph: string): string {
	const match = /^[\s\S]*?[.!?。](?=\s|$)/.exec(paragraph.trim());
	return truncate((match?.[0] ?? paragraph).trim(), 180);
}

/**
 * Turns the model's answer into the `KitContent` the template renderers take. The model's words
 * fill the chapters, checklist, FAQ, subtitle, description and audience; the feature cards are
 * its chapters; the page's fixed headings and connecting sentences come from the language's
 * phrase banks, filled with the answer's own counts so the page promises what the guide holds.
 */
export function llmKitContent(kit: LlmKit, profile: TopicProfile, rng: Rng, language: KitLanguage): KitContent {
	const { bank, ui } = language;
	const domain = profile.domain;
	const chapters = kit.chapters.map((chapter) => ({ title: chapter.heading, paragraphs: chapter.paragraphs, tips: chapter.bullets }));
	const checklistCount = kit.checklist.reduce((sum, group) => sum + group.items.length, 0);
	const [outcome = ui.defaults.outcome, outcomeB = ui.defaults.outcomeB] = rng.sample(domain.outcomes, 2);
	// The guide adds its "first 30 days" chapter after the model's chapters.
	const vars: TextVars = {
		subject: profile.subject,
		Subject: capitalize(profile.subject),
		audience: kit.audience,
		Audience: capitalize(kit.audience),
		outcome,
		outcomeB,
		domain: domain.label.toLowerCase(),
		chapters: String(chapters.length + 1),
		items: String(checklistCount),
	};
	const [termA = ui.defaults.terms[0], termB = ui.defaults.terms[1], termC = ui.defaults.terms[2]] = rng.sample(domain.terms, 3);
	const files: KitFileInfo[] = [
		{ path: "guide.md", label: ui.fileLabels.guide, blurb: fill(rng.pick(bank.GUIDE_BLURBS), vars) },
		{ path: "checklist.md", label: ui.fileLabels.checklist, blurb: fill(rng.pick(bank.CHECKLIST_BLURBS), vars) },
		{ path: "README.md", label: ui.fileLabels.readme, blurb: fill(rng.pick(bank.README_BLURBS), vars) },
	];
	return {
		title: profile.title,
		topic: profile.topic,
		subject: profile.subject,
		audience: kit.audience,
		domainLabel: domain.label,
		levelLabel: bank.LEVEL_LABELS[profile.level],
		keywords: profile.keywords,
		chips: [...new Set([...profile.keywords.map((k) => k.toLowerCase()), ...rng.sample(domain.terms, 4)])].slice(0, 8),
		description: kit.description,
		subtitle: kit.subtitle,
		heroPoints: ui.heroPoints(vars.chapters ?? "", checklistCount),
		featuresHeading: fill(rng.pick(bank.FEATURE_HEADINGS), vars),
		featuresIntro: fill(rng.pick(bank.FEATURE_INTROS), vars),
		features: kit.chapters.slice(0, FEATURE_CARDS).map((chapter) => ({ title: chapter.heading, body: firstSentence(chapter.paragraphs[0] ?? "") })),
		insideHeading: rng.pick(bank.INSIDE_HEADINGS),
		insideIntro: rng.pick(bank.INSIDE_INTROS),
		files,
		stepsHeading: rng.pick(bank.STEP_HEADINGS),
		steps: rng.pick(bank.STEPS).map((step) => ({ title: step.title, body: fill(step.body, vars) })),
		audienceHeading: rng.pick(bank.AUDIENCE_HEADINGS),
		audienceItems: rng.sample(bank.AUDIENCE_ITEMS, 4).map((item) => fill(item, vars)),
		ctaHeading: fill(rng.pick(bank.CTA_HEADINGS), vars),
		ctaBody: fill(rng.pick(bank.CTA_BODIES), vars),
		ctaButton: rng.pick(bank.CTA_BUTTONS),
		faqHeading: rng.pick(bank.FAQ_HEADINGS),
		faqs: kit.faq,
		guideIntro: [fill(rng.pick(bank.GUIDE_INTROS), vars), bank.GUIDE_LEVEL_NOTES[profile.level]],
		chapters,
		plan: ui.plan({ a: termA, b: termB, c: termC }, kit.checklist[0]?.title ?? ui.checklistStart),
		guideClosing: fill(rng.pick(bank.GUIDE_CLOSINGS), vars),
		checklistIntro: fill(rng.pick(bank.CHECKLIST_INTROS), vars),
		checklist: kit.checklist,
		checklistCount,
	};
}
