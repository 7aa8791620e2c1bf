import type { Rng } from "../../../shared/prng";
import type { AngleBank, BodySource } from "./angle-bank/types";
import type { AngleId } from "./angles";
import type { DomainPack, FeatureIdea, GuideChapter } from "./domains/types";
import { fill, type TextVars } from "./text";

/** The least words a guide chapter has (heading, paragraphs and tips): a paid guide's chapter, not a teaser. */
export const MIN_CHAPTER_WORDS = 260;
/** Drill formats one kit uses (each at most once per chapter). */
const DRILLS_PER_KIT = 4;
/** The fewest chapters the guide has before its 30-day plan. */
export const MIN_CHAPTERS = 6;

export function wordCount(text: string): number {
	return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** A source sentence list cut at sentence ends (Latin and Korean text both end sentences with . ! ?). */
function sentences(paragraph: string): string[] {
	return paragraph.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== "");
}

/** A shuffled, endless queue: every element is used once before any is used again. */
function queue<T>(items: readonly T[], rng: Rng): () => T | undefined {
	let order = rng.shuffle(items);
	let next = 0;
	return () => {
		if (items.length === 0) return undefined;
		if (next >= order.length) {
			order = rng.shuffle(items);
			next = 0;
		}
		return order[next++];
	};
}

type Source = { chapter: GuideChapter } | { feature: FeatureIdea };

/**
 * The chapters' sources: most of the domain's chapters in order, plus feature ideas made into
 * chapters at random places, so each kit selects its own chapters and has at least
 * {@link MIN_CHAPTERS}.
 */
function chooseSources(domain: DomainPack, rng: Rng, features: FeatureIdea[], angle: AngleId): Source[] {
	// The 30-day challenge gives each chapter five days, so it has exactly six.
	const total = angle === "challenge" ? MIN_CHAPTERS : rng.int(MIN_CHAPTERS, MIN_CHAPTERS + 1);
	const fromDomain = Math.min(domain.chapters.length, total - 1, rng.int(4, 6));
	const sources: Source[] = rng.sampleInOrder(domain.chapters, fromDomain).map((chapter) => ({ chapter }));
	while (sources.length < total) {
		const feature = features.shift();
		if (!feature) break;
		sources.splice(rng.int(1, sources.length), 0, { feature });
	}
	return sources;
}

/**
 * Writes the guide's chapters in the kit's angle. Each chapter is the angle's heading, an opener
 * tied to the topic's own subject, a seeded selection of the source's sentences, the angle's block
 * (steps, lesson parts, rules of thumb, days …) drawn from the domain's checklist, tips, terms
 * and features, and a closer; it is topped up to {@link MIN_CHAPTER_WORDS}. Every pool is a
 * shuffled queue, so a kit uses each sentence once before repeating and two kits rarely put the
 * same sentence on the same chapter.
 */
