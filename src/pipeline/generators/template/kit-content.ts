import type { Rng } from "../../../shared/prng";
import { buildChapters } from "./chapter-builder";
import type { ChecklistGroup, FaqEntry, FeatureIdea, GuideChapter } from "./domains/types";
import type { KitLanguage } from "./lang";
import { capitalize, fill, type TextVars } from "./text";
import type { TopicProfile } from "./topic-profile";

/** A file of the kit as the landing page and README describe it. */
export type KitFileInfo = { path: string; label: string; blurb: string };

/** One week of the 30-day plan. */
export type PlanWeek = { title: string; body: string };

/** All the words of one kit, as plain text (renderers escape them for their format). */
export type KitContent = {
	title: string;
	topic: string;
	subject: string;
	audience: string;
	domainLabel: string;
	levelLabel: string;
	keywords: string[];
	/** Keywords plus domain terms, shown as "topics covered". */
	chips: string[];
	description: string;
	subtitle: string;
	heroPoints: string[];
	featuresHeading: string;
	featuresIntro: string;
	features: FeatureIdea[];
	insideHeading: string;
	insideIntro: string;
	files: KitFileInfo[];
	stepsHeading: string;
	steps: { title: string; body: string }[];
	audienceHeading: string;
	audienceItems: string[];
	ctaHeading: string;
	ctaBody: string;
	ctaButton: string;
	faqHeading: string;
	faqs: FaqEntry[];
	guideIntro: string[];
	chapters: GuideChapter[];
	plan: PlanWeek[];
	guideClosing: string;
	checklistIntro: string;
	checklist: ChecklistGroup[];
	checklistCount: number;
};

/**
 * Chooses and fills every piece of text of a kit. `thorough` (set when QA sent feedback) keeps
 * more of the available material, so a retry is richer rather than merely different.
 */
export function buildKitContent(profile: TopicProfile, rng: Rng, thorough: boolean, language: KitLanguage): KitContent {
	const { bank, ui } = language;
	const domain = profile.domain;
	// Outcomes may name the subject (the generic pack's do), so they are filled before use.
	const who = { subject: profile.subject, audience: profile.audience };
	const [outcome = ui.defaults.outcome, outcomeB = ui.defaults.outcomeB] = rng.sample(domain.outcomes, 2).map((o) => fill(o, who));
	const base: Record<string, string> = {
		subject: profile.subject,
		Subject: capitalize(profile.subject),
		audience: profile.audience,
		Audience: capitalize(profile.audience),
		outcome,
		outcomeB,
		domain: domain.label.toLowerCase(),
	};

	const chapters = buildChapters({ domain, angle: profile.angle, bank: language.angles, base, rng: rng.fork("chapters") });
	const perGroup = thorough ? 6 : 5;
	const domainGroups = domain.checklist.map((group) => ({
		title: fill(group.title, base),
		items: rng.sampleInOrder(group.items, perGroup).map((item) => fill(item, base)),
	}));
	const checklist: ChecklistGroup[] = [
		{ title: ui.checklistStart, items: rng.sampleInOrder(bank.START_ITEMS, 3).map((item) => fill(item, base)) },
		...domainGroups,
		{ title: ui.checklistReview, items: rng.sampleInOrder(bank.REVIEW_ITEMS, 3).map((item) => fill(item, base)) },
	];
	const checklistCount = checklist.reduce((sum, group) => sum + group.items.length, 0);
	// The guide numbers the domain chapters and then adds its "first 30 days" chapter.
	const vars: TextVars = { ...base, chapters: String(chapters.length + 1), items: String(checklistCount) };

	const features = rng.sample(domain.features, thorough ? 8 : 6).map((f) => ({ title: fill(f.title, vars), body: fill(f.body, vars) }));
	const domainFaqs = rng.sample(domain.faqs, thorough ? 5 : 4);
	const kitFaqs = thorough ? [...bank.KIT_FAQS] : [rng.pick(bank.KIT_FAQS)];
	const faqs = [...domainFaqs, bank.LEVEL_FAQS[profile.level], ...kitFaqs].map((f) => ({
		question: fill(f.question, vars),
		answer: fill(f.answer, vars),
	}));

	const [termA = ui.defaults.terms[0], termB = ui.defaults.terms[1], termC = ui.defaults.terms[2]] = rng.sample(domain.terms, 3);
	const firstGroup = domainGroups[0]?.title ?? ui.checklistStart;
	const plan: PlanWeek[] = ui.plan({ a: termA, b: termB, c: termC }, firstGroup, rng.int(0, 2));

	const files: KitFileInfo[] = [
		{ path: "guide.md", label: ui.fileLabels.guide, blurb: fill(rng.pick(bank.GUIDE_BLURBS), vars) },
		{ path: "checklist.md", label: ui.fileLabels.checklist, blurb: fill(rng.pick(bank.CHECKLIST_BLURBS), vars) },
		{ path: "README.md", label: ui.fileLabels.readme, blurb: fill(rng.pick(bank.README_BLURBS), vars) },
	];

	return {
		title: profile.title,
		topic: profile.topic,
		subject: profile.subject,
		audience: profile.audience,
		domainLabel: domain.label,
		levelLabel: bank.LEVEL_LABELS[profile.level],
		keywords: profile.keywords,
		chips: [...new Set([...profile.keywords.map((k) => k.toLowerCase()), ...rng.sample(domain.terms, 4)])].slice(0, 8),
		description: fill(rng.pick(bank.DESCRIPTIONS), vars),
		subtitle: fill(rng.pick(bank.SUBTITLES), vars),
		heroPoints: ui.heroPoints(String(chapters.length + 1), checklistCount),
		featuresHeading: fill(rng.pick(bank.FEATURE_HEADINGS), vars),
		featuresIntro: fill(rng.pick(bank.FEATURE_INTROS), vars),
		features,
		insideHeading: rng.pick(bank.INSIDE_HEADINGS),
		insideIntro: rng.pick(bank.INSIDE_INTROS),
		files,
		stepsHeading: rng.pick(bank.STEP_HEADINGS),
		steps: rng.pick(bank.STEPS).map((s) => ({ title: s.title, body: fill(s.body, vars) })),
		audienceHeading: rng.pick(bank.AUDIENCE_HEADINGS),
		audienceItems: rng.sample(bank.AUDIENCE_ITEMS, 4).map((item) => fill(item, vars)),
		ctaHeading: fill(rng.pick(bank.CTA_HEADINGS), vars),
		ctaBody: fill(rng.pick(bank.CTA_BODIES), vars),
		ctaButton: rng.pick(bank.CTA_BUTTONS),
		faqHeading: rng.pick(bank.FAQ_HEADINGS),
		faqs,
		guideIntro: [
			fill(rng.pick(bank.GUIDE_INTROS), vars),
			fill(rng.pick(language.angles.angles[profile.angle].intros), vars),
			bank.GUIDE_LEVEL_NOTES[profile.level],
		],
		chapters,
		plan,
		guideClosing: fill(rng.pick(bank.GUIDE_CLOSINGS), vars),
		checklistIntro: fill(rng.pick(bank.CHECKLIST_INTROS), vars),
		checklist,
		checklistCount,
	};
}