export function buildChapters(args: { domain: DomainPack; angle: AngleId; bank: AngleBank; base: TextVars; rng: Rng }): GuideChapter[] {
	const { domain, bank, base, rng } = args;
	const text = bank.angles[args.angle];
	const features = rng.shuffle(domain.features);
	const sources = chooseSources(domain, rng, features, args.angle);
	const nextFeature = queue(features.length > 0 ? features : domain.features, rng);
	const nextItem = queue(
		domain.checklist.flatMap((group) => group.items),
		rng,
	);
	const nextTerm = queue(domain.terms, rng);
	const nextQuestion = queue(bank.questions, rng);
	const nextGlobalTip = queue(
		domain.chapters.flatMap((chapter) => chapter.tips),
		rng,
	);
	const nextOpener = queue(bank.openers, rng);
	const nextLink = queue(bank.links, rng);
	const nextCloser = queue(bank.closers, rng);
	// Each kit keeps its own few drill formats and half of the advice: two kits then share little of
	// either, while within a kit a drill format recurs with other terms and minutes, like a house style.
	const nextFiller = queue(rng.sample(bank.fillers, Math.ceil(bank.fillers.length / 3)), rng);
	const nextDrill = queue(rng.sample(bank.drills, DRILLS_PER_KIT), rng);
	const titleFrame = rng.pick(text.chapterTitles);
	const daysPer = Math.floor(30 / sources.length);

	return sources.map((source, index) => {
		const sourceTitle = "chapter" in source ? source.chapter.title : source.feature.title;
		const day = Math.min(index * daysPer + 1, 30);
		const dayEnd = Math.min(day + daysPer - 1, 30);
		const vars: Record<string, string> = {
			...base,
			title: fill(sourceTitle, base),
			n: String(index + 1),
			day: String(day),
			dayB: String(Math.min(day + 1, dayEnd)),
			dayC: String(Math.min(day + 2, dayEnd)),
			dayD: String(Math.min(day + 3, dayEnd)),
			dayEnd: String(dayEnd),
			term: nextTerm() ?? "",
			termB: nextTerm() ?? "",
		};
		const own = (s: string): string => fill(s, vars);
		const chapterTips = rng.shuffle("chapter" in source ? source.chapter.tips : []);
		const takeTip = (): string => chapterTips.shift() ?? nextGlobalTip() ?? "";

		const opener = [own(nextOpener() ?? ""), own(nextLink() ?? "")];
		const sourceSentences =
			"chapter" in source ? source.chapter.paragraphs.flatMap(sentences) : [...sentences(source.feature.body), ...sentences(nextFeature()?.body ?? "")];
		const kept = sourceSentences.filter(() => rng.chance(0.35));
		const body = kept.length >= 2 ? kept : sourceSentences.slice(0, 2);
		const half = body.length >= 4 ? Math.ceil(body.length / 2) : body.length;
		const sourceParagraphs = [body.slice(0, half), body.slice(half)].filter((part) => part.length > 0).map((part) => own(part.join(" ")));

		const block: string[][] = [];
		text.body.forEach((line, i) => {
			const values: Record<BodySource, () => Record<string, string>> = {
				item: () => ({ item: (nextItem() ?? "").replace(/[.!?]$/, "") }),
				tip: () => ({ tip: takeTip() }),
				feature: () => {
					const feature = nextFeature();
					return { featureTitle: feature?.title ?? "", featureBody: feature?.body ?? "" };
				},
				term: () => ({ term: nextTerm() ?? vars.term ?? "" }),
				question: () => ({ question: nextQuestion() ?? "" }),
				none: () => ({}),
			};
			const lineVars = { ...vars, ...values[line.source]() };
			// Values such as a feature body carry placeholders of their own.
			const sentence = fill(fill(rng.pick(line.frames), lineVars), lineVars);
			if (text.breaks.includes(i) || block.length === 0) block.push([sentence]);
			else block[block.length - 1]?.push(sentence);
		});

		// "Try this": the chapter's unused tips, completed to three with checklist items.
		const tips = chapterTips.slice(0, 2);
		while (tips.length < 3) tips.push((nextItem() ?? "").replace(/[.!?]?$/, "."));
		tips.forEach((tip, i) => {
			tips[i] = own(tip);
		});
		const paragraphs = [opener.join(" "), ...sourceParagraphs, ...block.map((lines) => lines.join(" "))];
		const closer = own(nextCloser() ?? "");
		const heading = fill(titleFrame, vars);
		const fillers: string[] = [];
		const words = (): number => wordCount([heading, ...paragraphs, ...fillers, closer, ...tips].join(" "));
		// Top up with general advice (each sentence at most once per kit) until the chapter is long enough.
		const drill = (): string => {
			const [term = "", termB = "", termC = ""] = rng.sample(domain.terms, 3);
			const minutes = { mA: String(rng.int(3, 12) * 5), mB: String(rng.int(2, 9) * 5), mC: String(rng.int(1, 6) * 5) };
			return fill(nextDrill() ?? "", { ...vars, ...minutes, term, termB, termC });
		};
		for (let round = 0; round < DRILLS_PER_KIT && words() < MIN_CHAPTER_WORDS; round++) fillers.push(drill());
		for (let round = 0; round < bank.fillers.length && words() < MIN_CHAPTER_WORDS; round++) fillers.push(own(nextFiller() ?? ""));
		if (fillers.length > 0) paragraphs.splice(paragraphs.length - block.length, 0, fillers.join(" "));
		return { title: heading, paragraphs: [...paragraphs, closer], tips };
	});
}
